// The language tags both locale negotiations are fed, core's (widget/core/messages.cpp) and the bridge's
// (js/src/locale.mjs), with the bridge's answers, so core's tests can check they agree on every one:
//   node tests/js/locale-cases.mjs OUT.json
// The native build runs this (tests/native.cmake) and tests/core/messages_test.cpp compares OUT.json's answers with
// match_locale and negotiate_locale's. Both sides read the same table, widget/core/locale_table.h.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLocaleTable } from '../../js/locale-table.mjs';
import { matchLocale, negotiateLocale } from '../../js/src/locale.mjs';

// Exact, regional, odd case and separators, scripts, Cantonese, unknown, malformed.
export const TAGS = [
  'en', 'zh-Hans', 'zh-Hant', 'ja', 'ko',
  'en-US', 'en-GB', 'en_AU', 'EN', 'en-Latn-US', 'ja-JP', 'JA_jp', 'ja-Jpan', 'ja-Latn', 'ko-KR', 'KO-kr', 'ko-Kore-KR',
  'zh', 'ZH', 'zh-CN', 'zh-SG', 'zh-MY', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-tw', 'ZH-TW', 'zh_TW', 'zh-hant', 'ZH-hans',
  'zh-Hant-HK', 'zh-Hant-TW', 'zh-hant-cn', 'zh-Hans-CN', 'zh-Hans-HK', 'zh-Hans-SG', 'zh_Hant_HK', 'zh-CN-Hant',
  'zh-TW-Hans', 'zh-419', 'zh-Latn', 'zh-Latn-TW', 'zh-yue', 'zh-yue-HK', 'zh-yue-CN', 'zh-cmn', 'zh-cmn-Hant',
  'yue', 'yue-HK', 'yue-CN', 'yue-Hans', 'yue-zh', 'yue-cmn', 'cmn', 'cmn-CN', 'cmn-TW', 'cmn-yue', 'cmn-Hant-CN',
  'zh-TW;q=0.9', ' zh-TW ', '\tja\n', 'ko;q=0', 'zh-HK; q=0.8', ';q=1', 'ja;', 'fr', 'fr-FR', 'de', 'de-CH', 'es-419',
  'pt-BR', 'jav', 'kor', 'eng', 'zht', 'zho', 'jpn', 'auto', 'AUTO', '*', '-', '--', '_', '', ' ', 'x-klingon',
  'i-klingon', 'z', 'japanese', 'zh-', 'zh--TW', 'zh-_TW', '-zh', 'zh-a-b-c-d-e-f-g-h-i-Hant',
  'zh-Hant-a-b-c-d-e-f-g-h-i-j-k', 'zh-a-b-c-d-e-f-TW', 'zh-a-b-c-d-e-f-g-TW', 'en-Hant', 'ja-TW', 'ko-Hans',
  'zh\u00ff', '\u212Ao', 'ｊａ', 'ja\u0000', 'zh-ＴＷ', 'zh-Hänt', 'ja-JP-u-ca-japanese', 'zh-Hant-TW-x-private',
];

export const LANGUAGE_LISTS = [
  [], ['en'], ['ja-JP'], ['ja-JP', 'en'], ['zh-TW', 'en'], ['zh-TW', 'zh-CN'], ['zh-CN', 'zh-TW'], ['fr-FR', 'ja'],
  ['de', 'fr'], ['', 'x', 'zh-Hans-SG', 'ja'], ['en-US', 'ko-KR'], ['fr', 'de', 'ko-KR'], ['yue', 'en'],
  ['zh-HK', 'zh-Hant', 'zh'], ['auto', 'ja'], [' ', ';q=1', 'ko;q=0.5'], ['KO'], ['\u212Ao', 'ja'],
];

export const REQUESTED = ['auto', 'AUTO', ' auto ', 'Auto', '', ' ', 'en', 'ja', 'ja-JP', 'ko-KR', 'zh-TW', 'zh-HK',
  'zh-CN', 'zh-Hant', 'zh_cn', 'yue', 'fr', 'x', 'zh-Hans-SG', ' en ', 'ko;q=0.1', 'autos'];

// A few thousand more, built from subtags that mean something to the table and some that do not
// (a fixed seed: the same cases every run).
function randomTags(count) {
  const pool = ['zh', 'ZH', 'cmn', 'yue', 'Yue', 'en', 'ja', 'ko', 'JA', 'fr', 'Hant', 'hant', 'Hans', 'HANS', 'TW',
    'tw', 'HK', 'MO', 'mo', 'CN', 'SG', 'JP', 'KR', 'US', '419', 'Latn', 'x', 'a', '', 'yu', 'q', ';q=0.5', 'Kr', 'zho'];
  let seed = 0x2d8003d9;
  const next = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const tags = [];
  for (let i = 0; i < count; i++) {
    let tag = pool[next(pool.length)];
    for (let k = next(11); k > 0; k--) tag += (next(3) ? '-' : '_') + pool[next(pool.length)];
    tags.push(next(6) === 0 ? ` ${tag} ` : tag);
  }
  return tags;
}

export function localeCases(table = readLocaleTable()) {
  const tags = [...TAGS, ...randomTags(4000)];
  const match = tags.map((tag) => ({ tag, locale: matchLocale(tag, table) }));
  const negotiate = [];
  for (const requested of [...REQUESTED, ...TAGS])
    for (const languages of LANGUAGE_LISTS)
      negotiate.push({ requested, languages, locale: negotiateLocale(requested, languages, table) });
  for (const [i, tag] of tags.entries())  // 'auto' with one more list per random tag: the tag after a miss
    negotiate.push({ requested: 'auto', languages: ['fr', tag, i % 2 ? 'ja' : 'zh-TW'],
      locale: negotiateLocale('auto', ['fr', tag, i % 2 ? 'ja' : 'zh-TW'], table) });
  return { match, negotiate };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) throw new Error('usage: node tests/js/locale-cases.mjs OUT.json');
  writeFileSync(process.argv[2], `${JSON.stringify(localeCases(), null, 0)}\n`);
}
