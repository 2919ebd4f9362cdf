// Headless: the shop draws its own form and uses Tabi Renew's core for the domain work (TabiRenew.core(): the
// same wasm, no canvas, plain JSON in and out, synchronous once loaded). A bad call never throws: it answers
// { error: { id, message, problems } }. See docs/host-api.md, "The headless core API".

const CATALOG_URL = 'custom-catalog/plans.json';

const $ = (id) => document.getElementById(id);
const form = $('renew-form');
const catalogStatus = $('catalog-status');

const core = await TabiRenew.core();

// 1. Check the shop's catalogue as the widget would, and use it for every call.
const catalog = await (await fetch(CATALOG_URL)).text();
const check = core.checkCatalog(catalog);
if (!check.ok) {
  catalogStatus.className = 'problem';
  catalogStatus.textContent = `The catalogue has errors: ${check.errors.map((e) => e.message).join('; ')}`;
} else {
  catalogStatus.textContent = `${check.plans} plans in ${CATALOG_URL}` +
    (check.warnings.length ? ` (${check.warnings.length} warnings)` : '');
  form.hidden = false;
}

let basket = null; // the plans of the current pick, for the shop's own checkout

// 2. On every change: recognise the card, then recommend and compare its plans.
function update() {
  basket = null;
  $('buy').disabled = true;
  $('basket').textContent = '';
  const plansBody = $('plans').tBodies[0];
  plansBody.replaceChildren();
  const pick = $('pick');
  const idStatus = $('identifier-status');

  const id = core.identify($('identifier').value, catalog);
  if (id.error) {
    idStatus.className = 'problem';
    idStatus.textContent = id.error.message;
    pick.textContent = '';
    return;
  }
  // Show the masked form only: id.normalized is the typed identifier, for your own card lookup.
  const notes = [...id.problems, ...(id.hint ? [id.hint] : [])].map((p) => p.message);
  idStatus.className = id.state === 'invalid' ? 'problem' : '';
  idStatus.textContent = id.state === 'empty' ? '' : [
    id.card ? `${id.card.toUpperCase()} ${id.masked}` : id.masked,
    id.issuer && `(${id.issuer})`,
    ...notes,
  ].filter(Boolean).join(' ');
  if (!id.acceptable || !id.card) {
    pick.textContent = 'Type your card or order number.';
    return;
  }

  const tripDays = Number($('trip-days').value) || 1;
  const mbPerDay = Number($('mb-per-day').value);
  const currency = $('currency').value || undefined;

  const rec = core.recommend(catalog, { card: id.card, tripDays, mbPerDay, locale: 'en' });
  if (rec.error) {
    pick.textContent = rec.error.message;
  } else {
    pick.textContent = rec.message.text;
    if (rec.best) {
      basket = rec.best;
      pick.textContent = `${rec.best.items.map((i) => `${i.name} × ${i.quantity}`).join(' + ')}: ` +
        `${rec.best.total.text}. ${rec.best.reason.text}`;
      $('buy').disabled = false;
    }
  }

  const cmp = core.compare(catalog, { card: id.card, currency, sortBy: 'price_per_day', locale: 'en' });
  if (cmp.error) {
    plansBody.insertRow().insertCell().textContent = cmp.error.message;
    return;
  }
  for (const row of cmp.rows) {
    const tr = plansBody.insertRow();
    tr.dataset.planId = row.planId;
    for (const text of [row.name, row.days || '—', row.shownPrice.text, row.pricePerDay ? row.pricePerDay.text : '—',
      row.refundable ? 'yes' : 'no']) tr.insertCell().textContent = text;
  }
}

form.addEventListener('input', update);
form.addEventListener('change', update);

// 3. The shop's own checkout takes it from here (its cart, its order id, its idempotency key, its provider).
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!basket) return;
  $('basket').textContent = `To your checkout: ${basket.items.map((i) => `${i.planId} × ${i.quantity}`).join(', ')}, ` +
    `${basket.total.value} ${basket.total.currency}.`;
});
