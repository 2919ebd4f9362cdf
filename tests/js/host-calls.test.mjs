import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaymentCalls, callHost } from '../../js/src/host-calls.mjs';

const order = { orderId: 'TR-1', idempotencyKey: 'k1', total: { currency: 'JPY', minor: 1980, value: '1980' } };

test('callHost settles with the value, an error, or a timeout', async () => {
  assert.deepEqual(await callHost('f', async (x) => x * 2, 21, 1000), { ok: true, value: 42 });
  assert.deepEqual(await callHost('f', () => { throw new Error('boom'); }, 0, 1000), { ok: false, reason: 'error', message: 'boom' });
  assert.deepEqual(await callHost('f', undefined, 0, 1000), { ok: false, reason: 'missing', message: 'f is not set' });
  const r = await callHost('lookupCard', () => new Promise(() => {}), 0, 20);
  assert.equal(r.reason, 'timeout');
  assert.match(r.message, /lookupCard did not answer/);
});

// Found by the hostile-host tests: lookupCard answering 100,000 levels of nesting overflowed the stack ("Maximum
// call stack size exceeded", inside the wasm in Chromium) and the panel said "Checking your card…" for ever.
test('an answer JSON cannot write is an error answer with the reason, never a throw later', async () => {
  let deep = {};
  for (let i = 0; i < 100000; i += 1) deep = { deep };
  const nested = await callHost('lookupCard', async () => ({ card: 'sim', deep }), 0, 1000);
  assert.equal(nested.ok, false);
  assert.equal(nested.reason, 'error');
  assert.match(nested.message, /^lookupCard answered something that is not JSON \(.+\)$/);
  const cycle = {};
  cycle.self = cycle;
  assert.equal((await callHost('onPayment', () => cycle, 0, 1000)).reason, 'error');
  assert.equal((await callHost('onPayment', () => ({ minor: 10n }), 0, 1000)).reason, 'error');
  assert.deepEqual(await callHost('f', () => ({ a: [1, { b: null }] }), 0, 1000), { ok: true, value: { a: [1, { b: null }] } });
  // Deeper than the wasm reads safely, though JSON.stringify may manage it: refused with the limit.
  let d65 = 1;
  for (let i = 0; i < 65; i += 1) d65 = [d65];
  assert.match((await callHost('onPayment', () => ({ status: d65 }), 0, 1000)).message, /nested deeper than 64 levels/);
  let d63 = 1;
  for (let i = 0; i < 62; i += 1) d63 = [d63];
  assert.equal((await callHost('onPayment', () => ({ status: d63 }), 0, 1000)).ok, true);
});

test('a late answer after a timeout is still delivered', async () => {
  let late;
  const r = await callHost('f', () => new Promise((res) => setTimeout(() => res('done'), 40)), 0, 10, (x) => { late = x; });
  assert.equal(r.reason, 'timeout');
  await new Promise((res) => setTimeout(res, 60));
  assert.deepEqual(late, { ok: true, value: 'done' });
});

test('a double click while a payment is out calls the host once', async () => {
  let charges = 0;
  const delivered = [];
  const calls = new PaymentCalls({
    onPayment: async (o) => { charges++; await new Promise((r) => setTimeout(r, 20)); return { orderId: o.orderId, status: 'succeeded' }; },
    timeoutMs: 1000,
    deliver: (m) => delivered.push(m),
  });
  await Promise.all([calls.pay(order), calls.pay(order), calls.pay(order)]);
  assert.equal(charges, 1);
  assert.equal(delivered.length, 1);
  assert.deepEqual(delivered[0], { type: 'payment-result', via: 'payment', orderId: 'TR-1', idempotencyKey: 'k1',
    result: { orderId: 'TR-1', status: 'succeeded' } });
});

test('a timeout reports the payment as unanswered and the late result still arrives', async () => {
  const delivered = [];
  const calls = new PaymentCalls({
    onPayment: (o) => new Promise((r) => setTimeout(() => r({ orderId: o.orderId, status: 'succeeded' }), 50)),
    timeoutMs: 10,
    deliver: (m) => delivered.push(m),
  });
  await calls.pay(order);
  assert.equal(delivered[0].type, 'payment-unanswered');
  assert.equal(delivered[0].reason, 'timeout');
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(delivered[1].type, 'payment-result');
});

test('a rejected payment call is unanswered with the host message, for a retry with the same key', async () => {
  const delivered = [];
  const calls = new PaymentCalls({ onPayment: () => Promise.reject(new Error('network down')), timeoutMs: 100,
    deliver: (m) => delivered.push(m) });
  await calls.pay(order);
  assert.deepEqual(delivered[0], { type: 'payment-unanswered', via: 'payment', orderId: 'TR-1', idempotencyKey: 'k1', reason: 'error',
    message: 'network down' });
});
