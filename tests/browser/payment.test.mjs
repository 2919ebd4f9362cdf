// Payment in real Chromium, on the demo page with its sandbox host (web/demo.mjs): ?pay= presets what the
// sandbox provider answers, window.__sandbox.charges counts charges per idempotency key. The panel is driven
// through its accessibility mirror (fast and label-based), except the double click on Pay, which uses real
// mouse clicks on the canvas.
//
// Every test gets a fresh browser context: the widget persists its order in localStorage (a renewed order
// even stays there so its receipt survives a reload), so a shared context would carry one test's order into
// the next.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, waitForEvent } from './helpers.mjs';
import {
  WAIT, charges, events, mirrorText, press, useServerAndBrowser, waitForCount, waitForMirror, waitForStep,
  walkTo,
} from './mirror.mjs';

const SIM_FRESH = '8981 1000 1234 5678 905'; // web/sample-cards.mjs: SIM, fresh (Sakura, 7 days)
const SIM_DIGITS = SIM_FRESH.replace(/\s/g, '');

const env = useServerAndBrowser();

// A fresh context (own storage) with the demo page open and the widget ready.
async function openDemo(t, query) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/${query}`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  return page;
}

// --- the accessibility mirror (js/src/accessibility-mirror.mjs): real <button>s whose click presses the
// panel's button. They are clipped to 1px, so they are clicked with element.click(), not at a position.

function mirrorHeading(page) {
  return page.evaluate(() => {
    const h = document.querySelector('#renew .tabi-renew-a11y h2, #renew .tabi-renew-a11y h3');
    return h ? h.textContent : '';
  });
}

// The `step` event is sent when the session changes step (while the host's answer is handled); the mirror
// follows when the next frame has drawn the new screen. So a heading is awaited, then asserted equal (a
// heading that never comes fails with what the mirror shows instead).
async function assertHeading(page, expected) {
  await page.waitForFunction((text) => {
    const h = document.querySelector('#renew .tabi-renew-a11y h2, #renew .tabi-renew-a11y h3');
    return h && h.textContent === text;
  }, expected, { timeout: WAIT }).catch(() => {});
  assert.equal(await mirrorHeading(page), expected);
}

// identify -> status -> device -> payment methods -> choose -> confirm, through the mirror.
const walkToConfirm = (page, card = SIM_FRESH) => walkTo(page, 'confirm', card);

// The sandbox's charges per idempotency key, also printed: the closing figures of a run.
async function countedCharges(t, page) {
  const observed = await charges(page);
  t.diagnostic(`charges per key: ${JSON.stringify(observed)}`);
  return observed;
}

function assertAtMostOneChargePerKey(observed) {
  for (const [key, n] of Object.entries(observed)) assert.ok(n <= 1, `key ${key} was charged ${n} times`);
}

test('payment succeeded: renewed, exactly one charge, no unmasked identifier anywhere', async (t) => {
  const page = await openDemo(t, '?pay=succeeded');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  await waitForStep(page, 'result');
  const [request] = await events(page, 'paymentrequest');
  const key = request.detail.order.idempotencyKey;
  assert.equal(renewed.detail.orderId, request.detail.order.orderId);
  assert.deepEqual(renewed.detail.total, request.detail.order.total);
  assert.equal(renewed.detail.card.kind, 'sim');
  assert.match(renewed.detail.reference, /^sandbox_/);
  assert.ok(renewed.detail.newExpiry, 'the host gave a new expiry');
  assert.deepEqual(await countedCharges(t, page), { [key]: 1 }, 'one charge, for the one key');
  assert.equal((await events(page, 'paymentrequest')).length, 1);
  await assertHeading(page, 'Renewed!');
  for (const label of ['Save receipt', 'Add a reminder', 'Renew another card'])
    assert.match(await mirrorText(page), new RegExp(label));

  // The typed identifier never leaves the widget except through the host's own lookupCard.
  const everything = JSON.stringify({
    events: await events(page),
    storage: await page.evaluate(() => Object.fromEntries(Object.entries(localStorage))),
  });
  assert.ok(everything.includes('tabi-renew:v1:pending:'), 'the order record was persisted (and is checked here)');
  for (const secret of [SIM_FRESH, SIM_DIGITS, SIM_DIGITS.slice(0, 12), SIM_DIGITS.slice(-12)])
    assert.ok(!everything.includes(secret), `"${secret}" appears in an event payload or in localStorage`);
  assert.match(renewed.detail.card.maskedId, /•/);
  assert.deepEqual(page.pageErrors, []);
});

test('payment declined: failed, then "Use another payment method" is a new attempt of the same order', async (t) => {
  const page = await openDemo(t, '?pay=failed');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  const failed = await waitForEvent(page, 'failed', { timeout: WAIT });
  await waitForStep(page, 'result');
  const [first] = await events(page, 'paymentrequest');
  assert.equal(failed.detail.orderId, first.detail.order.orderId);
  assert.equal(failed.detail.status, 'failed');
  assert.match(failed.detail.reason, /declined/);
  await assertHeading(page, "Payment didn't go through");
  assert.match(await mirrorText(page), /Try again/);

  await press(page, /^Use another payment method$/);
  await waitForCount(page, 'paymentrequest', 2);
  const [, second] = await events(page, 'paymentrequest');
  assert.equal(second.detail.order.orderId, first.detail.order.orderId, 'the same order');
  assert.notEqual(second.detail.order.idempotencyKey, first.detail.order.idempotencyKey, 'a new idempotency key');
  assert.deepEqual(second.detail.order.items, first.detail.order.items, 'everything chosen is kept');
  assert.equal(second.detail.order.total.minor, first.detail.order.total.minor);
  await page.waitForTimeout(1000);
  assert.deepEqual(await countedCharges(t, page), {}, 'a declined card is never charged');
  assert.equal((await events(page, 'renewed')).length, 0);
  assert.deepEqual(page.pageErrors, []);
});

// The sandbox declines the new attempt with the same words as the first. The new attempt has a new
// idempotency key, so its answer is news, not a retransmission of the first answer.
test('a second decline with the same reason is shown, not taken for a repeat of the first answer', {
}, async (t) => {
  const page = await openDemo(t, '?pay=failed');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForEvent(page, 'failed', { timeout: WAIT });
  await press(page, /^Use another payment method$/);
  await waitForCount(page, 'paymentrequest', 2);
  try {
    await waitForCount(page, 'failed', 2, { timeout: 8000 });
  } finally {
    t.diagnostic(`after the second decline the panel shows: "${await mirrorHeading(page)}"`);
  }
  await waitForMirror(page, /Payment didn't go through/);
});

test('payment cancelled: failed with status cancelled, nothing charged, "Try again" is a new attempt', async (t) => {
  const page = await openDemo(t, '?pay=cancelled');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  const failed = await waitForEvent(page, 'failed', { timeout: WAIT });
  await waitForStep(page, 'result');
  const [first] = await events(page, 'paymentrequest');
  assert.equal(failed.detail.status, 'cancelled');
  assert.equal(failed.detail.orderId, first.detail.order.orderId);
  await assertHeading(page, 'Payment cancelled');
  assert.match(await mirrorText(page), /Use another payment method/);

  await press(page, /^Try again$/);
  await waitForCount(page, 'paymentrequest', 2);
  const [, second] = await events(page, 'paymentrequest');
  assert.equal(second.detail.order.orderId, first.detail.order.orderId);
  assert.notEqual(second.detail.order.idempotencyKey, first.detail.order.idempotencyKey);
  await page.waitForTimeout(1000);
  assert.deepEqual(await countedCharges(t, page), {});
  assert.deepEqual(page.pageErrors, []);
});

test('payment pending, then "Check now" finds it succeeded: one charge, renewed once', async (t) => {
  const page = await openDemo(t, '?pay=pending');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForStep(page, 'result');
  await waitForMirror(page, /Payment pending/);
  await assertHeading(page, 'Payment pending');
  const [request] = await events(page, 'paymentrequest');
  const key = request.detail.order.idempotencyKey;
  assert.deepEqual(await charges(page), { [key]: 1 }, 'the provider charged once and answered pending');
  assert.equal((await events(page, 'renewed')).length, 0, 'not renewed while pending');
  // The host hears that the payment is pending: which order, its reference and the card, masked.
  const pending = await waitForEvent(page, 'pending', { timeout: WAIT });
  assert.equal(pending.detail.orderId, request.detail.order.orderId);
  assert.match(pending.detail.reference, /^sandbox_/);
  assert.deepEqual(pending.detail.card, { kind: 'sim', maskedId: '••• •••• •••• •••• 8905' });
  assert.deepEqual(pending.detail.card, request.detail.order.card);

  await press(page, /^Check now$/);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, request.detail.order.orderId);
  await waitForMirror(page, /Renewed!/);
  await page.waitForTimeout(500);
  assert.equal((await events(page, 'renewed')).length, 1);
  assert.equal((await events(page, 'pending')).length, 1, 'one pending event for the one pending answer');
  assert.equal((await events(page, 'paymentrequest')).length, 1, 'checking is not paying again');
  assert.deepEqual(await countedCharges(t, page), { [key]: 1 });
  assert.deepEqual(page.pageErrors, []);
});

test('payment pending settles by itself: the periodic re-check (every 15 s) leads to renewed', async (t) => {
  const page = await openDemo(t, '?pay=pending');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForMirror(page, /Payment pending/);
  const pendingAt = Date.now();
  const renewed = await waitForEvent(page, 'renewed', { timeout: 45000 });
  const waited = (Date.now() - pendingAt) / 1000;
  t.diagnostic(`renewed ${waited.toFixed(1)} s after the pending result, without any input`);
  const [request] = await events(page, 'paymentrequest');
  assert.equal(renewed.detail.orderId, request.detail.order.orderId);
  assert.ok(waited >= 10, `the re-check waits for its period (${waited.toFixed(1)} s)`);
  assert.deepEqual(await countedCharges(t, page), { [request.detail.order.idempotencyKey]: 1 });
  assert.equal((await events(page, 'paymentrequest')).length, 1);
});

test('host timeout: the order is kept, "Try again" resends the SAME idempotency key', async (t) => {
  const page = await openDemo(t, '?pay=timeout&timeout=1500');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForStep(page, 'pay');
  await waitForMirror(page, /hasn't answered yet/);
  assert.match(await mirrorText(page), /won't charge you twice/);
  assert.equal((await events(page, 'failed')).length, 0, 'a timeout is not a failure');

  await press(page, /^Try again$/);
  await waitForCount(page, 'paymentrequest', 2);
  const [first, second] = await events(page, 'paymentrequest');
  assert.equal(second.detail.order.idempotencyKey, first.detail.order.idempotencyKey, 'the same key');
  assert.equal(second.detail.order.orderId, first.detail.order.orderId, 'the same order');
  // The retry times out too (the preset never answers); the widget says so again and still fails nothing.
  await page.waitForTimeout(2500);
  await waitForMirror(page, /hasn't answered yet/);
  await waitForStep(page, 'pay');
  const observed = await charges(page);
  t.diagnostic(`charges per key: ${JSON.stringify(observed)}`);
  assertAtMostOneChargePerKey(observed);
  assert.equal((await events(page, 'failed')).length, 0);
  assert.deepEqual(page.pageErrors, []);
});

// The footer's primary button sits at the bottom right of the canvas when a Back button shares the line
// (widget/ui/panel.cpp, Panel::footer: Back takes max(96, 30%) on the left, the primary action the rest). The
// mirror has no rectangles, so the point is derived from the canvas box; the paymentrequest event confirms it.
async function payButtonPoint(page) {
  const box = await page.locator('#renew canvas').boundingBox();
  return { x: box.x + box.width * 0.7, y: box.y + box.height - 40 };
}

test('double click on Pay with real mouse clicks: one payment request key, one charge', async (t) => {
  const page = await openDemo(t, '?pay=succeeded');
  await walkToConfirm(page);
  const { x, y } = await payButtonPoint(page);
  await page.mouse.move(x, y);
  await page.waitForTimeout(300);
  await page.mouse.dblclick(x, y); // two rapid clicks: down, up, down, up
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  await page.waitForTimeout(1500); // let anything a second click caused happen
  const requests = await events(page, 'paymentrequest');
  const keys = new Set(requests.map((e) => e.detail.order.idempotencyKey));
  t.diagnostic(`paymentrequest events: ${requests.length}, keys: ${keys.size}, charges: ${JSON.stringify(await charges(page))}`);
  assert.equal(keys.size, 1, 'one idempotency key');
  assert.equal(requests.length, 1, 'one payment request');
  assert.deepEqual(await charges(page), { [[...keys][0]]: 1 }, 'one charge');
  assert.equal((await events(page, 'renewed')).length, 1);
  assert.equal(renewed.detail.orderId, requests[0].detail.order.orderId);
  // The second click must not press whatever the next screen has at that spot.
  const steps = (await events(page, 'step')).map((e) => e.detail.step);
  assert.deepEqual(steps.slice(-2), ['pay', 'result']);
  await assertHeading(page, 'Renewed!');
  assert.deepEqual(page.pageErrors, []);
});

test('double click on Pay while the provider has not answered: one request, still waiting', async (t) => {
  const page = await openDemo(t, '?pay=timeout&timeout=60000');
  await walkToConfirm(page);
  const { x, y } = await payButtonPoint(page);
  await page.mouse.move(x, y);
  await page.waitForTimeout(300);
  await page.mouse.dblclick(x, y);
  await waitForCount(page, 'paymentrequest', 1);
  await page.waitForTimeout(1500);
  const requests = await events(page, 'paymentrequest');
  const steps = (await events(page, 'step')).map((e) => e.detail.step);
  t.diagnostic(`paymentrequest events: ${requests.length}; steps: ${steps.join(' > ')}`);
  assert.equal(new Set(requests.map((e) => e.detail.order.idempotencyKey)).size, 1, 'one idempotency key');
  assert.equal(requests.length, 1, 'one payment request');
  assert.equal(steps[steps.length - 1], 'pay', 'still waiting for the provider');
  assertAtMostOneChargePerKey(await charges(page));
});

// The mirror is rebuilt one frame after the panel changes screen; a click on the mirror's Pay button that
// arrives once the panel shows the pay screen names a button that is no longer drawn.
test('a mirror activation for a button no longer on screen does not pay later', {
}, async (t) => {
  const page = await openDemo(t, '?pay=timeout&timeout=60000');
  await walkToConfirm(page);
  const pay = await page.waitForFunction(() => [...document.querySelectorAll('#renew .tabi-renew-a11y button')]
    .find((b) => /^Pay /.test(b.textContent) && !b.disabled) || null);
  await pay.evaluate((b) => b.click());
  await waitForStep(page, 'pay');
  await pay.evaluate((b) => b.click()); // a second activation, for the Pay button of the screen just left
  await page.waitForTimeout(500);
  const stepsBefore = (await events(page, 'step')).length;
  await page.locator('#renew canvas').focus();
  await page.keyboard.press('Escape'); // the traveller leaves the pay screen: back to confirm, order kept
  await page.waitForFunction((n) => window.__tabiEvents.filter((e) => e.name === 'step').slice(n)
    .some((e) => e.detail.step === 'confirm'), stepsBefore, { timeout: WAIT });
  await page.waitForTimeout(1000);
  const steps = (await events(page, 'step')).map((e) => e.detail.step);
  t.diagnostic(`steps: ${steps.join(' > ')}; paymentrequest events: ${(await events(page, 'paymentrequest')).length}`);
  assert.equal((await events(page, 'paymentrequest')).length, 1, 'no payment request the traveller did not ask for');
  assert.equal(steps[steps.length - 1], 'confirm');
});

test('reload during payment: the widget asks the host (onPaymentStatus) and never pays twice', async (t) => {
  const page = await openDemo(t, '?pay=timeout');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForStep(page, 'pay');
  const [request] = await events(page, 'paymentrequest');
  const { orderId, idempotencyKey } = request.detail.order;
  // The order is persisted before it is handed to the host.
  const record = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('tabi-renew:v1:pending:')));
  assert.ok(record, 'the pending order is in localStorage');
  const stored = JSON.parse(record[1]);
  assert.equal(stored.order.orderId, orderId);
  assert.equal(stored.order.idempotencyKey, idempotencyKey);
  assert.equal(stored.order.state, 'awaiting_payment');
  const chargesBefore = await charges(page);

  await page.reload();
  await waitForEvent(page, 'ready', { timeout: WAIT });
  // Restored: straight to the result screen while the host is asked what became of the order. The sandbox
  // (in-memory, so it forgot everything on reload) answers onPaymentStatus with "no record" -> failed.
  await waitForStep(page, 'result');
  const failed = await waitForEvent(page, 'failed', { timeout: WAIT });
  assert.equal(failed.detail.orderId, orderId);
  assert.equal(failed.detail.status, 'failed');
  assert.equal(failed.detail.reason, 'The sandbox has no record of this payment.', 'the answer of onPaymentStatus');
  await assertHeading(page, "Payment didn't go through");
  await page.waitForTimeout(1000);
  assert.equal((await events(page, 'paymentrequest')).length, 0, 'onPayment is not called again after the reload');
  const chargesAfter = await charges(page);
  t.diagnostic(`charges before reload ${JSON.stringify(chargesBefore)}, after ${JSON.stringify(chargesAfter)}`);
  const overall = { ...chargesBefore };
  for (const [k, n] of Object.entries(chargesAfter)) overall[k] = (overall[k] || 0) + n;
  assertAtMostOneChargePerKey(overall);
  assert.ok(!overall[idempotencyKey] || overall[idempotencyKey] === 1);
  assert.deepEqual(page.pageErrors, []);
});

test('reload while a charged payment is pending: re-checked with the host, renewed, not paid again', async (t) => {
  const page = await openDemo(t, '?pay=pending');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForMirror(page, /Payment pending/);
  const [request] = await events(page, 'paymentrequest');
  const { orderId, idempotencyKey } = request.detail.order;
  assert.deepEqual(await charges(page), { [idempotencyKey]: 1 });

  await page.reload();
  await waitForEvent(page, 'ready', { timeout: WAIT });
  // The sandbox provider keeps its books across the reload (sessionStorage), as a real one would: asked
  // through onPaymentStatus, it answers that the pending payment settled.
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, orderId);
  await page.waitForTimeout(1000);
  assert.equal((await events(page, 'paymentrequest')).length, 0, 'no new payment request after the reload');
  assert.deepEqual(await countedCharges(t, page), { [idempotencyKey]: 1 }, 'exactly one charge for the one key, over both page loads');
  assert.deepEqual(page.pageErrors, []);
});
