// Hostile hosts and browsers (issue 15, part 2), in real Chromium on fixtures/chaos.html: lookupCard answering
// 10 MB, 100,000 levels of nesting, wrong types or never; storage that throws on every access, fills up in the
// middle of a payment or is cleared then; the page frozen during payment. Each case: a clear message, what the
// traveller typed kept, no order lost, never a second charge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, waitForEvent } from './helpers.mjs';
import { WAIT, events, mirrorText, press, useServerAndBrowser, waitForMirror, waitForStep, walkTo } from './mirror.mjs';

const SIM = '8981 1000 1234 5678 905';
const env = useServerAndBrowser();

async function open(t, query) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/fixtures/chaos.html?${query}`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  return { context, page };
}

async function lookUp(page) {
  await page.locator('#renew .tabi-renew-a11y input').first().fill(SIM);
  await waitForMirror(page, /Looks right/);
  await press(page, /^Check my card$/);
  await waitForStep(page, 'status');
}

// The status screen after a bad answer: the problem, the way on, and the card as typed (masked) kept.
async function assertLookupRefused(page, message) {
  await waitForMirror(page, message);
  const text = await mirrorText(page);
  assert.match(text, /Try again/);
  assert.match(text, /Continue without checking/);
  assert.match(text, /•••• 8905/, 'the card typed is kept');
  // What was typed is kept: back on the first screen, "Check my card" goes on without typing again. (The mirror's
  // text field is rebuilt empty on a new screen, so the panel's own text is checked through its button.)
  await press(page, /^Back$/);
  await waitForStep(page, 'identify');
  await press(page, /^Check my card$/);
  await waitForStep(page, 'status');
  assert.deepEqual(page.pageErrors, []);
}

test('lookupCard answering 10 MB: refused with the limit, the card kept', async (t) => {
  const { page } = await open(t, 'lookup=huge');
  await lookUp(page);
  await assertLookupRefused(page, /larger than 16384 bytes/);
  const [error] = await events(page, 'error');
  assert.equal(error.detail.kind, 'lookup');
  assert.equal(error.detail.problems[0].id, 'status.too_large');
});

test('lookupCard answering 100,000 levels of nesting: a clear failure, not "Checking your card…" for ever', async (t) => {
  const { page } = await open(t, 'lookup=nested');
  await lookUp(page);
  await assertLookupRefused(page, /lookupCard answered something that is not JSON/);
});

test('lookupCard answering wrong types: the field and what is wrong', async (t) => {
  const { page } = await open(t, 'lookup=wrong-types');
  await lookUp(page);
  await assertLookupRefused(page, /"days" should be a whole number but is a string/);
  const [error] = await events(page, 'error');
  assert.equal(error.detail.problems[0].path, '/days');
});

test('lookupCard never answering: the time limit, then a way on', async (t) => {
  const { page } = await open(t, 'lookup=never');
  await lookUp(page);
  await assertLookupRefused(page, /did not answer in time/);
});

// Pays with what the host plan says and waits for the settled screen; returns the order paid.
async function pay(page, plan, heading = /Renewed!/) {
  await page.evaluate((p) => window.__chaos.plan.push(...p), plan);
  await press(page, /^Pay /);
  await waitForMirror(page, heading);
  const [request] = await events(page, 'paymentrequest');
  return request.detail.order;
}

const chargesOf = (page) => page.evaluate(() => window.__chaos.charges());

test('storage that throws on every access: the widget works, pays once, and the host hears why nothing is kept', async (t) => {
  const { page } = await open(t, 'storage=throws');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  const order = await pay(page, [{ do: 'succeed' }]);
  assert.deepEqual(await chargesOf(page), { [order.orderId]: 1 });
  const storageErrors = (await events(page, 'error')).filter((e) => e.detail.kind === 'storage');
  assert.ok(storageErrors.length >= 1, 'error kind storage');
  assert.equal(storageErrors[0].detail.problems[0].id, 'storage.not_saved');
  assert.match(storageErrors[0].detail.problems[0].message, /quota has been exceeded/);
  assert.deepEqual(page.pageErrors, []);
});

test('storage that will not keep the order: the traveller is told to keep the page open, and payment still works', async (t) => {
  const { page } = await open(t, 'storage=throws');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'late', status: 'succeeded', ms: 1500 }));
  await press(page, /^Pay /);
  await waitForMirror(page, /This browser would not save your order\. Keep this page open until the payment has finished\./);
  await waitForMirror(page, /Renewed!/);
  const [request] = await events(page, 'paymentrequest');
  assert.deepEqual(await chargesOf(page), { [request.detail.order.orderId]: 1 });
  assert.deepEqual(page.pageErrors, []);
});

test('a declined order survives a reload: the plans chosen are still chosen, and paying again charges once', async (t) => {
  const { page } = await open(t, '');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  const order = await pay(page, [{ do: 'decline' }], /Payment didn't go through/);
  await page.reload();
  await waitForEvent(page, 'ready', { timeout: WAIT });
  await waitForMirror(page, new RegExp(order.orderId));
  assert.match(await mirrorText(page), /Payment didn't go through/);
  // The host is asked what became of the order before it can be paid again.
  await page.waitForFunction(() => window.__chaos.statusCalls >= 1, null, { timeout: WAIT });
  await page.waitForFunction(() => !(document.querySelector('#renew .tabi-renew-a11y')?.textContent || '')
    .includes('Checking with the shop'), null, { timeout: WAIT });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'succeed' }));
  await press(page, /^Use another payment method$/);
  await waitForMirror(page, /Renewed!/);
  const [again] = await events(page, 'paymentrequest');
  assert.equal(again.detail.order.orderId, order.orderId, 'the same order');
  assert.notEqual(again.detail.order.idempotencyKey, order.idempotencyKey, 'a new attempt');
  assert.deepEqual(again.detail.order.items, order.items, 'the plans chosen before the reload');
  assert.deepEqual(await chargesOf(page), { [order.orderId]: 1 });
  assert.deepEqual(page.pageErrors, []);
});

test('storage full in the middle of a payment: the answer still settles the order once', async (t) => {
  const { page } = await open(t, 'storage=full');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  // The host never answers the first call (it did charge); the storage fills up; the traveller tries again.
  await page.evaluate(() => window.__chaos.plan.push({ do: 'never', status: 'succeeded' }, { do: 'succeed' }));
  await press(page, /^Pay /);
  await waitForMirror(page, /hasn't answered yet/);
  await page.evaluate(() => { window.__storageFull = true; });
  await press(page, /^Try again$/);
  await waitForMirror(page, /Renewed!/);
  const requests = await events(page, 'paymentrequest');
  assert.equal(new Set(requests.map((e) => e.detail.order.idempotencyKey)).size, 1, 'the same key');
  assert.deepEqual(await chargesOf(page), { [requests[0].detail.order.orderId]: 1 });
  assert.ok((await events(page, 'error')).some((e) => e.detail.kind === 'storage'), 'the host hears of the full storage');
  assert.deepEqual(page.pageErrors, []);
});

test('storage cleared in the middle of a payment: the order is settled once and its record written again', async (t) => {
  const { page } = await open(t, '');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'late', status: 'succeeded', ms: 1500 }));
  await press(page, /^Pay /);
  await waitForStep(page, 'pay');
  await page.evaluate(() => localStorage.clear());
  await waitForMirror(page, /Renewed!/);
  const [request] = await events(page, 'paymentrequest');
  assert.deepEqual(await chargesOf(page), { [request.detail.order.orderId]: 1 });
  const record = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('tabi-renew:v1:pending:')));
  assert.ok(record, 'the renewed order is stored again (its receipt survives a reload)');
  assert.equal(JSON.parse(record[1]).order.state, 'renewed');
  await page.reload();
  await waitForEvent(page, 'ready', { timeout: WAIT });
  await waitForMirror(page, new RegExp(request.detail.order.orderId));
  assert.deepEqual(await chargesOf(page), { [request.detail.order.orderId]: 1 });
});

test('the page frozen during payment (lifecycle freeze, then resume): one charge, the outcome shown', async (t) => {
  const { context, page } = await open(t, '');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'late', status: 'succeeded', ms: 1200 }));
  await press(page, /^Pay /);
  await waitForStep(page, 'pay');
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((r) => setTimeout(r, 2500));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await waitForMirror(page, /Renewed!/);
  const requests = await events(page, 'paymentrequest');
  assert.equal(new Set(requests.map((e) => e.detail.order.idempotencyKey)).size, 1);
  assert.deepEqual(await chargesOf(page), { [requests[0].detail.order.orderId]: 1 });
  assert.equal((await events(page, 'renewed')).length, 1);
  assert.deepEqual(page.pageErrors, []);
});

test('two tabs with the same pending order: one payment, both tabs show the outcome', async (t) => {
  const { context, page: first } = await open(t, 'books=local');
  await walkTo(first, 'confirm', SIM, { lookup: false });
  const order = await pay(first, [{ do: 'pending', settlesTo: 'succeeded' }], /Payment pending/);
  // A second tab of the same page restores the order from the shared storage and asks the host first.
  const second = await newPage(context);
  await second.goto(`${env.base}/fixtures/chaos.html?books=local`);
  await waitForEvent(second, 'ready', { timeout: WAIT });
  const renewed = await waitForEvent(second, 'renewed', { timeout: WAIT });
  assert.equal(renewed.detail.orderId, order.orderId);
  await waitForMirror(second, /Renewed!/);
  assert.equal((await events(second, 'paymentrequest')).length, 0, 'the second tab never pays');
  // The first tab learns the outcome when it checks again.
  await press(first, /^Check now$/);
  await waitForMirror(first, /Renewed!/);
  assert.equal((await events(first, 'paymentrequest')).length, 1);
  assert.deepEqual(await chargesOf(first), { [order.orderId]: 1 });
  assert.deepEqual(first.pageErrors, []);
  assert.deepEqual(second.pageErrors, []);
});

test('leaving the page during payment and coming back (pagehide, then pageshow or a fresh load): one charge', async (t) => {
  const { page } = await open(t, '');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'late', status: 'succeeded', ms: 2000 }));
  await press(page, /^Pay /);
  await waitForStep(page, 'pay');
  const [request] = await events(page, 'paymentrequest');
  await page.goto(`${env.base}/fixtures/empty.html`);
  await page.goBack();
  // From the back-forward cache the late answer arrives; from a fresh load the widget asks onPaymentStatus.
  await waitForMirror(page, /Renewed!/);
  assert.match(await mirrorText(page), new RegExp(request.detail.order.orderId));
  assert.deepEqual(await chargesOf(page), { [request.detail.order.orderId]: 1 });
  assert.deepEqual(page.pageErrors, []);
});

// Pays with the fixture's continueUrl set by `query` (the host never answers); the continueUrl error's one problem.
async function payWithRefusedContinueUrl(t, query) {
  const { page } = await open(t, query);
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'never' }));
  await press(page, /^Pay /);
  const error = await waitForEvent(page, 'error', { timeout: WAIT });
  assert.equal(error.detail.kind, 'continueUrl');
  assert.equal(error.detail.problems.length, 1);
  const [problem] = error.detail.problems;
  assert.equal(problem.id, 'host.continue_url');
  assert.equal(problem.severity, 'warning');
  return { page, problem };
}

test('continueUrl giving a javascript: URL: no QR code, and the host hears what it gave and what to give', async (t) => {
  const { page, problem } = await payWithRefusedContinueUrl(t, `continue=${encodeURIComponent('javascript:alert(1)//')}`);
  assert.match(problem.message, /^continueUrl gave "javascript:alert\(1\)\/\/TR-/);
  assert.match(problem.message, /return an http: or https: URL of at most 1000 characters/);
  await waitForMirror(page, /Waiting for your payment/);
  assert.doesNotMatch(await mirrorText(page), /javascript:|No data left\?/);
  assert.deepEqual(page.pageErrors, []);
});

for (const [how, query] of [['throwing', 'continue-throws'], ['rejecting', 'continue-rejects']]) {
  test(`continueUrl ${how}: the order still goes to the host once, no QR code, and the host hears which function failed`, async (t) => {
    const { page, problem } = await payWithRefusedContinueUrl(t, `${query}=${encodeURIComponent('shop is closed')}`);
    assert.equal(problem.message,
      'continueUrl threw "shop is closed": return an http: or https: URL (or a promise of one) of at most 1000 characters');
    await waitForMirror(page, /Waiting for your payment/);
    assert.doesNotMatch(await mirrorText(page), /No data left\?/);
    assert.equal((await events(page, 'paymentrequest')).length, 1);
    assert.deepEqual(page.pageErrors, []);
  });
}

test('continueUrl giving a relative URL: the pay screen shows it resolved against the page, and nothing is refused', async (t) => {
  const { page } = await open(t, 'continue=/pay/');
  await walkTo(page, 'confirm', SIM, { lookup: false });
  await page.evaluate(() => window.__chaos.plan.push({ do: 'never' }));
  await press(page, /^Pay /);
  const request = await waitForEvent(page, 'paymentrequest', { timeout: WAIT });
  await waitForMirror(page, new RegExp(`${env.base.replace(/[.]/g, '\\.')}/pay/${request.detail.order.orderId}`));
  assert.match(await mirrorText(page), /No data left\?/);
  assert.deepEqual(await events(page, 'error'), []);
  assert.deepEqual(page.pageErrors, []);
});
