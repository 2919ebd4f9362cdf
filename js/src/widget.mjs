// One mounted widget: its canvas inside the host element, its own wasm instance, and the glue between
// the two (sizing, events out, host callbacks, the pending order's persistence).
//
// Index of the Widget class:
// - start: the canvas, WebGL2, the wasm and the catalogue fetched together, the first frame (drawNow)
// - the wasm instance: initModule, dropModule, startOverWithDeferred (a first frame that reached deferred code),
//   initOptions, catalogText
// - size: watchPixelRatio, resize, resizeNow, frameCount
// - messages in: send, deliver (held until the deferred module is linked)
// - the deferred module: onFirstFrame, loadDeferred, armRetry, retryDeferred, releaseHeld, showFallback
// - from the wasm: afterFrame, onEmit, onRequest, afterSenderFrame, serve (one case per TABI_BRIDGE_REQUESTS row
//   of widget/core/bridge_protocol.h), givePack, afterLink, continueUrl, pendingStore, download
// - for the host: emit, on, off, setLocale, setTheme, update, setCatalog, destroy
import { accentToInt, appearanceMessage } from './options.mjs';
import { DEFERRED_WASM_ASSET, DeferredCodeMissing, LOCALE_PACKS, callWithStrings, compileDeferred, giveFontSlice, giveLocalePack, giveSystemGlyphs, instantiate, linkDeferred, loadFontSlices, loadLocalePack } from './wasm-loader.mjs';
import { HeldInput } from './held-input.mjs';
import { negotiateLocale, pageLanguages } from './locale.mjs';
import { PaymentCalls, callHost } from './host-calls.mjs';
import { PendingOrderStore, defaultStorage } from './storage.mjs';
import { TextAgent } from './text-agent.mjs';
import { drawSystemGlyphs } from './system-glyphs.mjs';
import { A11yMirror } from './accessibility-mirror.mjs';

export const DEFAULT_HEIGHT = 560;

const DEFAULT_PAYMENT_TIMEOUT_MS = 30000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 15000;
// The widget's WebGL2 context, created by the bridge at mount while the wasm downloads (the wasm takes the same
// context: getContext returns it). Alpha: the panel can have rounded corners over the host page; no depth or
// stencil buffers; no multisampling, ImGui anti-aliases its own shapes.
export const WEBGL_ATTRIBUTES = Object.freeze({ alpha: true, depth: false, stencil: false, antialias: false,
  premultipliedAlpha: false });

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
    this.firstDrawTimer = 0; // the first frame, drawn in the task after mount() (cleared by destroy)
    this.replayFrame = 0;    // the animation frame a replay of held input waits for (cancelled by destroy)
    this.dprQuery = null;
    this.onDprChange = () => this.watchPixelRatio();
    // theme 'auto' follows the system's light/dark setting while the widget is up.
    this.darkQuery = null;
    this.onSchemeChange = () => { if (this.options.theme === 'auto') this.setTheme(); };
    this.destroyed = false;
    this.store = null;
    // The deferred wasm module (wasm-loader.mjs): 'waiting' until the first frame, then 'loading' (or 'failed'),
    // 'linked' while what waited is handed over, and 'in'. Until it is in, the wasm runs only what its first frame
    // ran: bridge messages, resizes and locale packs after the first frame and the canvas's input wait in `held`,
    // in the order they came.
    this.deferredState = 'waiting';
    this.firstFrameShown = false;
    this.held = [];
    this.catalog = null;
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
    // Input before the wasm listens (it starts once the deferred module is in) is kept, in order, with the
    // messages held for the same reason, and replayed then.
    this.heldInput = new HeldInput(canvas, this.textAgent.input, (replay) => this.held.push(replay));
    this.heldInput.start();

    // Everything at once: the wasm's fetch and compile, the catalogue's fetch and a named locale's pack start
    // here, then the WebGL2 context is created (70-120 ms on a software rasteriser) while they travel.
    const moduleLoading = instantiate(this.factory, this.baseUrl,
      { canvas, textInput: this.textAgent.input, tabiBridge: this });
    moduleLoading.catch(() => {}); // awaited below; not an unhandled rejection if the widget is destroyed first
    const catalogLoading = this.catalogText(this.options.catalog);
    // The locale the wasm will choose at init, negotiated here from core's table: its pack is fetched while the
    // wasm compiles instead of when the wasm asks for it (the same fetch: the loader shares it). English has none.
    const tag = negotiateLocale(this.options.locale || 'auto', pageLanguages());
    const packLoading = Object.prototype.hasOwnProperty.call(LOCALE_PACKS, tag)
      ? loadLocalePack(this.baseUrl, tag).catch(() => null) : null;
    canvas.getContext('webgl2', WEBGL_ATTRIBUTES);
    const [catalogText, catalogError] = await catalogLoading;
    this.catalog = { text: catalogText, error: catalogError };
    if (this.destroyed) return this;
    this.module = await moduleLoading;
    if (this.destroyed) { this.module = null; return this; }
    // The first frame's pack (fetched alongside the wasm) goes in right after init, before the first frame: handed
    // over only when the wasm's own request for it is served, it came ~100 ms later (measured: the bodies had
    // arrived with the wasm, the promises settled after init and the first empty frames).
    const pack = packLoading && await packLoading;
    if (this.destroyed) { this.module = null; return this; }
    if (!this.initModule()) {
      this.showFallback('This browser cannot show the renewal panel (WebGL2 is off or unavailable).');
      this.emit('error', { kind: 'webgl', problems: [{ path: '', id: 'webgl.unavailable', severity: 'error',
        message: 'WebGL2 is unavailable in this browser' }] });
      return this;
    }
    if (pack && this.module) giveLocalePack(this.module, tag, pack);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.watchPixelRatio();
    this.darkQuery = matchMedia('(prefers-color-scheme: dark)');
    this.darkQuery.addEventListener('change', this.onSchemeChange);
    this.resize();
    // Everything the first frame needs is here (the wasm, the catalogue, the locale's pack, the canvas's size):
    // drawn in the next task, it reaches the screen a display refresh sooner than at the next animation frame.
    // Not in this one: a host that awaits mount() and then listens for `ready` must hear it.
    // The timer is cleared by destroy(): a frame at the next animation frame may come first, and a `ready`
    // listener may destroy the widget, whose instance the pending timer would otherwise keep alive.
    this.firstDrawTimer = setTimeout(() => this.drawNow(), 0);
    return this;
  }

  drawNow() {
    const module = this.module;
    if (!module || this.destroyed) return;
    try {
      module._tabi_widget_draw_now();
    } catch (err) {
      if (!(err instanceof DeferredCodeMissing)) throw err;
      this.dropModule(module); // as in initModule: onMiss starts over
    }
  }

  // Starts the widget in this.module: false without WebGL2. A first frame that reaches deferred code (a code path
  // the build's profile did not see, say a host catalogue with a problem none of its catalogues has) starts over
  // in a new instance once the deferred module is here.
  initModule() {
    const module = this.module;
    module.tabiSplit.onMiss = () => this.startOverWithDeferred(module);
    try {
      return callWithStrings(module, module._tabi_widget_init,
        JSON.stringify(this.initOptions(this.catalog.error)), this.catalog.text) !== 0;
    } catch (err) {
      if (!(err instanceof DeferredCodeMissing)) throw err;
      this.dropModule(module); // at once: start() goes on without it (onMiss starts over)
      return true;
    }
  }

  // An instance that unwound is left as it is (its state is half-built): nothing it asks for reaches the page any
  // more, and its animation frames do not run (wasm/bridge_imports.js). The canvas and its context stay.
  dropModule(module) {
    module.tabiDropped = true;
    module.tabiBridge = null;
    if (this.module === module) this.module = null;
  }

  async startOverWithDeferred(broken) {
    if (this.destroyed || this.startingOver) return;
    this.dropModule(broken);
    this.startingOver = true;
    this.held = []; // the first frame was not shown: nothing the traveller did is in it
    this.resizeHeld = false;
    this.firstFrameShown = false;
    this.deferredState = 'waiting';
    let module;
    let deferred;
    try {
      [module, deferred] = await Promise.all([
        instantiate(this.factory, this.baseUrl, { canvas: this.canvas, textInput: this.textAgent.input, tabiBridge: this }),
        compileDeferred(this.baseUrl)]);
    } catch (err) {
      this.startingOver = false;
      if (this.destroyed) return;
      this.showFallback('The renewal panel could not be loaded. Check your connection and reload the page.');
      this.emit('error', { kind: 'load', problems: [{ path: '', id: 'load.deferred_failed', severity: 'error',
        message: `could not load ${DEFERRED_WASM_ASSET.file}: ${err.message}` }] });
      return;
    }
    this.startingOver = false;
    if (this.destroyed) return;
    this.module = module;
    linkDeferred(module, deferred);
    this.deferredState = 'linked';
    this.initModule();
    this.resize();
  }

  initOptions(catalogError) {
    const o = this.options;
    return {
      locale: o.locale || 'auto',
      languages: pageLanguages(),
      theme: o.theme === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : (o.theme || 'light'),
      accent: accentToInt(o.accent),
      appearance: appearanceMessage(o.appearance),
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
    if (this.firstFrameShown && this.deferredState !== 'in') {
      // One held resize is enough: it reads the size the canvas has when it runs.
      if (!this.resizeHeld) {
        this.resizeHeld = true;
        this.held.push(() => { this.resizeHeld = false; this.resizeNow(); });
      }
      return;
    }
    this.resizeNow();
  }

  resizeNow() {
    if (!this.module || !this.canvas) return;
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0)
      this.module._tabi_widget_resize(rect.width, rect.height, window.devicePixelRatio || 1);
  }

  frameCount() {
    return this.module ? this.module._tabi_widget_frame_count() : 0;
  }

  // A message into the wasm (JSON). Held until the deferred module is in (see the constructor).
  send(message) {
    if (!this.module) return;
    if (this.deferredState === 'failed' && message.type === 'a11y-activate') {
      this.retryDeferred(); // the mirror's "Try again" (the only button the panel shows then)
      return;
    }
    if (this.deferredState !== 'in') {
      this.held.push(() => this.deliver(message));
      return;
    }
    this.deliver(message);
  }

  deliver(message) {
    if (this.module) callWithStrings(this.module, this.module._tabi_widget_message, JSON.stringify(message));
  }

  // From the wasm: its first real frame is drawn. Fetch the deferred module now (once per page; the next
  // widgets find it compiled) and link it into this instance.
  onFirstFrame() {
    this.firstFrameShown = true;
    if (this.deferredState === 'linked') this.releaseHeld();
    else this.loadDeferred();
  }

  loadDeferred() {
    const module = this.module;
    this.deferredState = 'loading';
    compileDeferred(this.baseUrl).then((deferred) => {
      if (this.destroyed || this.module !== module) return;
      linkDeferred(this.module, deferred);
      this.deferredState = 'linked';
      this.releaseHeld();
    }, (err) => {
      if (this.destroyed || this.module !== module) return;
      this.deferredState = 'failed';
      this.heldInput.pause(); // a tap now means "try again", not something to replay later
      this.module._tabi_widget_load_failed(1);
      this.emit('error', { kind: 'load', problems: [{ path: '', id: 'load.deferred_failed', severity: 'error',
        message: `could not load the rest of the widget (${DEFERRED_WASM_ASSET.file}): ${err.message}; ` +
          'the panel asks the traveller to try again' }] });
      this.armRetry();
    });
  }

  // While the deferred module is missing, a tap or click on the panel, Enter or Space on it, the mirror's button
  // or the browser coming back online tries again. Nothing the traveller entered is dropped meanwhile.
  armRetry() {
    const retry = () => this.retryDeferred();
    const key = (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); retry(); } };
    this.canvas.addEventListener('click', retry);
    this.canvas.addEventListener('keydown', key);
    window.addEventListener('online', retry);
    this.disarmRetry = () => {
      this.canvas.removeEventListener('click', retry);
      this.canvas.removeEventListener('keydown', key);
      window.removeEventListener('online', retry);
      this.disarmRetry = null;
    };
  }

  retryDeferred() {
    if (this.deferredState !== 'failed' || !this.module) return;
    if (this.disarmRetry) this.disarmRetry();
    this.heldInput.resume();
    this.module._tabi_widget_load_failed(0);
    this.loadDeferred();
  }

  // The deferred module is linked: the wasm listens for input from now on, and what waited runs in its order.
  // Input is handed over one event per frame, as it came (ImGui takes a Tab's focus move a frame later; a key
  // pressed in the same frame would miss the field). Input that arrives meanwhile queues behind it.
  async releaseHeld() {
    this.heldInput.replaying();
    this.module._tabi_widget_start_input();
    while (this.held.length > 0) {
      if (this.destroyed || !this.module) return;
      const work = this.held.shift();
      work();
      if (work.isInput) await new Promise((resolve) => { this.replayFrame = requestAnimationFrame(resolve); });
    }
    if (this.destroyed || !this.module) return;
    this.heldInput.stop();
    this.deferredState = 'in';
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
    this.afterSenderFrame(() => this.emit(name, detail));
  }

  // From the wasm: a service the widget needs from the page.
  onRequest(kind, json) {
    let req;
    try { req = JSON.parse(json); } catch { return; }
    this.afterSenderFrame(() => this.serve(kind, req));
  }

  // afterFrame for what the instance sent: dropped if that frame went on to reach deferred code (the instance is
  // dropped and a new one starts over: what the half-drawn frame asked for or told is not the widget's).
  afterSenderFrame(work) {
    const sender = this.module;
    this.afterFrame(() => { if (this.module === sender) work(); });
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
      case 'persist': {
        const store = this.pendingStore(req.key);
        // The widget still pays the order once, from memory; the host hears that a reload cannot bring it back,
        // and the panel tells the traveller to keep the page open.
        const saved = store.save(req.record);
        this.send({ type: 'storage-result', saved });
        if (!saved)
          this.emit('error', { kind: 'storage', problems: [{ path: '', id: 'storage.not_saved', severity: 'warning',
            message: `The order could not be kept in the page's storage (${store.error}); a reload before the ` +
              'payment is settled cannot bring it back.' }] });
        break;
      }
      case 'forget':
        this.pendingStore(req.key).clear();
        break;
      case 'restore': {
        const record = this.pendingStore(req.key).load();
        this.send({ type: 'restore', record });
        break;
      }
      case 'download':
        this.download(req.filename, req.mime, req.text);
        break;
      case 'locale-pack':
        loadLocalePack(this.baseUrl, req.locale).then((pack) => this.givePack(req.locale, pack),
          (err) => this.send({ type: 'locale-pack-failed', locale: req.locale, message: err.message }));
        break;
      case 'font-slices':
        // The slices the wasm's texts need, all fetched before any is handed over: one atlas per set.
        loadFontSlices(this.baseUrl, req.slices).then((results) => this.afterLink(() => {
          for (const r of results) if (r.bytes) giveFontSlice(this.module, req.locale, r.file, r.bytes);
          this.send({ type: 'font-slices-loaded', locale: req.locale,
            failed: results.filter((r) => r.error).map(({ file, error }) => ({ file, message: error })) });
        }));
        break;
      case 'system-glyphs':
        // Drawn once the wasm's call that asked has returned (the answer calls into the wasm).
        Promise.resolve().then(() => this.afterLink(() => {
          const { answer, bytes } = drawSystemGlyphs(req, this.canvas?.ownerDocument ?? document);
          giveSystemGlyphs(this.module, req.locale, answer, bytes);
        }));
        break;
      case 'missing-glyphs':
        // The characters the widget needs and cannot draw yet (slices on the way, or none holds them): for
        // tests and for a host checking its catalogue in the page inspector.
        if (this.canvas) this.canvas.dataset.missingGlyphs = req.chars;
        break;
      case 'first-frame':
        this.onFirstFrame();
        break;
      case 'a11y':
        if (this.mirror) this.mirror.update(req);
        break;
      case 'text-input':
        if (this.textAgent) this.textAgent.update(req);
        break;
      case 'cursor':
        // A keyword (wasm/browser_platform.cpp names them), never a url(): nothing is fetched for a cursor.
        if (this.canvas && /^[a-z-]+$/.test(req.cursor)) this.canvas.style.cursor = req.cursor;
        break;
      case 'copy':
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(req.text).catch(() => {});
        break;
      default:
        break;
    }
  }

  // A locale pack into the wasm: the first frame's own pack at once, a later one once the deferred module is in.
  givePack(locale, pack) {
    this.afterLink(() => giveLocalePack(this.module, locale, pack));
  }

  // Runs `give` (which calls into the wasm) now, or, after the first frame, once the deferred module is in.
  afterLink(give) {
    if (!this.module) return;
    if (this.firstFrameShown && this.deferredState !== 'in') {
      this.held.push(give);
      return;
    }
    give();
  }

  // The host's continueUrl(order), shown as a QR code on the pay screen (pay on another device).
  async continueUrl(order) {
    if (typeof this.options.continueUrl !== 'function') return;
    try {
      const url = String(await this.options.continueUrl(order));
      // Relative to the page; what may be shown (http(s), its length) the panel decides, and says so (`error`).
      let href = url;
      try { href = new URL(url, document.baseURI).href; } catch { /* not a URL: the panel refuses it */ }
      this.send({ type: 'continue-url', orderId: order.orderId, url: href });
    } catch (err) {
      // The pay screen goes on without a QR code; the host hears which of its functions failed and what to do.
      const why = err && err.message ? err.message : String(err);
      this.emit('error', { kind: 'continueUrl', problems: [{ path: '', id: 'host.continue_url', severity: 'warning',
        message: `continueUrl threw "${why}": return an http: or https: URL (or a promise of one) of at most 1000 characters` }] });
    }
  }

  // The key is core's (order_storage_key: per page origin and catalogue).
  pendingStore(key) {
    if (!this.store || this.store.key !== key) {
      const storage = this.options.storage === undefined ? defaultStorage() : this.options.storage;
      this.store = new PendingOrderStore(storage, key);
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

  // Theme, accent and appearance travel together: the wasm lays the appearance over the theme's defaults.
  setTheme(theme, accent, appearance) {
    if (theme !== undefined) this.options.theme = theme;
    if (accent !== undefined) this.options.accent = accent;
    if (appearance !== undefined) this.options.appearance = appearance;
    const o = this.initOptions();
    this.send({ type: 'set-theme', theme: o.theme, accent: o.accent, appearance: o.appearance });
  }

  // handle.update()'s checked changes: each applied when it differs from what the widget has.
  update(changes) {
    const o = this.options;
    if (changes.lookupCard) o.lookupCard = changes.lookupCard;
    if (changes.continueUrl) o.continueUrl = changes.continueUrl;
    if (changes.onPayment) o.onPayment = this.payments.onPayment = changes.onPayment;
    if (changes.onPaymentStatus) o.onPaymentStatus = this.payments.onPaymentStatus = changes.onPaymentStatus;
    if (changes.currency !== undefined && changes.currency !== o.currency) {
      o.currency = changes.currency;
      this.send({ type: 'set-currency', currency: o.currency });
    }
    if (changes.locale !== undefined && changes.locale !== o.locale) this.setLocale(changes.locale);
    const theme = changes.theme !== undefined && changes.theme !== o.theme ? changes.theme : undefined;
    const accent = changes.accent !== undefined && changes.accent !== o.accent ? changes.accent : undefined;
    const appearance = changes.appearance !== undefined &&
      JSON.stringify(changes.appearance) !== JSON.stringify(o.appearance || {}) ? changes.appearance : undefined;
    if (theme !== undefined || accent !== undefined || appearance !== undefined) this.setTheme(theme, accent, appearance);
    if (changes.catalog !== undefined && changes.catalog !== o.catalog) return this.setCatalog(changes.catalog);
    return Promise.resolve();
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
    // Nothing pending may hold the instance after destroy(): a page that mounts and destroys widgets (a single-page
    // app's route changes) frees each at once.
    clearTimeout(this.firstDrawTimer);
    cancelAnimationFrame(this.replayFrame);
    if (this.resizeObserver) this.resizeObserver.disconnect();
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDprChange);
    if (this.darkQuery) this.darkQuery.removeEventListener('change', this.onSchemeChange);
    if (this.disarmRetry) this.disarmRetry();
    if (this.heldInput) this.heldInput.stop();
    if (this.module) {
      try {
        this.module._tabi_widget_destroy();
      } catch (err) {
        // A widget destroyed before its deferred module arrived, on a shutdown path the profile did not see: the
        // instance is dropped as it is (no listener of its own is registered before the deferred module is in).
        if (!(err instanceof DeferredCodeMissing)) throw err;
      }
    }
    this.held = [];
    if (this.textAgent) this.textAgent.destroy();
    if (this.mirror) this.mirror.destroy();
    if (this.canvas) this.canvas.remove();
    this.listeners.clear();
    // A promise still pending (the deferred module's compile, a host's answer) may hold this object a moment
    // longer: it holds no element then, nor the mirror's nodes and their listeners.
    this.module = null;
    this.canvas = null;
    this.textAgent = null;
    this.mirror = null;
    this.heldInput = null;
  }
}
