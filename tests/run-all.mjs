// Runs every suite after ./dev test has built native and wasm, and ends with one summary line.
//   native: ctest (doctest suites of core and ui, built with ASan + UBSan)
//   js:     node:test unit tests of the bridge (tests/js)
//   fuzz:    each libFuzzer target (build/fuzz) for TABI_FUZZ_SECONDS (default 8) from its seeds
//   browser: node:test + playwright-core driving Debian's Chromium (tests/browser)
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

// Runs a command and passes its output on as it comes (a CI log shows progress), keeping it for the summary.
// Asynchronous on purpose: under spawnSync the event loop stops, what this process writes to a pipe (a CI log)
// waits once the pipe's 64 KB are full, and process.exit then dropped the rest: the chaos lines and the summary.
function run(cmd, args, { echo = true, ...opts } = {}) {
  return new Promise((settle) => {
    const out = [];
    const err = [];
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    child.stdout.on('data', (chunk) => { out.push(chunk); if (echo) process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { err.push(chunk); if (echo) process.stderr.write(chunk); });
    const done = (status, failure = '') => settle({ status, stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8') + failure });
    child.on('error', (e) => done(null, `${cmd}: ${e.message}\n`));
    child.on('close', (status) => done(status));
  });
}

async function ctest() {
  const r = await run('ctest', ['--preset', 'native', '-j2']);
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout || '');
  if (!m) {
    suites.push(['native (ctest)', 0, 1, 0]);
    return;
  }
  const failed = Number(m[2]);
  const total = Number(m[3]);
  suites.push(['native (ctest)', total - failed, failed, 0]);
  // ctest shows no output of a test that passes: the payment chaos test's summary is read from its log.
  const log = join(root, 'build', 'native', 'Testing', 'Temporary', 'LastTest.log');
  if (existsSync(log))
    for (const line of readFileSync(log, 'utf8').split('\n')) if (line.startsWith('payment chaos')) console.log(line);
}

async function nodeTests(name, dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return;
  const files = readdirSync(full).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(dir, f));
  if (files.length === 0) return;
  const tmp = mkdtempSync(join(tmpdir(), 'tabi-tap-'));
  const tap = join(tmp, 'out.tap');
  const r = await run(process.execPath, ['--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tmp, { recursive: true, force: true });
  const count = (label) => Number((new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text) || [])[1] || 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (r.status !== 0 && failed === 0) failed = 1; // crashed before reporting
  suites.push([name, passed, failed, count('skipped') + count('todo')]);
}

// Each fuzzer runs from a scratch copy of its seeds (tests/fuzz/seeds/<target>) so the repo stays clean.
// A crash, leak or broken invariant makes libFuzzer exit non-zero: that target counts as failed.
const extraSeeds = { fuzz_catalog: ['widget/core/sample_catalog.json', 'examples/custom-catalog/plans.json'] };

async function fuzz() {
  const dir = join(root, 'build', 'fuzz');
  if (!existsSync(dir)) return;
  const seconds = Number(process.env.TABI_FUZZ_SECONDS || 8);
  const targets = readdirSync(dir).filter((f) => /^fuzz_[a-z_]+$/.test(f)).sort();
  let passed = 0;
  let failed = 0;
  for (const target of targets) {
    const corpus = mkdtempSync(join(tmpdir(), `tabi-${target}-`));
    const seeds = join(root, 'tests', 'fuzz', 'seeds', target);
    const seedDirs = existsSync(seeds) ? [seeds] : [];
    for (const file of extraSeeds[target] || []) copyFileSync(join(root, file), join(corpus, basename(file)));
    const r = await run(join(dir, target), [corpus, ...seedDirs, `-max_total_time=${seconds}`, '-rss_limit_mb=2048',
      '-max_len=65536', `-artifact_prefix=${corpus}/`], { echo: false });
    const runs = (/Done (\d+) runs/.exec(r.stderr || '') || [])[1];
    if (r.status === 0 && runs) {
      passed += 1;
      console.log(`fuzz ${target}: ${runs} executions in ${seconds} s, 0 crashes`);
      rmSync(corpus, { recursive: true, force: true });
    } else {
      failed += 1;
      process.stderr.write((r.stderr || '').split('\n').slice(-60).join('\n'));
      console.log(`fuzz ${target}: FAILED (exit ${r.status}); crash input kept in ${corpus}`);
    }
  }
  suites.push(['fuzz (libFuzzer)', passed, failed, 0]);
}

await ctest();
await fuzz();
await nodeTests('js (node:test)', 'tests/js');
// One browser test file at a time: two at a time (544 s instead of 731 s) failed the chaos test in a fresh clone
// (docs/benchmark.md, "The test command's time").
await nodeTests('browser (Chromium)', 'tests/browser');

console.log('\nSuites:');
for (const [name, passed, failed, skipped] of suites) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  console.log(`  ${name.padEnd(22)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
// exitCode, not exit(): what is still on its way to a pipe is written before the process ends.
process.exitCode = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
