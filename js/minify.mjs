// Minifies the widget's script as hosts download it: Emscripten's glue (already through Closure) and the bridge
// bundled from js/src, together.
//   node js/minify.mjs IN.js OUT.js
// wasm/fingerprint.cmake runs it as its last step before hashing: after the asset placeholders are filled (they are
// comments, which a minifier drops), so the content hash in the file name and the SRI value are of the minified
// bytes. js/src stays the readable form.
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: node js/minify.mjs IN.js OUT.js');
const result = await minify(readFileSync(input, 'utf8'), {
  ecma: 2019,           // nothing newer than the README's oldest browsers read (Chrome/Edge 79: no ?. ?? ||=)
  module: false,        // a classic script: document.currentScript finds the script tag's data-* options
  toplevel: false,      // createTabiRenewModule and TabiRenew are globals other scripts use: never renamed
  compress: { passes: 2 },
  mangle: true,         // local names only; properties keep their names (Module['...'] and the host API)
  format: { comments: false, ascii_only: true },  // ASCII: right whatever charset the host page serves it with
});
writeFileSync(output, result.code);
