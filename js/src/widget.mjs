// One mounted widget: its canvas inside the host element, its own wasm instance, and the glue between
// the two (sizing, events out, host callbacks, the pending order's persistence).
import { accentToInt } from './options.mjs';
import { negotiateLocale, pageLanguages } from './locale.mjs';
import { LOCALE_PACKS, callWithStrings, giveLocalePack, instantiate, loadLocalePack } from './wasm-loader.mjs';
import { PaymentCalls, callHost } from './host-calls.mjs';
import { PendingOrderStore, defaultStorage, pendingOrderKey } from './storage.mjs';
import { TextAgent } from './text-agent.mjs';
import { A11yMirror } from './accessibility-mirror.mjs';

const DEFAULT_HEIGHT = 560;
const DEFAULT_PAYMENT_TIMEOUT_MS = 30000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 15000;

export class Widget {
  constructor(host, options, factory, baseUrl) {
    this.host = host;
    this.options = options;
    this.factory = factory;
    this.baseUrl = baseUrl;
    this.module = null;
    this.canvas = null;
    this.listeners = new Map();
    // ready and error can fire before mount() resolves, i.e. before the host could call handle.on():
    // they are kept and handed to the first listeners that ask for them.
    this.early = [];
    this.resizeObserver = null;
    this.dprQuery = null;
    this.onDprChange = () => this.watchPixelRatio();
    // theme 'auto' follows the system's light/dark setting while the widget is up.
    this.darkQuery = null;
    this.onSchemeChange = () => { if (this.options.theme === 'auto') this.setTheme(); };
    this.destroyed = false;
    this.store = null;
    this.payments = new PaymentCalls({
      onPayment: options.onPayment,
      onPaymentStatus: options.onPaymentStatus,
      timeoutMs: options.paymentTimeoutMs || DEFAULT_PAYMENT_TIMEOUT_MS,
      deliver: (message) => this.send(message),
    });
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
    canvas.style.height = `${this.options.height || DEFAULT_HEIGHT}px`;
    // Vertical pans stay possible for the page (the panel takes a drag only when it can scroll it itself);
    // no pinch or double-tap zoom inside the widget.
    canvas.style.touchAction = 'pan-y';
    canvas.style.outline = 'none';
    this.host.appendChild(canvas);
    this.canvas = canvas;
    this.textAgent = new TextAgent(canvas, (message) => this.send(message));
    this.mirror = new A11yMirror(this.host, (message) => this.send(message));

    // The locale the wasm will choose at init, negotiated here from core's table: its pack is fetched while the
    // wasm compiles instead of when the wasm asks for it (the same fetch: the loader shares it). English has none.
    const tag = negotiateLocale(this.options.locale || 'auto', pageLanguages());
    if (Object.prototype.hasOwnProperty.call(LOCALE_PACKS, tag)) loadLocalePack(this.baseUrl, tag).catch(() => {});
    const [catalogText, catalogError] = await this.catalogText(this.options.catalog);
    if (this.destroyed) return this;
    this.module = await instantiate(this.factory, this.baseUrl,
      { canvas, textInput: this.textAgent.input, tabiBridge: this });
    if (this.destroyed) { this.module = null; return this; }
    const ok = callWithStrings(this.module, this.module._tabi_widget_init,
      JSON.stringify(this.initOptions(catalogError)), catalogText);
    if (!ok) {
      this.showFallback('This browser cannot show the renewal panel (WebGL2 is off or unavailable).');
      this.emit('error', { kind: 'webgl', problems: [{ path: '', id: 'webgl.unavailable', severity: 'error',
        message: 'WebGL2 is unavailable in this browser' }] });
      return this;
    }
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.watchPixelRatio();
    this.darkQuery = matchMedia('(prefers-color-scheme: dark)');
    this.darkQuery.addEventListener('change', this.onSchemeChange);
    this.resize();
    return this;
  }

  initOptions(catalogError) {
    const o = this.options;
    return {
      locale: o.locale || 'auto',
      languages: pageLanguages(),
      theme: o.theme === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : (o.theme || 'light'),
      accent: accentToInt(o.accent),
      currency: o.currency,
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
      pixelRatio: window.devicePixelRatio || 1,
      canLookup: typeof o.lookupCard === 'function',
      canPay: typeof o.onPayment === 'function',
      origin: location.origin,
      catalogError,
    };
  }

  // [text, error]: the catalogue as JSON text (null: the built-in sample), or why it could not be had.
  async catalogText(catalog) {
    if (catalog == null || catalog === '') return [null, undefined];
    if (typeof catalog === 'object') return [JSON.stringify(catalog), undefined];
    let url;
    try {
      url = new URL(String(catalog), document.baseURI);
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) return ['', `could not fetch the catalogue ${url.href}: HTTP ${response.status}`];
      return [await response.text(), undefined];
    } catch (err) {
      return ['', `could not fetch the catalogue ${url ? url.href : catalog}: ${err.message}`];
    }
  }

  // Re-evaluated on zoom and when the window moves to another screen.
  watchPixelRatio() {
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDprChange);
    this.dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
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

  // A message into the wasm (JSON).
  send(message) {
    if (!this.module) return;
    callWithStrings(this.module, this.module._tabi_widget_message, JSON.stringify(message));
  }

  showFallback(text) {
    const p = document.createElement('p');
    p.className = 'tabi-renew-fallback';
    p.textContent = text;
    this.host.appendChild(p);
  }

  // Calls from the wasm (wasm/bridge_imports.js) arrive in the middle of one of its frames. What they lead to
  // (host listeners, onPayment, lookupCard, storage, the mirror's focus moves) may call back into the widget:
  // destroy() from a `ready` listener, setTheme(), a message in. None of that may run inside a frame, so it
  // runs once the wasm has returned, in order; nothing runs after destroy().
  afterFrame(work) {
    queueMicrotask(() => { if (!this.destroyed) work(); });
  }

  // From the wasm: an event for the host.
  onEmit(name, json) {
    let detail;
    try { detail = JSON.parse(json); } catch { detail = {}; }
    this.afterFrame(() => this.emit(name, detail));
  }

  // From the wasm: a service the widget needs from the page.
  onRequest(kind, json) {
    let req;
    try { req = JSON.parse(json); } catch { return; }
    this.afterFrame(() => this.serve(kind, req));
  }

  serve(kind, req) {
    switch (kind) {
      case 'lookup':
        callHost('lookupCard', this.options.lookupCard, req.identifier,
          this.options.lookupTimeoutMs || DEFAULT_LOOKUP_TIMEOUT_MS)
          .then((outcome) => this.send({ type: 'lookup-result', requestId: req.requestId, ...outcome }));
        break;
      case 'pay':
        this.payments.pay(req.order);
        this.continueUrl(req.order);
        break;
      case 'payment-status':
        this.payments.status(req.order);
        break;
      case 'persist':
        this.pendingStore(req.namespace).save(req.record);
        break;
      case 'forget':
        this.pendingStore(req.namespace).clear();
        break;
      case 'restore': {
        const record = this.pendingStore(req.namespace).load();
        this.send({ type: 'restore', record });
        break;
      }
      case 'download':
        this.download(req.filename, req.mime, req.text);
        break;
      case 'locale-pack':
        loadLocalePack(this.baseUrl, req.locale).then(
          (pack) => { if (this.module) giveLocalePack(this.module, req.locale, pack); },
          (err) => this.send({ type: 'locale-pack-failed', locale: req.locale, message: err.message }));
        break;
      case 'a11y':
        if (this.mirror) this.mirror.update(req);
        break;
      case 'text-input':
        this.textAgent.update(req);
        break;
      case 'touch-action':
        if (this.canvas) this.canvas.style.touchAction = req.value;
        break;
      case 'copy':
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(req.text).catch(() => {});
        break;
      default:
        break;
    }
  }

  // The host's continueUrl(order), shown as a QR code on the pay screen (pay on another device).
  async continueUrl(order) {
    if (typeof this.options.continueUrl !== 'function') return;
    try {
      const url = String(await this.options.continueUrl(order));
      const parsed = new URL(url, document.baseURI);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('continueUrl must return an http(s) URL');
      this.send({ type: 'continue-url', orderId: order.orderId, url: parsed.href });
    } catch (err) {
      this.emit('error', { kind: 'continueUrl', problems: [{ path: '', id: 'host.continue_url', severity: 'warning',
        message: err && err.message ? err.message : String(err) }] });
    }
  }

  pendingStore(namespace) {
    if (!this.store || this.store.key !== pendingOrderKey(namespace, location.origin)) {
      const storage = this.options.storage === undefined ? defaultStorage() : this.options.storage;
      this.store = new PendingOrderStore(storage, pendingOrderKey(namespace, location.origin));
    }
    return this.store;
  }

  download(filename, mime, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    this.host.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  emit(name, detail) {
    if (this.destroyed) return; // e.g. a continueUrl answer after destroy()
    // Not bubbling: an `error` event must not reach window-level error trackers.
    this.host.dispatchEvent(new CustomEvent(name, { detail }));
    const listeners = this.listeners.get(name);
    if ((!listeners || listeners.size === 0) && (name === 'ready' || name === 'error') && this.early.length < 20)
      this.early.push({ name, detail });
    for (const fn of listeners || []) {
      try { fn(detail); } catch (err) { console.error('TabiRenew: a listener failed:', err); }
    }
  }

  on(name, fn) {
    if (typeof fn !== 'function') throw new TypeError('TabiRenew: on(name, fn) needs a function');
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    const missed = this.early.filter((e) => e.name === name);
    if (missed.length === 0) return;
    this.early = this.early.filter((e) => e.name !== name);
    queueMicrotask(() => {
      for (const e of missed) {
        try { fn(e.detail); } catch (err) { console.error('TabiRenew: a listener failed:', err); }
      }
    });
  }

  off(name, fn) {
    const set = this.listeners.get(name);
    if (set) set.delete(fn);
  }

  setLocale(locale) {
    this.options.locale = locale;
    this.send({ type: 'set-locale', locale, languages: this.initOptions().languages });
  }

  setTheme(theme, accent) {
    if (theme !== undefined) this.options.theme = theme;
    if (accent !== undefined) this.options.accent = accent;
    const o = this.initOptions();
    this.send({ type: 'set-theme', theme: o.theme, accent: o.accent });
  }

  async setCatalog(catalog) {
    this.options.catalog = catalog;
    const [text, error] = await this.catalogText(catalog);
    if (this.destroyed || !this.module) return;
    this.send({ type: 'set-catalog', catalog: text, catalogError: error });
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.resizeObserver) this.resizeObserver.disconnect();
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDprChange);
    if (this.darkQuery) this.darkQuery.removeEventListener('change', this.onSchemeChange);
    if (this.module) this.module._tabi_widget_destroy();
    if (this.textAgent) this.textAgent.destroy();
    if (this.mirror) this.mirror.destroy();
    if (this.canvas) this.canvas.remove();
    this.listeners.clear();
    this.module = null;
    this.canvas = null;
  }
}
