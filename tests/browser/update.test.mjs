// handle.update(options) in real Chromium: what a framework passes through while the widget runs (currency,
// locale, theme, callbacks) is applied without losing the walk; bad or mount-only options are refused by name and
// change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, waitForEvent } from './helpers.mjs';
import { WAIT, mirrorText, press, useServerAndBrowser, waitForMirror, waitForStep, walkTo } from './mirror.mjs';

const SIM_FRESH = '8981 1000 1234 5678 905'; // web/sample-cards.mjs: SIM, fresh (Sakura, 7 days)
const env = useServerAndBrowser();

// The empty host page with a widget mounted in USD, a card lookup and a payment callback that records its name.
async function mountedPage(t) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/fixtures/empty.html`);
  await page.evaluate(async () => {
    const { SAMPLE_CARDS, statusFor } = await import('/sample-cards.mjs');
    const pay = (name) => async (order) => {
      window.__paidBy.push(name);
      return { orderId: order.orderId, status: 'succeeded', reference: `ref_${name}` };
    };
    window.__paidBy = [];
    window.__pay = pay;
    window.__handle = await TabiRenew.mount('#renew', {
      currency: 'USD',
      lookupCard: (id) => statusFor(SAMPLE_CARDS.find((c) => c.id.replace(/\s/g, '') === id.replace(/\s/g, '')), Date.now()),
      onPayment: pay('first'),
    });
  });
  await waitForEvent(page, 'ready', { timeout: WAIT });
  return page;
}

test('update() changes currency, theme and the payment callback mid-walk; the basket and the step stay', async (t) => {
  const page = await mountedPage(t);
  await walkTo(page, 'choose', SIM_FRESH);
  await waitForMirror(page, /US\$|USD/);
  await press(page, /^Choose our pick$/);
  await waitForMirror(page, /Continue · /); // the pick shows in the footer on the frame after the press
  const before = await mirrorText(page);
  await page.evaluate(() => window.__handle.update({ currency: 'CNY', theme: 'dark', onPayment: window.__pay('second') }));
  await waitForMirror(page, /CN¥|CNY/);
  const after = await mirrorText(page);
  assert.ok(!/US\$/.test(after), 'no US$ price left');
  assert.match(before, /Continue · /);
  assert.match(after, /Continue · /, 'the pick is still chosen');
  const steps = await page.evaluate(() => window.__tabiEvents.filter((e) => e.name === 'step').map((e) => e.detail.step));
  assert.equal(steps[steps.length - 1], 'choose', 'still on the choose step');
  await press(page, /^Continue · /);
  await waitForStep(page, 'confirm');
  await press(page, /^Pay /);
  await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.deepEqual(await page.evaluate(() => window.__paidBy), ['second'], 'the new callback took the payment');
  assert.deepEqual(page.pageErrors, []);
});

test('update() refuses unknown, invalid and mount-only options by name, and then changes nothing', async (t) => {
  const page = await mountedPage(t);
  const refusals = await page.evaluate(() => {
    const h = window.__handle;
    const attempt = (changes) => { try { h.update(changes); return 'accepted'; } catch (e) { return `${e.name}: ${e.message}`; } };
    return {
      unknown: attempt({ lokale: 'ja' }),
      invalid: attempt({ locale: 'ja', theme: 'purple' }),
      mountOnly: attempt({ height: 600 }),
      added: attempt({ continueUrl: () => 'https://shop.example/pay' }),
      notObject: attempt('ja'),
    };
  });
  assert.match(refusals.unknown, /^OptionsError: TabiRenew: option "lokale": unknown option; did you mean "locale"\?/);
  assert.match(refusals.invalid, /^OptionsError: TabiRenew: option "theme": "purple" is not one of light, dark, auto/);
  assert.match(refusals.mountOnly, /^OptionsError: TabiRenew: option "height": is read at mount only/);
  assert.match(refusals.added, /^OptionsError: TabiRenew: option "continueUrl": was not given at mount/);
  assert.match(refusals.notObject, /^OptionsError: TabiRenew: option "options": pass an object/);
  // locale: 'ja' came with a bad theme: refused together, the panel stays in English.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.match(await mirrorText(page), /Check my card|Continue/);
  assert.doesNotMatch(await mirrorText(page), /カード/);
  await page.evaluate(() => window.__handle.update({ locale: 'ja' }));
  await waitForMirror(page, /カード/);
  assert.deepEqual(page.pageErrors, []);
});
