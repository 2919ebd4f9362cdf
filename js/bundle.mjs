// Bundles the bridge's ES modules (js/src/*.mjs) into one classic script for hosts.
//   node js/bundle.mjs OUT.js
// A host's <script src=... async> must be a classic script: only classic scripts have
// document.currentScript, which is how a script tag finds its data-* options. The modules keep two
// rules that make plain concatenation safe, checked here: imports are single-line
// `import { a, b } from './x.mjs';` of names unique across the bridge, and exports are `export`
// in front of a top-level declaration. Modules are emitted in dependency order. Core's locale
// negotiation table (widget/core/locale_table.h) is written into js/src/locale.mjs's placeholder.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLocaleTable } from './locale-table.mjs';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), 'src');
const IMPORT = /^import \{([^}]*)\} from '\.\/([a-z-]+\.mjs)';$/;

function load(name) {
  const lines = readFileSync(join(srcDir, name), 'utf8').split('\n');
  const deps = [];
  const body = [];
  for (const [i, line] of lines.entries()) {
    const m = IMPORT.exec(line);
    if (m) { deps.push(m[2]); continue; }
    if (/^\s*import[\s({]/.test(line) || /\bimport\(/.test(line))
      throw new Error(`${name}:${i + 1}: only single-line relative named imports are allowed`);
    if (/^export\s+(default|\{|\*)/.test(line)) throw new Error(`${name}:${i + 1}: export a declaration instead`);
    body.push(line.replace(/^export (async function|function|class|const|let) /, '$1 '));
  }
  return { name, deps, body };
}

const modules = new Map(readdirSync(srcDir).filter((f) => f.endsWith('.mjs')).map((f) => [f, load(f)]));
const order = [];
const state = new Map();
function visit(name, from) {
  if (!modules.has(name)) throw new Error(`${from}: imports missing module ${name}`);
  if (state.get(name) === 'done') return;
  if (state.get(name) === 'visiting') throw new Error(`import cycle through ${name}`);
  state.set(name, 'visiting');
  for (const dep of modules.get(name).deps) visit(dep, name);
  state.set(name, 'done');
  order.push(name);
}
visit('main.mjs', 'bundle');
for (const name of modules.keys()) if (!order.includes(name)) throw new Error(`${name} is not reached from main.mjs`);

// What hosts download carries no comments, indentation or blank lines: a quarter of the bridge's brotli size
// (js/src is the readable form). Safe by the rule checked below: no template literal spans lines, so every line
// starting with // is a comment and leading blanks are never inside a string.
const out = ['/* Tabi Renew bridge: bundled from js/src by js/bundle.mjs. */', '(function () {', "'use strict';"];
for (const name of order) {
  for (const line of modules.get(name).body) {
    if ((line.match(/`/g) || []).length % 2 === 1)
      throw new Error(`${name}: a template literal spans lines near "${line.trim()}"; keep each on one line`);
    const code = line.trim();
    if (code === '' || code.startsWith('//')) continue;
    out.push(code);
  }
}
out.push('})();', '');
const LOCALE_TABLE_PLACEHOLDER = '/*TABI_LOCALE_TABLE*/null';
let text = out.join('\n');
if (text.split(LOCALE_TABLE_PLACEHOLDER).length !== 2)
  throw new Error(`the locale table's placeholder ${LOCALE_TABLE_PLACEHOLDER} is not in js/src/locale.mjs once`);
text = text.replace(LOCALE_TABLE_PLACEHOLDER, () => JSON.stringify(readLocaleTable()));
writeFileSync(process.argv[2], text);
