// Fetches and compiles the widget's wasm once per page; every widget instantiates the same compiled
// module with its own memory. The release build writes the content-hashed file name and its
// Subresource Integrity value into WASM_ASSET (wasm/fingerprint.cmake): a script tag's integrity
// does not cover the wasm the script fetches, so the fetch carries it.
//
// The wasm comes in two parts (wasm/split.cmake): the primary module, which holds what the first frame of the
// first screen runs, and the deferred module with everything else (the other screens, the recommender, orders,
// receipts, QR codes, the headless API). The build finds the first frame's functions by running the real widget
// headless (wasm/profile_first_frame.mjs); Binaryen's wasm-split then leaves a placeholder import in the primary
// module where each deferred function was. Emscripten 3.1.6 loads the deferred module synchronously from such a
// placeholder, which only works in workers, so the bridge does it: it fetches and compiles the deferred module
// once per page after a widget's first frame, and links it into each instance (synchronously: compiling is the
// slow part, linking a compiled module is not). A widget holds input and messages until then (widget.mjs).
//
// Every file the loader fetches is named by the build's manifest and found with assetUrl(file, baseUrl)
// (js/src/asset-url.mjs): beside the script for the script tag, through the bundler's copy for the npm package.
import { assetUrl } from './asset-url.mjs';

export const WASM_ASSET = /*TABI_WASM_ASSET*/{ file: 'tabi-renew.raw.wasm', integrity: null };
export const DEFERRED_WASM_ASSET = /*TABI_DEFERRED_WASM_ASSET*/{ file: 'tabi-renew.raw.deferred.wasm', integrity: null };

// Locale packs, content-hashed names and SRI values written in by the release build (wasm/fingerprint.cmake):
// per CJK locale its message catalogue (messages), the index of its font slices (fonts) and slice 000 (font),
// which holds every character of the messages. The other slices are named and checked by the index.
export const LOCALE_PACKS = /*TABI_LOCALE_PACKS*/{};

// Everything the loader fetches, once per page and shared by every widget: "locale:messages" / "locale:font" of a
// pack, each font slice and each wasm file's compiled module. A failed fetch is forgotten, so a later attempt may
// retry.
const loaded = new Map(); // key -> Promise
function loadOnce(key, start) {
  if (!loaded.has(key)) {
    const loading = start();
    loading.catch(() => loaded.delete(key));
    loaded.set(key, loading);
  }
  return loaded.get(key);
}

async function fetchChecked(url, integrity) {
  const init = { credentials: 'same-origin' };
  if (integrity) init.integrity = integrity;
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

const fetchBytes = (url, integrity) => fetchChecked(url, integrity).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));

// One file of a locale's pack (its bytes), fetched once per page with its integrity value.
function loadPackFile(baseUrl, locale, part) {
  const pack = LOCALE_PACKS[locale];
  if (!pack) return Promise.reject(new Error(`no locale pack for ${locale}`));
  const file = pack[part];
  return loadOnce(`${locale}:${part}`, () => fetchBytes(assetUrl(file.file, baseUrl), file.integrity));
}

// The pack of a locale for a widget: its message catalogue, its font index and the font slice of its messages.
export function loadLocalePack(baseUrl, locale) {
  return Promise.all(['messages', 'fonts', 'font'].map((part) => loadPackFile(baseUrl, locale, part)))
    .then(([messages, fonts, font]) => ({ messages, fonts, font }));
}

// Only the message catalogue of a locale, as text: what the headless core API needs.
export function loadLocaleMessages(baseUrl, locale) {
  return loadPackFile(baseUrl, locale, 'messages').then((bytes) => new TextDecoder().decode(bytes));
}

function withBytes(module, bytes, use) {
  const ptr = module._malloc(bytes.length);
  module.HEAPU8.set(bytes, ptr);
  try {
    return use(ptr, bytes.length);
  } finally {
    module._free(ptr);
  }
}

// UTF-8 texts as fetched (byte arrays) handed over as NUL-terminated strings: copied straight into the wasm's
// memory, not decoded into JS strings and encoded again (a CJK pack has ~70 KB of text, read before its first
// frame).
function withCStrings(module, texts, use) {
  const ptrs = texts.map((bytes) => {
    const ptr = module._malloc(bytes.length + 1);
    module.HEAPU8.set(bytes, ptr);
    module.HEAPU8[ptr + bytes.length] = 0;
    return ptr;
  });
  try {
    return use(...ptrs);
  } finally {
    for (const p of ptrs) module._free(p);
  }
}

// Hands a locale pack to a widget instance (the wasm copies what it keeps), once: the first frame's pack goes in
// right after init, and the wasm's own request for it is answered later with the same pack.
export function giveLocalePack(module, locale, pack) {
  const given = module.tabiLocalePacks || (module.tabiLocalePacks = new Set());
  if (given.has(locale)) return;
  given.add(locale);
  withBytes(module, pack.font, (ptr, size) => withCStrings(module, [pack.messages, pack.fonts],
    (m, f) => callWithStrings(module, (l) => module._tabi_widget_locale_pack(l, m, f, ptr, size), locale)));
}

// Font slices the wasm asked for ({file, integrity} from its index), each fetched once per page and, if that
// fails, once more. Settles with [{file, bytes} | {file, error}] in the order asked.
export function loadFontSlices(baseUrl, slices) {
  return Promise.all(slices.map(({ file, integrity }) => {
    const url = assetUrl(file, baseUrl);
    const once = () => loadOnce(`slice:${file}`, () => fetchBytes(url, integrity));
    return once().catch(once).then((bytes) => ({ file, bytes }), (error) => ({ file, error: error.message }));
  }));
}

// Hands one fetched font slice to a widget instance (copied by the wasm).
export function giveFontSlice(module, locale, file, bytes) {
  withBytes(module, bytes, (ptr, size) => callWithStrings(module,
    (l, f) => module._tabi_widget_font_slice(l, f, ptr, size), locale, file));
}

// What the system's fonts drew (system-glyphs.mjs): the answer's JSON and the bitmaps, copied by the wasm.
export function giveSystemGlyphs(module, locale, answer, bytes) {
  withBytes(module, bytes, (ptr, size) => callWithStrings(module,
    (l, a) => module._tabi_widget_system_glyphs(l, a, ptr, size), locale, answer));
}

function compileAsset(baseUrl, asset) {
  return loadOnce(asset.file, () => fetchChecked(assetUrl(asset.file, baseUrl), asset.integrity)
    .then((response) => (WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(response)
      : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes)))));
}

// Starts (once per page) fetching and compiling the primary module; the promise of the compiled module.
export function compileWasm(baseUrl) {
  return compileAsset(baseUrl, WASM_ASSET);
}

// The same for the deferred module.
export function compileDeferred(baseUrl) {
  return compileAsset(baseUrl, DEFERRED_WASM_ASSET);
}

// A deferred function was called before the deferred module was linked into the instance.
export class DeferredCodeMissing extends Error {
  constructor(index) {
    super(`TabiRenew: the widget needed deferred code (placeholder ${index}) before it arrived`);
    this.name = 'DeferredCodeMissing';
  }
}

// The split state of one instance: its primary exports, and the deferred module once linked.
class SplitLink {
  constructor() {
    this.exports = null;
    this.table = null;
    this.deferred = null;     // the compiled deferred module, once the page has it
    this.linked = false;
    this.missed = null;       // the first placeholder reached before the deferred code was linked
    this.onMiss = null;       // () -> void: the widget starts again once the deferred module is here
  }

  // Wasm-split's placeholders, one import per deferred function, named by its table slot. Reached only before
  // the deferred module is linked (linking overwrites those table slots with the real functions).
  placeholders() {
    return new Proxy({}, {
      get: (_, name) => (...args) => {
        if (!this.linked && this.deferred) this.link(this.deferred);
        if (!this.linked) {
          // Not reachable through the bridge, which holds everything but the first frame until the link: only a
          // first frame whose code paths the build's profile did not see (say, a host catalogue with a problem
          // the profile's catalogues lack) gets here. Unwinding leaves this instance unusable; the widget starts
          // a fresh one once the deferred module is here (widget.mjs).
          if (!this.missed) {
            this.missed = String(name);
            if (this.onMiss) queueMicrotask(this.onMiss);
          }
          throw new DeferredCodeMissing(name);
        }
        return this.table.get(Number(name))(...args);
      },
    });
  }

  link(deferredModule) {
    if (this.linked) return;
    new WebAssembly.Instance(deferredModule, { primary: this.exports });
    this.linked = true;
  }
}

// A new module instance (its own memory) from Emscripten's factory and the shared compiled module.
// module.tabiSplit is its SplitLink: linkDeferred() completes it.
export async function instantiate(factory, baseUrl, extra) {
  const primary = await compileWasm(baseUrl);
  const split = new SplitLink();
  const module = await factory({
    ...extra,
    instantiateWasm(imports, done) {
      imports.placeholder = split.placeholders();
      WebAssembly.instantiate(primary, imports).then((instance) => {
        split.exports = instance.exports;
        split.table = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Table);
        done(instance, primary);
      });
      return {};
    },
    print: () => {},
    printErr: (text) => console.warn('TabiRenew:', text),
  });
  module.tabiSplit = split;
  return module;
}

// Links the page's compiled deferred module into an instance; afterwards every function is there.
export function linkDeferred(module, deferredModule) {
  module.tabiSplit.deferred = deferredModule;
  module.tabiSplit.link(deferredModule);
}

// Copies a JS string into the instance's memory as UTF-8; the caller frees it.
export function allocString(module, text) {
  if (text == null) return 0;
  const size = module.lengthBytesUTF8(text) + 1;
  const ptr = module._malloc(size);
  module.stringToUTF8(text, ptr, size);
  return ptr;
}

// Calls an exported function with string arguments, freeing them afterwards.
export function callWithStrings(module, fn, ...texts) {
  const ptrs = texts.map((t) => allocString(module, t));
  try {
    return fn(...ptrs);
  } finally {
    for (const p of ptrs) if (p) module._free(p);
  }
}

// Reads and frees a malloc'ed UTF-8 string returned by the wasm.
export function takeString(module, ptr) {
  if (!ptr) return null;
  const text = module.UTF8ToString(ptr);
  module._free(ptr);
  return text;
}
