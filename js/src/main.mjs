// The global TabiRenew: mount(), the headless core(), the <tabi-renew> element and script-tag
// auto-mount. Emscripten's module factory (createTabiRenewModule) stands just before this bundle in
// tabi-renew.js.
import { UI_LOCALES, normalizeOptions, optionsFromDataset } from './options.mjs';
import { Widget } from './widget.mjs';
import { defineElement } from './element.mjs';
import { startWhenNear } from './lazy-start.mjs';
import { callWithStrings, compileDeferred, instantiate, linkDeferred, loadLocaleMessages, takeString } from './wasm-loader.mjs';

const currentScript = document.currentScript;

function resolveElement(target) {
  if (target instanceof Element) return target;
  if (typeof target === 'string') {
    const el = document.querySelector(target);
    if (!el) throw new Error(`TabiRenew: no element matches the target selector "${target}"`);
    return el;
  }
  throw new Error('TabiRenew: the target must be an element or a CSS selector');
}

// Random hex digits from the browser's crypto (as the wasm's getentropy gives the widget's orders theirs).
function randomHex(digits) {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(digits / 2)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, digits);
}

// core()'s options: { locales: [...] } of the widget's locale tags; English is built in.
function coreLocalesOption(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new TypeError('TabiRenew.core(): options must be an object, e.g. { locales: ["ja"] }');
  for (const key of Object.keys(options))
    if (key !== 'locales') throw new TypeError(`TabiRenew.core(): unknown option "${key}" (known: locales)`);
  const locales = options.locales === undefined ? [] : options.locales;
  if (!Array.isArray(locales)) throw new TypeError('TabiRenew.core(): locales must be an array, e.g. ["ja", "ko"]');
  for (const l of locales) {
    if (!UI_LOCALES.includes(l))
      throw new TypeError(`TabiRenew.core(): locales: "${l}" is not one of ${UI_LOCALES.join(', ')}`);
  }
  return [...new Set(locales)].filter((l) => l !== 'en');
}

function handleOf(widget) {
  return Object.freeze({
    element: widget.host,
    on: (name, fn) => widget.on(name, fn),
    off: (name, fn) => widget.off(name, fn),
    setLocale: (locale) => widget.setLocale(normalizeOptions({ locale }).locale),
    setTheme: (theme, accent) => {
      const o = normalizeOptions({ theme, accent });
      widget.setTheme(o.theme, o.accent);
    },
    setCatalog: (catalog) => {
      let checked;
      try {
        checked = normalizeOptions({ catalog }).catalog;
      } catch (err) {
        return Promise.reject(err); // it returns a Promise: a bad catalogue rejects it
      }
      return widget.setCatalog(checked);
    },
    destroy: () => widget.destroy(),
    frameCount: () => widget.frameCount(),
  });
}

function install(factory, scriptUrl) {
  const mounted = new WeakMap(); // element -> Widget: one widget per element

  async function mount(target, options = {}) {
    const host = resolveElement(target);
    const checked = normalizeOptions(options);
    if (mounted.has(host)) throw new Error('TabiRenew: this element already has a widget; destroy() it first');
    const widget = new Widget(host, checked, factory, scriptUrl);
    mounted.set(host, widget);
    const originalDestroy = widget.destroy.bind(widget);
    widget.destroy = () => { mounted.delete(host); originalDestroy(); };
    try {
      await widget.start();
    } catch (err) {
      widget.destroy();
      throw err;
    }
    return handleOf(widget);
  }

  let corePromise = null; // Promise<{ api, call }>
  const coreLocales = new Map(); // locale -> Promise: its messages are installed in the core's instance
  // The headless core API: the same wasm, no canvas, plain JSON in and out, synchronous once loaded.
  // Texts are English unless core({ locales }) loaded a locale's messages first (its pack, as the panel's).
  function core(options = {}) {
    let locales;
    try {
      locales = coreLocalesOption(options);
    } catch (err) {
      return Promise.reject(err);
    }
    if (!corePromise) {
      // The headless API lives in the deferred module: both parts are fetched at once and linked before use.
      const parts = Promise.all([instantiate(factory, scriptUrl, {}), compileDeferred(scriptUrl)]);
      corePromise = parts.then(([module, deferred]) => {
        linkDeferred(module, deferred);
        const call = (method, input) => {
          const text = takeString(module, callWithStrings(module, module._tabi_core_call, method,
            typeof input === 'string' ? input : JSON.stringify(input === undefined ? null : input)));
          return JSON.parse(text);
        };
        const api = Object.freeze({
          checkCatalog: (catalog) => call('checkCatalog', typeof catalog === 'string' ? catalog : JSON.stringify(catalog)),
          identify: (text, catalog, locale) => call('identify', { text: String(text), catalog, locale }),
          compare: (catalog, query) => call('compare', { catalog, query }),
          recommend: (catalog, query) => call('recommend', { catalog, query }),
          // The order gets its id and idempotency key from fresh random digits, as the widget's do.
          order: (catalog, selection, card, locale) => call('order', {
            catalog, selection, card: String(card), locale, now: Math.floor(Date.now() / 1000), entropy: randomHex(48),
          }),
        });
        return { api, call };
      });
      corePromise.catch(() => { corePromise = null; });
    }
    return corePromise.then(({ api, call }) => Promise.all(locales.map((locale) => {
      if (!coreLocales.has(locale)) {
        const installing = loadLocaleMessages(scriptUrl, locale).then((messages) => {
          const answer = call('installMessages', { locale, messages });
          if (answer.error) throw new Error(`TabiRenew.core(): ${locale}: ${answer.error.message}`);
        });
        installing.catch(() => coreLocales.delete(locale)); // a later call may retry
        coreLocales.set(locale, installing);
      }
      return coreLocales.get(locale);
    })).then(() => api));
  }

  function autoMount(tag) {
    if (!tag || !tag.dataset || !tag.dataset.target) return;
    const go = () => {
      let host;
      try {
        host = resolveElement(tag.dataset.target);
      } catch (err) {
        console.error(err.message);
        return;
      }
      const options = optionsFromDataset(tag.dataset);
      // Lazy unless data-load="eager" (js/src/lazy-start.mjs).
      startWhenNear(host, tag.dataset.load, 'data-load', options,
        () => mount(host, options).catch((err) => console.error(err.message || err)));
    };
    // An async script may run before the target element is parsed.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
    else go();
  }

  window.TabiRenew = Object.freeze({ mount, core, version: '0.1.0', __autoMount: autoMount });
  defineElement(mount);
  return window.TabiRenew;
}

if (window.TabiRenew && window.TabiRenew.__autoMount) {
  // A second <script> tag for the same file: reuse the first bridge (and its compiled wasm).
  window.TabiRenew.__autoMount(currentScript);
} else {
  // eslint-disable-next-line no-undef
  install(createTabiRenewModule, (currentScript && currentScript.src) || document.baseURI).__autoMount(currentScript);
}
