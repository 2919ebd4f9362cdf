// CJK fonts as slices (widget/ui/fonts/make_font_slices.py), on a device with no CJK font of its own (a Chromium
// whose fontconfig hides them: with one, system-glyphs.test.mjs, the system draws what slice 000 lacks): a host
// catalogue whose plan names use characters beyond the widget's own messages renders them in every CJK locale,
// fetching only the slices that hold them.
// The canvas's data-missing-glyphs attribute (wasm/main.cpp, update_glyphs) lists the characters the widget needs
// and cannot draw yet; the screenshots (build/screenshots/fonts-*.png) were looked at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, screenshotPath, waitForEvent } from './helpers.mjs';
import { missingGlyphs, openRecordingFonts, plansIn } from './font-pages.mjs';
import { WAIT, useServerAndBrowser, walkTo } from './mirror.mjs';

const SIM_FRESH = '8981 1000 1234 5678 905'; // web/sample-cards.mjs
const CATALOG = '/fixtures/cjk-names-catalog.json';
const env = useServerAndBrowser({ systemCjkFonts: false });

const open = (t, query, viewport) => openRecordingFonts(env, t, query, { viewport });

async function hostNamesRender(t, locale, viewport, name) {
  const { page, fonts, ready } = await open(t, `catalog=${CATALOG}`, viewport);
  assert.deepEqual(ready.detail.warnings, []);
  await plansIn(page, locale, SIM_FRESH);
  await page.locator('#renew canvas').screenshot({ path: screenshotPath(`fonts-${name}-choose`) });
  const slices = fonts.filter((f) => f.startsWith(`tabi-font-${locale}-`));
  t.diagnostic(`${locale}: ${slices.length} slices fetched`);
  assert.ok(slices.some((f) => f.startsWith(`tabi-font-${locale}-000.`)), 'the messages slice');
  assert.ok(slices.length > 2, 'slices beyond the messages one were fetched');
  assert.equal(new Set(slices).size, slices.length, 'each slice once');
  assert.deepEqual(fonts.filter((f) => !f.startsWith(`tabi-font-${locale}-`)), [], 'no other locale\'s fonts');
  assert.deepEqual(page.pageErrors, []);
}

for (const locale of ['zh-Hans', 'zh-Hant', 'ja', 'ko']) {
  test(`${locale}: a host's plan names beyond our messages render; only their slices are fetched`,
    (t) => hostNamesRender(t, locale, { width: 1280, height: 800 }, locale));
}

test('zh-Hans on a phone (390x844): the same plan names render', (t) =>
  hostNamesRender(t, 'zh-Hans', { width: 390, height: 844 }, 'zh-Hans-390x844'));

// A character no slice holds (a CJK extension B ideograph, and an emoji): the ready event's warnings name the
// string by its JSON pointer, the rest renders, and the canvas lists the characters it cannot draw.
test('a catalogue string with characters no slice holds is named in ready\'s warnings', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  const catalog = await (await fetch(`${env.base}${CATALOG}`)).json();
  catalog.products[0].names['zh-Hans'] = '𠮷野家 特惠 😀';
  await page.route('**/fixtures/rare-catalog.json', (route) => route.fulfill({ contentType: 'application/json',
    body: JSON.stringify(catalog) }));
  await page.goto(`${env.base}/fixtures/mount.html?catalog=/fixtures/rare-catalog.json&locale=zh-Hans`);
  const ready = await waitForEvent(page, 'ready', { timeout: WAIT });
  const glyphs = ready.detail.warnings.filter((w) => w.id === 'catalog.glyph_missing');
  assert.deepEqual(glyphs.map((w) => w.path), ['/products/0/names/zh-Hans'], JSON.stringify(ready.detail.warnings));
  assert.match(glyphs[0].message, /^\/products\/0\/names\/zh-Hans: 😀𠮷 cannot be drawn in zh-Hans/u);
  // Once the catalogue's other slices are here, only those two are left.
  await page.waitForFunction(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs === '😀𠮷',
    null, { timeout: WAIT }).catch(() => {});
  assert.equal(await missingGlyphs(page), '😀𠮷', 'only those two (in code point order)');
  assert.deepEqual(page.pageErrors, []);
});

// Half a character (a host that cut an emoji in two): JSON allows the escape, and the catalogue still loads; the
// warning names the string, which shows U+FFFD, and the plan is there to choose. Both ways a host hands it over:
// a file with the escape, and an object (the bridge's JSON.stringify writes the escape).
test('a catalogue string with half a character loads, with a warning at its pointer', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  const catalog = await (await fetch(`${env.base}${CATALOG}`)).json();
  catalog.products[0].plans[0].name = '@HALF@';
  const body = JSON.stringify(catalog).replace('@HALF@', '1 day \\ud83d 1 GB');
  await page.route((url) => url.pathname === '/fixtures/half-catalog.json',
    (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto(`${env.base}/fixtures/mount.html?catalog=/fixtures/half-catalog.json`);
  const ready = await waitForEvent(page, 'ready', { timeout: WAIT });
  const half = (warnings) => warnings.filter((w) => w.id === 'catalog.unpaired_surrogate').map((w) => w.path);
  assert.deepEqual(half(ready.detail.warnings), ['/products/0/plans/0/name'], JSON.stringify(ready.detail.warnings));
  assert.equal(ready.detail.plans, catalog.products.reduce((n, p) => n + p.plans.length, 0), 'every plan loaded');
  const again = await page.evaluate(async (c) => {
    c.products[0].plans[0].name = '1 day \ud83d 1 GB';
    const handle = await window.tabiHandle;
    const next = new Promise((r) => handle.on('ready', (d) => r(d)));
    await handle.setCatalog(c);
    return next;
  }, catalog);
  assert.deepEqual(half(again.warnings), ['/products/0/plans/0/name'], JSON.stringify(again.warnings));
  await walkTo(page, 'choose', SIM_FRESH, { lookup: false });
  const names = await page.evaluate(() => document.querySelector('#renew .tabi-renew-a11y')?.textContent ?? '');
  assert.match(names, /Choose 1 day \uFFFD 1 GB1 day \uFFFD 1 GB: ¥500/u, 'the half is shown as U+FFFD');
  assert.deepEqual(page.pageErrors, []);
});

// A slice that cannot be fetched: tried twice, then an `error` event of kind "font"; its characters stay boxes,
// everything else (and what the traveller typed) stays.
test('a font slice that fails to load is retried once, then reported; nothing typed is lost', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  const attempts = new Map();
  await page.route(/\/tabi-font-zh-Hans-(?!000)\d{3}\.[0-9a-f]+\.otf$/, (route) => {
    const file = route.request().url().replace(/^.*\//, '');
    attempts.set(file, (attempts.get(file) || 0) + 1);
    return route.abort('connectionreset');
  });
  await page.goto(`${env.base}/fixtures/mount.html?catalog=${CATALOG}`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  const field = page.locator('#renew .tabi-renew-a11y input').first();
  await field.fill(SIM_FRESH);
  await page.evaluate(async () => (await window.tabiHandle).setLocale('zh-Hans'));
  const error = await waitForEvent(page, 'error', { timeout: WAIT });
  assert.equal(error.detail.kind, 'font');
  assert.ok(error.detail.problems.length > 0);
  for (const p of error.detail.problems) {
    assert.equal(p.id, 'font.slice_failed');
    assert.match(p.file, /^tabi-font-zh-Hans-\d{3}\.[0-9a-f]{10}\.otf$/);
  }
  t.diagnostic(`${attempts.size} slices failed; attempts per slice: ${[...new Set(attempts.values())]}`);
  assert.deepEqual([...new Set(attempts.values())], [2], 'each failed slice was tried exactly twice');
  assert.notEqual(await missingGlyphs(page), '', 'their characters are listed as not drawable');
  assert.equal(await field.inputValue(), SIM_FRESH, 'the identifier typed is still there');
  assert.deepEqual(page.pageErrors, []);
});
