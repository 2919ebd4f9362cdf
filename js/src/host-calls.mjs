// Calls into the host page's callbacks (lookupCard, onPayment, onPaymentStatus), each with a time
// limit, and the rules that keep payment exactly-once on our side:
//  - one host call in flight per idempotency key: a double click or a second request while the first
//    is still out returns the same promise and never calls onPayment twice at once;
//  - a timeout is not a failure: the order stays as it is, the same key is reused for a retry (the
//    host's provider returns the first result for a repeated key), and a late answer is still delivered.

export class HostTimeout extends Error {
  constructor(name, ms) {
    super(`${name} did not answer within ${Math.round(ms / 1000)} s`);
    this.name = 'HostTimeout';
  }
}

// Settles with { ok: true, value } or { ok: false, reason: 'timeout' | 'error' | 'missing', message };
// onLate(value | error) is called if the host answers after the timeout.
export function callHost(name, fn, arg, timeoutMs, onLate) {
  if (typeof fn !== 'function') return Promise.resolve({ ok: false, reason: 'missing', message: `${name} is not set` });
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      resolve({ ok: false, reason: 'timeout', message: new HostTimeout(name, timeoutMs).message });
    }, timeoutMs);
    let pending;
    try {
      pending = Promise.resolve(fn(arg));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (answer) => {
        const outcome = readable(name, answer);
        if (timedOut) { if (onLate) onLate(outcome); return; }
        clearTimeout(timer);
        resolve(outcome);
      },
      (err) => {
        const message = err && err.message ? String(err.message) : String(err);
        if (timedOut) { if (onLate) onLate({ ok: false, reason: 'error', message }); return; }
        clearTimeout(timer);
        resolve({ ok: false, reason: 'error', message });
      });
  });
}

// The answer goes to the wasm as JSON text. A value JSON.stringify cannot write (a cycle, a BigInt, nesting past
// the engine's stack) would throw later, inside the delivery, and leave the panel waiting for ever; one nested
// deeper than MAX_ANSWER_DEPTH would overflow the wasm's stack where core reads it (found with lookupCard
// answering 100,000 levels: "Maximum call stack size exceeded" inside the wasm). Either is an error answer, with
// the reason. A card status or a payment result is 3 levels deep.
export const MAX_ANSWER_DEPTH = 64;

function readable(name, value) {
  let problem = null;
  try {
    JSON.stringify(value);
    if (!withinDepth(value, MAX_ANSWER_DEPTH)) problem = `nested deeper than ${MAX_ANSWER_DEPTH} levels`;
  } catch (err) {
    problem = err && err.message ? String(err.message) : String(err);
  }
  return problem === null ? { ok: true, value }
    : { ok: false, reason: 'error', message: `${name} answered something that is not JSON (${problem})` };
}

// Iterative, so the check itself cannot overflow; called once JSON.stringify has ruled out cycles.
function withinDepth(value, max) {
  const stack = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return false;
    for (const key of Object.keys(v)) stack.push([v[key], depth + 1]);
  }
  return true;
}

export class PaymentCalls {
  constructor({ onPayment, onPaymentStatus, timeoutMs, deliver }) {
    this.onPayment = onPayment;
    this.onPaymentStatus = onPaymentStatus;
    this.timeoutMs = timeoutMs;
    this.deliver = deliver; // (message object) -> void, into the wasm
    this.inFlight = new Map(); // idempotencyKey -> Promise
  }

  // order: the host-facing order object from core.
  pay(order) {
    return this.callOnce(order.idempotencyKey, 'onPayment', this.onPayment, 'payment', order);
  }

  // After a reload, or while pending: ask the host what became of the order.
  status(order) {
    return this.callOnce(`status:${order.idempotencyKey}`, 'onPaymentStatus', this.onPaymentStatus, 'status', order);
  }

  // One host call per key at a time: asking again while it runs gets the same answer, not a second call.
  callOnce(key, name, hook, kind, order) {
    if (this.inFlight.has(key)) return this.inFlight.get(key);
    const done = callHost(name, hook, order, this.timeoutMs, (late) => this.answer(kind, order, late))
      .then((outcome) => this.answer(kind, order, outcome))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, done);
    return done;
  }

  answer(kind, order, outcome) {
    if (outcome.ok) {
      // The key says which attempt this answers: two declines of two attempts are two answers, not one.
      this.deliver({ type: 'payment-result', via: kind, orderId: order.orderId, idempotencyKey: order.idempotencyKey,
        result: outcome.value });
    } else {
      this.deliver({ type: 'payment-unanswered', via: kind, orderId: order.orderId, idempotencyKey: order.idempotencyKey,
        reason: outcome.reason,
        message: outcome.message });
    }
  }
}
