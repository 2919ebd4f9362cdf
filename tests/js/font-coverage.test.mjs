// The built CJK font slices cover each locale's everyday character sets (issue: at least 99.9 % each):
// tests/fonts/check_coverage.py reads the slices' cmaps in build/wasm/dist (the wasm build makes them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = process.env.TABI_DIST || join(root, 'build', 'wasm', 'dist');
const REQUIRED = {
  'zh-Hans': ['GB 2312'],
  'zh-Hant': ['Big5 common (A140-C67E)'],
  ja: ['JIS X 0208 (kanji, kana, symbols)', 'kana'],
  ko: ['KS X 1001 hangul', 'KS X 1001 hanja'],
};

test('each CJK locale\'s font slices cover at least 99.9 % of its everyday sets, full-width forms and CJK punctuation', (t) => {
  assert.ok(existsSync(join(dist, 'manifest.json')), `no wasm build in ${dist}: build it first (./dev test does)`);
  const latin = /set\(TABI_LATIN_UNICODES "([^"]+)"\)/.exec(readFileSync(join(root, 'CMakeLists.txt'), 'utf8'))[1];
  const run = spawnSync('/usr/bin/python3', [join(root, 'tests', 'fonts', 'check_coverage.py'), dist, latin],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  for (const [locale, names] of Object.entries(REQUIRED)) {
    const entry = report[locale];
    assert.ok(entry.slices > 1, `${locale}: slices built`);
    for (const [name, s] of Object.entries(entry.sets))
      t.diagnostic(`${locale} ${name}: ${s.covered}/${s.size} (${s.percent} %)${s.missing ? ` lacking ${s.missing}` : ''}`);
    for (const name of [...names, 'full-width forms', 'CJK punctuation']) {
      const s = entry.sets[name];
      assert.ok(s.percent >= 99.9, `${locale} ${name}: ${s.percent} % (lacking ${s.missing})`);
    }
    t.diagnostic(`${locale}: ${entry.slices} slices, ${entry.bytes} bytes`);
  }
});
