// The npm package's entry (`import { mount, core, defineElement } from 'tabi-renew'`): the same API as the script
// tag's global TabiRenew, as an ES module. Importing it does nothing (no global, no element defined, nothing
// fetched), so it can be imported on a server; mount() and core() say so when called there. Emscripten's module
// factory (createTabiRenewModule) stands before this bundle in the package's file (js/npm-package.mjs), and the
// release's files are found through js/npm-package.mjs's table of `new URL(..., import.meta.url)`.
import { createApi } from './api.mjs';
import { defineTabiRenewElement } from './element.mjs';
import { VERSION } from './version.mjs';

export const version = VERSION;

let api = null;
function browserApi(what) {
  if (typeof document === 'undefined' || typeof window === 'undefined')
    throw new Error(`TabiRenew: ${what} needs a browser page, and this is not one (no document): on a server, ` +
      'call it in the browser, e.g. in a React effect (useEffect) or after the page has loaded');
  // eslint-disable-next-line no-undef
  if (!api) api = createApi(createTabiRenewModule, document.baseURI);
  return api;
}

// Mounts a widget in an element or the first element a selector matches: TabiRenew.mount of the script tag.
export function mount(target, options) {
  try {
    return browserApi('mount()').mount(target, options);
  } catch (err) {
    return Promise.reject(err);
  }
}

// The headless core API: TabiRenew.core of the script tag.
export function core(options) {
  try {
    return browserApi('core()').core(options);
  } catch (err) {
    return Promise.reject(err);
  }
}

// Defines <tabi-renew> in this page (once: later calls, or a script tag's definition, are left as they are).
// Returns whether <tabi-renew> is defined afterwards; on a server (no customElements) it does nothing: false.
export function defineElement() {
  if (typeof customElements === 'undefined') return false;
  defineTabiRenewElement(mount);
  return true;
}
