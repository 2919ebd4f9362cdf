// Checkout: Tabi Renew hands each order to this page (onPayment), which charges it through the W3C Payment
// Request API where the browser can pay that way, and through a plain card form otherwise. The contract is in
// docs/host-api.md; the types in js/tabi-renew.d.ts.
//
// `server` below stands in for your backend, kept in localStorage so the example runs on its own. Replace its
// two functions with calls to your server, which calls your provider with order.idempotencyKey as the
// provider's idempotency key (Stripe: the Idempotency-Key header; Adyen: idempotency-key; ...).

const params = new URLSearchParams(location.search);
// ?form=1: always the plain form (also what a browser without a usable payment sheet gets).
const FORCE_FORM = params.has('form');
const DECLINED_TEST_CARD = '4000000000000002';

// The Payment Request methods: Google Pay in Google's TEST environment with its sample gateway. Put your
// provider's method identifiers and data here.
const PAYMENT_METHODS = [{
  supportedMethods: 'https://google.com/pay',
  data: {
    environment: 'TEST',
    apiVersion: 2,
    apiVersionMinor: 0,
    merchantInfo: { merchantName: 'Example Travel Shop' },
    allowedPaymentMethods: [{
      type: 'CARD',
      parameters: { allowedAuthMethods: ['PAN_ONLY', 'CRYPTOGRAM_3DS'], allowedCardNetworks: ['VISA', 'MASTERCARD', 'JCB', 'AMEX'] },
      tokenizationSpecification: { type: 'PAYMENT_GATEWAY', parameters: { gateway: 'example', gatewayMerchantId: 'exampleGatewayMerchantId' } },
    }],
  },
}];

// --- your backend (a stand-in) ------------------------------------------------------------------------------

const SERVER_KEY = 'tabi-checkout-example:payments';

const server = {
  records() {
    try {
      return JSON.parse(localStorage.getItem(SERVER_KEY) || '{}');
    } catch {
      return {};
    }
  },

  // GET /api/payments/:idempotencyKey: the result saved under this key, or null when nothing was charged.
  async find(idempotencyKey) {
    const record = this.records()[idempotencyKey];
    return record ? record.result : null;
  },

  // GET /api/orders/:orderId/payment: the attempt of this order that was charged, or null. An order is charged
  // once, whatever the key (docs/host-api.md, "Exactly once", rule 6): storage rolled back to an older declined
  // attempt can hand over an order that your books already hold as paid.
  async paidAttempt(orderId) {
    const record = Object.values(this.records()).find((r) => r.result.orderId === orderId && r.result.status === 'succeeded');
    return record ? record.result : null;
  },

  // POST /api/payments with Idempotency-Key: order.idempotencyKey. The provider charges at most once per key
  // and answers a repeated key with the first result; an order already paid under another key is not charged.
  async charge(order, payment) {
    const records = this.records();
    const known = records[order.idempotencyKey];
    if (known) return known.result;
    const paid = await this.paidAttempt(order.orderId);
    if (paid) return paid;
    const declined = payment.cardNumber === DECLINED_TEST_CARD;
    const result = declined
      ? { orderId: order.orderId, status: 'failed', reason: 'Your card was declined. Try another card.',
          idempotencyKey: order.idempotencyKey }
      : { orderId: order.orderId, status: 'succeeded', reference: `ch_${order.idempotencyKey.slice(0, 8)}`,
          total: { currency: order.total.currency, minor: order.total.minor }, idempotencyKey: order.idempotencyKey };
    records[order.idempotencyKey] = { result, charged: declined ? 0 : order.total, method: payment.method };
    localStorage.setItem(SERVER_KEY, JSON.stringify(records));
    return result;
  },
};

// --- onPayment and onPaymentStatus --------------------------------------------------------------------------

// One payment per order at a time: if the widget hands the same order over again (it does after
// paymentTimeoutMs without an answer, and after a reload) while the traveller is still paying, join it.
const inFlight = new Map();

function onPayment(order) {
  if (!inFlight.has(order.orderId)) {
    inFlight.set(order.orderId, pay(order).finally(() => inFlight.delete(order.orderId)));
  }
  return inFlight.get(order.orderId);
}

// What your books already say: the order paid under any key first, else this attempt's result.
async function settled(order) {
  return (await server.paidAttempt(order.orderId)) ?? server.find(order.idempotencyKey);
}

async function pay(order) {
  // Settled already (a late resend of an attempt that went through): the same answer, no second payment.
  const known = await settled(order);
  if (known) return known;
  if (!FORCE_FORM && 'PaymentRequest' in window) {
    const result = await payWithPaymentRequest(order);
    if (result) return result;
  }
  return payWithForm(order);
}

// After a reload in the middle of a payment, and while a payment is pending: what became of this key.
// It reports, it never charges. (Your server answers 'pending' while a charge for the key is being processed.)
async function onPaymentStatus(order) {
  const known = await settled(order);
  if (known) return known;
  if (inFlight.has(order.orderId)) {
    return { orderId: order.orderId, status: 'pending', idempotencyKey: order.idempotencyKey };
  }
  return { orderId: order.orderId, status: 'cancelled', reason: 'No payment was made for this order.',
    idempotencyKey: order.idempotencyKey };
}

// The browser's payment sheet. null: this browser cannot pay this way here; the form takes over.
async function payWithPaymentRequest(order) {
  let request;
  try {
    request = new PaymentRequest(PAYMENT_METHODS, order.paymentRequest); // the order's details, as they are
    if (!(await request.canMakePayment())) return null;
  } catch {
    return null;
  }
  let response;
  try {
    response = await request.show();
  } catch (err) {
    if (err.name === 'AbortError') {
      return { orderId: order.orderId, status: 'cancelled', reason: 'You closed the payment sheet.',
        idempotencyKey: order.idempotencyKey };
    }
    return null; // NotSupportedError, SecurityError (no recent click), ...
  }
  const result = await server.charge(order, { method: response.methodName, token: response.details });
  // Closing the sheet cannot undo the charge: the result stands even if complete() fails.
  await response.complete(result.status === 'succeeded' ? 'success' : 'fail').catch(() => {});
  return result;
}

// The plain form, in a modal dialog.
function payWithForm(order) {
  const dialog = document.getElementById('pay-form');
  const form = dialog.querySelector('form');
  const { total, displayItems } = order.paymentRequest;
  form.reset();
  document.getElementById('pay-total').value = `${total.amount.value} ${total.amount.currency}`;
  document.getElementById('pay-order').value = order.orderId;
  document.getElementById('pay-items').replaceChildren(...displayItems.map((item) => {
    const li = document.createElement('li');
    li.textContent = `${item.label}: ${item.amount.value} ${item.amount.currency}`;
    return li;
  }));
  dialog.showModal();
  return new Promise((resolve, reject) => {
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'pay') {
        resolve({ orderId: order.orderId, status: 'cancelled', reason: 'You cancelled the payment.',
          idempotencyKey: order.idempotencyKey });
        return;
      }
      const cardNumber = String(new FormData(form).get('number')).replace(/\D/g, '');
      server.charge(order, { method: 'card-form', cardNumber }).then(resolve, reject);
    }, { once: true });
  });
}

// --- the widget -----------------------------------------------------------------------------------------------

const status = document.getElementById('checkout-status');
const host = document.getElementById('renew');
// Listening on the element before mounting also catches what fires while mount() is still pending.
host.addEventListener('error', (event) => {
  status.textContent = `Problem (${event.detail.kind}): ${event.detail.problems.map((p) => p.message).join('; ')}`;
});

const handle = await TabiRenew.mount(host, {
  locale: 'auto',
  onPayment,
  onPaymentStatus,
  // The traveller fills in the payment form within this time; without an answer the widget keeps the order
  // and offers to try again with the same idempotency key.
  paymentTimeoutMs: 300000,
});
handle.on('renewed', (detail) => {
  status.textContent = `Renewed: order ${detail.orderId}, ${detail.total.value} ${detail.total.currency}, reference ${detail.reference}.`;
});
handle.on('failed', (detail) => {
  status.textContent = `Order ${detail.orderId}: ${detail.status}. ${detail.reason}`;
});
