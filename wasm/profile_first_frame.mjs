// Build step (wasm/split.cmake): which wasm functions the first frame runs, measured on the real widget.
//   node wasm/profile_first_frame.mjs LINK_DIR PACKS_DIR OUT_PROFILE
// LINK_DIR holds Emscripten's output linked with -sSPLIT_MODULE: tabi-renew.raw.js and tabi-renew.raw.wasm, a
// copy of the module instrumented by Binaryen's wasm-split to note each function's first call. This serves that
// build (with the locale packs of PACKS_DIR), mounts the widget in headless Chromium in every configuration a
// first frame can meet (desktop and phone, each locale, light and dark, the sample, a host's and a broken
// catalogue, one that cannot be fetched, and the panel that says the deferred code could not be had, which is
// what the instrumented build always shows: it has no deferred module), asks each instance for its profile
// after `ready`, and merges them into OUT_PROFILE for `wasm-split --split --profile`. The functions it records
// form the primary module; every other one goes to the deferred module.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [linkDir, packsDir, outProfile] = process.argv.slice(2).map((p) => resolve(p));
if (!outProfile) {
  console.error('usage: node wasm/profile_first_frame.mjs LINK_DIR PACKS_DIR OUT_PROFILE');
  process.exit(2);
}
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LOCALES = ['zh-Hans', 'zh-Hant', 'ja', 'ko'];

// The site: the instrumented build, with the locale packs named (unhashed, no integrity) where the release
// build names its hashed files (wasm/fingerprint.cmake).
const site = join(linkDir, 'profile-site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
const packs = {};
for (const locale of LOCALES) {
  const messages = `tabi-messages-${locale}.json`;
  const fonts = `tabi-fonts-${locale}.json`;
  for (const file of [messages, fonts]) copyFileSync(join(packsDir, file), join(site, file));
  // The font slices come named by their hash (make_font_slices.py), slice 000 first in the list.
  const slices = readFileSync(join(packsDir, `tabi-fonts-${locale}.files`), 'utf8').trim().split('\n')
    .map((line) => line.split(' ')[0]);
  for (const file of slices) copyFileSync(join(packsDir, file), join(site, file));
  packs[locale] = { messages: { file: messages, integrity: null }, fonts: { file: fonts, integrity: null },
    font: { file: slices[0], integrity: null } };
}
const placeholder = '/*TABI_LOCALE_PACKS*/{}';
const js = readFileSync(join(linkDir, 'tabi-renew.raw.js'), 'utf8');
if (!js.includes(placeholder)) throw new Error(`the bridge's locale pack placeholder is missing from ${linkDir}/tabi-renew.raw.js`);
writeFileSync(join(site, 'tabi-renew.js'), js.replace(placeholder, JSON.stringify(packs)));
copyFileSync(join(linkDir, 'tabi-renew.raw.wasm'), join(site, 'tabi-renew.raw.wasm'));
writeFileSync(join(site, 'profile.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0">' +
  '<div id="w"></div><script src="tabi-renew.js"></script></body></html>\n');

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const host = { lookupCard: true, onPayment: true };
// Each configuration is one page; each page mounts one widget per size [container width, canvas height] (CSS px):
// the panel lays out differently as it narrows (cards instead of tables below 760 px, wrapped lines) and scrolls
// when it is short, and each of those draws with functions of its own.
const WIDTHS = [300, 360, 414, 520, 640, 759, 761, 900, 1100, 1280].map((w) => [w, 560]);
const HEIGHTS = [240, 320, 420, 720, 1000].flatMap((h) => [[390, h], [1280, h]]);
const SOME = [[340, 560], [800, 400], [1280, 560]];
// Host catalogues meet the catalogue checks' other paths: warnings (unknown fields, names in unknown locales),
// the usual errors, and text that is not JSON. Each is a variant of the sample catalogue. Values of a wrong JSON
// type (an object where a name belongs) are left out on purpose: quoting them in a message takes ~5 KB of brotli
// more in the primary module for a catalogue no host ships twice; such a first frame starts over with the deferred
// module (widget.mjs, tests/browser/split.test.mjs).
const sample = JSON.parse(readFileSync(join(root, 'widget', 'core', 'sample_catalog.json'), 'utf8'));
const variant = (change) => {
  const c = JSON.parse(JSON.stringify(sample));
  change(c);
  return c;
};
const plan = (c) => c.products[0].plans[0];
const CATALOG_VARIANTS = [
  variant((c) => { c.extra = 1; c.products[0].extra = 'x'; plan(c).extra = true; }),
  variant((c) => { c.products[0].names = { fr: 'Carte', 'zh-Hans': 7 }; plan(c).names = { xx: 'y' }; }),
  variant((c) => { plan(c).price.currency = 'XXX'; c.products[0].plans[1].price.minor = -5; }),
  variant((c) => { c.operators = []; }),
  variant((c) => { c.products[0].plans[1].id = plan(c).id; c.products[1].id = c.products[0].id; }),
  variant((c) => { c.version = 2; }),
  variant((c) => { delete c.exchange_rates; delete c.devices; delete c.payment_methods; }),
  variant((c) => { plan(c).days = '3'; c.products[0].plans[1].days = 100000; c.products[0].plans[2].data = { mb: -1 }; }),
  variant((c) => { c.products = []; }),
  variant((c) => { c.products[0].card = 'modem'; c.products[1].operator = 'nobody'; plan(c).kind = 'forever'; }),
  variant((c) => { c.exchange_rates = [{ from: 'JPY', to: 'USD', rate: 'x' }, 5]; c.devices = [{}, 'phone']; }),
  variant((c) => { c.payment_methods = ['card', 'barter', 7]; c.name = ''; delete c.operators[0].support; }),
  '{"version": 1, "products": [',
  '[1, 2, 3]',
  '',
];

const CONFIGS = [
  { name: 'en-desktop', device: DESKTOP, options: {}, sizes: [...WIDTHS, ...HEIGHTS] },
  { name: 'en-phone', device: PHONE, options: {}, sizes: [[390, 560], [360, 300], [390, 844]] },
  { name: 'en-dark-host', device: DESKTOP, options: { theme: 'dark', accent: '#c0392b', currency: 'USD' }, host, sizes: SOME },
  { name: 'en-phone-host', device: PHONE, options: { theme: 'auto', currency: 'CNY' }, host, sizes: [[390, 560], [390, 300]] },
  ...LOCALES.map((locale, i) => ({ name: locale, device: i % 2 ? PHONE : DESKTOP, options: { locale },
    sizes: i % 2 ? [[390, 560], [390, 300]] : SOME })),
  { name: 'auto-zh-TW', device: DESKTOP, options: { locale: 'auto' }, lang: 'zh-TW', sizes: [[1280, 560]] },
  { name: 'custom-catalog', device: DESKTOP, options: { catalog: '/examples/custom-catalog/plans.json' }, host, sizes: SOME },
  { name: 'custom-catalog-ja', device: PHONE, options: { catalog: '/examples/custom-catalog/plans.json', locale: 'ja' },
    sizes: [[390, 560]] },
  { name: 'broken-catalog', device: DESKTOP, options: { catalog: '/fixtures/broken-catalog.json' }, sizes: [...SOME, [390, 300]] },
  { name: 'broken-catalog-ko', device: PHONE, options: { catalog: '/fixtures/broken-catalog.json', locale: 'ko' },
    sizes: [[390, 560]] },
  { name: 'missing-catalog', device: DESKTOP, options: { catalog: '/fixtures/no-such-catalog.json' }, sizes: SOME },
  { name: 'catalogue-variants', device: DESKTOP, options: {}, catalogs: CATALOG_VARIANTS, sizes: [[1280, 560]] },
  { name: 'catalogue-variants-phone', device: PHONE, options: { locale: 'zh-Hant' }, catalogs: CATALOG_VARIANTS.slice(0, 6),
    sizes: [[390, 560]] },
];

process.env.TABI_DIST = site; // web/serve.mjs serves /dist/ from here
const { startServer } = await import('../web/serve.mjs');
const { launchChromium } = await import('../tests/browser/chromium.mjs');
const server = await startServer({ port: 0 });
const base = `http://127.0.0.1:${server.address().port}`;
const { context, close } = await launchChromium();
const profiles = [];
const profileDir = join(linkDir, 'profiles'); // one per widget, merged below
rmSync(profileDir, { recursive: true, force: true });
mkdirSync(profileDir);
try {
  for (const config of CONFIGS) {
    const page = await context.newPage();
    await page.setViewportSize(config.device.viewport);
    const cdp = await context.newCDPSession(page);
    if (config.device.deviceScaleFactor) {
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...config.device.viewport,
        deviceScaleFactor: config.device.deviceScaleFactor, mobile: true });
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    }
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // The instance, to ask it for its profile (the loader instantiates the primary module with this call).
    await page.addInitScript(() => {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = async function (...args) {
        const result = await instantiate.apply(this, args);
        (window.__tabiInstances ||= []).push(result.instance || result);
        return result;
      };
    });
    await page.goto(`${base}/dist/profile.html`);
    const instances = await page.evaluate(async ({ options, withHost, lang, sizes, catalogs }) => {
      if (lang) document.documentElement.lang = lang;
      const all = { ...options };
      if (withHost) {
        all.lookupCard = async () => ({ kind: 'sim' });
        all.onPayment = async (order) => ({ orderId: order.orderId, status: 'failed' });
      }
      const widgets = [];
      // One widget per size, and per host catalogue (text as a data: URL, as a fetched file would come).
      const mounts = (catalogs || [undefined]).flatMap((catalog) => sizes.map((size) => ({ size, catalog })));
      for (const { size: [width, height], catalog } of mounts) {
        const el = document.createElement('div');
        el.style.width = `${width}px`;
        document.body.appendChild(el);
        const events = [];
        for (const name of ['ready', 'error']) el.addEventListener(name, (e) => events.push({ name, detail: e.detail }));
        const own = catalog === undefined ? {} : { catalog: typeof catalog === 'string'
          ? `data:application/json,${encodeURIComponent(catalog)}` : catalog };
        widgets.push({ events, handle: await TabiRenew.mount(el, { ...all, ...own, height }) });
      }
      // The instrumented build has no deferred module: after the first frame the panel says so (error 'load').
      const deadline = performance.now() + 30000;
      while (!widgets.every((w) => w.events.some((e) => e.name === 'error' && e.detail.kind === 'load'))) {
        if (performance.now() > deadline) throw new Error(`no deferred-load error within 30 s: ${JSON.stringify(widgets.map((w) => w.events))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 400)); // the frames that settle after it
      for (const w of widgets) {
        w.handle.frameCount();
        w.handle.destroy();
      }
      return window.__tabiInstances.map((instance) => {
        const exports = instance.exports;
        const memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory);
        const size = exports.__write_profile(0, 0);
        const at = memory.grow(Math.ceil(size / 65536)) * 65536;
        exports.__write_profile(at, size);
        return Array.from(new Uint8Array(memory.buffer, at, size));
      });
    }, { options: config.options, withHost: Boolean(config.host), lang: config.lang, sizes: config.sizes,
      catalogs: config.catalogs });
    if (errors.length) throw new Error(`${config.name}: page errors: ${errors.join('; ')}`);
    instances.forEach((bytes, i) => {
      const file = join(profileDir, `${config.name}.${i}.profile`);
      writeFileSync(file, Buffer.from(bytes));
      profiles.push(file);
    });
    await page.close();
  }
} finally {
  await close();
  await new Promise((r) => server.close(r));
}
const merged = spawnSync('wasm-split', ['--merge-profiles', ...profiles, '-o', outProfile], { encoding: 'utf8' });
if (merged.status !== 0) throw new Error(`wasm-split --merge-profiles failed: ${merged.stderr}`);
console.log(`first-frame profile: ${profiles.length} widgets in ${CONFIGS.length} pages -> ${outProfile}`);
