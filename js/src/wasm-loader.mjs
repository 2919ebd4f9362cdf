// Fetches and compiles the widget's wasm once per page; every widget instantiates the same compiled
// module with its own memory. The release build writes the content-hashed file name and its
// Subresource Integrity value into WASM_ASSET (wasm/fingerprint.cmake): a script tag's integrity
// does not cover the wasm the script fetches, so the fetch carries it.

export const WASM_ASSET = /*TABI_WASM_ASSET*/{ file: 'tabi-renew.raw.wasm', integrity: null };

// Locale packs (message catalogue + CJK font subset per locale), content-hashed names and SRI values written
// in by the release build (wasm/fingerprint.cmake).
export const LOCALE_PACKS = /*TABI_LOCALE_PACKS*/{};

let compiledWasm = null; // Promise<WebAssembly.Module>
const packFiles = new Map(); // "locale:messages" / "locale:font" -> Promise of the file, shared by all widgets

async function fetchChecked(url, integrity) {
  const init = { credentials: 'same-origin' };
  if (integrity) init.integrity = integrity;
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

// One file of a locale's pack ('messages': text, 'font': bytes), fetched once per page with its integrity value.
function loadPackFile(baseUrl, locale, part) {
  const pack = LOCALE_PACKS[locale];
  if (!pack) return Promise.reject(new Error(`no locale pack for ${locale}`));
  const key = `${locale}:${part}`;
  if (!packFiles.has(key)) {
    const file = pack[part];
    const loading = fetchChecked(new URL(file.file, baseUrl).href, file.integrity)
      .then((r) => (part === 'font' ? r.arrayBuffer().then((b) => new Uint8Array(b)) : r.text()));
    loading.catch(() => packFiles.delete(key)); // a later attempt may retry
    packFiles.set(key, loading);
  }
  return packFiles.get(key);
}

// The pack of a locale for a widget: its message catalogue and its font.
export function loadLocalePack(baseUrl, locale) {
  return Promise.all([loadPackFile(baseUrl, locale, 'messages'), loadPackFile(baseUrl, locale, 'font')])
    .then(([messages, font]) => ({ messages, font }));
}

// Only the message catalogue of a locale: what the headless core API needs.
export function loadLocaleMessages(baseUrl, locale) {
  return loadPackFile(baseUrl, locale, 'messages');
}

// Hands a locale pack to a widget instance (the wasm copies what it keeps).
export function giveLocalePack(module, locale, pack) {
  const fontPtr = module._malloc(pack.font.length);
  module.HEAPU8.set(pack.font, fontPtr);
  try {
    callWithStrings(module, (l, m) => module._tabi_widget_locale_pack(l, m, fontPtr, pack.font.length), locale, pack.messages);
  } finally {
    module._free(fontPtr);
  }
}

export function compileWasm(baseUrl) {
  if (!compiledWasm) {
    const url = new URL(WASM_ASSET.file, baseUrl).href;
    const init = { credentials: 'same-origin' };
    if (WASM_ASSET.integrity) init.integrity = WASM_ASSET.integrity;
    compiledWasm = fetch(url, init).then((response) => {
      if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
      return WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(response)
        : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    });
    compiledWasm.catch(() => { compiledWasm = null; }); // a later mount may retry
  }
  return compiledWasm;
}

// A new module instance (its own memory) from Emscripten's factory and the shared compiled module.
export async function instantiate(factory, baseUrl, extra) {
  const compiled = await compileWasm(baseUrl);
  return factory({
    ...extra,
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled));
      return {};
    },
    print: () => {},
    printErr: (text) => console.warn('TabiRenew:', text),
  });
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
