// Lazy by default: a script tag's widget and a <tabi-renew> element load (wasm, catalogue, locale pack, WebGL)
// only when they near the viewport; load="eager" / data-load="eager" opt out. Real Chromium, on a long article
// with both kinds of widget far below the fold (fixtures/below-fold.html).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, newPage, startBrowser, waitForEvent } from './helpers.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.stop(); });

const RESERVED = 560; // the canvas's default height (js/src/widget.mjs DEFAULT_HEIGHT)

// What a widget loads besides the bridge script.
// The primary wasm (the first frame's code); the deferred one follows each widget's first frame (wasm-loader.mjs).
const PRIMARY_WASM = /tabi-renew\.[0-9a-f]+\.wasm$/;
const WIDGET_FILES = /\.wasm$|\/plans\.json$|\/tabi-messages-[^/]*\.json$|\/tabi-fonts?-[^/]*\.(?:otf|json)$/;

// A page that records its requests and console errors, and every IntersectionObserver's targets (the bridge's
// observers are otherwise out of reach): window.__observed() lists the ids of the elements observed now.
async function recordingPage(viewport = { width: 1280, height: 800 }) {
  const page = await newPage(browser.context, viewport);
  page.requests = [];
  page.on('request', (r) => page.requests.push(new URL(r.url()).pathname));
  page.consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url)) page.consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const Native = window.IntersectionObserver;
    const observers = new Set();
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) {
        super(callback, options);
        this.targets = new Set();
        observers.add(this);
      }
      observe(target) { this.targets.add(target); super.observe(target); }
      unobserve(target) { this.targets.delete(target); super.unobserve(target); }
      disconnect() { this.targets.clear(); super.disconnect(); }
    };
    window.__observed = () => [...observers].flatMap((o) => [...o.targets].map((t) => t.id || t.localName));
    window.__rootMargins = () => [...new Set([...observers].map((o) => o.rootMargin))];
  });
  return page;
}

const widgetRequests = (page) => page.requests.filter((p) => WIDGET_FILES.test(p));
const count = (page, re) => page.requests.filter((p) => re.test(p)).length;

// Height, document position, display and canvases of the widgets' elements.
const layout = (page) => page.evaluate(() => Object.fromEntries(['renew-script', 'renew-element'].map((id) => {
  const el = document.getElementById(id);
  const r = el.getBoundingClientRect();
  return [id, { height: r.height, top: r.top + window.scrollY, display: getComputedStyle(el).display,
    canvases: el.querySelectorAll('canvas').length }];
})));

test('widgets far below the fold cost only the bridge script until the reader scrolls near them', async () => {
  const page = await recordingPage();
  await page.goto(browser.url('/fixtures/below-fold.html'), { waitUntil: 'networkidle' });
  await page.waitForTimeout(300); // a few frames: the observers have reported
  const viewportHeight = await page.evaluate(() => window.innerHeight);
  const before = await layout(page);
  // The page's premise: both widgets are further down than the observer's margin (one viewport below the fold).
  assert.ok(before['renew-script'].top > 2 * viewportHeight, `#renew-script at ${before['renew-script'].top}px`);
  assert.ok(before['renew-element'].top - before['renew-script'].top > RESERVED + 2 * viewportHeight,
    'the element is more than the margin below the script tag\'s widget');

  assert.deepEqual(widgetRequests(page), [], 'no wasm, catalogue or locale pack before scrolling');
  assert.equal(count(page, /\/tabi-renew\.js$/), 1, 'the bridge script');
  assert.deepEqual((await page.evaluate(() => window.__observed())).sort(), ['renew-element', 'renew-script']);
  assert.deepEqual(await page.evaluate(() => window.__rootMargins()), ['100% 100% 100% 100%']);
  for (const id of ['renew-script', 'renew-element']) {
    assert.equal(before[id].height, RESERVED, `#${id} keeps the widget's height while it waits`);
    assert.equal(before[id].canvases, 0, `#${id} has no canvas yet`);
  }
  assert.equal(before['renew-element'].display, 'block');

  // Scrolled to the script tag's widget: it loads; the element further down still waits.
  await page.evaluate(() => document.getElementById('renew-script').scrollIntoView({ block: 'center' }));
  const ready = await waitForEvent(page, 'ready', { target: 'renew-script' });
  assert.equal(ready.detail.plans, 8, 'the script tag\'s catalogue');
  assert.equal(count(page, PRIMARY_WASM), 1, 'the wasm is fetched once');
  assert.equal(count(page, /\/plans\.json$/), 1);
  assert.equal(count(page, /\/tabi-(messages|font)-/), 0, 'the Japanese element has not loaded its pack');
  const loaded = await layout(page);
  assert.equal(loaded['renew-script'].canvases, 1);
  assert.equal(loaded['renew-script'].height, RESERVED, 'the height does not change when it loads');
  assert.equal(loaded['renew-element'].top, before['renew-element'].top, 'nothing below it moved');
  assert.equal(loaded['renew-element'].canvases, 0);
  assert.deepEqual(await page.evaluate(() => window.__observed()), ['renew-element']);

  // Scrolled on to the element: it loads too, on the same compiled wasm, with its locale pack.
  await page.evaluate(() => document.getElementById('renew-element').scrollIntoView({ block: 'center' }));
  await waitForEvent(page, 'ready', { target: 'renew-element' });
  assert.equal(count(page, PRIMARY_WASM), 1, 'still one wasm fetch for two widgets');
  assert.equal(count(page, /\/tabi-messages-ja\.[^/]*json$/), 1);
  assert.equal(count(page, /\/tabi-font-ja-000\.[^/]*otf$/), 1);
  const both = await layout(page);
  assert.equal(both['renew-element'].canvases, 1);
  assert.equal(both['renew-element'].height, RESERVED);
  await page.waitForFunction(() => document.querySelector('#renew-element .tabi-renew-a11y')?.lang === 'ja');
  assert.deepEqual(await page.evaluate(() => window.__observed()), [], 'every observer is disconnected');
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('data-load="eager" and load="eager" load at page load, far below the fold', async () => {
  const page = await recordingPage();
  const html = readFileSync(join(ROOT, 'tests/browser/fixtures/below-fold.html'), 'utf8');
  const eager = html
    .replace('data-target="#renew-script"', 'data-target="#renew-script" data-load="eager"')
    .replace('<tabi-renew id="renew-element"', '<tabi-renew id="renew-element" load="EAGER"');
  assert.equal((eager.match(/load="eager"/gi) || []).length, 2);
  const url = browser.url('/fixtures/below-fold.html?eager');
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: eager }));
  await page.goto(url);
  await waitForEvent(page, 'ready', { target: 'renew-script' });
  await waitForEvent(page, 'ready', { target: 'renew-element' });
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'without scrolling');
  assert.equal(count(page, PRIMARY_WASM), 1);
  assert.equal(count(page, /\/tabi-font-ja-000\.[^/]*otf$/), 1);
  assert.deepEqual(await page.evaluate(() => window.__observed()), [], 'nothing waited');
  const loaded = await layout(page);
  assert.equal(loaded['renew-script'].height, RESERVED);
  assert.equal(loaded['renew-element'].height, RESERVED);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

// An empty page with the bridge; elements are added below a spacer three viewports tall.
async function spacerPage() {
  const page = await recordingPage();
  await page.goto(browser.url('/fixtures/empty.html'), { waitUntil: 'networkidle' });
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.id = 'spacer';
    spacer.style.height = `${3 * window.innerHeight}px`;
    document.body.append(spacer);
  });
  return page;
}

test('an element removed before it loaded leaves no observer and fetches nothing; re-attached, it loads', async () => {
  const page = await spacerPage();
  const waiting = await page.evaluate(() => {
    const el = document.createElement('tabi-renew');
    el.id = 'late';
    el.setAttribute('height', '300');
    document.body.append(el);
    window.__late = el;
    return { observed: window.__observed(), height: el.getBoundingClientRect().height, widget: el.widget !== null };
  });
  assert.deepEqual(waiting, { observed: ['late'], height: 300, widget: true });

  const removed = await page.evaluate(async () => {
    window.__late.remove();
    await new Promise((r) => setTimeout(r, 0));
    return { observed: window.__observed(), minHeight: window.__late.style.minHeight, widget: window.__late.widget };
  });
  assert.deepEqual(removed, { observed: [], minHeight: '', widget: null });
  // Where it would have been comes into view: nothing loads.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(500);
  assert.deepEqual(widgetRequests(page), []);

  // Put back (below the fold again), it waits again, and loads when scrolled to.
  await page.evaluate(() => { window.scrollTo(0, 0); document.body.append(window.__late); });
  assert.deepEqual(await page.evaluate(() => window.__observed()), ['late']);
  await page.waitForTimeout(300);
  assert.deepEqual(widgetRequests(page), []);
  await page.evaluate(() => window.__late.scrollIntoView({ block: 'center' }));
  await waitForEvent(page, 'ready', { target: 'late' });
  assert.equal(count(page, PRIMARY_WASM), 1);
  assert.equal(await page.evaluate(() => window.__late.getBoundingClientRect().height), 300);
  assert.equal(await page.evaluate(() => document.querySelectorAll('canvas').length), 1);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('an element moved in the page keeps waiting, or keeps its widget; one in view starts at once', async () => {
  const page = await spacerPage();
  // Moved while waiting: still one observer on it, nothing loaded.
  const moved = await page.evaluate(async () => {
    const el = document.createElement('tabi-renew');
    el.id = 'moving';
    document.body.append(el);
    const box = document.createElement('section');
    document.body.append(box);
    box.append(el); // a move: out and back in, in one go
    await new Promise((r) => setTimeout(r, 100));
    return { observed: window.__observed(), height: el.getBoundingClientRect().height };
  });
  assert.deepEqual(moved, { observed: ['moving'], height: RESERVED });
  assert.deepEqual(widgetRequests(page), []);

  // Moved to the top of the page, into view: it loads.
  await page.evaluate(() => document.body.prepend(document.getElementById('moving')));
  const ready = await waitForEvent(page, 'ready', { target: 'moving' });
  assert.equal(ready.detail.plans, 15);
  // Loaded and moved: the same canvas goes on, no second widget.
  const kept = await page.evaluate(async () => {
    const el = document.getElementById('moving');
    const canvas = el.querySelector('canvas');
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 300));
    return { same: el.querySelector('canvas') === canvas, canvases: document.querySelectorAll('canvas').length };
  });
  assert.deepEqual(kept, { same: true, canvases: 1 });

  // Added in view: nothing is observed, it starts in the same task.
  const inView = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const el = document.createElement('tabi-renew');
    el.id = 'at-top';
    el.setAttribute('theme', 'dark');
    document.body.prepend(el);
    return { observed: window.__observed() };
  });
  assert.deepEqual(inView.observed, []);
  await waitForEvent(page, 'ready', { target: 'at-top' });
  assert.equal(count(page, PRIMARY_WASM), 1);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('an unknown load value is reported with the allowed ones and loads lazily', async () => {
  const page = await spacerPage();
  const observed = await page.evaluate(() => {
    const el = document.createElement('tabi-renew');
    el.id = 'odd';
    el.setAttribute('load', 'soon');
    document.body.append(el);
    return window.__observed();
  });
  assert.deepEqual(observed, ['odd']);
  assert.deepEqual(page.consoleErrors,
    ['TabiRenew: option "load": load="soon" is not one of lazy, eager; loading lazily']);
  await page.waitForTimeout(300);
  assert.deepEqual(widgetRequests(page), []);
  // Switched to eager while it waits: it starts.
  await page.evaluate(() => document.getElementById('odd').setAttribute('load', 'eager'));
  await waitForEvent(page, 'ready', { target: 'odd' });
  assert.deepEqual(await page.evaluate(() => window.__observed()), []);
  // A bad widget option is reported at once, not when the reader scrolls there.
  page.consoleErrors.length = 0;
  await page.evaluate(() => {
    const el = document.createElement('tabi-renew');
    el.setAttribute('theme', 'purple');
    document.body.append(el);
  });
  await page.waitForTimeout(100);
  assert.deepEqual(page.consoleErrors, ['TabiRenew: option "theme": "purple" is not one of light, dark, auto']);
  assert.deepEqual(page.pageErrors, []);
});
