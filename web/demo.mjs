// The demo page: the widget on the built-in sample catalogue, with a sandbox host that plays the shop — it
// answers lookupCard from a few sample cards and plays the payment provider in a dialog, counting charges per
// idempotency key exactly as a real provider would (a repeated key never charges twice).
import { SAMPLE_CARDS, expiryOf, statusFor } from './sample-cards.mjs';

const host = document.getElementById('renew');
const log = document.getElementById('event-log');
const chargesOut = document.getElementById('charges');
const dialog = document.getElementById('pay-dialog');
const params = new URLSearchParams(location.search);

// --- the sandbox payment provider
// The provider's records outlive a reload of the page (sessionStorage), as a real provider's would.
const SANDBOX_KEY = 'tabi-renew-demo:sandbox';
const saved = (() => { try { return JSON.parse(sessionStorage.getItem(SANDBOX_KEY)) || {}; } catch { return {}; } })();
const charges = new Map(saved.charges || []);             // idempotencyKey -> charges made (never above 1)
const results = new Map(saved.results || []);             // idempotencyKey -> the first result, replayed
const pendingOrders = new Map(saved.pendingOrders || []); // orderId -> result once the pending payment settles
let lastStatus = null;                                    // the card last looked up (for the new expiry)
function saveSandbox() {
  try {
    sessionStorage.setItem(SANDBOX_KEY, JSON.stringify({ charges: [...charges], results: [...results],
      pendingOrders: [...pendingOrders] }));
  } catch { /* private mode: the sandbox simply forgets */ }
}
window.__sandbox = { charges, results };

function showCharges() {
  chargesOut.textContent = charges.size === 0 ? 'none yet'
    : [...charges].map(([key, n]) => `${key.slice(0, 8)}…: ${n}`).join(', ');
}

// What the provider does; the URL may preset an answer (?pay=failed) for tests.
function askProvider(order) {
  const preset = params.get('pay');
  if (preset) return Promise.resolve(preset);
  document.getElementById('pay-summary').textContent =
    `Order ${order.orderId}: ${order.paymentRequest.total.amount.value} ${order.total.currency} for ` +
    `${order.items.map((i) => i.name).join(', ')}`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue || 'cancelled'), { once: true }));
}

async function onPayment(order) {
  const key = order.idempotencyKey;
  if (results.has(key)) return results.get(key); // a retry with the same key: the first answer again
  const choice = await askProvider(order);
  if (choice === 'timeout') return new Promise(() => {}); // never answers; the widget times out and keeps the order
  let result;
  if (choice === 'succeeded' || choice === 'pending') {
    charges.set(key, (charges.get(key) || 0) + 1);
    showCharges();
  }
  const reference = `sandbox_${key.slice(0, 8)}`;
  if (choice === 'succeeded') {
    result = { orderId: order.orderId, status: 'succeeded', reference, newExpiry: newExpiry(order) };
  } else if (choice === 'pending') {
    result = { orderId: order.orderId, status: 'pending', reference };
    pendingOrders.set(order.orderId, { orderId: order.orderId, status: 'succeeded', reference, newExpiry: newExpiry(order) });
  } else if (choice === 'failed') {
    result = { orderId: order.orderId, status: 'failed', reason: 'Your card was declined (sandbox).' };
  } else {
    result = { orderId: order.orderId, status: 'cancelled', reason: 'You cancelled the payment.' };
  }
  results.set(key, result);
  saveSandbox();
  return result;
}

// After a reload or while pending: what became of this order.
async function onPaymentStatus(order) {
  if (pendingOrders.has(order.orderId)) return pendingOrders.get(order.orderId);
  if (results.has(order.idempotencyKey)) return results.get(order.idempotencyKey);
  return { orderId: order.orderId, status: 'failed', reason: 'The sandbox has no record of this payment.' };
}

// The sandbox's idea of the new expiry: the card's current one (or now) plus the days bought. A real shop's
// back end knows its own rules; the widget shows what the host answers. The sample catalogue's plan ids carry
// the days ("sakura-7d-5gb", "tabi-wifi-ext-3d"); names are in the traveller's language, so not those.
function newExpiry(order) {
  const days = order.items.reduce((n, i) => n + (Number((i.planId.match(/-(\d+)d(?:-|$)/) || [])[1]) || 0) * i.quantity, 0);
  const current = lastStatus && lastStatus.expiresAtMs > Date.now() ? lastStatus.expiresAtMs : Date.now();
  return new Date(current + days * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
}

async function lookupCard(identifier) {
  await new Promise((r) => setTimeout(r, 400)); // a network round trip
  const card = SAMPLE_CARDS.find((c) => c.id.replace(/[^0-9A-Z]/gi, '').toUpperCase() === identifier.replace(/[^0-9A-Z]/gi, '').toUpperCase());
  if (!card) throw new Error('This card is not in the sandbox shop. Try one of the sample cards.');
  const status = statusFor(card, Date.now());
  lastStatus = { expiresAtMs: expiryOf(status) };
  return status;
}

// --- the page
function record(name, detail) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${name}  ${JSON.stringify(detail)}`;
  log.prepend(item);
}

const table = document.getElementById('sample-cards');
for (const card of SAMPLE_CARDS) {
  const row = table.insertRow();
  row.insertCell().textContent = card.label;
  const cell = row.insertCell();
  const code = document.createElement('code');
  code.textContent = card.id;
  cell.appendChild(code);
}

const controls = {
  locale: document.getElementById('locale'),
  theme: document.getElementById('theme'),
  currency: document.getElementById('currency'),
  width: document.getElementById('width'),
};
for (const [name, el] of Object.entries(controls)) if (params.has(name)) el.value = params.get(name);

let handle;
async function mountWidget() {
  if (handle) handle.destroy();
  handle = await window.TabiRenew.mount(host, {
    locale: controls.locale.value,
    theme: controls.theme.value,
    currency: controls.currency.value || undefined,
    height: Number(params.get('height')) || 640,
    lookupCard,
    onPayment,
    onPaymentStatus,
    paymentTimeoutMs: Number(params.get('timeout')) || 20000,
    // A traveller with no data left scans this to pay on another device (the sandbox has no such page).
    continueUrl: (order) => `${location.origin}/?pay-order=${encodeURIComponent(order.orderId)}`,
  });
  for (const name of ['ready', 'step', 'paymentrequest', 'renewed', 'failed', 'error'])
    handle.on(name, (detail) => record(name, detail));
  window.__handle = handle;
}

controls.locale.addEventListener('change', () => handle && handle.setLocale(controls.locale.value));
controls.theme.addEventListener('change', () => handle && handle.setTheme(controls.theme.value));
controls.currency.addEventListener('change', mountWidget);
controls.width.addEventListener('change', () => {
  document.getElementById('widget-column').style.maxWidth = controls.width.value ? `${controls.width.value}px` : '';
});
controls.width.dispatchEvent(new Event('change'));
mountWidget();
