// Bundles the bridge's ES modules (js/src/*.mjs) into one file.
//   node js/bundle.mjs OUT.js
// writes the script tag's classic script (entry js/src/main.mjs); js/npm-package.mjs calls bundleBridge() for the
// npm package's ES module (entry js/src/package.mjs). A host's <script src=... async> must be a classic script:
// only classic scripts have document.currentScript, which is how a script tag finds its data-* options. The
// modules keep two rules that make plain concatenation safe, checked here: imports are single-line
// `import { a, b } from './x.mjs';` of names unique across the bridge, and exports are `export`
// in front of a top-level declaration. Modules are emitted in dependency order. Core's locale
// negotiation table (widget/core/locale_table.h) is written into js/src/locale.mjs's placeholder, and package.json's
// version into js/src/version.mjs's.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readLocaleTable } from './locale-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'js', 'src');
const IMPORT = /^import \{([^}]*)\} from '\.\/([a-z-]+\.mjs)';$/;
const EXPORT = /^export (?:async function|function|class|const|let) ([A-Za-z_$][\w$]*)/;
// Entries of the npm package only: not in the script tag's file.
const PACKAGE_ONLY = ['package.mjs'];

export const VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

function load(name, text) {
  const lines = text.split('\n');
  const deps = [];
  const exports = [];
  const body = [];
  for (const [i, line] of lines.entries()) {
    const m = IMPORT.exec(line);
    if (m) { deps.push(m[2]); continue; }
    if (/^\s*import[\s({]/.test(line) || /\bimport\(/.test(line))
      throw new Error(`${name}:${i + 1}: only single-line relative named imports are allowed`);
    if (/^export\s+(default|\{|\*)/.test(line)) throw new Error(`${name}:${i + 1}: export a declaration instead`);
    const exported = EXPORT.exec(line);
    if (exported) exports.push(exported[1]);
    body.push(line.replace(/^export (async function|function|class|const|let) /, '$1 '));
  }
  return { name, deps, exports, body };
}

// The bridge as one file. format 'script': the classic script (an IIFE) from main.mjs; 'module': an ES module from
// package.mjs, ending in `export { ... }` of what package.mjs exports. `replace` maps a module's file name to other
// source text (the npm package's asset table for asset-url.mjs).
export function bundleBridge({ format = 'script', replace = {} } = {}) {
  const entry = format === 'module' ? 'package.mjs' : 'main.mjs';
  const modules = new Map(readdirSync(srcDir).filter((f) => f.endsWith('.mjs'))
    .map((f) => [f, load(f, replace[f] !== undefined ? replace[f] : readFileSync(join(srcDir, f), 'utf8'))]));
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
  visit(entry, 'bundle');
  if (format === 'script') {
    for (const name of modules.keys())
      if (!order.includes(name) && !PACKAGE_ONLY.includes(name)) throw new Error(`${name} is not reached from main.mjs`);
  }

  // What hosts download carries no comments, indentation or blank lines: a quarter of the bridge's brotli size
  // (js/src is the readable form). Safe by the rule checked below: no template literal spans lines, so every line
  // starting with // is a comment and leading blanks are never inside a string.
  const out = ['/* Tabi Renew bridge: bundled from js/src by js/bundle.mjs. */'];
  if (format === 'script') out.push('(function () {', "'use strict';");
  for (const name of order) {
    for (const line of modules.get(name).body) {
      if ((line.match(/`/g) || []).length % 2 === 1)
        throw new Error(`${name}: a template literal spans lines near "${line.trim()}"; keep each on one line`);
      const code = line.trim();
      if (code === '' || code.startsWith('//')) continue;
      out.push(code);
    }
  }
  if (format === 'script') out.push('})();', '');
  else out.push(`export { ${modules.get(entry).exports.join(', ')} };`, '');
  let text = out.join('\n');
  const fill = (placeholder, value, where) => {
    if (text.split(placeholder).length !== 2) throw new Error(`the placeholder ${placeholder} is not in ${where} once`);
    text = text.replace(placeholder, () => value);
  };
  fill('/*TABI_LOCALE_TABLE*/null', JSON.stringify(readLocaleTable()), 'js/src/locale.mjs');
  fill("/*TABI_VERSION*/'0.0.0'", JSON.stringify(VERSION), 'js/src/version.mjs');
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv[2]) throw new Error('usage: node js/bundle.mjs OUT.js');
  writeFileSync(process.argv[2], bundleBridge());
}
