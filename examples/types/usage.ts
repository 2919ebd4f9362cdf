// Every call, option, callback and event of js/tabi-renew.d.ts, used the way a host would, plus the mistakes
// the types must catch (@ts-expect-error). Checked, never run:
//   npx tsc --noEmit -p examples/types
export {};

// --- host callbacks -------------------------------------------------------------------------------------

const lookupCard: TabiRenew.LookupCard = async (identifier) => {
  const response = await fetch(`/api/cards/${encodeURIComponent(identifier)}`);
  if (!response.ok) throw new Error('We could not find this card. Check the number on the card.');
  const status: TabiRenew.CardStatus = {
    card: 'sim', operator: 'sakura-mobile-jp', product: 'sakura-visitor-sim', plan_name: '7 days · 5 GB',
    activated_at: '2026-11-20T03:00:00Z', validity: 'calendar_jst', days: 7, unlimited: false,
    data_total_mb: 5120, data_used_mb: 4200, expires_at: null,
  };
  return status;
};

const rentalStatus: TabiRenew.CardStatus = {
  card: 'wifi', operator: 'tabi-wifi', product: 'tabi-pocket-wifi', unlimited: true,
  rental_return_date: '2026-12-01', late_fee_per_day: { minor: 1650, currency: 'JPY' },
};
const syncLookup: TabiRenew.LookupCard = () => rentalStatus; // a plain value is fine too

// The host's own provider call: one charge per idempotency key, the first result for a repeated key.
async function chargeOnServer(order: TabiRenew.Order, details?: unknown): Promise<TabiRenew.PaymentResult> {
  const response = await fetch('/api/charge', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': order.idempotencyKey },
    body: JSON.stringify({ orderId: order.orderId, amount: order.total.minor, currency: order.total.currency, details }),
  });
  return (await response.json()) as TabiRenew.PaymentResult;
}

const onPayment: TabiRenew.OnPayment = async (order) => {
  const lines = order.items.map((item: TabiRenew.OrderItem) =>
    `${item.planId} ${item.name} × ${item.quantity}: ${item.unitPrice.value} → ${item.lineTotal.value} ${item.lineTotal.currency}`);
  console.log(order.orderId, order.locale, order.card.kind, order.card.maskedId, lines, order.total.minor);
  if ('PaymentRequest' in window) {
    // order.paymentRequest is a W3C PaymentDetailsInit as it is.
    const request = new PaymentRequest([{ supportedMethods: 'https://google.com/pay' }], order.paymentRequest);
    try {
      const response = await request.show();
      const result = await chargeOnServer(order, response.details);
      await response.complete(result.status === 'succeeded' ? 'success' : 'fail');
      return result;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError')
        return { orderId: order.orderId, status: 'cancelled', reason: 'You closed the payment sheet.' };
    }
  }
  const label: string = order.paymentRequest.total.label;
  const amount: TabiRenew.PaymentRequestAmount = order.paymentRequest.total.amount;
  const shown: TabiRenew.PaymentRequestItem[] = order.paymentRequest.displayItems;
  console.log(label, amount.value, shown.length);
  return chargeOnServer(order);
};

const onPaymentStatus: TabiRenew.OnPaymentStatus = async (order) => {
  const response = await fetch(`/api/charge/${order.idempotencyKey}`);
  if (response.status === 404) return { orderId: order.orderId, status: 'cancelled', reason: 'No payment was made.' };
  return (await response.json()) as TabiRenew.PaymentResult;
};

const everyResultField: TabiRenew.PaymentResult = {
  orderId: 'TR-7K4Q-9XWM', status: 'succeeded', reference: 'pi_123', reason: null,
  newExpiry: '2026-12-01T14:59:59Z', total: { currency: 'JPY', minor: 1980 },
  idempotencyKey: '3f1c2a9e-5b7d-4e2a-9c1f-0a2b3c4d5e6f',
};
const statuses: TabiRenew.PaymentStatus[] = ['succeeded', 'failed', 'cancelled', 'pending'];
console.log(everyResultField, statuses);

const continueUrl: TabiRenew.ContinueUrl = (order) => new URL(`/pay/${order.orderId}`, location.href);

// --- mount, every option, the handle ---------------------------------------------------------------------

async function mountEverything(): Promise<void> {
  const options: TabiRenew.Options = {
    catalog: '/plans.json',
    locale: 'auto',
    theme: 'auto',
    accent: '#e60012',
    appearance: { primary: '#e60012', background: '#fff', surface: '#fafafa', text: '#1b1f24', mutedText: '#5f6670',
      danger: '#b00020', success: '#1a7f37', radius: 4, density: 'compact', fontScale: 1.1 },
    currency: 'CNY',
    height: 640,
    lookupCard,
    onPayment,
    onPaymentStatus,
    continueUrl,
    paymentTimeoutMs: 120000,
    lookupTimeoutMs: '20000',
    storage: window.sessionStorage,
    signal: new AbortController().signal,
    payOrder: onPayment, // the same function as onPayment: either name, or both with one function
    paymentStatus: onPaymentStatus,
  };
  // payOrder and paymentStatus are the same callbacks as onPayment and onPaymentStatus (the element's names).
  await TabiRenew.mount('#fifth', { payOrder: onPayment, paymentStatus: onPaymentStatus, signal: null });
  const handle: TabiRenew.Handle = await TabiRenew.mount(document.getElementById('renew')!, options);
  await window.TabiRenew.mount('#second', { catalog: { version: 1, name: 'Inline', operators: [], products: [] } });
  await TabiRenew.mount('#third', { storage: null, catalog: null, locale: 'zh-TW', lookupCard: syncLookup });
  await TabiRenew.mount('#fourth');

  await handle.update({ locale: 'ja', theme: 'dark', accent: '#0a7', currency: 'USD', catalog: '/plans.json',
    payOrder: onPayment, lookupCard });
  await handle.update({ currency: null });
  // @ts-expect-error height is read at mount only
  await handle.update({ height: 600 });
  handle.on('ready', (detail) => console.log(detail.plans, detail.warnings.length, detail.locale));
  handle.on('step', (detail) => console.log(`${detail.step} ${detail.number}/${detail.of}`));
  handle.on('paymentrequest', (detail) => console.log(detail.order.idempotencyKey));
  const onRenewed = (detail: TabiRenew.RenewedDetail): void =>
    console.log(detail.orderId, detail.reference, detail.total.value, detail.card.maskedId, detail.newExpiry ?? 'unchanged');
  handle.on('renewed', onRenewed);
  handle.off('renewed', onRenewed);
  handle.on('pending', (detail: TabiRenew.PendingDetail) => console.log(detail.orderId, detail.reference, detail.card.maskedId));
  handle.on('failed', (detail) => console.log(detail.orderId, detail.status, detail.reason));
  handle.on('error', (detail) => {
    const paths = detail.problems.map((p: TabiRenew.Problem) => `${p.path} ${p.id} ${p.severity} ${p.message} ${JSON.stringify(p.args ?? {})}`);
    switch (detail.kind) {
      case 'payment-result': console.warn(detail.orderId, paths); break;
      case 'font': console.warn(detail.problems.map((p) => p.file ?? '').join(' '), paths); break;
      case 'appearance': case 'catalog': case 'webgl': case 'load': case 'locale': case 'lookup': case 'restore':
      case 'storage': case 'continueUrl':
        console.warn(detail.kind, paths); break;
      default: {
        const never: never = detail;
        console.log(never);
      }
    }
  });

  handle.setLocale('ja');
  handle.setLocale(undefined);
  handle.setTheme('dark');
  handle.setTheme(undefined, '#1f6feb');
  handle.setTheme('light', '#fff');
  handle.setAppearance({ primary: '#0f766e', radius: 12 });
  handle.setAppearance(null);
  await handle.update({ appearance: { fontScale: 1.25 } });
  // @ts-expect-error density is compact, normal or roomy
  handle.setAppearance({ density: 'tight' });
  // @ts-expect-error an unknown appearance variable
  handle.setAppearance({ colour: '#fff' });
  await handle.setCatalog('/other-plans.json');
  await handle.setCatalog(null);
  console.log(handle.frameCount(), TabiRenew.version);

  // The host element's DOM events: CustomEvents with the same detail.
  const element: TabiRenew.HostElement = handle.element;
  const onFailed = (event: CustomEvent<TabiRenew.FailedDetail>): void => console.log(event.detail.reason);
  element.addEventListener('failed', onFailed);
  element.removeEventListener('failed', onFailed);
  element.addEventListener('renewed', (event) => console.log(event.detail.orderId));
  element.addEventListener('step', (event) => console.log(event.detail.step satisfies TabiRenew.StepName));
  element.addEventListener('click', (event) => console.log(event.clientX)); // ordinary DOM events stay typed
  element.addEventListener('error', (event) => {
    if (event.detail.kind === 'catalog') console.log(event.detail.problems[0]?.path);
  });
  handle.destroy();

  try {
    await TabiRenew.mount('#renew', { theme: 'dark' });
  } catch (err) {
    const e = err as TabiRenew.OptionsError;
    if (e.name === 'OptionsError') console.error(e.option, e.message);
  }

  // Mistakes the types catch.
  // @ts-expect-error not a theme
  await TabiRenew.mount('#renew', { theme: 'purple' });
  // @ts-expect-error a typo of onPayment
  await TabiRenew.mount('#renew', { onPaymnet: onPayment });
  // @ts-expect-error accent is a hex colour
  await TabiRenew.mount('#renew', { accent: 'red' });
  await TabiRenew.mount('#renew', { catalog: new URL('/plans.json', location.href) });
  // @ts-expect-error storage needs getItem, setItem and removeItem
  await TabiRenew.mount('#renew', { storage: { getItem: () => null } });
  // @ts-expect-error no such event
  handle.on('paid', () => {});
  // @ts-expect-error a renewed detail has no status
  handle.on('renewed', (detail) => console.log(detail.status));
  // @ts-expect-error a status must be one of the four
  const bad: TabiRenew.PaymentResult = { orderId: 'TR-7K4Q-9XWM', status: 'ok' };
  console.log(bad);
  // @ts-expect-error onPayment must answer a PaymentResult
  await TabiRenew.mount('#renew', { onPayment: async () => true });
}

// --- the <tabi-renew> element ------------------------------------------------------------------------------

function useElement(): void {
  const el = document.createElement('tabi-renew'); // TabiRenew.TabiRenewElement
  const attributes: Required<TabiRenew.ElementAttributes> = {
    catalog: '/plans.json', locale: 'ko', theme: 'light', accent: '#0a0', appearance: '{"radius": 0}', currency: 'krw',
    height: '600', load: 'eager',
  };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const names: TabiRenew.ElementAttributeName[] =
    ['catalog', 'locale', 'theme', 'accent', 'appearance', 'currency', 'height', 'load'];
  console.log(names);
  // @ts-expect-error load is lazy or eager
  const soon: TabiRenew.ElementAttributes = { load: 'soon' };
  console.log(soon);
  // Callbacks are properties, set before the element is connected.
  el.lookupCard = lookupCard;
  el.onPayment = onPayment;
  el.onPaymentStatus = onPaymentStatus;
  el.continueUrl = continueUrl;
  el.payOrder = onPayment;
  el.paymentStatus = undefined;
  el.addEventListener('ready', (event) => console.log(event.detail.plans));
  document.body.append(el);
  void el.widget?.then((handle) => handle.on('renewed', (detail) => console.log(detail.orderId)));
  const found = document.querySelector('tabi-renew');
  if (found) found.setAttribute('locale', 'zh-Hant');
}

// --- the script tag's data-* attributes -----------------------------------------------------------------

function scriptTag(): void {
  const dataset: TabiRenew.ScriptTagDataset = {
    target: '#renew', catalog: '/plans.json', locale: 'auto', theme: 'dark', accent: '#e60012', currency: 'USD', height: '640',
    appearance: '{"primary": "#e60012"}', load: 'lazy',
  };
  const script = document.createElement('script');
  Object.assign(script.dataset, dataset);
  script.src = 'https://your.cdn/tabi-renew.js';
  script.async = true;
  document.head.append(script);
}

// --- the headless core API -------------------------------------------------------------------------------

function isError<T extends object>(answer: T | TabiRenew.CoreError): answer is TabiRenew.CoreError {
  return 'error' in answer;
}

async function headless(): Promise<void> {
  const core: TabiRenew.CoreApi = await TabiRenew.core();
  const inJapanese: TabiRenew.CoreApi = await TabiRenew.core({ locales: ['ja', 'zh-Hant'] });
  console.log(inJapanese === core);
  // @ts-expect-error a locale the widget does not have
  void TabiRenew.core({ locales: ['fr'] });
  const checked: TabiRenew.CheckCatalogResult = core.checkCatalog('{"version": 1}');
  const fromObject = core.checkCatalog({ version: 1 });
  const issues: TabiRenew.CatalogIssue[] = [...checked.errors, ...fromObject.warnings];
  console.log(checked.ok, checked.plans ?? 0, issues.map((i) => `${i.path} ${i.id} ${i.message}`));

  const id = core.identify('8981 1000 1234 5678 905');
  const inCatalog = core.identify('TW-20261128', '/* the catalogue text */', 'ja');
  if (isError(id)) {
    console.warn(id.error.id, id.error.message, id.error.problems);
  } else {
    const r: TabiRenew.IdentifyResult = id;
    const kind: TabiRenew.IdentifierKind = r.kind;
    const state: TabiRenew.IdentifierState = r.state;
    console.log(kind, state, r.acceptable, r.card, r.masked, r.issuer, r.operators, r.problems, r.hint?.message,
      r.normalized.length);
  }
  console.log(inCatalog);

  const query: TabiRenew.CompareQuery = {
    product: 'sakura-visitor-sim', card: 'sim', currency: 'USD', refundableOnly: false, minDataMb: 1024,
    kind: 'day_pass', sortBy: 'price_per_gb', direction: 'descending', locale: 'en',
  };
  const compared = core.compare(null, query);
  const all = core.compare(undefined);
  if (!isError(compared)) {
    const result: TabiRenew.CompareResult = compared;
    for (const row of result.rows) {
      const r: TabiRenew.CompareRow = row;
      const m: TabiRenew.Money = r.shownPrice;
      console.log(r.planId, r.name, r.productId, r.operatorId, r.card, r.kind satisfies TabiRenew.PlanKind, r.days,
        r.data.unlimited, r.data.mb, r.data.fairUseMbPerDay, r.speedAfterCapKbps, r.refund satisfies TabiRenew.RefundPolicy,
        r.networks, r.price.minor, m.text, r.converted, r.pricePerDay?.text, r.pricePerGb?.value, r.refundable);
    }
    console.log(result.plansInScope, result.rate?.rate, result.rate?.asOf, result.notes);
  }
  console.log(all);

  const recommended = core.recommend({ version: 1 }, {
    product: 'sakura-visitor-sim', card: 'sim', tripDays: 10, mbPerDay: 1024, validDaysLeft: 2, remainingMb: 500,
    currency: 'CNY', locale: 'ja',
  });
  if (!isError(recommended)) {
    const r: TabiRenew.RecommendResult = recommended;
    const best: TabiRenew.RecommendPick | null = r.best;
    if (best) {
      console.log(best.items.map((i) => `${i.planId} ${i.name} × ${i.quantity}`), best.total.text, best.purchases,
        best.daysAdded, best.dataAddedMb, best.coveredDays, best.allRefundable, best.replacesCurrent, best.reason.text,
        best.shownTotal.text);
      const ordered = core.order(null, best.items, '8981 1000 1234 5678 905', 'ja');
      if (!isError(ordered)) {
        const o: TabiRenew.Order = ordered.order;
        console.log(o.orderId, o.idempotencyKey, o.total.value, o.card.maskedId, o.paymentRequest.total.label);
      }
    }
    console.log(r.rate?.rate, r.notes.length);
    const message: TabiRenew.Message = r.message;
    console.log(r.status, r.tripDays, r.tripMb, r.daysNeeded, r.mbNeeded, r.alternatives.length, message.id, message.args);
  }
  // @ts-expect-error the core API fetches nothing: a catalogue's text or object, not a URL
  core.compare(new URL('/plans.json', location.href));
  // @ts-expect-error recommend needs tripDays and mbPerDay
  core.recommend(null, { card: 'sim' });
  const selection: TabiRenew.OrderSelection[] = [{ planId: 'sakura-7d-5gb', quantity: 2 }, { planId: 'sakura-data-3gb' }];
  console.log(core.order(undefined, selection, 'TW-20261128'));
  // @ts-expect-error order needs the card's identifier
  core.order(null, selection);
}

void mountEverything();
useElement();
scriptTag();
void headless();
