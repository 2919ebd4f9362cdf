// The global TabiRenew: mount(), the headless core(), the <tabi-renew> element and script-tag
// auto-mount. Emscripten's module factory (createTabiRenewModule) stands just before this bundle in
// tabi-renew.js.
import { normalizeOptions, optionsFromDataset } from './options.mjs';
import { Widget } from './widget.mjs';
import { defineElement } from './element.mjs';
import { callWithStrings, instantiate, takeString } from './wasm-loader.mjs';

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
    setCatalog: (catalog) => widget.setCatalog(catalog),
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

  let corePromise = null;
  // The headless core API: the same wasm, no canvas, plain JSON in and out.
  function core() {
    if (!corePromise) {
      corePromise = instantiate(factory, scriptUrl, {}).then((module) => {
        const call = (method, input) => {
          const text = takeString(module, callWithStrings(module, module._tabi_core_call, method,
            typeof input === 'string' ? input : JSON.stringify(input === undefined ? null : input)));
          return JSON.parse(text);
        };
        return Object.freeze({
          checkCatalog: (catalog) => call('checkCatalog', typeof catalog === 'string' ? catalog : JSON.stringify(catalog)),
          identify: (text, catalog) => call('identify', { text: String(text), catalog }),
          compare: (catalog, query) => call('compare', { catalog, query }),
          recommend: (catalog, query) => call('recommend', { catalog, query }),
        });
      });
      corePromise.catch(() => { corePromise = null; });
    }
    return corePromise;
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
      mount(host, optionsFromDataset(tag.dataset)).catch((err) => console.error(err.message || err));
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
