// Shared by the font suites (fonts.test.mjs: the slices; system-glyphs.test.mjs: the system's own fonts): a widget
// page that records which font files it fetched, and what the canvas says it cannot draw yet
// (data-missing-glyphs, wasm/main.cpp update_glyphs).
import assert from 'node:assert/strict';
import { newPage, waitForEvent } from './helpers.mjs';
import { WAIT, waitForStep, walkTo } from './mirror.mjs';

// A fresh context (closed after the test) on tests/browser/fixtures/mount.html?<query>, until `ready`.
// fonts: the font files fetched (names), in order.
export async function openRecordingFonts(env, t, query, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1,
  initScript } = {}) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor });
  t.after(() => context.close());
  const page = await newPage(context);
  if (initScript) await page.addInitScript(initScript);
  const fonts = [];
  page.on('request', (r) => { if (/\/tabi-font-/.test(r.url())) fonts.push(r.url().replace(/^.*\//, '')); });
  await page.goto(`${env.base}/fixtures/mount.html?${query}`);
  const ready = await waitForEvent(page, 'ready', { timeout: WAIT });
  return { page, fonts, ready };
}

export const missingGlyphs = (page) => page.evaluate(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs);

// Waits until the widget can draw every character it needs, and says so if it cannot.
export async function waitForAllGlyphs(page) {
  await page.waitForFunction(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs === '', null,
    { timeout: WAIT }).catch(() => {});
  assert.equal(await missingGlyphs(page), '', 'every character the widget needs is in its atlas');
}

// Walks to the plans with `identifier`, switches to `locale` and waits until every character can be drawn and the
// frame after the last atlas is shown.
export async function plansIn(page, locale, identifier) {
  await walkTo(page, 'choose', identifier, { lookup: false });
  await page.evaluate(async (l) => (await window.tabiHandle).setLocale(l), locale);
  await page.waitForFunction((l) => document.querySelector('#renew .tabi-renew-a11y')?.lang === l, locale,
    { timeout: WAIT });
  await waitForAllGlyphs(page);
  await waitForStep(page, 'choose');
  await page.waitForTimeout(300); // the frame after the last atlas
}
