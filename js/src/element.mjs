// <tabi-renew catalog="/plans.json" locale="auto" theme="light" accent="#e60012" currency="CNY">
// A custom element whose attributes can change at run time: locale, theme, accent and catalog are
// applied to the running widget; the element's removal destroys it.
import { ATTRIBUTE_OPTIONS, FUNCTION_OPTIONS, normalizeOptions } from './options.mjs';

// Applied by remounting (the panel takes them at start): currency, height and the callbacks.
const REMOUNT_ATTRIBUTES = ['currency', 'height'];

export function defineElement(mountFn) {
  if (!window.customElements || customElements.get('tabi-renew')) return;
  class TabiRenewElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTE_OPTIONS; }

    constructor() {
      super();
      this.handlePromise = null;
      this.callbacks = {};
      // Properties set before the element was defined shadow the accessors below: move them behind them.
      for (const name of FUNCTION_OPTIONS) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
    }

    // Destroys the running widget, then mounts a new one with the current attributes and callbacks.
    remount() {
      if (!this.handlePromise || !this.isConnected) return;
      const old = this.handlePromise;
      this.handlePromise = old.then((h) => h.destroy(), () => {}).then(() => mountFn(this, this.currentOptions()));
      this.handlePromise.catch((err) => console.error(err.message || err));
    }

    currentOptions() {
      const options = {};
      for (const name of ATTRIBUTE_OPTIONS) if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
      // Callbacks cannot be attributes: they are properties (set before or after the element connects).
      for (const name of FUNCTION_OPTIONS) {
        if (typeof this.callbacks[name] === 'function') options[name] = this.callbacks[name];
      }
      return options;
    }

    connectedCallback() {
      if (this.handlePromise) return;
      if (!this.style.display) this.style.display = 'block';
      this.handlePromise = mountFn(this, this.currentOptions());
      this.handlePromise.catch((err) => console.error(err.message || err));
    }

    disconnectedCallback() {
      const p = this.handlePromise;
      this.handlePromise = null;
      if (p) p.then((h) => h.destroy(), () => {});
    }

    attributeChangedCallback(name, oldValue, value) {
      if (!this.handlePromise || oldValue === value) return;
      if (REMOUNT_ATTRIBUTES.includes(name)) {
        this.remount();
        return;
      }
      this.handlePromise.then((h) => {
        try {
          if (name === 'locale') h.setLocale(normalizeOptions({ locale: value || 'auto' }).locale);
          else if (name === 'theme') h.setTheme(normalizeOptions({ theme: value || 'light' }).theme);
          else if (name === 'accent') h.setTheme(undefined, normalizeOptions({ accent: value }).accent);
          else if (name === 'catalog') h.setCatalog(value || null);
        } catch (err) {
          console.error(err.message);
        }
      }, () => {});
    }

    // The handle of the mounted widget (Promise), for hosts that want on/off.
    get widget() { return this.handlePromise; }
  }
  for (const name of FUNCTION_OPTIONS) {
    Object.defineProperty(TabiRenewElement.prototype, name, {
      get() { return this.callbacks[name]; },
      set(fn) {
        if (fn != null && typeof fn !== 'function') throw new TypeError(`<tabi-renew>.${name} must be a function`);
        if (this.callbacks[name] === fn) return;
        this.callbacks[name] = fn == null ? undefined : fn;
        this.remount(); // the panel learns at start which host services exist
      },
      configurable: true,
      enumerable: true,
    });
  }
  customElements.define('tabi-renew', TabiRenewElement);
}
