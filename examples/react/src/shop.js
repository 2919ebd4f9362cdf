// Stand-ins for the shop's back end: a card lookup and a payment provider that charges each idempotency key
// once (a repeated key gets the first answer, as a real provider's would). Replace them with calls to your server.
const DAY = 86400000;
export const charges = new Map(); // idempotencyKey -> charges made

export async function lookupCard(identifier) {
  if (identifier.replace(/\s/g, '') !== '8981100012345678905')
    throw new Error('We could not find this card. Check the number printed on it.');
  const now = Date.now();
  return {
    card: 'sim', operator: 'sakura-mobile-jp', product: 'sakura-visitor-sim', plan: 'sakura-7d-5gb',
    plan_name: '7 days · 5 GB', activated_at: new Date(now - DAY).toISOString().replace(/\.\d+Z$/, 'Z'),
    validity: 'calendar_jst', days: 7, data_total_mb: 5120, data_used_mb: 900,
  };
}

const results = new Map(); // idempotencyKey -> the provider's answer
export async function payOrder(order) {
  const key = order.idempotencyKey;
  if (!results.has(key)) {
    charges.set(key, (charges.get(key) || 0) + 1);
    results.set(key, { orderId: order.orderId, status: 'succeeded', reference: `shop_${key.slice(0, 8)}` });
  }
  return results.get(key);
}

export async function paymentStatus(order) {
  return results.get(order.idempotencyKey)
    || { orderId: order.orderId, status: 'failed', reason: 'No payment was made for this order.' };
}
