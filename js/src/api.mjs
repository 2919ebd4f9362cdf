// The widget's API, the same for the script tag (js/src/main.mjs) and the npm package (js/src/package.mjs):
// mount() a widget into an element, and the headless core().
import { FUNCTION_OPTIONS, OptionsError, RUNTIME_OPTIONS, UI_LOCALES, normalizeOptions } from './options.mjs';
import { Widget } from './widget.mjs';
import { callWithStrings, compileDeferred, instantiate, linkDeferred, loadLocaleMessages, takeString } from './wasm-loader.mjs';

export function resolveElement(target) {
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

// handle.update(changes): every option is checked before anything changes; an option read at mount only, or a
// callback given or taken away (the panel's walk is laid out at mount from what the page can do), is refused
// with its name. Resolves once a new catalogue is in the panel.
function updateWidget(widget, changes) {
  const checked = normalizeOptions(changes);
  for (const name of Object.keys(checked)) {
    if (!RUNTIME_OPTIONS.includes(name))
      throw new OptionsError(name, `is read at mount only; to change it, destroy() the widget and mount() it again`);
  }
  for (const name of FUNCTION_OPTIONS) {
    if (checked[name] && typeof widget.options[name] !== 'function')
      throw new OptionsError(name, 'was not given at mount: a callback can be replaced, not added, while the widget runs');
  }
  return widget.update(checked);
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
    // The whole appearance (what it leaves out goes back to the theme's defaults). Throws OptionsError.
    setAppearance: (appearance) => widget.setTheme(undefined, undefined, normalizeOptions({ appearance: appearance ?? null }).appearance),
    setCatalog: (catalog) => {
      let checked;
      try {
        checked = normalizeOptions({ catalog }).catalog;
      } catch (err) {
        return Promise.reject(err); // it returns a Promise: a bad catalogue rejects it
      }
      return widget.setCatalog(checked);
    },
    update: (changes) => updateWidget(widget, changes),
    destroy: () => widget.destroy(),
    frameCount: () => widget.frameCount(),
  });
}

// mount() and core() over Emscripten's module factory; `baseUrl` is what the wasm and locale pack files are found
// from (js/src/asset-url.mjs). The script tag passes its own URL; the npm package, its module's URL.
export function createApi(factory, baseUrl) {
  const mounted = new WeakMap(); // element -> Widget: one widget per element

  // options.signal (an AbortSignal) cancels the mount, at once, even while it loads: what a framework's cleanup
  // calls (React's StrictMode mounts, cleans up and mounts again). The element is free again straight away, the
  // widget (if any) is destroyed and mount() rejects with an AbortError.
  async function mount(target, options = {}) {
    const host = resolveElement(target);
    const checked = normalizeOptions(options);
    const signal = checked.signal;
    const aborted = () => new DOMException('TabiRenew: the mount was aborted (options.signal)', 'AbortError');
    if (signal && signal.aborted) throw aborted();
    if (mounted.has(host))
      throw new Error('TabiRenew: this element already has a widget; destroy() it (or abort mount()\'s signal) first');
    const widget = new Widget(host, checked, factory, baseUrl);
    mounted.set(host, widget);
    const originalDestroy = widget.destroy.bind(widget);
    const onAbort = () => widget.destroy();
    widget.destroy = () => {
      if (signal) signal.removeEventListener('abort', onAbort);
      if (mounted.get(host) === widget) mounted.delete(host);
      originalDestroy();
    };
    if (signal) signal.addEventListener('abort', onAbort);
    try {
      await widget.start();
    } catch (err) {
      widget.destroy();
      throw signal && signal.aborted ? aborted() : err;
    }
    if (signal && signal.aborted) throw aborted();
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
      const parts = Promise.all([instantiate(factory, baseUrl, {}), compileDeferred(baseUrl)]);
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
        const installing = loadLocaleMessages(baseUrl, locale).then((messages) => {
          const answer = call('installMessages', { locale, messages });
          if (answer.error) throw new Error(`TabiRenew.core(): ${locale}: ${answer.error.message}`);
        });
        installing.catch(() => coreLocales.delete(locale)); // a later call may retry
        coreLocales.set(locale, installing);
      }
      return coreLocales.get(locale);
    })).then(() => api));
  }

  return { mount, core };
}
