// <tabi-renew catalog="/plans.json" locale="auto" theme="light" accent="#e60012" currency="CNY">
// A custom element whose attributes can change at run time: locale, theme, accent and catalog are
// applied to the running widget; the element's removal destroys it.
import { normalizeOptions } from './options.mjs';

const ELEMENT_ATTRIBUTES = ['catalog', 'locale', 'theme', 'accent', 'currency', 'height'];

export function defineElement(mountFn) {
  if (!window.customElements || customElements.get('tabi-renew')) return;
  class TabiRenewElement extends HTMLElement {
    static get observedAttributes() { return ELEMENT_ATTRIBUTES; }

    constructor() {
      super();
      this.handlePromise = null;
    }

    connectedCallback() {
      if (this.handlePromise) return;
      if (!this.style.display) this.style.display = 'block';
      const options = {};
      for (const name of ELEMENT_ATTRIBUTES) if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
      // Callbacks cannot be attributes: a host sets them as properties before the element connects.
      for (const name of ['lookupCard', 'onPayment', 'onPaymentStatus', 'continueUrl'])
        if (typeof this[name] === 'function') options[name] = this[name];
      this.handlePromise = mountFn(this, options);
      this.handlePromise.catch((err) => console.error(err.message || err));
    }

    disconnectedCallback() {
      const p = this.handlePromise;
      this.handlePromise = null;
      if (p) p.then((h) => h.destroy(), () => {});
    }

    attributeChangedCallback(name, oldValue, value) {
      if (!this.handlePromise || oldValue === value) return;
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
  customElements.define('tabi-renew', TabiRenewElement);
}
