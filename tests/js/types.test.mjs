// js/tabi-renew.d.ts: type-checks examples/types/usage.ts (every call and option, and the mistakes the types must
// catch, as @ts-expect-error) with the project's TypeScript, and keeps the declarations in step with the bridge:
// every option, event, element attribute, handle method and core method the JavaScript has is declared.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CALLBACK_ALIASES } from '../../js/src/options.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const read = (path) => readFileSync(join(root, path), 'utf8');
const dts = read('js/tabi-renew.d.ts');
const usage = read('examples/types/usage.ts');
const usageReact = read('examples/types/react.tsx');

function typescriptBin() {
  try {
    const pkgPath = createRequire(join(root, 'package.json')).resolve('typescript/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.tsc;
    return { path: join(dirname(pkgPath), bin), version: pkg.version };
  } catch {
    return null;
  }
}

const tsc = typescriptBin();

test('tsc --noEmit -p examples/types passes (usage.ts against tabi-renew.d.ts)', {
  skip: tsc ? false : 'typescript is not installed: run `npm install` (it is a devDependency) to check the types',
}, (t) => {
  t.diagnostic(`TypeScript ${tsc.version}`);
  const r = spawnSync(process.execPath, [tsc.path, '--noEmit', '-p', 'examples/types'],
    { cwd: root, encoding: 'utf8', timeout: 120000 });
  const output = `${r.stdout || ''}${r.stderr || ''}`.trim();
  assert.equal(r.status, 0, `tsc failed:\n${output}`);
  assert.equal(output, '', 'tsc printed nothing');
});

// The body of `interface Name { ... }` inside the d.ts (first level only).
function interfaceBody(name) {
  const start = dts.search(new RegExp(`interface ${name}(<[^>]*>)? (extends [^{]+)?\\{`));
  assert.ok(start >= 0, `interface ${name} is declared`);
  let depth = 0;
  for (let i = dts.indexOf('{', start); i < dts.length; i++) {
    if (dts[i] === '{') depth++;
    else if (dts[i] === '}' && --depth === 0) return dts.slice(dts.indexOf('{', start) + 1, i);
  }
  throw new Error(`interface ${name} is not closed`);
}

function members(name) {
  const body = interfaceBody(name).replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/^\s{4}(?:readonly\s+)?([A-Za-z$_][\w$]*)\??[:(<]/gm)].map((m) => m[1]);
}

// A JavaScript array literal `const NAME = [...]` of strings in a source file.
function stringArray(path, name) {
  const m = new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(read(path));
  assert.ok(m, `${name} in ${path}`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

test('every option options.mjs accepts is declared and used in usage.ts', () => {
  const names = stringArray('js/src/options.mjs', 'OPTION_NAMES');
  assert.ok(names.length >= 13);
  assert.deepEqual(members('Options').sort(), [...names].sort());
  const optionsLiteral = /const options: TabiRenew\.Options = \{([\s\S]*?)\};/.exec(usage)[1];
  for (const name of names) assert.match(optionsLiteral, new RegExp(`\\b${name}\\b`), `usage.ts sets ${name}`);
  // data-* attributes of the script tag: optionsFromDataset reads ATTRIBUTE_OPTIONS.
  assert.match(read('js/src/options.mjs'), /for \(const key of ATTRIBUTE_OPTIONS\) \{\s*if \(dataset/);
  for (const key of stringArray('js/src/options.mjs', 'ATTRIBUTE_OPTIONS'))
    assert.ok(members('ScriptTagDataset').includes(key), `data-${key}`);
});

test('every widget event is in the event map with a detail type, and usage.ts listens to each', () => {
  const emitted = new Set(['ready', 'error']); // wasm/main.cpp (and the bridge's own webgl / continueUrl errors)
  for (const m of read('widget/core/session.cpp').matchAll(/event\("([a-z]+)"/g)) emitted.add(m[1]);
  assert.deepEqual(members('EventMap').sort(), [...emitted].sort());
  for (const name of emitted) assert.match(usage, new RegExp(`handle\\.on\\('${name}'`), `usage.ts listens to ${name}`);
  // Every error kind the code emits is a member of the ErrorDetail union.
  const kinds = new Set();
  for (const path of ['widget/core/session.cpp', 'wasm/main.cpp'])
    for (const m of read(path).matchAll(/\{"kind", "([A-Za-z-]+)"\}|emit_error\("([A-Za-z-]+)"/g)) kinds.add(m[1] || m[2]);
  for (const m of read('js/src/widget.mjs').matchAll(/emit\('error', \{ kind: '([A-Za-z-]+)'/g)) kinds.add(m[1]);
  const declared = [...dts.matchAll(/kind: '([A-Za-z-]+)';/g)].map((m) => m[1]);
  assert.deepEqual([...kinds].sort(), [...new Set(declared)].sort());
});

test('the handle, the core API and the element are declared as the bridge builds them', () => {
  const main = read('js/src/main.mjs');
  const api = read('js/src/api.mjs');
  const handleBody = /function handleOf\(widget\) \{([\s\S]*?)\n\}/.exec(api)[1];
  const handleNames = [...handleBody.matchAll(/^\s{4}(\w+):/gm)].map((m) => m[1]);
  assert.deepEqual(members('Handle').sort(), handleNames.sort());
  for (const name of handleNames.filter((n) => n !== 'element'))
    assert.match(usage, new RegExp(`handle\\.${name}\\(`), `usage.ts calls handle.${name}`);

  const coreBody = /Object\.freeze\(\{([\s\S]*?)\}\);/.exec(api.slice(api.indexOf('function core(')))[1];
  const coreNames = [...coreBody.matchAll(/^\s+(\w+): \(/gm)].map((m) => m[1]);
  assert.deepEqual(members('CoreApi').sort(), coreNames.sort());
  for (const name of coreNames) assert.match(usage, new RegExp(`core\\.${name}\\(`), `usage.ts calls core.${name}`);

  const globalNames = /window\.TabiRenew = Object\.freeze\(\{([^}]*)\}\)/.exec(main)[1]
    .split(',').map((s) => s.trim().split(':')[0]).filter((n) => !n.startsWith('__'));
  assert.deepEqual(members('Api').sort(), globalNames.sort());

  assert.deepEqual(members('ElementAttributes').sort(), stringArray('js/src/options.mjs', 'ATTRIBUTE_OPTIONS').sort());
  for (const name of stringArray('js/src/options.mjs', 'FUNCTION_OPTIONS')) {
    assert.ok(members('TabiRenewElement').includes(name), `<tabi-renew>.${name}`);
    assert.match(usage, new RegExp(`el\\.${name} = `), `usage.ts sets el.${name}`);
  }
  for (const name of Object.keys(CALLBACK_ALIASES))
    assert.ok(members('TabiRenewElement').includes(name), `<tabi-renew>.${name}`);
});

test('the order and payment result fields match what core writes and reads', () => {
  const order = read('widget/core/order.cpp');
  const hostJson = /std::string order_to_host_json\(const Order& order\) \{([\s\S]*?)\n\}/.exec(order)[1];
  const orderFields = [...hostJson.matchAll(/j\["(\w+)"\]/g)].map((m) => m[1]);
  assert.deepEqual(members('Order').sort(), [...new Set(orderFields)].sort());
  const resultReader = /read_payment_result\(Reader& r[\s\S]*?if \(!r\.ok\(\)\)/.exec(order)[0];
  const resultFields = [...resultReader.matchAll(/r\.\w+\(obj, where, "(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(members('PaymentResult').sort(), resultFields.sort());
  const statusHeader = read('widget/core/card_status.h');
  const statusFields = [...statusHeader.matchAll(/^\/\/ {3}"(\w+)"/gm)].map((m) => m[1]);
  assert.ok(statusFields.length >= 13);
  assert.deepEqual(members('CardStatus').sort(), statusFields.sort());
});

// The npm package's types (js/npm-package.mjs writes them from js/tabi-renew.d.ts): examples/types/react.tsx in a
// project where they are installed as node_modules/tabi-renew, with React 19's types (@types/react, pinned).
test('the npm package\'s module types and <tabi-renew>\'s JSX types check examples/types/react.tsx', {
  skip: tsc && existsSync(join(root, 'node_modules', '@types', 'react')) ? false
    : 'typescript or @types/react is not installed: run `npm install`',
}, async () => {
  const { REACT_TYPES, moduleTypes, packageJson } = await import('../../js/npm-package.mjs');
  const project = mkdtempSync(join(tmpdir(), 'tabi-types-'));
  try {
    const pkg = join(project, 'node_modules', 'tabi-renew');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify(packageJson('0.0.0')));
    writeFileSync(join(pkg, 'tabi-renew.d.ts'), moduleTypes(dts));
    writeFileSync(join(pkg, 'react.d.ts'), REACT_TYPES);
    mkdirSync(join(project, 'node_modules', '@types'));
    symlinkSync(join(root, 'node_modules', '@types', 'react'), join(project, 'node_modules', '@types', 'react'), 'dir');
    symlinkSync(join(root, 'node_modules', 'csstype'), join(project, 'node_modules', 'csstype'), 'dir');
    writeFileSync(join(project, 'react.tsx'), usageReact);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], module: 'ESNext',
        moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, exactOptionalPropertyTypes: true,
        noEmit: true, skipLibCheck: false, types: [] },
      files: ['react.tsx'],
    }));
    const r = spawnSync(process.execPath, [tsc.path, '--noEmit', '-p', project], { cwd: project, encoding: 'utf8',
      timeout: 120000 });
    const output = `${r.stdout || ''}${r.stderr || ''}`.trim();
    assert.equal(r.status, 0, `tsc failed:\n${output}`);
    assert.equal(output, '');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
