// Runs every suite after ./dev test has built native and wasm, and ends with one summary line.
//   native: ctest (doctest suites of core and ui, built with ASan + UBSan)
//   js:     node:test unit tests of the bridge (tests/js)
//   browser: node:test + playwright-core driving Debian's Chromium (tests/browser)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024, ...opts });
  process.stdout.write(result.stdout || '');
  process.stderr.write(result.stderr || '');
  return result;
}

function ctest() {
  const r = run('ctest', ['--preset', 'native', '-j2']);
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout || '');
  if (!m) {
    suites.push(['native (ctest)', 0, 1, 0]);
    return;
  }
  const failed = Number(m[2]);
  const total = Number(m[3]);
  suites.push(['native (ctest)', total - failed, failed, 0]);
}

function nodeTests(name, dir, extraArgs = []) {
  const full = join(root, dir);
  if (!existsSync(full)) return;
  const files = readdirSync(full).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(dir, f));
  if (files.length === 0) return;
  const tmp = mkdtempSync(join(tmpdir(), 'tabi-tap-'));
  const tap = join(tmp, 'out.tap');
  const r = run(process.execPath, [...extraArgs, '--test', '--test-concurrency=1',
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

ctest();
nodeTests('js (node:test)', 'tests/js');
nodeTests('browser (Chromium)', 'tests/browser');

console.log('\nSuites:');
for (const [name, passed, failed, skipped] of suites) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  console.log(`  ${name.padEnd(22)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
