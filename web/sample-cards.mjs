// The sandbox shop's cards: valid identifiers of each kind with a status relative to now (fresh, expiring
// tomorrow, out of data, expired), in the status format of widget/core/card_status.h.
export const SAMPLE_CARDS = [
  { label: 'SIM, fresh (Sakura, 7 days)', id: '8981 1000 1234 5678 905', card: 'sim', operator: 'sakura-mobile-jp',
    product: 'sakura-visitor-sim', planId: 'sakura-7d-5gb', plan: '7 days · 5 GB',
    daysAgo: 1, days: 7, totalMb: 5120, usedMb: 900 },
  { label: 'SIM, expires tomorrow (Hikari)', id: '8981 3000 2468 0135 795', card: 'sim', operator: 'hikari-data',
    product: 'hikari-prepaid-sim', planId: 'hikari-10d-10gb', plan: '10 days · 10 GB',
    daysAgo: 8, days: 10, totalMb: 10240, usedMb: 7400 },
  { label: 'SIM, out of data (Sakura)', id: '8981 1000 9876 5432 105', card: 'sim', operator: 'sakura-mobile-jp',
    product: 'sakura-visitor-sim', planId: 'sakura-7d-5gb', plan: '7 days · 5 GB',
    daysAgo: 3, days: 7, totalMb: 5120, usedMb: 5120 },
  { label: 'eSIM, expired (Kumo)', id: '8904 9032 0010 0000 0000 0000 0000 0112', card: 'esim', operator: 'kumo-esim',
    product: 'kumo-japan-esim', planId: 'kumo-7d-10gb', plan: '7 days · 10 GB',
    daysAgo: 9, days: 7, totalMb: 10240, usedMb: 6100 },
  { label: 'Pocket WiFi rental (Tabi WiFi)', id: 'TW-20261128', card: 'wifi', operator: 'tabi-wifi',
    product: 'tabi-pocket-wifi', plan: 'Rental · unlimited', daysAgo: 4, returnInDays: 2, lateFee: 1650 },
];

const DAY = 86400000;

function jstDate(ms) {
  return new Date(ms + 9 * 3600000).toISOString().slice(0, 10);
}

export function statusFor(card, now) {
  const activated = new Date(now - card.daysAgo * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  if (card.card === 'wifi') {
    return { card: 'wifi', operator: card.operator, product: card.product, plan_name: card.plan, activated_at: activated,
      unlimited: true, rental_return_date: jstDate(now + card.returnInDays * DAY),
      late_fee_per_day: { minor: card.lateFee, currency: 'JPY' } };
  }
  return { card: card.card, operator: card.operator, product: card.product, plan: card.planId,
    plan_name: card.plan, activated_at: activated, validity: 'calendar_jst', days: card.days,
    data_total_mb: card.totalMb, data_used_mb: card.usedMb };
}

// When a status expires (ms since the epoch), counted the way the widget counts it: calendar days in Japan
// (activation day is day 1, ending 23:59:59 JST on day N); a rental at the end of its return date.
export function expiryOf(status) {
  const JST = 9 * 3600000;
  if (status.rental_return_date) return Date.parse(`${status.rental_return_date}T23:59:59+09:00`);
  const startDay = Math.floor((Date.parse(status.activated_at) + JST) / DAY);
  return (startDay + status.days) * DAY - JST - 1000;
}
