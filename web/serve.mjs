// Static server for the demo, the examples and the browser tests (Node's http, no dependencies).
//   node web/serve.mjs [--port 8080] [--host 127.0.0.1]
// URL map:  /            -> web/          (the standalone demo)
//           (a page named *strict-csp* is served with a strict CSP; with ?trusted-types, Trusted Types too)
//           /dist/       -> build/wasm/dist/  (tabi-renew.js, tabi-renew.wasm; TABI_DIST overrides the folder)
//           /examples/   -> examples/
//           /docs/       -> docs/         (catalogue schema for hosts)
//           /fixtures/   -> tests/browser/fixtures/  (test catalogues)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const MOUNTS = [
  ['/dist/', process.env.TABI_DIST ? resolve(process.env.TABI_DIST) : join(root, 'build', 'wasm', 'dist')],
  ['/examples/', join(root, 'examples')],
  ['/docs/', join(root, 'docs')],
  ['/fixtures/', join(root, 'tests', 'browser', 'fixtures')],
  ['/', join(root, 'web')],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.otf': 'font/otf',
  '.ics': 'text/calendar; charset=utf-8',
};

// Pages that opt into the strict Content-Security-Policy the widget promises to work under.
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types 'none'";

function resolvePath(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rest = decodeURIComponent(urlPath.slice(prefix.length));
    const file = normalize(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return null; // no escaping the mount
    return file;
  }
  return null;
}

// `mounts`: [[url prefix, folder], ...] in place of the map above (the package tests serve a host's build).
export function startServer({ port = 8080, host = '127.0.0.1', mounts = MOUNTS } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = resolvePath(url.pathname, mounts);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
      if (/strict-csp/.test(file)) {
        // ?trusted-types: the strict policy plus Trusted Types, with no policy allowed to be created.
        headers['Content-Security-Policy'] = url.searchParams.has('trusted-types') ? `${STRICT_CSP}; ${TRUSTED_TYPES}`
          : STRICT_CSP;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`not found: ${url.pathname}\n`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const port = Number(opt('port', process.env.PORT || 8080));
  const host = opt('host', '127.0.0.1');
  startServer({ port, host }).then(
    () => console.log(`Tabi Renew demo: http://localhost:${port}/  (Ctrl+C to stop)`),
    (err) => {
      console.error(`could not serve on port ${port}: ${err.message}` +
        (err.code === 'EADDRINUSE' ? ` (try: ./dev demo ${port + 1})` : ''));
      process.exit(1);
    });
}
