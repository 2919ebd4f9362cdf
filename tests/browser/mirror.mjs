// Shared by the walk, payment and example suites: one static server and one Chromium per test file (each test
// opens its own context), and the accessibility mirror (js/src/accessibility-mirror.mjs) to drive the panel fast
// and to read it, plus the widget's recorded events (helpers.mjs's newPage records them).
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS, withoutSystemCjkFonts } from './chromium.mjs';

export const WAIT = 20000; // generous: 2 shared cores, SwiftShader
// The language buttons the mirror lists first on every screen, named in their own language in every locale.
export const LANGUAGE_NAMES = ['English', '简体中文', '繁體中文', '日本語', '한국어'];

// Registers the file's before/after hooks; the returned object's browser and base are set once they ran.
// systemCjkFonts: false launches a Chromium that sees no CJK font of the system (withoutSystemCjkFonts).
export function useServerAndBrowser({ systemCjkFonts = true } = {}) {
  const shared = { browser: null, base: null };
  let server;
  let fontconfig;
  before(async () => {
    server = await startServer({ port: 0 });
    shared.base = `http://127.0.0.1:${server.address().port}`;
    fontconfig = systemCjkFonts ? null : withoutSystemCjkFonts();
    shared.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
      args: CHROMIUM_ARGS, ...(fontconfig ? { env: fontconfig.env } : {}) });
  });
  after(async () => {
    await shared.browser?.close();
    fontconfig?.dispose();
    if (server) await new Promise((r) => server.close(r));
  });
  return shared;
}

// The screen's own buttons in drawing order (the header's language buttons left out).
export function screenButtons(page) {
  return page.evaluate((languages) => [...document.querySelectorAll('#renew .tabi-renew-a11y button')]
    .filter((b) => !languages.includes(b.textContent.trim()))
    .map((b) => ({ label: b.textContent.trim(), disabled: b.disabled })), LANGUAGE_NAMES);
}

// Presses a mirror button, found by label (RegExp) or by its position among the screen's buttons (number;
// negative counts from the end: -1 is the footer's primary action), once it exists and is enabled.
export async function press(page, which, { timeout = WAIT } = {}) {
  const spec = which instanceof RegExp ? { source: which.source, flags: which.flags } : { index: which };
  const handle = await page.waitForFunction(([s, languages]) => {
    const buttons = [...document.querySelectorAll('#renew .tabi-renew-a11y button')]
      .filter((b) => !languages.includes(b.textContent.trim()));
    const b = s.source !== undefined ? buttons.find((x) => new RegExp(s.source, s.flags).test(x.textContent.trim())
      && !x.disabled) : buttons[s.index < 0 ? buttons.length + s.index : s.index];
    return b && !b.disabled ? b : null;
  }, [spec, LANGUAGE_NAMES], { timeout });
  await handle.evaluate((b) => b.click());
}

export function mirrorText(page) {
  return page.evaluate(() => document.querySelector('#renew .tabi-renew-a11y')?.textContent || '');
}

export async function waitForMirror(page, pattern, { timeout = WAIT } = {}) {
  await page.waitForFunction(([source, flags]) =>
    new RegExp(source, flags).test(document.querySelector('#renew .tabi-renew-a11y')?.textContent || ''),
  [pattern.source, pattern.flags], { timeout });
}

export async function waitForMirrorChange(page, before, { timeout = WAIT } = {}) {
  await page.waitForFunction((text) => document.querySelector('#renew .tabi-renew-a11y')?.textContent !== text,
    before, { timeout });
}

// The last `step` event names `step`.
export async function waitForStep(page, step, { timeout = WAIT } = {}) {
  await page.waitForFunction((s) => {
    const steps = window.__tabiEvents.filter((e) => e.name === 'step');
    return steps.length > 0 && steps[steps.length - 1].detail.step === s;
  }, step, { timeout });
}

export async function waitForCount(page, name, count, { timeout = WAIT } = {}) {
  await page.waitForFunction(([n, c]) => window.__tabiEvents.filter((e) => e.name === n).length >= c,
    [name, count], { timeout });
}

// The recorded events named `name` (every event without a name).
export function events(page, name) {
  return page.evaluate((n) => window.__tabiEvents.filter((e) => !n || e.name === n), name);
}

// The usual walk through the mirror: type `identifier`, check it (with the host's lookupCard: "Check my card",
// then the status screen; without: "Continue"), the first iPhone 16, the payment methods, up to the choose
// step; to 'confirm' also with our pick.
export async function walkTo(page, to, identifier, { lookup = true } = {}) {
  await page.locator('#renew .tabi-renew-a11y input').first().fill(identifier);
  await waitForMirror(page, /Looks right/);
  if (lookup) {
    await press(page, /^Check my card$/);
    await waitForStep(page, 'status');
  }
  await press(page, /^Continue$/); // on the status screen: enabled once lookupCard has answered
  await waitForStep(page, 'device');
  await press(page, /^Apple iPhone 16$/);
  await waitForMirror(page, /Apple iPhone 16 ✓/);
  await press(page, /^Continue$/);
  await waitForStep(page, 'payment_methods');
  await press(page, /^Continue$/);
  await waitForStep(page, 'choose');
  if (to === 'choose') return;
  await press(page, /^Choose our pick$/);
  await press(page, /^Continue · /);
  await waitForStep(page, 'confirm');
}

// The demo sandbox's charge counter (web/demo.mjs): idempotencyKey -> charges.
export function charges(page) {
  return page.evaluate(() => Object.fromEntries(window.__sandbox.charges));
}
