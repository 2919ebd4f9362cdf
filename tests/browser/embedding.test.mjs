// The ways into the widget, in real Chromium: script tag auto-mount, <tabi-renew>, mount() and
// destroy(), several widgets per page, the headless core API, and a strict CSP.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, newPage, pixelStats, screenshotPath, startBrowser, waitForEvent } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.stop(); });

test('a blog pastes one script tag and the widget appears', async () => {
  const page = await newPage(browser.context, { width: 390, height: 844 });
  await page.goto(browser.url('/examples/blog-embed.html'));
  const ready = await waitForEvent(page, 'ready', { target: 'tabi-renew' });
  assert.equal(ready.detail.plans, 15);
  assert.deepEqual(page.pageErrors, []);
});

test('two script tags give two independent widgets sharing one compiled wasm', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  const wasmFetches = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFetches.push(r.url()); });
  await page.goto(browser.url('/examples/two-widgets.html'));
  await waitForEvent(page, 'ready', { target: 'renew-light' });
  await waitForEvent(page, 'ready', { target: 'renew-dark' });
  // Each part of the wasm (wasm-loader.mjs) once: the primary at mount, the deferred after the first frame.
  const deferred = () => wasmFetches.filter((u) => u.includes('.deferred.'));
  for (let i = 0; i < 100 && deferred().length === 0; i++) await page.waitForTimeout(50);
  assert.equal(wasmFetches.length - deferred().length, 1, 'the primary wasm is fetched once');
  assert.equal(deferred().length, 1, 'the deferred wasm is fetched once');
  assert.equal(await page.locator('canvas').count(), 2);
  const light = await pixelStats(page, await page.locator('#renew-light canvas').screenshot());
  const dark = await pixelStats(page, await page.locator('#renew-dark canvas').screenshot({ path: screenshotPath('two-widgets-dark') }));
  assert.ok(light.distinctColors > 20 && dark.distinctColors > 20);
  // Destroying one leaves the other drawing.
  await page.evaluate(() => document.getElementById('renew-light').replaceChildren());
  const canvasDark = page.locator('#renew-dark canvas');
  await canvasDark.hover();
  await page.mouse.wheel(0, 200);
  assert.equal(await page.locator('#renew-dark canvas').count(), 1);
  assert.deepEqual(page.pageErrors, []);
});

test('the <tabi-renew> element mounts, follows attribute changes and goes away cleanly', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/examples/strict-csp.html'));
  const ready = await waitForEvent(page, 'ready');
  assert.equal(ready.detail.plans, 8, 'the custom catalogue has 8 plans');
  // Changing the catalog attribute loads the new catalogue.
  await page.evaluate(() => document.querySelector('tabi-renew').setAttribute('catalog', '/fixtures/broken-catalog.json'));
  const error = await waitForEvent(page, 'error');
  assert.ok(error.detail.problems.some((p) => p.path === '/products/0/plans/1/price/minor'));
  await page.evaluate(() => document.querySelector('tabi-renew').remove());
  assert.equal(await page.locator('canvas').count(), 0);
  assert.deepEqual(page.pageErrors, []);
});

// examples/strict-csp.html, served under `policy` (the response header is checked): the widget mounts, switches to
// Japanese (the locale pack, fetched with its SRI values), takes typing and draws every screen to confirm; every
// CSP violation the page reports is returned.
async function walkUnderPolicy(query, policy) {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const response = await page.goto(browser.url(`/examples/strict-csp.html${query}`));
  assert.match(response.headers()['content-security-policy'], policy);
  await waitForEvent(page, 'ready');
  await page.locator('canvas').click({ position: { x: 40, y: 40 } });
  const mirror = 'tabi-renew .tabi-renew-a11y';
  const press = async (label) => {
    const button = await page.waitForFunction(([sel, source]) => [...document.querySelectorAll(`${sel} button`)]
      .find((b) => new RegExp(source).test(b.textContent.trim()) && !b.disabled) || null, [mirror, label.source]);
    await button.evaluate((b) => b.click());
  };
  const step = (name) => page.waitForFunction((n) => {
    const steps = window.__tabiEvents.filter((e) => e.name === 'step');
    return steps.length > 0 && steps[steps.length - 1].detail.step === n;
  }, name);
  await press(/^日本語$/);
  await page.waitForFunction((sel) => document.querySelector(sel)?.lang === 'ja', mirror);
  await page.locator(`${mirror} input`).first().fill('8904 9032 0010 0000 0000 0000 0000 0112');
  await press(/^次へ$/);
  await step('device');
  await press(/^Apple iPhone 16$/);
  await press(/^次へ$/);
  await step('payment_methods');
  await press(/^次へ$/);
  await step('choose');
  await press(/^おすすめを選ぶ$/);
  await press(/^次へ · /);
  await step('confirm');
  await page.waitForTimeout(300);
  return { page, violations: await page.evaluate(() => window.__violations) };
}

test('the mouse cursor follows what is under it: a text beam over the field, a hand over buttons', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/fixtures/mount.html'));
  await waitForEvent(page, 'ready');
  const canvas = page.locator('#renew canvas');
  const box = await canvas.boundingBox();
  // Down the middle of the identify screen: its title, the card field, the hint, Continue at the bottom.
  const seen = [];
  for (let y = 4; y < box.height; y += 8) {
    await page.mouse.move(box.x + box.width / 2, box.y + y);
    await page.waitForTimeout(40);
    const cursor = await canvas.evaluate((c) => c.style.cursor || 'default');
    if (seen.at(-1) !== cursor) seen.push(cursor);
  }
  assert.deepEqual(seen.filter((c) => c !== 'default'), ['text', 'pointer'], seen.join(' > '));
  assert.equal(seen[0], 'default');
  await page.mouse.move(box.x + box.width / 2, box.y + 320);
  await page.waitForFunction(() => document.querySelector('#renew canvas').style.cursor === 'default');
  assert.deepEqual(page.pageErrors, []);
});

test('a strict Content-Security-Policy page has zero violations', async () => {
  const { page, violations } = await walkUnderPolicy('', /script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(violations, []);
  await page.locator('canvas').screenshot({ path: screenshotPath('strict-csp') });
});

test('Trusted Types (require-trusted-types-for \'script\'; trusted-types \'none\') on top: zero violations', async () => {
  const { page, violations } = await walkUnderPolicy('?trusted-types',
    /wasm-unsafe-eval'.*; require-trusted-types-for 'script'; trusted-types 'none'$/);
  assert.deepEqual(violations, []);
  // The policy is enforced on this page: an HTML string into a sink is refused (after the walk was recorded).
  const refused = await page.evaluate(() => {
    try { document.createElement('div').innerHTML = '<b>x</b>'; return false; } catch (err) { return err instanceof TypeError; }
  });
  assert.equal(refused, true, 'Trusted Types are enforced');
  assert.deepEqual(page.pageErrors, []);
});

test('mount() validates options with specific errors', async () => {
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const message = await page.evaluate(() => TabiRenew.mount('#renew', { theme: 'purple' }).then(() => 'mounted', (e) => e.message));
  assert.match(message, /option "theme": "purple" is not one of light, dark, auto/);
  const missing = await page.evaluate(() => TabiRenew.mount('#nowhere').then(() => 'mounted', (e) => e.message));
  assert.match(missing, /no element matches the target selector "#nowhere"/);
});

test('setCatalog() loads another catalogue (a URL object too) and refuses a bad one', async () => {
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const answers = await page.evaluate(async () => {
    const h = await TabiRenew.mount('#renew', {});
    const readies = [];
    h.on('ready', (d) => readies.push(d.plans));
    await new Promise((r) => { if (readies.length) r(); else h.on('ready', r); });
    await h.setCatalog(new URL('/examples/custom-catalog/plans.json', location.href));
    await new Promise((r) => { const wait = () => (readies.length >= 2 ? r() : setTimeout(wait, 50)); wait(); });
    const refused = await h.setCatalog(42).then(() => 'accepted', (e) => `${e.name}: ${e.message}`);
    h.destroy();
    return { readies, refused };
  });
  assert.deepEqual(answers.readies.slice(0, 2), [15, 8], 'the sample (15 plans), then the custom catalogue (8)');
  assert.match(answers.refused, /^OptionsError: .*option "catalog": give a URL string or a catalogue object/);
});

test('100 mount/destroy cycles leave memory flat', async () => {
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const cdp = await browser.context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const cycle = (n) => page.evaluate(async (count) => {
    const el = document.getElementById('renew');
    for (let i = 0; i < count; i++) {
      const h = await TabiRenew.mount(el, {});
      await new Promise((r) => h.on('ready', r));
      h.destroy();
    }
    return document.querySelectorAll('canvas').length;
  }, n);
  const listeners = async () => (await cdp.send('Memory.getDOMCounters')).jsEventListeners;
  await cycle(10); // warm up: the compiled module, JIT, caches
  const before = await heap();
  const listenersBefore = await listeners();
  assert.equal(await cycle(100), 0, 'every canvas is removed');
  const afterCycles = await heap();
  const listenersAfter = await listeners();
  const growth = afterCycles - before;
  console.log(`heap before ${(before / 1e6).toFixed(1)} MB, after 100 cycles ${(afterCycles / 1e6).toFixed(1)} MB; JS event listeners ${listenersBefore} -> ${listenersAfter}`);
  assert.ok(listenersAfter <= listenersBefore, 'no event listener is left behind');
  assert.ok(growth < 4e6, `JS heap grew by ${(growth / 1e6).toFixed(1)} MB over 100 cycles`);
  assert.deepEqual(page.pageErrors, []);
});

// The cycles above can end with the deferred module's compile still on the way, which holds the destroyed widget
// a moment longer (a fresh clone's run failed so, 7 -> 15 listeners). Held here for sure: the deferred module is
// answered only after the check. The widget must then hold no element, so its mirror's listeners are gone.
test('a widget destroyed while its deferred module is on the way holds none of its elements', async () => {
  const page = await newPage(browser.context);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route((url) => url.pathname.includes('.deferred.'), async (route) => { await held; await route.continue(); });
  await page.goto(browser.url('/fixtures/empty.html'));
  const cdp = await browser.context.newCDPSession(page);
  const listeners = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Memory.getDOMCounters')).jsEventListeners;
  };
  const before = await listeners();
  await page.evaluate(async () => {
    const h = await TabiRenew.mount(document.getElementById('renew'), {});
    await new Promise((r) => h.on('ready', r));
    h.destroy();
  });
  const after = await listeners();
  release();
  assert.equal(after, before, `JS event listeners ${before} -> ${after} while the deferred module is on the way`);
  assert.deepEqual(page.pageErrors, []);
});

test('a listener may call the widget back: setTheme() and destroy() from inside `ready`', async () => {
  // Events come out of a wasm frame; the bridge hands them to the host after the frame, so a listener that
  // destroys the widget does not pull the instance out from under the frame still running.
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const answer = await page.evaluate(async () => {
    const el = document.getElementById('renew');
    const h = await TabiRenew.mount(el, {});
    const later = [];
    await new Promise((r) => h.on('ready', () => { h.setTheme('dark'); h.destroy(); r(); }));
    h.on('step', (d) => later.push(d));
    await new Promise((r) => setTimeout(r, 500));
    const again = await TabiRenew.mount(el, {});
    await new Promise((r) => again.on('ready', r));
    return { canvases: document.querySelectorAll('canvas').length, eventsAfterDestroy: later.length };
  });
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(answer, { canvases: 1, eventsAfterDestroy: 0 });
});

test('the headless core API checks a catalogue without a canvas', async () => {
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const result = await page.evaluate(async () => {
    const core = await TabiRenew.core();
    const broken = await (await fetch('/fixtures/broken-catalog.json')).text();
    return { broken: core.checkCatalog(broken), notJson: core.checkCatalog('{"version": 1,'), canvases: document.querySelectorAll('canvas').length };
  });
  assert.equal(result.broken.ok, false);
  assert.equal(result.broken.errors[0].path, '/products/0/plans/1/price/minor');
  assert.equal(result.notJson.ok, false);
  assert.equal(result.notJson.errors[0].id, 'catalog.not_json');
  assert.equal(result.canvases, 0);
});

test('the headless core API builds the order the widget would, and recommends in the query\'s currency', async () => {
  const page = await newPage(browser.context);
  await page.goto(browser.url('/fixtures/empty.html'));
  const result = await page.evaluate(async () => {
    const core = await TabiRenew.core({ locales: ['ja'] });
    const rec = core.recommend(null, { product: 'sakura-visitor-sim', tripDays: 10, mbPerDay: 500, currency: 'CNY' });
    const first = core.order(null, rec.best.items, '8981 1000 1234 5678 905', 'ja');
    const second = core.order(null, rec.best.items, '8981 1000 1234 5678 905', 'ja');
    return { rec, first, second, unknown: core.order(null, [{ planId: 'nope' }], '8981 1000 1234 5678 905'),
      canvases: document.querySelectorAll('canvas').length };
  });
  assert.deepEqual(page.pageErrors, []);
  const { rec, first, second } = result;
  assert.equal(rec.status, 'recommended');
  assert.equal(rec.best.total.currency, 'JPY');
  assert.equal(rec.best.shownTotal.currency, 'CNY');
  assert.deepEqual(rec.rate, { from: 'JPY', to: 'CNY', rate: '0.0467', asOf: '2026-11-20' });
  const order = first.order;
  assert.match(order.orderId, /^TR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.match(order.idempotencyKey, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(second.order.idempotencyKey, order.idempotencyKey, 'each call is a new order with its own key');
  assert.deepEqual(order.items.map((i) => [i.planId, i.quantity]), rec.best.items.map((i) => [i.planId, i.quantity]));
  assert.deepEqual(order.total, { currency: rec.best.total.currency, minor: rec.best.total.minor, value: rec.best.total.value });
  assert.equal(order.paymentRequest.total.amount.value, order.total.value);
  assert.equal(order.locale, 'ja');
  assert.deepEqual(order.card, { kind: 'sim', maskedId: '••• •••• •••• •••• 8905' });
  assert.ok(!JSON.stringify(result).includes('8981100012345678905'), 'the identifier itself is in no answer');
  assert.equal(result.unknown.error.id, 'api.unknown_plan');
  assert.equal(result.canvases, 0);
});

test('a page pins a release: /dist/<version>/tabi-renew.js with its integrity, every file from that folder', async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'build', 'wasm', 'dist', version, 'manifest.json'), 'utf8'));
  assert.equal(manifest.version, version);
  for (const [file, entry] of Object.entries(manifest.files)) {
    assert.match(entry.integrity, /^sha384-[A-Za-z0-9+/]{64}$/, file);
    assert.equal(entry.bytes, statSync(join(ROOT, 'build', 'wasm', 'dist', version, file)).size, file);
  }
  const page = await newPage(browser.context);
  await page.goto(browser.url(`/fixtures/pinned.html?v=${version}`));
  await waitForEvent(page, 'ready', { target: 'renew' });
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => /tabi-(renew|font|messages)/.test(p)));
  assert.ok(fetched.some((p) => p.endsWith('.wasm')), fetched.join(' '));
  for (const p of fetched) assert.ok(p.startsWith(`/dist/${version}/`), `${p} is from the pinned release`);
  assert.deepEqual(page.pageErrors, []);

  const tampered = await newPage(browser.context);
  await tampered.goto(browser.url(`/fixtures/pinned.html?v=${version}&bad=1`));
  await tampered.waitForFunction(() => window.__scriptBlocked === true);
  assert.equal(await tampered.evaluate(() => typeof window.TabiRenew), 'undefined', 'bytes that do not match never run');
});
