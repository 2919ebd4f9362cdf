// CJK characters beyond the widget's own messages, drawn by the device's own fonts (js/src/system-glyphs.mjs,
// widget/ui/system_glyphs.h): on a device that reads the language (this Chromium sees Debian's Noto Sans CJK, as
// an Android phone has it), a host's plan names render with no font slice fetched but the messages' 000. A
// browser that blurs canvas reads (anti-fingerprinting) gets the slices instead. fonts.test.mjs covers a device
// without CJK fonts. Screenshots: build/screenshots/system-glyphs-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, screenshotPath } from './helpers.mjs';
import { missingGlyphs, openRecordingFonts, plansIn as showPlans } from './font-pages.mjs';
import { WAIT, useServerAndBrowser } from './mirror.mjs';

const SIM_FRESH = '8981 1000 1234 5678 905'; // web/sample-cards.mjs
const CATALOG = '/fixtures/cjk-names-catalog.json';
const env = useServerAndBrowser();

const open = (t, query, options) => openRecordingFonts(env, t, query, options);

const plansIn = (page, locale) => showPlans(page, locale, SIM_FRESH);

async function hostNamesDrawnBySystem(t, locale, name, options) {
  const { page, fonts, ready } = await open(t, `catalog=${CATALOG}`, options);
  assert.deepEqual(ready.detail.warnings, []);
  await plansIn(page, locale);
  await page.locator('#renew canvas').screenshot({ path: screenshotPath(`system-glyphs-${name}-choose`) });
  t.diagnostic(`${locale}: fetched ${fonts.join(', ')}`);
  assert.deepEqual(fonts.map((f) => f.replace(/\.[0-9a-f]{10}\.otf$/, '')), [`tabi-font-${locale}-000`],
    'only the messages\' slice: the system drew the rest');
  assert.deepEqual(page.pageErrors, []);
}

for (const locale of ['zh-Hans', 'zh-Hant', 'ja', 'ko']) {
  test(`${locale}: a host's plan names beyond our messages are drawn by the system's fonts, no slice fetched`,
    (t) => hostNamesDrawnBySystem(t, locale, locale));
}

test('zh-Hans on a phone (390x844, 3 device pixels a CSS pixel): the same names, at the phone\'s pixels', (t) =>
  hostNamesDrawnBySystem(t, 'zh-Hans', 'zh-Hans-390x844', { viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3 }));

// A new font scale rebuilds the atlas at new sizes: the system draws its characters again at those, and the panel
// is the same, pixel for pixel, as one whose characters were first drawn at that scale.
test('a larger font scale has the system draw its characters again at the new sizes', async (t) => {
  const spy = () => {
    window.__glyphFonts = new Set();
    const measure = CanvasRenderingContext2D.prototype.measureText;
    CanvasRenderingContext2D.prototype.measureText = function measureText(text) {
      if (/[\u4e00-\u9fff]/.test(text)) window.__glyphFonts.add(this.font.replace(/px.*/, 'px'));
      return measure.call(this, text);
    };
  };
  const scaled = async (page) => {
    await page.evaluate(async () => (await window.tabiHandle).setAppearance({ fontScale: 1.5 }));
    await page.waitForFunction(() => window.__glyphFonts.has('24px') && window.__glyphFonts.has('31.5px'), null,
      { timeout: WAIT });
  };
  const { page, fonts } = await open(t, `catalog=${CATALOG}`, { initScript: spy });
  await plansIn(page, 'zh-Hans');
  assert.deepEqual(await page.evaluate(() => [...window.__glyphFonts].sort()), ['16px', '21px']);
  await scaled(page);
  await page.waitForFunction(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs === '', null,
    { timeout: WAIT }).catch(() => {});
  assert.equal(await missingGlyphs(page), '', 'every character drawn again at the new sizes');
  await page.waitForTimeout(300);
  const after = await page.locator('#renew canvas').screenshot({ path: screenshotPath('system-glyphs-zh-Hans-font-scale-1.5') });
  assert.deepEqual(fonts.map((f) => f.replace(/\.[0-9a-f]{10}\.otf$/, '')), ['tabi-font-zh-Hans-000']);

  const reference = await open(t, `catalog=${CATALOG}`, { initScript: spy });
  await scaled(reference.page).catch(() => {}); // no CJK text yet: nothing drawn at either size
  await plansIn(reference.page, 'zh-Hans');
  const first = await reference.page.locator('#renew canvas').screenshot();
  assert.ok(after.equals(first), 'the same pixels as a panel whose characters were drawn at 1.5 from the start');
  assert.deepEqual(page.pageErrors, []);
});

// Brave, Firefox's resistFingerprinting and Safari's private mode add noise to canvas reads: such pixels would be
// speckled glyphs, so the bridge says the system cannot draw, and the slices come instead.
test('a browser that blurs canvas reads gets the font slices instead', async (t) => {
  const noise = () => {
    const read = CanvasRenderingContext2D.prototype.getImageData;
    CanvasRenderingContext2D.prototype.getImageData = function getImageData(...args) {
      const image = read.apply(this, args);
      for (let i = 0; i < image.data.length; i += 97) image.data[i] ^= 1;
      return image;
    };
  };
  const { page, fonts } = await open(t, `catalog=${CATALOG}`, { initScript: noise });
  await plansIn(page, 'zh-Hans');
  const slices = fonts.filter((f) => !f.startsWith('tabi-font-zh-Hans-000.'));
  t.diagnostic(`${slices.length} slices fetched`);
  assert.ok(slices.length > 2, 'the slices that hold the host\'s characters were fetched');
  assert.equal(new Set(fonts).size, fonts.length, 'each slice once');
  assert.deepEqual(page.pageErrors, []);
});

// The same character in each locale's own forms (Han unification: 直 and 骨 differ between Japanese and Chinese).
test('the system draws each locale\'s own glyph forms, and knows what it cannot draw', async (t) => {
  const context = await env.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${env.base}/fixtures/mount.html`);
  const source = readFileSync(join(ROOT, 'js', 'src', 'system-glyphs.mjs'), 'utf8').replace(/^export /m, '');
  await page.addScriptTag({ content: source });
  const drawn = await page.evaluate(() => {
    const sizes = [32, 42];
    const out = {};
    for (const locale of ['zh-Hans', 'zh-Hant', 'ja', 'ko']) {
      // 直骨: Han forms; U+0378: unassigned, no font has it; 𠮷's surrogates are never asked (the wasm keeps
      // beyond-BMP characters to itself), so a private-use character stands for one no font holds.
      const { answer, bytes } = drawSystemGlyphs({ locale, chars: '直骨\u0378', sizes, limit: 184 });
      const a = JSON.parse(answer);
      let at = 0;
      const bitmaps = {};
      for (const [cp, font, , , , w, h] of a.glyphs) {
        if (font === 0) bitmaps[String.fromCodePoint(cp)] = Array.from(bytes.subarray(at, at + w * h)).join(',');
        at += w * h;
      }
      out[locale] = { sizes: a.sizes, none: a.none, bitmaps, total: bytes.length, used: at };
    }
    return out;
  });
  for (const [locale, d] of Object.entries(drawn)) {
    assert.deepEqual(d.sizes, [32, 42], locale);
    assert.deepEqual(d.none, [0x378], `${locale}: the unassigned character is one the system cannot draw`);
    assert.deepEqual(Object.keys(d.bitmaps).sort(), ['直', '骨'].sort(), locale);
    assert.equal(d.used, d.total, `${locale}: every byte belongs to a glyph`);
  }
  assert.notEqual(drawn.ja.bitmaps['直'], drawn['zh-Hans'].bitmaps['直'], '直: Japanese and Chinese forms differ');
  assert.notEqual(drawn.ja.bitmaps['骨'], drawn['zh-Hans'].bitmaps['骨'], '骨: Japanese and Chinese forms differ');
  assert.notEqual(drawn['zh-Hant'].bitmaps['骨'], drawn['zh-Hans'].bitmaps['骨'], '骨: Traditional and Simplified differ');
});
