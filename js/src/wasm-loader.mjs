// Fetches and compiles the widget's wasm once per page; every widget instantiates the same compiled
// module with its own memory. The release build writes the content-hashed file name and its
// Subresource Integrity value into WASM_ASSET (wasm/fingerprint.cmake): a script tag's integrity
// does not cover the wasm the script fetches, so the fetch carries it.

export const WASM_ASSET = /*TABI_WASM_ASSET*/{ file: 'tabi-renew.raw.wasm', integrity: null };

let compiledWasm = null; // Promise<WebAssembly.Module>

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
