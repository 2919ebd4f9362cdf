// The wasm-bridge protocol is defined once, in widget/core/bridge_protocol.h (the C++ side switches over its enums
// and does not compile without every case). This checks the bridge against that table: the requests it serves,
// the messages it sends, and the C ABI's exports as wasm/main.cpp defines them, wasm/wasm.cmake exports them and
// main.cpp's opening comment lists them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const read = (path) => readFileSync(join(root, path), 'utf8');

// The names of one X-macro list of the header: its X(enumerator, "name") lines.
function tableNames(header, macro) {
  const start = header.indexOf(`#define ${macro}(X)`);
  assert.ok(start >= 0, `${macro} is defined in bridge_protocol.h`);
  const names = [];
  for (const line of header.slice(start).split('\n').slice(1)) {
    const m = line.match(/^\s*X\(\w+, "([a-z0-9-]+)"\)/);
    if (!m) break;
    names.push(m[1]);
  }
  return names;
}

const header = read('widget/core/bridge_protocol.h');
const REQUESTS = tableNames(header, 'TABI_BRIDGE_REQUESTS');
const MESSAGES = tableNames(header, 'TABI_BRIDGE_MESSAGES');
const sorted = (list) => [...new Set(list)].sort();

test('the table is read: requests and messages, each name once', () => {
  assert.ok(REQUESTS.length >= 10 && MESSAGES.length >= 10, `${REQUESTS.length} requests, ${MESSAGES.length} messages`);
  assert.equal(new Set(REQUESTS).size, REQUESTS.length);
  assert.equal(new Set(MESSAGES).size, MESSAGES.length);
});

test('the bridge serves exactly the requests of the table', () => {
  const widget = read('js/src/widget.mjs');
  const body = widget.slice(widget.indexOf('  serve(kind, req) {'));
  const serve = body.slice(0, body.indexOf('\n  }\n'));
  const cases = [...serve.matchAll(/case '([a-z0-9-]+)':/g)].map((m) => m[1]);
  assert.deepEqual(sorted(cases), sorted(REQUESTS));
});

test('the bridge sends only messages of the table, and every one of them', () => {
  const dir = join(root, 'js', 'src');
  const sent = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/\btype: '([a-z0-9-]+)'/g)) sent.push(m[1]);
  }
  assert.deepEqual(sorted(sent), sorted(MESSAGES));
});

test('the C ABI: main.cpp\'s exports, wasm.cmake\'s export list and main.cpp\'s opening comment agree', () => {
  const main = read('wasm/main.cpp');
  const defined = [...main.matchAll(/EMSCRIPTEN_KEEPALIVE \w+\*? (tabi_\w+)\(/g)].map((m) => m[1]);
  const cmake = read('wasm/wasm.cmake').match(/set\(_exports "([^"]+)"\)/)[1].split(',')
    .map((s) => s.replace(/^_/, '')).filter((s) => s.startsWith('tabi_'));
  const comment = main.slice(0, main.indexOf('#include'));
  const listed = sorted([...comment.matchAll(/\b(tabi_(?:widget|core)_\w+)\(/g)].map((m) => m[1]));
  assert.deepEqual(sorted(defined), sorted(cmake));
  assert.deepEqual(listed, sorted(defined));
});
