// The npm package as a booking site's engineers take it (js/npm-package.mjs builds build/wasm/npm): `npm pack`,
// the tarball installed into an empty project, imported in plain Node, bundled into a page by esbuild (pinned in
// package.json) and a renewal run in Chromium; then examples/react copied, bundled and walked under <StrictMode>.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';
import { ROOT, newPage, waitForEvent } from './helpers.mjs';
import { WAIT, events, press, waitForMirror, walkTo } from './mirror.mjs';

const PACKAGE_DIR = join(ROOT, 'build', 'wasm', 'npm');
const SIM_FRESH = '8981 1000 1234 5678 905'; // the card examples/react/src/shop.js knows
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

let work; // the temporary folder: the tarball and the host projects
let packed; // npm pack's report
let browser;
const servers = [];

// An empty host project with the tarball installed by npm (no registry needed: the package has no dependencies).
function installInto(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host-shop', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error',
    join(work, packed.filename)], { cwd: dir, stdio: 'pipe' });
}

async function serve(dir) {
  const server = await startServer({ port: 0, mounts: [['/', dir]] });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

// A page with its errors and console errors collected (both must stay empty).
async function openPage(t, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  await page.goto(url);
  return page;
}

const canvases = (page) => page.evaluate(() => document.querySelectorAll('#renew canvas').length);

before(async () => {
  assert.ok(existsSync(join(PACKAGE_DIR, 'package.json')), 'build/wasm/npm exists: build the wasm preset first');
  work = mkdtempSync(join(tmpdir(), 'tabi-npm-'));
  const out = execFileSync('npm', ['pack', PACKAGE_DIR, '--json', '--pack-destination', work],
    { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  [packed] = JSON.parse(out);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((r) => s.close(r));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack: tabi-renew at the repository\'s version, only what a host needs', (t) => {
  assert.equal(packed.name, 'tabi-renew');
  assert.equal(packed.version, version);
  const paths = packed.files.map((f) => f.path).sort();
  t.diagnostic(`packed ${packed.size} B (unpacked ${packed.unpackedSize} B), ${paths.length} files: ${paths.join(' ')}`);
  for (const p of paths)
    assert.match(p, /^(package\.json|README\.md|tabi-renew\.mjs|tabi-renew\.d\.ts|react\.d\.ts|dist\/[\w.-]+)$/, p);
  for (const p of ['package.json', 'tabi-renew.mjs', 'tabi-renew.d.ts', 'react.d.ts', 'dist/manifest.json',
    'dist/tabi-renew.js']) assert.ok(paths.includes(p), p);
  // Every file the module's table points at is in the package.
  const module = readFileSync(join(PACKAGE_DIR, 'tabi-renew.mjs'), 'utf8');
  const table = [...module.matchAll(/new URL\("\.\/(dist\/[\w.-]+)", import\.meta\.url\)/g)].map((m) => m[1]);
  assert.ok(table.some((f) => f.endsWith('.wasm')) && table.some((f) => f.endsWith('.otf')), table.join(' '));
  for (const f of table) assert.ok(paths.includes(f), `${f} is packed`);

  const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.type, 'module');
  assert.deepEqual(pkg.exports['.'], { types: './tabi-renew.d.ts', default: './tabi-renew.mjs' });
  assert.equal(pkg.private, undefined);
});

test('installed from the tarball, it imports in plain Node: defines nothing, mount() says it needs a page', () => {
  const shop = join(work, 'node-shop');
  installInto(shop);
  writeFileSync(join(shop, 'server.mjs'), `
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    const tabi = await import('tabi-renew');
    const added = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
    const mountError = await tabi.mount('#renew').then(() => null, (e) => e.message);
    const coreError = await tabi.core().then(() => null, (e) => e.message);
    console.log(JSON.stringify({ exports: Object.keys(tabi).sort(), version: tabi.version, added,
      defined: tabi.defineElement(), mountError, coreError }));
  `);
  const r = spawnSync(process.execPath, ['server.mjs'], { cwd: shop, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const seen = JSON.parse(r.stdout);
  assert.deepEqual(seen.exports, ['core', 'defineElement', 'mount', 'version']);
  assert.equal(seen.version, version);
  assert.deepEqual(seen.added, [], 'no global defined');
  assert.equal(seen.defined, false, 'no custom elements on a server: nothing defined');
  assert.match(seen.mountError, /^TabiRenew: mount\(\) needs a browser page.*\(no document\)/);
  assert.match(seen.coreError, /^TabiRenew: core\(\) needs a browser page/);
});

test('bundled by esbuild into a page, it runs a renewal in Chromium with exactly one charge', async (t) => {
  const shop = join(work, 'esbuild-shop');
  installInto(shop);
  mkdirSync(join(shop, 'src'));
  mkdirSync(join(shop, 'public'));
  cpSync(join(ROOT, 'examples', 'react', 'src', 'shop.js'), join(shop, 'src', 'shop.js'));
  writeFileSync(join(shop, 'src', 'page.mjs'), `
    import { mount } from 'tabi-renew';
    import { charges, lookupCard, payOrder, paymentStatus } from './shop.js';
    window.__sandbox = { charges };
    mount('#renew', { lookupCard, onPayment: payOrder, onPaymentStatus: paymentStatus });
  `);
  writeFileSync(join(shop, 'public', 'index.html'), '<!doctype html><meta charset="utf-8"><title>Shop</title>' +
    '<link rel="icon" href="data:,"><script type="module" src="build/page.js"></script><div id="renew"></div>');
  await esbuild.build({ absWorkingDir: shop, entryPoints: ['src/page.mjs'], bundle: true, format: 'esm',
    minify: true, outdir: 'public/build', logLevel: 'silent' });
  // esbuild keeps new URL('./dist/...', import.meta.url): the files go beside the bundle (README: npm).
  cpSync(join(shop, 'node_modules', 'tabi-renew', 'dist'), join(shop, 'public', 'build', 'dist'), { recursive: true });

  const page = await openPage(t, `${await serve(join(shop, 'public'))}/`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  await walkTo(page, 'confirm', SIM_FRESH);
  await press(page, /^Pay /);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  const [request] = await events(page, 'paymentrequest');
  assert.equal(renewed.detail.orderId, request.detail.order.orderId);
  const charged = await page.evaluate(() => Object.fromEntries(window.__sandbox.charges));
  assert.deepEqual(charged, { [request.detail.order.idempotencyKey]: 1 });
  assert.equal(await canvases(page), 1);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

// examples/react as a developer copies it: its own build.mjs, React 19 and esbuild from npm (the repository's
// pinned copies, linked in: the test needs no registry), tabi-renew from the tarball.
let reactSite = null;
async function reactExample() {
  if (reactSite) return reactSite;
  const app = join(work, 'react-app');
  installInto(app);
  cpSync(join(ROOT, 'examples', 'react'), app, { recursive: true,
    filter: (src) => !/[\\/](node_modules|build)$/.test(src) });
  for (const name of ['react', 'react-dom', 'esbuild'])
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  execFileSync(process.execPath, ['build.mjs'], { cwd: app, stdio: 'pipe' });
  // The test's own page beside the example's: the element defined after React rendered it.
  cpSync(join(ROOT, 'tests', 'browser', 'fixtures', 'react-late.jsx'), join(app, 'src', 'late.jsx'));
  await esbuild.build({ absWorkingDir: app, entryPoints: ['src/late.jsx'], bundle: true, format: 'esm',
    jsx: 'automatic', define: { 'process.env.NODE_ENV': '"development"' }, outdir: 'public/build', logLevel: 'silent' });
  writeFileSync(join(app, 'public', 'late.html'), '<!doctype html><meta charset="utf-8"><title>Late</title>' +
    '<link rel="icon" href="data:,"><script type="module" src="build/late.js"></script><main id="root"></main>');
  reactSite = await serve(join(app, 'public'));
  return reactSite;
}

for (const via of ['element', 'mount']) {
  test(`examples/react (${via === 'element' ? '<tabi-renew>' : 'mount() in an effect'}) under <StrictMode>: ` +
    'one widget, a succeeded payment, one charge', async (t) => {
    const page = await openPage(t, `${await reactExample()}/${via === 'mount' ? '?via=mount' : ''}`);
    await waitForEvent(page, 'ready', { timeout: WAIT });
    await walkTo(page, 'confirm', SIM_FRESH);
    await press(page, /^Pay /);
    const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
    assert.equal(renewed.detail.card.kind, 'sim');
    await page.waitForFunction(() => document.getElementById('charges').textContent === '1', null, { timeout: WAIT });
    // The page re-rendered with the new count (and, for the element, a new payOrder function): the same widget
    // still shows its result.
    await waitForMirror(page, /Renewed!/);
    assert.equal(await canvases(page), 1, 'exactly one widget');
    assert.equal((await events(page, 'paymentrequest')).length, 1);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
  });
}

test('<tabi-renew> rendered by React 19 before it is defined gets its callbacks when defined', async (t) => {
  const page = await openPage(t, `${await reactExample()}/late.html`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  assert.equal(await page.evaluate(() => window.__definedAfterRender), true, 'React rendered it undefined');
  await walkTo(page, 'confirm', SIM_FRESH); // "Check my card": lookupCard arrived
  await press(page, /^Pay /);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  const charged = await page.evaluate(() => Object.fromEntries(window.__sandbox.charges));
  assert.deepEqual(Object.values(charged), [1]);
  assert.equal(renewed.detail.status ?? 'succeeded', 'succeeded');
  assert.equal(await canvases(page), 1);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('onPayment={...} on <tabi-renew> in React 19 is reported with the name to use instead', async (t) => {
  const page = await openPage(t, `${await reactExample()}/late.html?early=1&wrong=1`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  assert.ok(page.consoleErrors.some((m) => /"Payment" event listener on <tabi-renew> is never called.*payOrder=\{\.\.\.\}/.test(m)),
    page.consoleErrors.join('\n'));
  assert.deepEqual(page.pageErrors, []);
});
