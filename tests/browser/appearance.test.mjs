// The appearance option in real Chromium: a brand look applied at mount and changed at run time (read back from
// the canvas's pixels), the walk and what the traveller chose kept across it, bad variables refused by name, weak
// contrast reported as a warning, and screenshots of two brand looks at desktop and phone sizes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, screenshotPath, waitForEvent } from './helpers.mjs';
import { WAIT, mirrorText, press, useServerAndBrowser, waitForMirror, walkTo } from './mirror.mjs';

const SIM_FRESH = '8981 1000 1234 5678 905'; // web/sample-cards.mjs: SIM, fresh (Sakura, 7 days)
const RED_LIGHT = { primary: '#e60012', background: '#fffaf9', surface: '#fff1ef', text: '#2b0a0c', radius: 2,
  density: 'compact' };
const TEAL_DARK = { primary: '#14b8a6', background: '#0b1f1e', surface: '#12302e', text: '#e6fffb',
  mutedText: '#9cc9c3', radius: 16, density: 'roomy', fontScale: 1.15 };
const env = useServerAndBrowser();

async function mountedPage(t, viewport, options) {
  const context = await env.browser.newContext({ viewport });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/fixtures/empty.html`);
  await page.evaluate(async (o) => {
    const { SAMPLE_CARDS, statusFor } = await import('/sample-cards.mjs');
    window.__handle = await TabiRenew.mount('#renew', {
      ...o,
      lookupCard: (id) => statusFor(SAMPLE_CARDS.find((c) => c.id.replace(/\s/g, '') === id.replace(/\s/g, '')), Date.now()),
      onPayment: async (order) => ({ orderId: order.orderId, status: 'succeeded', reference: 'ref' }),
    });
  }, options);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  return page;
}

// The share of the canvas's pixels that are exactly `hex` (#rrggbb), from a screenshot decoded by the browser.
async function shareOf(page, hex) {
  const png = await page.locator('canvas').first().screenshot();
  return page.evaluate(async ([b64, want]) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const { data } = g.getImageData(0, 0, bitmap.width, bitmap.height);
    const rgb = parseInt(want.slice(1), 16);
    let same = 0;
    for (let i = 0; i < data.length; i += 4) if (((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) === rgb) same++;
    return same / (data.length / 4);
  }, [png.toString('base64'), hex]);
}

// Until the canvas shows mostly `hex`: the look changes on the next frame, not at once.
async function waitForBackground(page, hex) {
  const deadline = Date.now() + WAIT;
  let share = 0;
  while (Date.now() < deadline) {
    share = await shareOf(page, hex);
    if (share > 0.3) return share;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  assert.fail(`the canvas never showed ${hex} as its background (share ${share})`);
}

test('an appearance applies at mount and at run time, keeping the walk and the chosen plan', async (t) => {
  const page = await mountedPage(t, { width: 1280, height: 800 }, { appearance: RED_LIGHT });
  await waitForBackground(page, RED_LIGHT.background);
  await walkTo(page, 'choose', SIM_FRESH);
  await press(page, /^Choose our pick$/);
  await waitForMirror(page, /Continue · /);
  await page.evaluate((a) => window.__handle.update({ theme: 'dark', appearance: a }), TEAL_DARK);
  await waitForBackground(page, TEAL_DARK.background);
  assert.ok(await shareOf(page, RED_LIGHT.background) < 0.01, 'the red look is gone');
  assert.match(await mirrorText(page), /Continue · /, 'the pick is still chosen after a new look and font scale');
  const steps = await page.evaluate(() => window.__tabiEvents.filter((e) => e.name === 'step').map((e) => e.detail.step));
  assert.equal(steps[steps.length - 1], 'choose', 'still on the choose step');
  // setAppearance(null): back to the dark theme's own background.
  await page.evaluate(() => window.__handle.setAppearance(null));
  await waitForBackground(page, '#16181d');
  assert.deepEqual(page.pageErrors, []);
});

test('bad appearance variables are refused by name and change nothing; weak contrast is a warning', async (t) => {
  const page = await mountedPage(t, { width: 1280, height: 800 }, { appearance: RED_LIGHT });
  const refusals = await page.evaluate(() => {
    const h = window.__handle;
    const attempt = (fn) => { try { fn(); return 'accepted'; } catch (e) { return `${e.name}: ${e.message}`; } };
    return {
      unknown: attempt(() => h.setAppearance({ primay: '#000' })),
      colour: attempt(() => h.update({ appearance: { background: 'white' } })),
      radius: attempt(() => h.update({ appearance: { radius: 30 } })),
      scale: attempt(() => h.setAppearance({ fontScale: 2 })),
    };
  });
  assert.match(refusals.unknown, /^OptionsError: TabiRenew: option "appearance.primay": unknown variable; did you mean "primary"\?/);
  assert.match(refusals.colour, /option "appearance.background": "white" is not a colour; write #rgb or #rrggbb/);
  assert.match(refusals.radius, /option "appearance.radius": "30" must be a number from 0 to 24/);
  assert.match(refusals.scale, /option "appearance.fontScale": "2" must be a number from 0.85 to 1.5/);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await shareOf(page, RED_LIGHT.background) > 0.3, 'the red look is kept');

  await page.evaluate(() => window.__handle.setAppearance({ text: '#999999' }));
  const warning = await page.waitForFunction(() => window.__tabiEvents.find((e) => e.name === 'error' &&
    e.detail.kind === 'appearance') || null, null, { timeout: WAIT }).then((h) => h.jsonValue());
  assert.equal(warning.detail.problems[0].id, 'appearance.contrast');
  assert.equal(warning.detail.problems[0].severity, 'warning');
  assert.match(warning.detail.problems[0].message, /text on background has contrast 2\.84:1, below WCAG AA 4\.5:1/);
  assert.deepEqual(page.pageErrors, []);
});

test('the element takes the appearance as one JSON attribute and follows its changes', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/fixtures/empty.html`);
  await page.evaluate((a) => {
    const el = document.createElement('tabi-renew');
    el.id = 'renew-el';
    el.setAttribute('load', 'eager');
    el.setAttribute('appearance', JSON.stringify(a));
    document.body.append(el);
  }, RED_LIGHT);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  await waitForBackground(page, RED_LIGHT.background);
  await page.evaluate((a) => document.getElementById('renew-el').setAttribute('appearance', JSON.stringify(a)),
    { background: '#f0f7ff' });
  await waitForBackground(page, '#f0f7ff');
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`screenshots of two brand looks (${name} ${viewport.width}x${viewport.height})`, async (t) => {
    for (const [look, options] of [['red-light', { theme: 'light', appearance: RED_LIGHT }],
      ['teal-dark', { theme: 'dark', appearance: TEAL_DARK }]]) {
      const page = await mountedPage(t, viewport, options);
      await waitForBackground(page, options.appearance.background);
      await walkTo(page, 'choose', SIM_FRESH);
      await page.screenshot({ path: screenshotPath(`appearance-${look}-${name}`) });
    }
  });
}
