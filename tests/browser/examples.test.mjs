// The copyable integrations of examples/ in real Chromium:
//   checkout.html  the host's onPayment through its plain card form (?form=1: headless Chromium may have
//                  PaymentRequest but cannot complete a sheet), through a stubbed Payment Request API, and
//                  onPaymentStatus after a reload in the middle of a payment;
//   headless.html  the host's own form on TabiRenew.core().
// The panel is driven through its accessibility mirror, the host's form with real input. Every test gets a
// fresh browser context: the widget and the example's stand-in server both keep state in localStorage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, waitForEvent } from './helpers.mjs';
import {
  WAIT, events, press, useServerAndBrowser, waitForCount, waitForMirror, waitForStep, walkTo,
} from './mirror.mjs';

const SIM = '8981 1000 1234 5678 905'; // web/sample-cards.mjs: a valid ICCID
const EID = '8904 9032 0010 0000 0000 0000 0000 0112'; // a valid EID (Kumo eSIM in examples/custom-catalog)
const RENTAL = 'TW-20261128'; // a Tabi Pocket WiFi order number
const PAYING_CARD = '4242 4242 4242 4242';
const DECLINED_CARD = '4000 0000 0000 0002';
const SERVER_KEY = 'tabi-checkout-example:payments'; // examples/checkout.mjs's stand-in backend

const env = useServerAndBrowser();

async function open(t, path, { ready = true, init } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await newPage(context);
  if (init) await page.addInitScript(init);
  await page.goto(`${env.base}${path}`);
  if (ready) await waitForEvent(page, 'ready', { timeout: WAIT });
  return page;
}

// --- the panel, through its accessibility mirror (js/src/accessibility-mirror.mjs)

// checkout.html has no lookupCard: identify -> device -> payment methods -> choose -> confirm.
const walkToConfirm = (page) => walkTo(page, 'confirm', SIM, { lookup: false });

// The stand-in server's records: idempotencyKey -> { result, charged, method }.
function payments(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) || '{}'), SERVER_KEY);
}

async function payInForm(page, cardNumber) {
  const dialog = page.locator('#pay-form');
  await dialog.waitFor({ state: 'visible', timeout: WAIT });
  await dialog.getByLabel('Name on card').fill('Mei Lin');
  await dialog.getByLabel('Card number').fill(cardNumber);
  await dialog.getByLabel('Expiry (MM/YY)').fill('12/29');
  await dialog.getByLabel('Security code').fill('123');
  await dialog.getByRole('button', { name: 'Pay' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT });
}

// --- checkout.html

test('checkout.html?form=1: the plain form charges the order once and the widget shows it renewed', async (t) => {
  const page = await open(t, '/examples/checkout.html?form=1', {
    init: () => {
      window.__paymentRequests = 0;
      if (window.PaymentRequest) {
        const Original = window.PaymentRequest;
        window.PaymentRequest = function (...args) { window.__paymentRequests++; return new Original(...args); };
      }
    },
  });
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await waitForCount(page, 'paymentrequest', 1);
  const [request] = await events(page, 'paymentrequest');
  const order = request.detail.order;

  // The form shows the order as the widget handed it over.
  const dialog = page.locator('#pay-form');
  await dialog.waitFor({ state: 'visible', timeout: WAIT });
  assert.equal(await page.locator('#pay-total').textContent(),
    `${order.paymentRequest.total.amount.value} ${order.paymentRequest.total.amount.currency}`);
  assert.equal(await page.locator('#pay-order').textContent(), order.orderId);
  assert.equal(await page.locator('#pay-items li').count(), order.paymentRequest.displayItems.length);
  assert.equal(await page.evaluate(() => window.__paymentRequests), 0, '?form=1 never builds a PaymentRequest');

  await payInForm(page, PAYING_CARD);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, order.orderId);
  assert.equal(renewed.detail.reference, `ch_${order.idempotencyKey.slice(0, 8)}`);
  assert.deepEqual(renewed.detail.total, order.total);
  await waitForStep(page, 'result');
  await waitForMirror(page, /Renewed!/);
  assert.match(await page.locator('#checkout-status').textContent(), new RegExp(`Renewed: order ${order.orderId}`));

  const records = await payments(page);
  assert.deepEqual(Object.keys(records), [order.idempotencyKey], 'one payment, under the order\'s key');
  assert.deepEqual(records[order.idempotencyKey].charged, order.total);
  assert.equal(records[order.idempotencyKey].method, 'card-form');
  assert.equal((await events(page, 'paymentrequest')).length, 1);
  assert.deepEqual(page.pageErrors, []);
});

test('checkout.html?form=1: a declined card fails; another card is a new attempt with a new key', async (t) => {
  const page = await open(t, '/examples/checkout.html?form=1');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await payInForm(page, DECLINED_CARD);
  const failed = await waitForEvent(page, 'failed', { timeout: WAIT });
  const [first] = await events(page, 'paymentrequest');
  assert.equal(failed.detail.orderId, first.detail.order.orderId);
  assert.equal(failed.detail.status, 'failed');
  assert.match(failed.detail.reason, /declined/);
  await waitForMirror(page, /Payment didn't go through/);

  await press(page, /^Use another payment method$/);
  await waitForCount(page, 'paymentrequest', 2);
  const [, second] = await events(page, 'paymentrequest');
  assert.equal(second.detail.order.orderId, first.detail.order.orderId, 'the same order');
  assert.notEqual(second.detail.order.idempotencyKey, first.detail.order.idempotencyKey, 'a new idempotency key');
  await payInForm(page, PAYING_CARD);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, first.detail.order.orderId);

  const records = await payments(page);
  assert.equal(records[first.detail.order.idempotencyKey].charged, 0, 'the declined attempt charged nothing');
  assert.deepEqual(records[second.detail.order.idempotencyKey].charged, second.detail.order.total);
  assert.equal(Object.keys(records).length, 2);
  assert.deepEqual(page.pageErrors, []);
});

// docs/host-api.md "Exactly once", rule 6: storage rolled back (a restored backup, a stale second tab) to the
// record of a declined attempt of an order the host has since charged under another key. The example's host
// answers with the paid attempt, and nothing is charged twice.
test('checkout.html: storage rolled back to a declined attempt of a paid order: shown renewed, charged once', async (t) => {
  const page = await open(t, '/examples/checkout.html?form=1');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await payInForm(page, DECLINED_CARD);
  await waitForEvent(page, 'failed', { timeout: WAIT });
  const widgetStorage = () => page.evaluate((serverKey) => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k !== serverKey).map((k) => [k, localStorage.getItem(k)])), SERVER_KEY);
  const declined = await widgetStorage();
  assert.ok(Object.keys(declined).length > 0, 'the widget keeps the declined order');
  await press(page, /^Use another payment method$/);
  await waitForCount(page, 'paymentrequest', 2);
  const [first, second] = await events(page, 'paymentrequest');
  await payInForm(page, PAYING_CARD);
  await waitForEvent(page, 'renewed', { timeout: WAIT });

  await page.evaluate((rows) => { for (const [k, v] of Object.entries(rows)) localStorage.setItem(k, v); }, declined);
  await page.reload();
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, first.detail.order.orderId, 'the order is shown paid');
  assert.equal((await events(page, 'paymentrequest')).length, 0, 'not handed over to pay again');
  const records = await payments(page);
  assert.deepEqual(Object.keys(records).sort(), [first.detail.order.idempotencyKey, second.detail.order.idempotencyKey].sort());
  assert.equal(records[first.detail.order.idempotencyKey].charged, 0);
  assert.deepEqual(records[second.detail.order.idempotencyKey].charged, second.detail.order.total, 'charged once');
  assert.deepEqual(page.pageErrors, []);
});

test('checkout.html: a reload while the form is open asks onPaymentStatus for the same key; nothing is charged', async (t) => {
  const page = await open(t, '/examples/checkout.html?form=1');
  await walkToConfirm(page);
  await press(page, /^Pay /);
  await page.locator('#pay-form').waitFor({ state: 'visible', timeout: WAIT });
  const [request] = await events(page, 'paymentrequest');
  const order = request.detail.order;

  await page.reload();
  await waitForEvent(page, 'ready', { timeout: WAIT });
  const failed = await waitForEvent(page, 'failed', { timeout: WAIT });
  assert.equal(failed.detail.orderId, order.orderId, 'the order from before the reload');
  assert.equal(failed.detail.status, 'cancelled');
  assert.equal(failed.detail.reason, 'No payment was made for this order.', 'onPaymentStatus answered');
  assert.equal((await events(page, 'error')).length, 0, 'the answer (with the order\'s key) was accepted');
  assert.equal((await events(page, 'paymentrequest')).length, 0, 'asking is not paying again');
  assert.equal(await page.locator('#pay-form').isVisible(), false);
  assert.deepEqual(await payments(page), {}, 'nothing charged');

  // "Try again" pays the same order under a new key.
  await press(page, /^Try again$/);
  await waitForCount(page, 'paymentrequest', 1);
  const [retry] = await events(page, 'paymentrequest');
  assert.equal(retry.detail.order.orderId, order.orderId);
  assert.notEqual(retry.detail.order.idempotencyKey, order.idempotencyKey);
  await payInForm(page, PAYING_CARD);
  await waitForEvent(page, 'renewed', { timeout: WAIT });
  assert.deepEqual(Object.keys(await payments(page)), [retry.detail.order.idempotencyKey]);
  assert.deepEqual(page.pageErrors, []);
});

test('checkout.html without ?form=1 pays through the Payment Request API with order.paymentRequest', async (t) => {
  // A stand-in for the browser's payment sheet: records what the page asked for and pays.
  const page = await open(t, '/examples/checkout.html', {
    init: () => {
      window.__sheet = { constructed: [], completed: [] };
      window.PaymentRequest = class {
        constructor(methods, details) { window.__sheet.constructed.push({ methods, details }); }
        async canMakePayment() { return true; }
        async show() {
          return { methodName: 'https://google.com/pay', details: { token: 'tok_test' },
            complete: async (outcome) => { window.__sheet.completed.push(outcome); } };
        }
      };
    },
  });
  await walkToConfirm(page);
  await press(page, /^Pay /);
  const renewed = await waitForEvent(page, 'renewed', { timeout: WAIT });
  const [request] = await events(page, 'paymentrequest');
  const order = request.detail.order;
  const sheet = await page.evaluate(() => window.__sheet);
  assert.equal(sheet.constructed.length, 1);
  assert.deepEqual(sheet.constructed[0].details, order.paymentRequest, 'the order\'s details, as they are');
  assert.equal(sheet.constructed[0].methods[0].supportedMethods, 'https://google.com/pay');
  assert.deepEqual(sheet.completed, ['success']);
  assert.equal(await page.locator('#pay-form').isVisible(), false, 'the form was not needed');
  assert.equal(renewed.detail.orderId, order.orderId);
  const records = await payments(page);
  assert.equal(records[order.idempotencyKey].method, 'https://google.com/pay');
  assert.deepEqual(page.pageErrors, []);
});

// --- headless.html

async function openHeadless(t) {
  const page = await open(t, '/examples/headless.html', { ready: false });
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('catalog-status').textContent),
    null, { timeout: WAIT });
  return page;
}

async function typeIdentifier(page, text) {
  await page.locator('#identifier').fill(text);
}

test('headless.html checks its catalogue with core().checkCatalog and shows its own form, no canvas', async (t) => {
  const page = await openHeadless(t);
  assert.equal(await page.locator('#catalog-status').textContent(), '8 plans in custom-catalog/plans.json');
  assert.equal(await page.locator('#renew-form').isVisible(), true);
  assert.equal(await page.locator('canvas').count(), 0);
  assert.equal((await page.evaluate(() => window.__tabiEvents)).length, 0, 'no widget, no widget events');
  assert.deepEqual(page.pageErrors, []);
});

test('headless.html recognises a card, recommends a pick and compares the plans', async (t) => {
  const page = await openHeadless(t);
  const support = await page.evaluate(async () => {
    const core = await TabiRenew.core();
    const answer = core.identify('TW-20261128');
    return answer.error ? answer.error.id : 'ok';
  });
  if (support !== 'ok') {
    // Whatever the build, the page must say so instead of breaking.
    await typeIdentifier(page, EID);
    assert.match(await page.locator('#identifier-status').textContent(), /identify/);
    assert.deepEqual(page.pageErrors, []);
    t.skip(`the wasm under test answers core().identify with "${support}": it predates identify/compare/recommend ` +
      '(rebuild build/wasm, or point TABI_DIST at a build of the current widget/core/core_api.cpp)');
    return;
  }

  await typeIdentifier(page, EID);
  const status = await page.locator('#identifier-status').textContent();
  assert.match(status, /^ESIM .*0112$/);
  assert.ok(!status.includes(EID.replace(/ /g, '')) && !status.includes(EID), 'only the masked identifier is shown');
  assert.match(await page.locator('#pick').textContent(), /^7 days · 10 GB × 1: ¥2,/);
  const planIds = () => page.locator('#plans tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.planId));
  assert.deepEqual(await planIds(), ['kumo-30d-50gb', 'kumo-15d-20gb', 'kumo-7d-10gb', 'kumo-3d-unl', 'kumo-pack-5gb']);

  await page.locator('#currency').selectOption('USD');
  assert.match(await page.locator('#plans tbody tr').first().locator('td').nth(2).textContent(), /^\$\d+\.\d\d$/);

  await page.locator('#buy').click();
  assert.match(await page.locator('#basket').textContent(), /^To your checkout: kumo-7d-10gb × 1, \d+ JPY\.$/);

  await typeIdentifier(page, RENTAL);
  assert.match(await page.locator('#identifier-status').textContent(), /^WIFI .*1128 \(Tabi Pocket WiFi\)$/);
  assert.deepEqual(await planIds(), ['tabi-wifi-ext-7d', 'tabi-wifi-ext-3d', 'tabi-wifi-ext-1d']);

  await typeIdentifier(page, SIM); // the shop sells no SIM plans
  assert.match(await page.locator('#pick').textContent(), /no plans for sim cards/);
  assert.equal(await page.locator('#buy').isDisabled(), true);

  await typeIdentifier(page, '8981 1000 12');
  assert.match(await page.locator('#identifier-status').textContent(), /Keep typing/);
  assert.deepEqual(page.pageErrors, []);
});

test('core({ locales }) answers in the traveller\'s language; a bad option is a TypeError that says which', async (t) => {
  const page = await openHeadless(t);
  const answers = await page.evaluate(async () => {
    const core = await TabiRenew.core({ locales: ['ja'] });
    const rec = core.recommend(null, { product: 'kumo-japan-esim', tripDays: 3, mbPerDay: 4000, locale: 'ja' });
    const english = core.recommend(null, { product: 'kumo-japan-esim', tripDays: 3, mbPerDay: 4000 });
    const id = core.identify('8981 1000 12', null, 'ja');
    const errors = [];
    for (const options of [{ locales: ['fr'] }, { locale: 'ja' }, { locales: 'ja' }]) {
      try {
        await TabiRenew.core(options);
        errors.push('resolved');
      } catch (err) {
        errors.push(`${err.name}: ${err.message}`);
      }
    }
    return { name: rec.best.items[0].name, reason: rec.best.reason.text, englishReason: english.best.reason.text,
      hint: id.hint && id.hint.message, same: core === await TabiRenew.core(), errors };
  });
  assert.equal(answers.name, '3日間 · 無制限'); // the sample catalogue's own translation
  assert.match(answers.reason, /。$/);
  assert.match(answers.englishReason, /^[\x20-\x7e¥·×–—’]+$/);
  assert.match(answers.hint, /[\u3040-\u30ff\u4e00-\u9fff]/, 'the identifier hint is Japanese');
  assert.equal(answers.same, true);
  assert.match(answers.errors[0], /^TypeError: .*"fr" is not one of en, zh-Hans, zh-Hant, ja, ko/);
  assert.match(answers.errors[1], /^TypeError: .*unknown option "locale" \(known: locales\)/);
  assert.match(answers.errors[2], /^TypeError: .*locales must be an array/);
  assert.deepEqual(page.pageErrors, []);
});

test('custom-catalog/: one script tag on the host\'s own plans.json; its 8 plans are shown', async (t) => {
  const page = await open(t, '/examples/custom-catalog/');
  const ready = await waitForEvent(page, 'ready', { timeout: WAIT });
  assert.equal(ready.detail.plans, 8);
  assert.deepEqual(ready.detail.warnings, []);
  assert.deepEqual(page.pageErrors, []);
});

test('blog-embed.html and two-widgets.html mount without errors', async (t) => {
  for (const path of ['/examples/blog-embed.html', '/examples/two-widgets.html']) {
    const page = await open(t, path);
    await waitForEvent(page, 'ready', { timeout: WAIT });
    assert.deepEqual(page.pageErrors, [], path);
  }
});
