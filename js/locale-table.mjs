// Reads core's negotiation table (widget/core/locale_table.h, the TABI_LOCALE_TABLE rows) for the bridge: js/bundle.mjs
// writes it into js/src/locale.mjs's LOCALE_TABLE, and the tests hand it to that module's functions. The C++ file is
// the only copy; this reads its rows as text and throws on a row of another shape rather than skip it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LOCALE_TABLE_HEADER = join(root, 'widget', 'core', 'locale_table.h');

const ROW = /^X\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)$/;
const TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const WORDS = /^([A-Za-z]+( [A-Za-z]+)*)?$/;

// [{ tag, languages, scripts, regions }] in the table's order (the Locale enum's), lists as arrays of words.
export function parseLocaleTable(text, where = 'locale_table.h') {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#define TABI_LOCALE_TABLE\(X\)/.test(l));
  if (start < 0) throw new Error(`${where}: no #define TABI_LOCALE_TABLE(X)`);
  const rows = [];
  for (let i = start; lines[i] !== undefined && lines[i].trimEnd().endsWith('\\'); ) {
    i++;
    const line = lines[i].trim().replace(/\s*\\$/, '');
    if (line === '') continue;
    const m = ROW.exec(line);
    if (!m) throw new Error(`${where}:${i + 1}: not a row X(name, "tag", "languages", "scripts", "regions"): ${line}`);
    const [, , tag, ...lists] = m;
    if (!TAG.test(tag)) throw new Error(`${where}:${i + 1}: "${tag}" is not a language tag`);
    for (const list of lists)
      if (!WORDS.test(list)) throw new Error(`${where}:${i + 1}: "${list}" is not ASCII words split by single spaces`);
    const [languages, scripts, regions] = lists.map((l) => (l === '' ? [] : l.split(' ')));
    rows.push({ tag, languages, scripts, regions });
  }
  if (rows.length === 0) throw new Error(`${where}: TABI_LOCALE_TABLE has no rows`);
  return rows;
}

export function readLocaleTable(path = LOCALE_TABLE_HEADER) {
  return parseLocaleTable(readFileSync(path, 'utf8'), path);
}
