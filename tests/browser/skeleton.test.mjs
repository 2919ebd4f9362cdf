// The walking skeleton in real Chromium: demo page -> bridge -> wasm -> ImGui -> WebGL2 pixels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPage, pixelStats, screenshotPath, startBrowser, waitForEvent } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.stop(); });

test('the demo page mounts the widget with the sample catalogue and draws it', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/'));
  const ready = await waitForEvent(page, 'ready');
  assert.equal(ready.detail.plans, 15, 'the sample catalogue has 15 plans');
  assert.deepEqual(ready.detail.warnings, []);
  const canvas = page.locator('#renew canvas');
  const png = await canvas.screenshot({ path: screenshotPath('skeleton-demo-1280x800') });
  const stats = await pixelStats(page, png);
  assert.ok(stats.width >= 400, `canvas is laid out (${stats.width}px wide)`);
  assert.ok(stats.distinctColors > 20, `canvas shows text and shapes (${stats.distinctColors} colours)`);
  assert.ok(stats.differingFraction > 0.02, `canvas is not blank (${(stats.differingFraction * 100).toFixed(1)}% drawn)`);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('the canvas framebuffer follows devicePixelRatio', async () => {
  const context = browser.context;
  const page = await newPage(context, { width: 390, height: 844 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 3, mobile: true });
  await page.goto(browser.url('/'));
  await waitForEvent(page, 'ready');
  const size = await page.evaluate(() => {
    const c = document.querySelector('#renew canvas');
    const r = c.getBoundingClientRect();
    return { cssWidth: r.width, cssHeight: r.height, width: c.width, height: c.height, dpr: devicePixelRatio };
  });
  assert.equal(size.dpr, 3);
  assert.equal(size.width, Math.round(size.cssWidth * 3));
  assert.equal(size.height, Math.round(size.cssHeight * 3));
  await page.locator('#renew canvas').screenshot({ path: screenshotPath('skeleton-demo-390x844') });
  await page.close();
});

test('a broken catalogue shows in the panel and fires error with the JSON path', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/fixtures/mount.html?catalog=/fixtures/broken-catalog.json'));
  const error = await waitForEvent(page, 'error');
  assert.equal(error.detail.kind, 'catalog');
  const paths = error.detail.problems.map((p) => p.path);
  assert.ok(paths.includes('/products/0/plans/1/price/minor'), `paths: ${paths.join(', ')}`);
  const problem = error.detail.problems.find((p) => p.path === '/products/0/plans/1/price/minor');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /negative/);
  assert.equal((await page.evaluate(() => window.__tabiEvents.filter((e) => e.name === 'ready').length)), 0);
  // The panel is not blank: it lists the problem.
  await page.waitForTimeout(300);
  const png = await page.locator('#renew canvas').screenshot({ path: screenshotPath('skeleton-broken-catalog') });
  const stats = await pixelStats(page, png);
  assert.ok(stats.distinctColors > 10, 'the problem is drawn');
  await page.close();
});

test('a catalogue URL that cannot be fetched is reported, not a blank widget', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/fixtures/mount.html?catalog=/fixtures/no-such-file.json'));
  const error = await waitForEvent(page, 'error');
  assert.equal(error.detail.kind, 'catalog');
  assert.match(error.detail.problems[0].message, /HTTP 404/);
  await page.close();
});

test('an idle widget draws no frames', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  await page.goto(browser.url('/fixtures/mount.html'));
  await waitForEvent(page, 'ready');
  // Counted from right after `ready`: the first frame is settled before it is shown, so none follows it.
  const before = await page.evaluate(async () => (await window.tabiHandle).frameCount());
  await page.waitForTimeout(3000);
  const afterIdle = await page.evaluate(async () => (await window.tabiHandle).frameCount());
  console.log(`frames up to ready: ${before}; in the 3 s after: ${afterIdle - before}`);
  assert.ok(before > 0, 'it drew at least once');
  assert.equal(afterIdle - before, 0, 'no frames over 3 s without input');
  await page.close();
});

// The locale packs (messages, font index, font slice 000 with the messages' characters) as the page fetches
// them: "messages:ja", "fonts:ja", "font:ja"; any other slice as "font-NNN:ja".
function packRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = r.url().match(/\/tabi-(fonts|font|messages)-([A-Za-z]+(?:-[A-Z][a-z]+)?)(?:-(\d{3}))?\.[0-9a-f]+\.(?:otf|json)$/);
    if (m) seen.push(`${m[1]}${m[3] && m[3] !== '000' ? `-${m[3]}` : ''}:${m[2]}`);
  });
  return seen;
}

test('English fetches no locale pack; Japanese fetches its own once, when first shown', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  const packs = packRequests(page);
  await page.goto(browser.url('/fixtures/empty.html'));
  const packsBeforeJapanese = await page.evaluate(async () => {
    const h = await TabiRenew.mount(document.getElementById('renew'), { locale: 'en' });
    await new Promise((r) => h.on('ready', r));
    await new Promise((r) => setTimeout(r, 300));
    const before = performance.getEntriesByType('resource').filter((e) => /tabi-(font|messages)-/.test(e.name)).length;
    h.setLocale('ja');
    await new Promise((r) => setTimeout(r, 1500));
    h.setLocale('en');
    h.setLocale('ja');
    await new Promise((r) => setTimeout(r, 300));
    return before;
  });
  assert.equal(packsBeforeJapanese, 0, 'nothing of a locale pack before Japanese is asked for');
  assert.deepEqual(packs.sort(), ['font:ja', 'fonts:ja', 'messages:ja'], 'the Japanese pack, once, and no other');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a locale named at mount has its pack fetched while the wasm is still downloading', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  const order = [];
  page.on('request', (r) => { if (/tabi-font-ja-000\./.test(r.url())) order.push('font requested'); });
  page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) order.push('wasm finished'); });
  // A slow network for the wasm only: the pack must not wait for it.
  await page.route(/\.wasm$/, async (route) => { await new Promise((r) => setTimeout(r, 800)); await route.continue(); });
  const packs = packRequests(page);
  await page.goto(browser.url('/fixtures/empty.html'));
  const ready = await page.evaluate(async () => {
    const h = await TabiRenew.mount(document.getElementById('renew'), { locale: 'ja' });
    return new Promise((r) => h.on('ready', r));
  });
  assert.equal(ready.locale, 'ja');
  assert.deepEqual(order, ['font requested', 'wasm finished']);
  assert.deepEqual(packs.sort(), ['font:ja', 'fonts:ja', 'messages:ja'], 'fetched once: the wasm\'s own request reuses it');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

// A host page with the given <html lang> (none when null), served by the test itself.
async function gotoHostPage(page, url, lang) {
  const html = `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><meta charset="utf-8"><title>host</title>`
    + '</head><body><div id="renew"></div><script src="/dist/tabi-renew.js"></script></body></html>';
  await page.route('**/fixtures/lang-host.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(url('/fixtures/lang-host.html'));
}

// Mounts with { locale } on a page with <html lang> while the wasm is held back 800 ms. Returns the pack files
// requested before the wasm was let through, those requested after (up to 300 ms past ready), and ready's detail.
async function mountWithSlowWasm(page, url, { lang, locale }) {
  const order = packRequests(page);
  await page.route(/\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    order.push('wasm released');
    await route.continue();
  });
  await gotoHostPage(page, url, lang);
  const ready = await page.evaluate(async (l) => {
    const h = await TabiRenew.mount(document.getElementById('renew'), { locale: l });
    return new Promise((r) => h.on('ready', r));
  }, locale);
  await page.waitForTimeout(300);
  const released = order.indexOf('wasm released');
  assert.ok(released >= 0, 'the wasm was fetched through the held-back route');
  return { before: order.slice(0, released).sort(), after: order.slice(released + 1), ready };
}

// 'auto' takes the page's language first; a regional tag the host names wins over the page's.
const PREFETCHED = [['zh-TW', 'auto', 'zh-Hant'], ['en', 'ko-KR', 'ko'], ['ja', 'zh-HK', 'zh-Hant']];
for (const [lang, locale, shown] of PREFETCHED) {
  test(`locale ${locale} on a page in ${lang}: the ${shown} pack comes while the wasm downloads, once`, async () => {
    const page = await newPage(browser.context, { width: 1280, height: 800 });
    const { before, after, ready } = await mountWithSlowWasm(page, browser.url, { lang, locale });
    assert.equal(ready.locale, shown);
    assert.deepEqual(before, [`font:${shown}`, `fonts:${shown}`, `messages:${shown}`], 'requested before the wasm was let through');
    assert.deepEqual(after, [], 'and not again: the wasm\'s own request at init reuses it');
    assert.deepEqual(page.pageErrors, []);
    await page.close();
  });
}

test('locale auto in English (page en-GB, browser English) fetches no pack', async () => {
  const page = await newPage(browser.context, { width: 1280, height: 800 });
  assert.match((await page.evaluate(() => navigator.languages))[0], /^en\b/);
  const { before, after, ready } = await mountWithSlowWasm(page, browser.url, { lang: 'en-GB', locale: 'auto' });
  assert.equal(ready.locale, 'en');
  assert.deepEqual([...before, ...after], []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('locale auto with the browser in Japanese (navigator.languages ja-JP, no <html lang>) prefetches ja', async () => {
  const japanese = await startBrowser({ locale: 'ja-JP' });
  try {
    const page = await newPage(japanese.context, { width: 1280, height: 800 });
    const { before, after, ready } = await mountWithSlowWasm(page, japanese.url, { lang: null, locale: 'auto' });
    assert.deepEqual(await page.evaluate(() => navigator.languages), ['ja-JP']);
    assert.equal(ready.locale, 'ja');
    assert.deepEqual(before, ['font:ja', 'fonts:ja', 'messages:ja']);
    assert.deepEqual(after, []);
    assert.deepEqual(page.pageErrors, []);
    await page.close();
  } finally {
    await japanese.stop();
  }
});
