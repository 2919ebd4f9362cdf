// Where the loader (js/src/wasm-loader.mjs) fetches one of the release's files from, by the file's name in the
// build's manifest: for the script tag, beside the script (baseUrl is the script's URL).
// The npm package's build (js/npm-package.mjs) puts a generated module in this one's place: a table with one
// `new URL('./assets/<file>', import.meta.url)` per file, the form bundlers recognise and copy, so this one
// carries nothing of the npm package into the script tag's file.
export function assetUrl(file, baseUrl) {
  return new URL(file, baseUrl).href;
}
