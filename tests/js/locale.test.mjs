// The bridge's locale negotiation (js/src/locale.mjs) from core's table (widget/core/locale_table.h, read by
// js/locale-table.mjs). That it agrees with core's on thousands of tags is checked by the native build
// (tests/js/locale-cases.mjs -> tests/core/messages_test.cpp); here: the table as read, the bundle, the rules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseLocaleTable, readLocaleTable } from '../../js/locale-table.mjs';
import { LOCALE_TABLE, matchLocale, negotiateLocale } from '../../js/src/locale.mjs';
import { UI_LOCALES } from '../../js/src/options.mjs';
import { localeCases } from './locale-cases.mjs';

const table = readLocaleTable();
const match = (tag) => matchLocale(tag, table);

test('the table is read from core, one row per locale', () => {
  assert.deepEqual(table.map((r) => r.tag), UI_LOCALES, 'the options\' list of locales is the table\'s');
  const zhHant = table.find((r) => r.tag === 'zh-Hant');
  assert.deepEqual(zhHant, { tag: 'zh-Hant', languages: ['yue'], scripts: ['Hant'], regions: ['TW', 'HK', 'MO'] });
  assert.equal(LOCALE_TABLE, null, 'unbundled, the placeholder stays empty');
  assert.equal(negotiateLocale('ja', []), null, 'and nothing is negotiated without the table');
});

test('a row of another shape is an error, not a row left out', () => {
  const header = (rows) => `#define TABI_LOCALE_TABLE(X) \\\n${rows.join(' \\\n')}\n`;
  assert.equal(parseLocaleTable(header(['    X(en, "en", "en", "", "")'])).length, 1);
  assert.throws(() => parseLocaleTable(header(['X(en, "en", "en", "", "")', 'X(ja, "ja", "ja")'])), /not a row/);
  assert.throws(() => parseLocaleTable(header(['X(ja, "ja", "ja  jpn", "", "")'])), /ASCII words/);
  assert.throws(() => parseLocaleTable(header(['X(ja, "j a", "ja", "", "")'])), /not a language tag/);
  assert.throws(() => parseLocaleTable('#define OTHER(X)\n'), /no #define/);
});

test('the bundle carries the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tabi-bundle-'));
  try {
    const out = join(dir, 'bridge.js');
    const bundle = fileURLToPath(new URL('../../js/bundle.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bundle, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.includes(`const LOCALE_TABLE = ${JSON.stringify(table)};`));
    assert.ok(!text.includes('TABI_LOCALE_TABLE'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one tag: regions, scripts, Cantonese, case, separators, weights', () => {
  for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK', 'zh-hant-cn', 'ZH-TW', 'zh_TW', 'yue',
    'yue-HK', 'zh-yue', ' zh-TW ', 'zh-TW;q=0.9', 'zh-TW-Hant'])
    assert.equal(match(tag), 'zh-Hant', tag);
  for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-MY', 'zh_CN', 'zh-Hans', 'zh-Hans-HK', 'ZH-hans', 'cmn', 'yue-CN',
    'yue-Hans', 'zh-419', 'zh-TW-Hans'])
    assert.equal(match(tag), 'zh-Hans', tag);
  for (const [tag, want] of [['ja', 'ja'], ['ja-JP', 'ja'], ['JA_jp', 'ja'], ['ko-KR', 'ko'], ['en-GB', 'en'],
    ['en_AU', 'en'], ['ja-TW', 'ja']])
    assert.equal(match(tag), want, tag);
  for (const tag of ['', ' ', 'fr', 'fr-FR', 'jav', 'kor', 'auto', '*', '-', ';q=1', 'x-klingon', 'japanese',
    '\u212Ao', 'ｊａ', 'ja\u0000', null, undefined, 42])
    assert.equal(match(tag), null, JSON.stringify(tag));
  assert.equal(match('zh-a-b-c-d-e-f-g-h-i-Hant'), 'zh-Hans', 'subtags after the eighth are not looked at');
  assert.equal(match('zh-Hant-a-b-c-d-e-f-g-h-i-j-k'), 'zh-Hant');
});

test('the host\'s explicit choice first, then the page\'s languages in order, then English', () => {
  const n = (requested, languages) => negotiateLocale(requested, languages, table);
  assert.equal(n('auto', ['fr-FR', 'ja']), 'ja');
  assert.equal(n('', ['fr-FR', 'ja']), 'ja');
  assert.equal(n('AUTO', ['zh-TW', 'en']), 'zh-Hant');
  assert.equal(n('auto', ['de', 'fr']), 'en');
  assert.equal(n('auto', []), 'en');
  assert.equal(n('ko', ['ja', 'zh-CN']), 'ko');
  assert.equal(n('zh-HK', ['ja']), 'zh-Hant');
  assert.equal(n('ko-KR', []), 'ko');
  assert.equal(n('fr', ['de', 'ko-KR']), 'ko');
  assert.equal(n(' en ', ['ja']), 'en');
  assert.equal(n('auto', ['', 'x', 'zh-Hans-SG', 'ja']), 'zh-Hans');
  assert.equal(n(undefined, ['ja-JP']), 'ja');
  assert.equal(n('auto', [null, 7, 'ko']), 'ko', 'what is not a string is passed over, as core drops it');
});

test('the cases core is checked against answer every locale', () => {
  const { match: matched, negotiate } = localeCases(table);
  for (const tag of UI_LOCALES) {
    assert.ok(matched.some((c) => c.locale === tag), `a tag matches ${tag}`);
    assert.ok(negotiate.some((c) => c.locale === tag), `a negotiation ends in ${tag}`);
  }
  assert.ok(matched.some((c) => c.locale === null));
});
