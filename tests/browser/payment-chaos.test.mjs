// Payment chaos in real Chromium through the real bridge (issue 15): seeded random episodes against a hostile
// host (fixtures/chaos.mjs) whose onPayment succeeds, declines, cancels, stays pending, answers after the time
// limit, never answers, throws, returns a plain object or resolves twice, with reloads in the middle. After each
// episode the sandbox's books are checked: at most one charge per order, a renewed order charged exactly once,
// a failed one not at all. Many episodes share one page (the next one starts from the result screen: a new
// attempt after a decline, "Renew another card" after a renewal); only the episodes that reload, reload.
//
// TABI_CHAOS_EPISODES and TABI_CHAOS_SEED replay a run; a failure names the episode, its seed and its steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, waitForEvent } from './helpers.mjs';
import { WAIT, press, useServerAndBrowser, walkTo } from './mirror.mjs';

const EPISODES = Number(process.env.TABI_CHAOS_EPISODES || 200);
const SEED = Number(process.env.TABI_CHAOS_SEED || 20261204);
const SIM = '8981 1000 1234 5678 905';
const TIMEOUT_MS = 1000; // the fixture's paymentTimeoutMs (the bridge's least)

const env = useServerAndBrowser();

// mulberry32: a small seeded generator, the same sequence on every run.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)], chance: (p) => next() < p };
}

// One onPayment behaviour.
function behaviour(rand) {
  const status = () => rand.pick(['succeeded', 'succeeded', 'failed', 'cancelled']);
  switch (rand.pick(['succeed', 'succeed', 'decline', 'cancel', 'pending', 'late', 'never', 'throw', 'plain', 'twice'])) {
    case 'succeed': return { do: 'succeed' };
    case 'decline': return { do: 'decline' };
    case 'cancel': return { do: 'cancel' };
    case 'pending': return { do: 'pending', settlesTo: rand.pick(['succeeded', 'failed']) };
    case 'late': return { do: 'late', status: status(), ms: TIMEOUT_MS + 100 + Math.floor(rand.next() * 400) };
    case 'never': return { do: 'never', status: rand.chance(0.5) ? status() : undefined };
    case 'throw': return { do: 'throw' };
    case 'plain': return { do: 'plain', status: status() };
    default: return { do: 'twice', status: status() };
  }
}

// What the panel shows, read off its accessibility mirror, with counters that move whenever anything happens.
function snapshot(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#renew .tabi-renew-a11y');
    const text = root?.textContent || '';
    const steps = (window.__tabiEvents || []).filter((e) => e.name === 'step');
    return {
      heading: root?.querySelector('h2, h3')?.textContent || '',
      buttons: root ? [...root.querySelectorAll('button')].filter((b) => !b.disabled).map((b) => b.textContent.trim()) : [],
      orderId: (/order (TR-[0-9A-Z]{4}-[0-9A-Z]{4})/i.exec(text) || [])[1] || '',
      step: steps.length ? steps[steps.length - 1].detail.step : '',
      // What changes whenever anything happens: events, host calls, and the mirror itself (it follows the panel one
      // frame after the events, so a screen change counts on its own).
      moves: `${(window.__tabiEvents || []).length + window.__chaos.calls.length + window.__chaos.statusCalls}|` +
        `${root?.querySelector('h2, h3')?.textContent || ''}|${root ? [...root.querySelectorAll('button')]
          .filter((b) => !b.disabled).map((b) => b.textContent.trim()).join(',') : ''}`,
      input: !!root?.querySelector('input'),
    };
  });
}

const IDENTIFY = 'Which card do you want to renew?';
// A reload with no record of the order (storage that lost it) starts afresh: settled too. A declined or cancelled
// record comes back on its result screen (docs/host-api.md, "After a reload").
const SETTLED = ['Renewed!', "Payment didn't go through", 'Payment cancelled', IDENTIFY];

// A screen the traveller can act on: a settled result, pending, or the pay screen with its "Try again".
function restingScript(previousMoves) {
  const root = document.querySelector('#renew .tabi-renew-a11y');
  if (!root || !window.__chaos) return false;
  const heading = root.querySelector('h2, h3')?.textContent || '';
  const buttons = [...root.querySelectorAll('button')].filter((b) => !b.disabled).map((b) => b.textContent.trim());
  const moves = `${window.__tabiEvents.length + window.__chaos.calls.length + window.__chaos.statusCalls}|` +
    `${heading}|${buttons.join(',')}`;
  if (previousMoves !== null && moves === previousMoves) return false;
  // The mirror follows the panel one frame after its events: a result heading while the last step the widget told
  // is another (a new attempt's "pay") is the screen the traveller has just left, not where the episode rests.
  const steps = window.__tabiEvents.filter((e) => e.name === 'step');
  const step = steps.length ? steps[steps.length - 1].detail.step : '';
  const resultHeadings = ['Renewed!', "Payment didn't go through", 'Payment cancelled'];
  if (resultHeadings.includes(heading) && step && step !== 'result') return false;
  if (heading === 'Renewed!') return true;
  // A declined order restored after a reload rests once the host has said what became of it.
  if (["Payment didn't go through", 'Payment cancelled'].includes(heading))
    return !root.textContent.includes('Checking with the shop what became of order');
  if (heading === 'Payment pending') return buttons.includes('Check now');
  if (heading === 'Waiting for your payment') return buttons.includes('Try again');
  return heading === 'Check before you pay' || !!root.querySelector('input');
}

async function rest(page, previousMoves = null, timeout = WAIT) {
  await page.waitForFunction(restingScript, previousMoves, { timeout });
  return snapshot(page);
}

// Presses a button and waits until something happened. A press can land on the mirror of a screen the panel has
// just left (the mirror follows one frame later), and such a press is rightly ignored: then the traveller presses
// again, up to four times, before the wait counts as a failure.
async function pressAndRest(page, label, moves) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await press(page, label, { timeout: 5000 }).catch(() => {}); // a late answer may have taken the button away
    const settled = await rest(page, moves, 5000).catch(() => null);
    if (settled) return settled;
  }
  return rest(page, moves);
}

function storedRecord(page) {
  return page.evaluate(() => {
    const entry = Object.entries(localStorage).find(([k]) => k.startsWith('tabi-renew:v1:pending:'));
    try { return entry ? JSON.parse(entry[1]).order : null; } catch { return null; }
  });
}

test(`payment chaos in Chromium: ${EPISODES} seeded episodes, never a second charge, never a lost order`, async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/fixtures/chaos.html`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  const rand = generator(SEED);
  const renewed = new Set();
  const totals = { episodes: 0, charges: 0, doubleCharges: 0, lostOrders: 0, reloads: 0 };
  let screen = await snapshot(page);

  const collectRenewed = async () => {
    for (const e of await page.evaluate(() => window.__tabiEvents.filter((x) => x.name === 'renewed')))
      renewed.add(e.detail.orderId);
  };

  const reload = async (log) => {
    await collectRenewed();
    const before = await storedRecord(page);
    await page.reload();
    await waitForEvent(page, 'ready', { timeout: WAIT });
    totals.reloads += 1;
    const kept = before && ['awaiting_payment', 'pending', 'renewed', 'failed', 'cancelled'].includes(before.state);
    log.push(`reload (record ${before ? before.state : 'none'})`);
    if (kept) {
      // The order comes back and the host is asked before anything else: nothing the traveller chose is lost.
      await page.waitForFunction((id) => (document.querySelector('#renew .tabi-renew-a11y')?.textContent || '')
        .includes(id), before.orderId, { timeout: WAIT })
        .catch(async () => assert.fail(`after the reload the order ${before.orderId} (${before.state}) is not shown: ` +
          `"${(await snapshot(page)).heading}"\n  ${log.join('\n  ')}`));
    }
    return rest(page);
  };

  for (let episode = 0; episode < EPISODES; episode += 1) {
    const log = [];
    await runEpisode(episode, log).catch(async (err) => {
      const now = await snapshot(page).catch(() => ({}));
      throw new Error(`episode ${episode} (TABI_CHAOS_SEED=${SEED}): ${err.message}\n  ${log.join('\n  ')}\n  ` +
        `the panel shows "${now.heading}" [${(now.buttons || []).join(', ')}]; calls ` +
        JSON.stringify(await page.evaluate(() => window.__chaos.calls).catch(() => null)));
    });
  }

  async function runEpisode(episode, log) {
    const fail = (what) => assert.fail(what);
    // Start from the confirm screen or a settled failure (a new attempt of the same order).
    if (screen.heading === 'Renewed!') {
      await press(page, /^Renew another card$/);
      log.push('renew another card');
      await page.waitForFunction(() => !!document.querySelector('#renew .tabi-renew-a11y input'), null, { timeout: WAIT });
      screen = await snapshot(page);
    }
    if (!['Check before you pay', "Payment didn't go through", 'Payment cancelled'].includes(screen.heading)) {
      await walkTo(page, 'confirm', SIM, { lookup: false });
      log.push('walk to confirm');
      // The mirror follows the step one frame later.
      await page.waitForFunction(() => document.querySelector('#renew .tabi-renew-a11y h2, #renew .tabi-renew-a11y h3')
        ?.textContent === 'Check before you pay', null, { timeout: WAIT });
      screen = await snapshot(page);
    }
    const plan = Array.from({ length: 4 }, () => behaviour(rand));
    await page.evaluate((p) => { window.__chaos.plan.length = 0; window.__chaos.plan.push(...p); }, plan);
    log.push(`host plan ${JSON.stringify(plan)}`);
    const reloadAt = rand.chance(0.15) ? Math.floor(rand.next() * 3) : -1;

    // The traveller pays: Pay (sometimes a double activation), or a new attempt after a decline.
    const before = screen.moves;
    const label = screen.heading === 'Check before you pay' ? /^Pay / : rand.pick([/^Try again$/, /^Use another payment method$/]);
    const double = rand.chance(0.2);
    const requests = () => window.__tabiEvents.filter((e) => e.name === 'paymentrequest').length;
    const requestsBefore = await page.evaluate(requests);
    await page.evaluate(([source, twice]) => {
      const b = [...document.querySelectorAll('#renew .tabi-renew-a11y button')]
        .find((x) => new RegExp(source).test(x.textContent.trim()) && !x.disabled);
      b.click();
      if (twice) b.click();
    }, [label.source, double]);
    log.push(`press ${label.source}${double ? ' twice' : ''}`);
    // Each of these presses starts an attempt: rest only once its paymentrequest is out. Before that the mirror may
    // still show the last result, and an event of an earlier attempt (a late answer's error) would make that look
    // like where the press ended (seed 20261204, episode 139, under load).
    await page.waitForFunction(`(${requests})() > ${requestsBefore}`, null, { timeout: WAIT });
    screen = await rest(page, before);
    const lastOrderId = (await page.evaluate(() => window.__tabiEvents.filter((e) => e.name === 'paymentrequest')
      .map((e) => e.detail.order.orderId).pop())) || screen.orderId;

    for (let action = 0; !SETTLED.includes(screen.heading); action += 1) {
      if (action > 12) fail(`never settled; the panel shows "${screen.heading}" [${screen.buttons.join(', ')}]`);
      if (action === reloadAt) {
        const paid = screen.orderId || lastOrderId;
        screen = await reload(log);
        if (!screen.orderId) screen.orderId = paid;
        continue;
      }
      const moves = screen.moves;
      if (screen.heading === 'Payment pending') {
        log.push('check now');
        screen = await pressAndRest(page, /^Check now$/, moves);
      } else if (screen.heading === 'Waiting for your payment') {
        if (rand.chance(0.5)) await page.waitForTimeout(TIMEOUT_MS); // a late answer may still come
        log.push('try again');
        screen = await pressAndRest(page, /^Try again$/, moves);
      } else if (screen.heading === 'Check before you pay') {
        log.push('pay');
        screen = await pressAndRest(page, /^Pay /, moves);
      } else {
        fail(`an unexpected screen: "${screen.heading}"`);
      }
    }

    // The books after the episode.
    await collectRenewed();
    const charged = await page.evaluate(() => window.__chaos.charges());
    for (const [orderId, n] of Object.entries(charged)) if (n > 1) { totals.doubleCharges += 1; fail(`order ${orderId} charged ${n} times`); }
    const n = charged[screen.orderId] || 0;
    if (screen.heading === 'Renewed!' && n !== 1) fail(`order ${screen.orderId} shown renewed with ${n} charges`);
    if (screen.heading !== 'Renewed!' && n !== 0) { totals.lostOrders += 1; fail(`order ${screen.orderId} charged but shown "${screen.heading}"`); }
    totals.episodes += 1;
  }

  const charged = await page.evaluate(() => window.__chaos.charges());
  totals.charges = Object.values(charged).reduce((a, b) => a + b, 0);
  for (const orderId of Object.keys(charged))
    if (!renewed.has(orderId)) { totals.lostOrders += 1; assert.fail(`order ${orderId} was charged and never shown renewed`); }
  console.log(`payment chaos: ${totals.episodes} episodes, ${totals.charges} charges, ${totals.doubleCharges} double charges, ` +
    `${totals.lostOrders} lost orders (browser, seed ${SEED}, ${totals.reloads} reloads)`);
  assert.deepEqual(page.pageErrors, []);
});
