// <tabi-renew catalog="/plans.json" locale="auto" theme="light" accent="#e60012" currency="CNY" load="lazy">
// A custom element whose attributes can change at run time: locale, theme, accent, currency and catalog are
// applied to the running widget; the element's removal destroys it. It mounts when it nears the viewport
// (load="eager": when it connects); until then it reads its attributes and callbacks only when it mounts.
import { ATTRIBUTE_OPTIONS, CALLBACK_ALIASES, FUNCTION_OPTIONS, isWidgetAttribute, normalizeOptions } from './options.mjs';
import { startWhenNear } from './lazy-start.mjs';

// Applied by remounting (the panel takes them at start): height, and a callback given or taken away.
const REMOUNT_ATTRIBUTES = ['height'];

// The element's callback properties: the options' names, and payOrder and paymentStatus for onPayment and
// onPaymentStatus (React 19 makes a function prop named on* an event listener, never a property).
const CALLBACK_PROPERTIES = [...FUNCTION_OPTIONS, ...Object.keys(CALLBACK_ALIASES)];
const callbackSlot = (name) => CALLBACK_ALIASES[name] || name;

export function defineTabiRenewElement(mountFn) {
  if (!window.customElements || customElements.get('tabi-renew')) return;
  class TabiRenewElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTE_OPTIONS; }

    constructor() {
      super();
      this.handlePromise = null; // Promise of the handle, from connecting (pending while it waits to mount)
      this.mountNow = null; // while it waits: mounts and settles handlePromise
      this.cancelWait = null; // while it waits: stops waiting (lazy-start.mjs)
      this.unmounting = null; // Promise: the widget of an earlier connection is being destroyed
      this.callbacks = {}; // option name (onPayment, not payOrder) -> the host's function
      // Properties set before the element was defined shadow the accessors below: move them behind them.
      for (const name of CALLBACK_PROPERTIES) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      // Rendered by React before the element was defined, React set the callbacks nowhere (a function prop goes to
      // a property only when the element has one, and is never an attribute); it keeps the element's props under
      // its own key, __reactProps$<id>, where they are read once, now. Later changes come as properties.
      const reactProps = Object.keys(this).find((key) => key.startsWith('__reactProps$'));
      if (reactProps && this[reactProps]) {
        for (const name of CALLBACK_PROPERTIES) {
          const fn = this[reactProps][name];
          if (typeof fn === 'function' && !this.callbacks[callbackSlot(name)]) this[name] = fn;
        }
      }
    }

    // <tabi-renew onPayment={pay}> in React 19 arrives here as a "Payment" listener, which nothing ever calls.
    addEventListener(type, listener, options) {
      const property = { Payment: 'payOrder', PaymentStatus: 'paymentStatus' }[type];
      if (property)
        console.error(`TabiRenew: a "${type}" event listener on <tabi-renew> is never called (React 19 makes on${type} ` +
          `one): use ${property}={...}`);
      super.addEventListener(type, listener, options);
    }

    // Destroys the running widget, then mounts a new one with the current attributes and callbacks.
    remount() {
      if (!this.handlePromise || !this.isConnected || this.mountNow) return; // a waiting one reads them when it mounts
      const old = this.handlePromise;
      this.handlePromise = old.then((h) => h.destroy(), () => {}).then(() => mountFn(this, this.currentOptions()));
      this.handlePromise.catch((err) => console.error(err.message || err));
    }

    currentOptions() {
      const options = {};
      for (const name of ATTRIBUTE_OPTIONS) {
        if (isWidgetAttribute(name) && this.hasAttribute(name)) options[name] = this.getAttribute(name);
      }
      // Callbacks cannot be attributes: they are properties (set before or after the element connects). Each is
      // called through the element, so a new function (React makes one each render) needs no remount.
      for (const name of FUNCTION_OPTIONS) {
        if (typeof this.callbacks[name] === 'function') options[name] = (...args) => this.callbacks[name](...args);
      }
      return options;
    }

    connectedCallback() {
      if (this.handlePromise) return; // moved: it keeps its widget (see disconnectedCallback)
      // A block box from the start: it holds the reserved height, and the observer watches it.
      if (!this.style.display) this.style.display = 'block';
      let settle;
      this.handlePromise = new Promise((resolve) => { settle = resolve; });
      this.handlePromise.catch((err) => console.error(err.message || err));
      const previous = this.unmounting; // a widget of an earlier connection, still being destroyed
      this.mountNow = () => {
        this.mountNow = null;
        this.cancelWait = null;
        const mounting = previous ? previous.then(() => mountFn(this, this.currentOptions()))
          : mountFn(this, this.currentOptions());
        settle(mounting);
        return mounting;
      };
      this.waitToMount();
    }

    // (Again) waits to mount, with the load and height attributes as they are now.
    waitToMount() {
      if (this.cancelWait) this.cancelWait();
      const cancel = startWhenNear(this, this.getAttribute('load'), 'load', this.currentOptions(), this.mountNow);
      this.cancelWait = this.mountNow ? cancel : null; // null: it has started
    }

    // Moved (taken out and put back in one go, e.g. appended elsewhere): the widget stays, with the traveller's
    // progress, or it goes on waiting. Removed: once the current script is done, the widget is destroyed, or a
    // widget that never mounted stops waiting and leaves nothing behind.
    disconnectedCallback() {
      queueMicrotask(() => { if (!this.isConnected) this.unmount(); });
    }

    unmount() {
      const mounted = this.handlePromise && !this.mountNow; // else it never mounted: nothing to destroy
      if (this.cancelWait) this.cancelWait();
      this.cancelWait = null;
      this.mountNow = null;
      const p = this.handlePromise;
      this.handlePromise = null;
      if (!mounted) return;
      const unmounting = p.then((h) => h.destroy(), () => {});
      this.unmounting = unmounting;
      unmounting.then(() => { if (this.unmounting === unmounting) this.unmounting = null; });
    }

    attributeChangedCallback(name, oldValue, value) {
      if (!this.handlePromise || oldValue === value) return;
      if (this.mountNow) {
        this.waitToMount(); // load="eager" starts it, a new height is reserved, a bad value is reported now
        return;
      }
      if (!isWidgetAttribute(name)) return;
      if (REMOUNT_ATTRIBUTES.includes(name)) {
        this.remount();
        return;
      }
      this.handlePromise.then((h) => {
        try {
          if (name === 'locale') h.setLocale(normalizeOptions({ locale: value || 'auto' }).locale);
          else if (name === 'theme') h.setTheme(normalizeOptions({ theme: value || 'light' }).theme);
          else if (name === 'accent') h.setTheme(undefined, normalizeOptions({ accent: value }).accent);
          else if (name === 'appearance') h.setAppearance(value || null);
          else if (name === 'catalog') h.setCatalog(value || null);
          else if (name === 'currency') h.update({ currency: value });
        } catch (err) {
          console.error(err.message);
        }
      }, () => {});
    }

    // The handle of the mounted widget (Promise), for hosts that want on/off. A lazy element's resolves once it
    // has mounted.
    get widget() { return this.handlePromise; }
  }
  for (const name of CALLBACK_PROPERTIES) {
    const slot = callbackSlot(name);
    Object.defineProperty(TabiRenewElement.prototype, name, {
      get() { return this.callbacks[slot]; },
      set(fn) {
        if (fn != null && typeof fn !== 'function') throw new TypeError(`<tabi-renew>.${name} must be a function`);
        const had = typeof this.callbacks[slot] === 'function';
        this.callbacks[slot] = fn == null ? undefined : fn;
        if (had !== (fn != null)) this.remount(); // the panel learns at start which host services exist
      },
      configurable: true,
      enumerable: true,
    });
  }
  customElements.define('tabi-renew', TabiRenewElement);
}
