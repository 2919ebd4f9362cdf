// The script tag's entry: the global TabiRenew (mount(), the headless core()), the <tabi-renew> element and
// script-tag auto-mount. Emscripten's module factory (createTabiRenewModule) stands just before this bundle in
// tabi-renew.js. (The npm package's entry is js/src/package.mjs.)
import { optionsFromDataset } from './options.mjs';
import { createApi, resolveElement } from './api.mjs';
import { defineTabiRenewElement } from './element.mjs';
import { startWhenNear } from './lazy-start.mjs';
import { VERSION } from './version.mjs';

const currentScript = document.currentScript;

function install(factory, scriptUrl) {
  const { mount, core } = createApi(factory, scriptUrl);

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

  window.TabiRenew = Object.freeze({ mount, core, version: VERSION, __autoMount: autoMount });
  defineTabiRenewElement(mount);
  return window.TabiRenew;
}

if (window.TabiRenew && window.TabiRenew.__autoMount) {
  // A second <script> tag for the same file: reuse the first bridge (and its compiled wasm).
  window.TabiRenew.__autoMount(currentScript);
} else {
  // eslint-disable-next-line no-undef
  install(createTabiRenewModule, (currentScript && currentScript.src) || document.baseURI).__autoMount(currentScript);
}
