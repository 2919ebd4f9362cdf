/*
 * Tabi Renew bridge: the only JavaScript a host page loads. The build appends it to Emscripten's
 * module factory (createTabiRenewModule) so one classic <script> file holds both; it must stay a
 * classic script because `document.currentScript` (how a script tag finds its own data-* options)
 * does not exist in modules.
 *
 * Ways in:
 *   <div id="renew"></div>
 *   <script src="tabi-renew.js" data-target="#renew" data-catalog="plans.json" async></script>
 *   TabiRenew.mount(element, { catalog, locale, theme }) -> Promise<handle>
 *
 * Each widget gets its own wasm instance (its own memory and ImGui context); the compiled
 * WebAssembly.Module is shared by all widgets on the page, so the .wasm is fetched and compiled once.
 */
(function () {
  'use strict';

  const script = document.currentScript;
  if (window.TabiRenew && window.TabiRenew.__bridge) {
    // A second <script> tag for the same file: reuse the first bridge (and its compiled module).
    window.TabiRenew.__bridge.autoMount(script);
    return;
  }

  const factory = createTabiRenewModule; // defined just above this file by Emscripten's output
  const scriptUrl = (script && script.src) || document.baseURI;
  // The release build (wasm/fingerprint.cmake) writes the content-hashed wasm file name and its
  // Subresource Integrity value here: a script tag's integrity does not cover the wasm it fetches.
  const WASM_ASSET = /*TABI_WASM_ASSET*/{ file: 'tabi-renew.raw.wasm', integrity: null };
  const DEFAULT_HEIGHT = 560;

  let compiledModule = null; // Promise<WebAssembly.Module>

  function compileWasm() {
    if (!compiledModule) {
      const url = new URL(WASM_ASSET.file, scriptUrl).href;
      const init = { credentials: 'same-origin' };
      if (WASM_ASSET.integrity) init.integrity = WASM_ASSET.integrity;
      compiledModule = fetch(url, init).then((response) => {
        if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
        return WebAssembly.compileStreaming
          ? WebAssembly.compileStreaming(response)
          : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
      });
      compiledModule.catch(() => { compiledModule = null; }); // let a later mount retry
    }
    return compiledModule;
  }

  // Copies a JS string into the instance's memory as UTF-8; the caller frees it.
  function allocString(module, text) {
    if (text == null) return 0;
    const size = module.lengthBytesUTF8(text) + 1;
    const ptr = module._malloc(size);
    module.stringToUTF8(text, ptr, size);
    return ptr;
  }

  function resolveElement(target) {
    if (target instanceof Element) return target;
    if (typeof target === 'string') {
      const el = document.querySelector(target);
      if (!el) throw new Error(`TabiRenew: no element matches the target selector "${target}"`);
      return el;
    }
    throw new Error('TabiRenew: the target must be an element or a CSS selector');
  }

  function parseAccent(value) {
    if (value == null || value === '') return undefined;
    const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(String(value).trim());
    if (!m) throw new Error(`TabiRenew: accent "${value}" is not a colour like #1f6feb`);
    const hex = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    return parseInt(hex, 16);
  }

  class Widget {
    constructor(host, options) {
      this.host = host;
      this.options = options;
      this.module = null;
      this.canvas = null;
      this.listeners = new Map();
      this.resizeObserver = null;
      this.dprQuery = null;
      this.onDprChange = () => this.watchPixelRatio();
      this.destroyed = false;
    }

    async start() {
      const canvas = document.createElement('canvas');
      canvas.className = 'tabi-renew-canvas';
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'application');
      canvas.setAttribute('aria-label', 'Tabi Renew: renew your travel SIM, eSIM or pocket WiFi');
      // CSSOM property writes are allowed under a strict style-src CSP (style attributes in markup are not).
      canvas.style.display = 'block';
      canvas.style.width = '100%';
      canvas.style.height = `${this.height()}px`;
      canvas.style.touchAction = 'none';
      canvas.style.outline = 'none';
      this.host.appendChild(canvas);
      this.canvas = canvas;

      const [catalogText, catalogError] = await this.catalogText();
      const compiled = await compileWasm();
      if (this.destroyed) return this;
      this.module = await factory({
        canvas,
        tabiBridge: this,
        instantiateWasm(imports, done) {
          WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled));
          return {};
        },
        print: () => {},
        printErr: (text) => console.warn('TabiRenew:', text),
      });
      if (this.destroyed) return this;
      const m = this.module;
      const options = JSON.stringify({
        locale: this.options.locale || 'auto',
        theme: this.options.theme === 'dark' ? 'dark' : 'light',
        accent: parseAccent(this.options.accent),
        catalogError,
      });
      const optionsPtr = allocString(m, options);
      const catalogPtr = allocString(m, catalogText);
      const ok = m._tabi_widget_init(optionsPtr, catalogPtr);
      m._free(optionsPtr);
      if (catalogPtr) m._free(catalogPtr);
      if (!ok) {
        this.showFallback('This browser cannot show the renewal panel (WebGL2 is off or unavailable).');
        this.emit('error', { kind: 'webgl', problems: [{ path: '', message: 'WebGL2 unavailable' }] });
        return this;
      }
      this.resizeObserver = new ResizeObserver(() => this.resize());
      this.resizeObserver.observe(canvas);
      this.watchPixelRatio();
      this.resize();
      return this;
    }

    height() {
      if (this.options.height) return Number(this.options.height);
      return DEFAULT_HEIGHT;
    }

    async catalogText() {
      const c = this.options.catalog;
      if (c == null || c === '') return [null, undefined]; // the built-in sample catalogue
      if (typeof c === 'object') return [JSON.stringify(c), undefined];
      try {
        const url = new URL(String(c), document.baseURI);
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) return ['', `could not fetch the catalogue ${url.href}: HTTP ${response.status}`];
        return [await response.text(), undefined];
      } catch (err) {
        return ['', `could not fetch the catalogue ${c}: ${err.message}`];
      }
    }

    // Re-evaluated on zoom and when the window moves to another screen.
    watchPixelRatio() {
      if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDprChange);
      this.dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      this.dprQuery.addEventListener('change', this.onDprChange);
      this.resize();
    }

    resize() {
      if (!this.module || !this.canvas) return;
      const rect = this.canvas.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0)
        this.module._tabi_widget_resize(rect.width, rect.height, window.devicePixelRatio || 1);
    }

    frameCount() {
      return this.module ? this.module._tabi_widget_frame_count() : 0;
    }

    showFallback(text) {
      const p = document.createElement('p');
      p.className = 'tabi-renew-fallback';
      p.textContent = text;
      this.host.appendChild(p);
    }

    // From the wasm (wasm/bridge_imports.js).
    onEmit(name, json) {
      let detail;
      try { detail = JSON.parse(json); } catch { detail = { raw: json }; }
      this.emit(name, detail);
    }

    emit(name, detail) {
      // Not bubbling: an `error` event must not reach window-level error trackers.
      this.host.dispatchEvent(new CustomEvent(name, { detail }));
      for (const fn of this.listeners.get(name) || []) {
        try { fn(detail); } catch (err) { console.error('TabiRenew listener failed:', err); }
      }
    }

    on(name, fn) {
      if (!this.listeners.has(name)) this.listeners.set(name, new Set());
      this.listeners.get(name).add(fn);
    }

    off(name, fn) {
      const set = this.listeners.get(name);
      if (set) set.delete(fn);
    }

    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      if (this.resizeObserver) this.resizeObserver.disconnect();
      if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDprChange);
      if (this.module) this.module._tabi_widget_destroy();
      if (this.canvas) this.canvas.remove();
      this.listeners.clear();
      this.module = null;
      this.canvas = null;
    }
  }

  function handleOf(widget) {
    return {
      on: (name, fn) => widget.on(name, fn),
      off: (name, fn) => widget.off(name, fn),
      destroy: () => widget.destroy(),
      get element() { return widget.host; },
      /** Frames drawn so far: the widget draws only when something changed. */
      frameCount: () => widget.frameCount(),
    };
  }

  async function mount(target, options = {}) {
    const host = resolveElement(target);
    const widget = new Widget(host, options);
    await widget.start();
    return handleOf(widget);
  }

  function autoMount(tag) {
    if (!tag || !tag.dataset || !tag.dataset.target) return;
    const d = tag.dataset;
    const go = () => {
      let host;
      try {
        host = resolveElement(d.target);
      } catch (err) {
        console.error(err.message);
        return;
      }
      const options = { catalog: d.catalog, locale: d.locale, theme: d.theme, accent: d.accent, currency: d.currency,
        height: d.height };
      mount(host, options).catch((err) => console.error('TabiRenew: could not mount:', err));
    };
    // An async script may run before the target element is parsed.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
    else go();
  }

  window.TabiRenew = Object.freeze({
    mount,
    __bridge: { autoMount },
  });
  autoMount(script);
})();
