// Bundles src/main.jsx into public/build/ with esbuild, and copies tabi-renew's files beside the bundle.
//   npm run build          (node build.mjs)
//   npm start              (node build.mjs --serve: also serves public/ on http://localhost:8000)
// esbuild keeps `new URL('./dist/<file>', import.meta.url)` as it is (webpack 5 and Vite copy those files
// themselves), so the bundle looks for the widget's files in build/dist/: the copy below puts them there.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'public', 'build');
rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'main.jsx')],
  bundle: true,
  format: 'esm', // keeps import.meta.url, which finds the widget's files
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: out,
  logLevel: 'warning',
});
const widget = dirname(createRequire(import.meta.url).resolve('tabi-renew/package.json'));
cpSync(join(widget, 'dist'), join(out, 'dist'), { recursive: true });

if (process.argv.includes('--serve')) {
  const { port } = await (await esbuild.context({})).serve({ servedir: join(here, 'public'), port: 8000 });
  console.log(`http://localhost:${port}/`);
}
