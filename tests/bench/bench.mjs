// The benchmark report: ./dev bench (after the native and wasm builds) runs `node tests/bench/bench.mjs`, which
// builds what else it needs, measures, and prints ONE JSON object to stdout (progress goes to stderr).
//
//   transfer   bytes of everything the first widget frame needs (en, zh-Hans): raw, gzip -9, brotli q11, per file
//              and in total, from the responses a minimal page fetched in Chromium until the widget's `ready`; the
//              deferred wasm module (fetched after the first frame) apart, and a `split` block with both modules
//   load       navigation start -> first frame (performance.now()), median of fresh loads, widget (en, zh-Hans) vs
//              a bare Dear ImGui hello world (tests/bench/hello, built into build/wasm/bench by
//              tests/bench/bench.cmake); over the same loads, `ready` -> the deferred module linked (usable)
//   idle       frames drawn and main-thread CPU (CDP Performance.getMetrics) over 5 s after `ready`
//   below_fold tests/browser/fixtures/below-fold.html: what a page with widgets far below the fold fetches before
//              the reader scrolls (by kind: bridge script, wasm, locale packs, catalogue), then scroll -> `ready`
//   core       catalogue parse (1 MB) and recommend (10,000 plans, 30 and 90 days): native release build and
//              wasm under Node (-O3 build of core, and the widget's own -Oz/LTO core)
//
// Targets are reported as pass/fail; a missed target does not fail the process. The exit status is 1 only when
// a measurement could not be taken (listed under "errors"), 0 otherwise.
//
// Environment: TABI_BENCH_LOADS (fresh loads per page kind, default 11), TABI_BENCH_IDLE_MS (default 5000),
// TABI_BENCH_CORE_RUNS (runs of each core benchmark executable, default 3), TABI_BENCH_FOLD_LOADS (fresh loads of
// the below-the-fold page, default 7), TABI_BENCH_SKIP_BUILD=1 (use what is built), TABI_BENCH_PHASES (a comma
// list of the phases above to run, e.g. `load` while tuning the first frame; default all: targets of the phases
// left out are reported as not passed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zc, brotliCompressSync, gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WASM_BUILD = join(ROOT, 'build', 'wasm');
const NATIVE_RELEASE = join(ROOT, 'build', 'release-native');
const LOADS = Math.max(10, Number(process.env.TABI_BENCH_LOADS || 11));
const IDLE_MS = Number(process.env.TABI_BENCH_IDLE_MS || 5000);
const CORE_RUNS = Math.max(1, Number(process.env.TABI_BENCH_CORE_RUNS || 3));
const FOLD_LOADS = Math.max(1, Number(process.env.TABI_BENCH_FOLD_LOADS || 7));
const FOLD_WAIT_MS = 3000; // the below-the-fold page is left alone this long after its load event
const KB = 1000; // targets in KB are 1000-byte KB (the stricter reading); every figure is also given in bytes
const TARGETS = {
  transferBrotliBytes: { en: 200 * KB, 'zh-Hans': 320 * KB },
  // A host catalogue whose names use ~200 characters outside our messages adds at most about this much (zh-Hans).
  hostCatalogueFontBrotliBytes: 60 * KB,
  loadRatioWidgetOverHello: { en: 1.25, 'zh-Hans': 1.5 },
  belowFoldWasmAndPackBytes: 0,
  idleFrames: 0,
  recommend30dWasmMs: 5,
};

const errors = [];
const phases = {};
const PHASES = ['core', 'transfer', 'load', 'idle', 'fonts', 'below_fold'];
const chosenPhases = (process.env.TABI_BENCH_PHASES || PHASES.join(',')).split(',').map((p) => p.trim()).filter(Boolean);
for (const p of chosenPhases) if (!PHASES.includes(p)) throw new Error(`TABI_BENCH_PHASES: "${p}" is not one of ${PHASES.join(', ')}`);
const runs = (phase) => chosenPhases.includes(phase);
let phaseStart = Date.now();
function phaseDone(name) {
  phases[name] = round((Date.now() - phaseStart) / 1000, 0);
  phaseStart = Date.now();
}
const log = (...parts) => process.stderr.write(`bench: ${parts.join(' ')}\n`);
const started = Date.now();

function run(cmd, args, { capture = false, env } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs', ...env },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 2, 2], // build output is progress: stderr
  });
  if (r.error) return { ok: false, status: null, stdout: '', stderr: String(r.error.message) };
  return { ok: r.status === 0, status: r.status, stdout: r.stdout || '', stderr: r.stderr || '' };
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const round = (x, digits = 1) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const ms = (x) => round(x, 1);

// ---------------------------------------------------------------------------------------------------- builds
function build() {
  if (process.env.TABI_BENCH_SKIP_BUILD === '1') {
    log('TABI_BENCH_SKIP_BUILD=1: using what is built');
    return;
  }
  const t0 = Date.now();
  log('building native release core_bench (cmake --preset release-native)');
  if (!run('cmake', ['--preset', 'release-native'], { capture: true }).ok ||
      !run('cmake', ['--build', '--preset', 'release-native', '--target', 'core_bench']).ok) {
    errors.push('native release build of core_bench failed');
  }
  if (!existsSync(join(WASM_BUILD, 'build.ninja'))) {
    log('configuring the wasm preset (emcmake cmake --preset wasm)');
    if (!run('emcmake', ['cmake', '--preset', 'wasm'], { capture: true }).ok) errors.push('wasm configure failed');
  }
  // The widget itself is the wasm preset's default build (./dev bench has just built it). The hello page and the
  // Node core benchmarks are built here on request (the test build leaves them out; the Node ones compile core
  // again: not cheap).
  log('building wasm bench targets (tabi_bench_hello core_bench_node core_bench_node_oz)');
  if (!run('cmake', ['--build', '--preset', 'wasm', '--target', 'tabi_bench_hello', 'core_bench_node', 'core_bench_node_oz']).ok) {
    errors.push('wasm build of the bench targets failed (cmake --build --preset wasm --target tabi_bench_hello core_bench_node core_bench_node_oz)');
  }
  log(`builds done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// ------------------------------------------------------------------------------------------------ core bench
function coreBench() {
  const kinds = [
    { name: 'native', what: 'build/release-native/core_bench (g++ -O3, CMAKE_BUILD_TYPE=Release)',
      cmd: join(NATIVE_RELEASE, 'core_bench'), args: [] },
    { name: 'wasm_node_O3', what: 'build/wasm/bench/core_bench.js: core_bench.cpp + core sources, em++ -O3 -fno-exceptions -fno-rtti, -sENVIRONMENT=node',
      cmd: process.execPath, args: ['--no-experimental-fetch', join(WASM_BUILD, 'bench', 'core_bench.js')] },
    { name: 'wasm_node_Oz_widget_core', what: 'build/wasm/bench/core_bench_oz.js: linked against the widget\'s own tabi_core (-Oz -flto, as shipped)',
      cmd: process.execPath, args: ['--no-experimental-fetch', join(WASM_BUILD, 'bench', 'core_bench_oz.js')] },
  ];
  const out = {};
  const metrics = ['catalog_parse_1mb_ms', 'recommend_10k_30d_ms', 'recommend_10k_90d_ms', 'device_search_5k_ms'];
  for (const k of kinds) {
    const file = k.args.length ? k.args[k.args.length - 1] : k.cmd;
    if (!existsSync(file)) {
      errors.push(`core bench ${k.name}: ${file} is missing`);
      out[k.name] = { what: k.what, error: 'not built' };
      continue;
    }
    log(`core bench ${k.name}: ${CORE_RUNS} runs`);
    const runs = [];
    for (let i = 0; i < CORE_RUNS; i++) {
      const r = run(k.cmd, k.args, { capture: true });
      try {
        if (!r.ok) throw new Error(`exit ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
      } catch (err) {
        errors.push(`core bench ${k.name}: ${err.message}`);
        break;
      }
    }
    if (runs.length === 0) {
      out[k.name] = { what: k.what, error: 'no run succeeded' };
      continue;
    }
    const entry = { what: k.what, executions: runs.length };
    for (const m of metrics) entry[m] = round(median(runs.map((r) => r[m])), 3);
    entry.per_execution = Object.fromEntries(metrics.map((m) => [m, runs.map((r) => r[m])]));
    const first = runs[0];
    entry.inputs = { catalog_bytes: first.catalog_bytes, catalog_plans: first.catalog_plans, catalog_runs: first.catalog_runs,
      recommend_plans: first.recommend_plans, recommend_mb_per_day: first.recommend_mb_per_day, recommend_runs: first.recommend_runs };
    out[k.name] = entry;
  }
  out.note = 'Each executable times the median of its own runs (catalog_runs, recommend_runs); the figures here are the ' +
    `median over ${CORE_RUNS} executions (per_execution lists them). Times in ms.`;
  if (out.native?.inputs && out.wasm_node_O3?.inputs && out.native.inputs.catalog_bytes !== out.wasm_node_O3.inputs.catalog_bytes) {
    out.inputs_differ_between_compilers = `the generated catalogue is ${out.native.inputs.catalog_bytes} bytes natively (g++) and ` +
      `${out.wasm_node_O3.inputs.catalog_bytes} in wasm (clang): core_bench.cpp draws several random numbers inside one function ` +
      'call / expression, whose evaluation order is unspecified, so native and wasm inputs are not the same';
  }
  return out;
}

// ----------------------------------------------------------------------------------------- pages and server
// A snapshot of the dist and hello outputs: another build may replace build/wasm/dist (hashed names) mid-run.
function snapshotDist() {
  const dist = join(WASM_BUILD, 'dist');
  const hello = join(WASM_BUILD, 'bench');
  for (let attempt = 1; attempt <= 10; attempt++) {
    const dir = mkdtempSync(join(os.tmpdir(), 'tabi-bench-dist-'));
    try {
      for (const f of readdirSync(dist)) {
        if (/^tabi-(renew|font|messages)-?.*\.(js|wasm|otf|json)$/.test(f) && !f.includes('.raw.')) copyFileSync(join(dist, f), join(dir, f));
      }
      mkdirSync(join(dir, 'hello'));
      for (const f of ['hello.html', 'hello.js', 'hello.wasm']) copyFileSync(join(hello, f), join(dir, 'hello', f));
      // Consistent only if every file the bridge names is there: any quoted name, as the script is minified, but
      // Emscripten's default tabi-renew.raw.wasm, never fetched (the bridge instantiates the wasm itself).
      const js = readFileSync(join(dir, 'tabi-renew.js'), 'utf8');
      const named = [...js.matchAll(/(['"])(tabi-[^'"]+\.(?:wasm|otf|json))\1/g)].map((m) => m[2])
        .filter((f) => !f.includes('.raw.'));
      const missing = named.filter((f) => !existsSync(join(dir, f)));
      if (named.length && missing.length === 0) {
        // The primary module (what the first frame runs) and the deferred one (fetched after it: wasm/split.cmake).
        const wasmFile = named.find((f) => /^tabi-renew\.[0-9a-f]+\.wasm$/.test(f));
        const deferredFile = named.find((f) => f.endsWith('.wasm') && f.includes('.deferred.')) || null;
        return { dir, wasmFile, deferredFile };
      }
      log(`dist snapshot ${attempt}: ${missing.join(', ') || 'no asset names in tabi-renew.js'} missing (a build in progress?), retrying`);
    } catch (err) {
      log(`dist snapshot ${attempt}: ${err.message}, retrying`);
    }
    rmSync(dir, { recursive: true, force: true });
    spawnSync('sleep', ['3']);
  }
  throw new Error(`no consistent snapshot of ${dist} (is the wasm build there?)`);
}

// The minimal host page: mounts the widget (TabiRenew.mount: eager) in the locale of ?locale=, with the built-in
// sample catalogue or the one at ?catalog=.
const WIDGET_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tabi Renew benchmark page</title><style>body { margin: 0; }</style></head>
<body>
<div id="renew"></div>
<script src="tabi-renew.js"></script>
<script>
  const host = document.getElementById('renew');
  host.addEventListener('ready', (e) => { window.__ready = performance.now(); window.__readyDetail = e.detail; }, { once: true });
  host.addEventListener('error', (e) => { window.__widgetError = e.detail; });
  const params = new URLSearchParams(location.search);
  const options = { locale: params.get('locale') || 'en' };
  if (params.get('catalog')) options.catalog = params.get('catalog');
  window.__handle = TabiRenew.mount(host, options);
  window.__handle.catch((err) => { window.__widgetError = String(err && err.message || err); });
</script>
</body>
</html>
`;

async function startPages(snapshotDir, { wasmFile, deferredFile }) {
  writeFileSync(join(snapshotDir, 'bench-widget.html'), WIDGET_PAGE);
  process.env.TABI_DIST = snapshotDir; // web/serve.mjs reads it when first imported
  const { startServer } = await import('../../web/serve.mjs');
  const server = await startServer({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  // The folders web/serve.mjs serves that a bench page reads (the snapshot at /dist/).
  const mounts = [['/dist/', snapshotDir], ['/fixtures/', join(ROOT, 'tests', 'browser', 'fixtures')],
    ['/examples/', join(ROOT, 'examples')]];
  return {
    server,
    wasmFile,
    deferredFile,
    widgetUrl: (locale, catalog) => `${base}/dist/bench-widget.html?locale=${encodeURIComponent(locale)}` +
      (catalog ? `&catalog=${encodeURIComponent(catalog)}` : ''),
    helloUrl: `${base}/dist/hello/hello.html`,
    belowFoldUrl: `${base}/fixtures/below-fold.html`,
    fileOf: (url) => {
      const p = new URL(url).pathname;
      const mount = mounts.find(([prefix]) => p.startsWith(prefix));
      return mount ? join(mount[1], decodeURIComponent(p.slice(mount[0].length))) : null;
    },
  };
}

// Runs in every bench page before its own scripts. window.__deferredLinks: performance.now() each time a deferred
// wasm module is linked into an instance, i.e. when the bridge constructs a WebAssembly.Instance with an imports
// object that has a `primary` key (SplitLink.link in js/src/wasm-loader.mjs), taken right after the constructor
// returns: from then on that widget's deferred code is usable. window.__readyAt[id]: performance.now() at each
// widget's `ready` event (not bubbling: caught in the capture phase), by its element's id.
function pageRecorder() {
  window.__deferredLinks = [];
  window.__readyAt = {};
  const Native = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Native, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      const imports = args[1];
      if (imports && typeof imports === 'object' && Object.prototype.hasOwnProperty.call(imports, 'primary'))
        window.__deferredLinks.push(performance.now());
      return instance;
    },
  });
  document.addEventListener('ready', (e) => {
    const id = e.target.id || e.target.localName;
    if (window.__readyAt[id] === undefined) window.__readyAt[id] = performance.now();
  }, { capture: true });
}

// A fresh page with the HTTP cache disabled (every load fetches everything), its CDP session and a response log.
async function freshPage(context) {
  const page = await context.newPage();
  await page.addInitScript(pageRecorder);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = [];
  const failures = [];
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] || '', at: Date.now(), response: r }));
  page.on('requestfailed', (r) => failures.push({ url: r.url(), error: r.failure()?.errorText }));
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { page, cdp, responses, failures, pageErrors };
}

async function waitWidget(page) {
  await page.waitForFunction(() => window.__ready !== undefined || window.__widgetError !== undefined, null, { timeout: 60000, polling: 20 });
  return page.evaluate(() => ({ ready: window.__ready ?? null, detail: window.__readyDetail ?? null, error: window.__widgetError ?? null }));
}

// performance.now() when the page's first widget linked its deferred module (waits for it).
async function waitDeferredLinked(page, timeout = 30000) {
  await page.waitForFunction(() => window.__deferredLinks.length > 0, null, { timeout, polling: 20 });
  return page.evaluate(() => window.__deferredLinks[0]);
}

async function waitHello(page) {
  await page.waitForFunction(() => window.__firstFrame !== undefined || window.__firstFrameError !== undefined, null, { timeout: 60000, polling: 20 });
  return page.evaluate(() => ({ ready: window.__firstFrame ?? null, error: window.__firstFrameError ?? null }));
}

// ------------------------------------------------------------------------------------------------- transfer
function sizesOf(bytes, type) {
  const text = /^(text|application\/(json|javascript))/.test(type);
  return {
    raw: bytes.length,
    gzip9: gzipSync(bytes, { level: 9 }).length,
    brotli11: brotliCompressSync(bytes, { params: {
      [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_LGWIN]: 24, [zc.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zc.BROTLI_PARAM_MODE]: text ? zc.BROTLI_MODE_TEXT : (type.startsWith('font/') ? zc.BROTLI_MODE_FONT : zc.BROTLI_MODE_GENERIC),
    } }).length,
  };
}

// The bytes of one response: the served file when the bench knows it (/dist/ is the snapshot), else its body.
async function bytesOf(pages, r) {
  const file = pages.fileOf(r.url);
  if (file && existsSync(file)) return readFileSync(file);
  return r.response.body().catch(() => Buffer.alloc(0));
}

const addSizes = (total, f) => { for (const k of ['raw', 'gzip9', 'brotli11']) total[k] += f[k]; return total; };
const sumSizes = (list) => list.reduce(addSizes, { raw: 0, gzip9: 0, brotli11: 0 });

// Which responses the first frame needed. The page's Resource Timing entries say when each request started and
// its response ended (performance.now(), the clock of `ready`): a response that ended by `ready` is counted in the
// first frame, one that ended after it is listed apart. The deferred wasm module is listed apart by its name
// whatever its timing (the bridge asks for it from the first frame's own callback, a moment before `ready` is
// dispatched, so its request starts at about `ready`), and the bench waits until it is linked before it lists
// anything: it is always in the after-ready list, never in the first-frame total, and never missing from it.
async function measureTransfer(context, pages, kind, locale) {
  const { page, responses, failures, pageErrors } = await freshPage(context);
  const what = `transfer ${kind}${locale ? ` ${locale}` : ''}`;
  const url = kind === 'widget' ? pages.widgetUrl(locale) : pages.helloUrl;
  await page.goto(url);
  const result = kind === 'widget' ? await waitWidget(page) : await waitHello(page);
  const readyAtWall = Date.now();
  let linked = null;
  if (kind === 'widget' && !result.error) {
    try {
      linked = await waitDeferredLinked(page);
    } catch (err) {
      errors.push(`${what}: the deferred module was not linked within 30 s of ready (${err.message.split('\n')[0]})`);
    }
  }
  await page.waitForTimeout(500); // anything else fetched right after the first frame (or the link) is listed too
  const timing = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })));
  const byUrl = new Map();
  for (const t of timing) {
    if (!byUrl.has(t.name)) byUrl.set(t.name, []);
    byUrl.get(t.name).push(t);
  }
  const files = [];
  const html = [];
  const afterReady = [];
  for (const r of responses) {
    const bytes = await bytesOf(pages, r);
    const name = new URL(r.url).pathname.replace(/^\/dist\//, '');
    const entry = { file: name, status: r.status, type: r.type.split(';')[0], ...sizesOf(bytes, r.type) };
    if (r.status !== 200) errors.push(`${what}: ${name} answered HTTP ${r.status}`);
    if (entry.type === 'text/html') {
      html.push(entry);
      continue;
    }
    const t = byUrl.get(r.url)?.shift();
    if (t && result.ready != null) {
      entry.request_start_ms_after_ready = ms(t.start - result.ready);
      entry.response_end_ms_after_ready = ms(t.end - result.ready);
    }
    const deferred = name === pages.deferredFile;
    if (deferred) entry.part = 'deferred';
    else if (name === pages.wasmFile) entry.part = 'primary';
    const after = deferred || (t ? t.end > result.ready : r.at > readyAtWall);
    (after ? afterReady : files).push(entry);
  }
  await page.close();
  if (result.error) errors.push(`${what}: ${JSON.stringify(result.error)}`);
  for (const f of failures) errors.push(`${what}: request failed ${f.url} (${f.error})`);
  for (const e of pageErrors) errors.push(`${what}: page error ${e}`);
  const out = { files, total: sumSizes(files), html_excluded_from_total: html, fetched_after_first_frame: afterReady,
    after_first_frame_total: sumSizes(afterReady), ready_detail: result.detail };
  if (kind === 'widget') {
    if (!files.some((f) => f.part === 'primary')) errors.push(`${what}: the primary wasm ${pages.wasmFile} is not among the first frame's files`);
    const d = afterReady.find((f) => f.part === 'deferred');
    if (!d) errors.push(`${what}: the deferred wasm ${pages.deferredFile} was not fetched after the first frame`);
    out.deferred_after_first_frame = d ? { file: d.file, raw: d.raw, gzip9: d.gzip9, brotli11: d.brotli11,
      counted_in_first_frame_total: false, request_start_ms_after_ready: d.request_start_ms_after_ready,
      response_end_ms_after_ready: d.response_end_ms_after_ready } : null;
    out.ready_to_deferred_linked_ms = linked != null && result.ready != null ? ms(linked - result.ready) : null;
  }
  return out;
}

// The two wasm modules and the bridge script as built (sizes of the snapshot's files).
function splitSizes(snapshot, pages) {
  const part = (file, type) => (file ? { file, ...sizesOf(readFileSync(join(snapshot, file)), type) } : null);
  const primary = part(pages.wasmFile, 'application/wasm');
  const deferred = part(pages.deferredFile, 'application/wasm');
  const js = part('tabi-renew.js', 'text/javascript');
  if (!deferred) errors.push('split: tabi-renew.js names no deferred wasm module');
  const out = {
    method: 'The files of the build snapshot, compressed as in the transfer figures. primary: the wasm module the first ' +
      'frame runs, fetched at mount; deferred: the rest of the code (wasm-split, wasm/split.cmake), fetched and compiled ' +
      "after the widget's first frame and linked into each instance; bridge_script: tabi-renew.js.",
    bridge_script: js,
    primary,
    deferred,
  };
  if (primary && deferred) {
    out.both_wasm = { raw: primary.raw + deferred.raw, gzip9: primary.gzip9 + deferred.gzip9,
      brotli11: primary.brotli11 + deferred.brotli11 };
    out.primary_share_of_wasm_brotli = round(primary.brotli11 / out.both_wasm.brotli11, 3);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ fonts
const FONTS_CATALOG = '/fixtures/cjk-names-catalog.json';
const CJK_LOCALES = ['zh-Hans', 'zh-Hant', 'ja', 'ko'];

// The characters of a catalogue a widget in `locale` shows (every string but other locales' "names") that are
// not in that locale's messages and not ASCII: what its own font slices must bring.
function charsOutsideMessages(catalog, locale, messagesText) {
  const own = new Set(messagesText);
  const found = new Set();
  const walk = (v, inNames) => {
    if (typeof v === 'string') { for (const c of v) if (c.codePointAt(0) > 0x7F && !own.has(c)) found.add(c); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x, false); return; }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!inNames || k === locale) walk(x, k === 'names');
  };
  walk(catalog, false);
  return [...found];
}

// One fresh widget page in `locale`: the font slices it fetched (not slice 000, which the first frame has) until
// every character it needs is drawable or 15 s have passed.
async function fontSlicesFetched(context, pages, locale, catalog) {
  const { page, responses } = await freshPage(context);
  await page.goto(pages.widgetUrl(locale, catalog));
  const result = await waitWidget(page);
  if (result.error) throw new Error(JSON.stringify(result.error));
  const settled = await page.waitForFunction(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs === '',
    null, { timeout: 15000, polling: 50 }).then(() => true, () => false);
  const missing = await page.evaluate(() => document.querySelector('#renew canvas')?.dataset.missingGlyphs ?? null);
  await page.waitForTimeout(300);
  const slices = [];
  for (const r of responses) {
    const name = new URL(r.url).pathname.replace(/^\/dist\//, '');
    if (!new RegExp(`^tabi-font-${locale}-(?!000)\\d{3}\\.`).test(name)) continue;
    slices.push({ file: name, ...sizesOf(await bytesOf(pages, r), 'font/otf') });
  }
  await page.close();
  return { slices: slices.length, total: sumSizes(slices), all_drawable: settled, missing_glyphs: missing };
}

async function measureFonts(context, pages, snapshot) {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'tests', 'browser', 'fixtures', 'cjk-names-catalog.json'), 'utf8'));
  const out = {
    method: 'Per CJK locale: the slices the build made (files tabi-font-LOCALE-NNN.*.otf in the snapshot; slice 000 ' +
      "holds the messages' characters and comes with the first frame, with the index tabi-fonts-LOCALE.*.json), and the " +
      `slices a fresh widget page fetched after its first frame, until the canvas's data-missing-glyphs was empty, ` +
      `with the sample catalogue and with ${FONTS_CATALOG} (plan names a blogger might write, in each locale); ` +
      'host_catalogue_adds = the difference. Measured twice: in this Chromium, which sees the system\'s Noto Sans ' +
      'CJK as a phone that reads the language has its CJK font (characters beyond slice 000 are drawn by it, ' +
      'js/src/system-glyphs.mjs), and in a Chromium whose fontconfig hides every CJK font ' +
      '(tests/browser/chromium.mjs withoutSystemCjkFonts: the slices bring them). Sizes compressed as in the transfer figures.',
  };
  const { launchChromium, withoutSystemCjkFonts } = await import('../browser/chromium.mjs');
  const fontconfig = withoutSystemCjkFonts();
  const bare = await launchChromium({ env: fontconfig.env });
  try {
    for (const locale of CJK_LOCALES) {
      const files = readdirSync(snapshot).filter((f) => f.startsWith(`tabi-font-${locale}-`)).sort();
      const index = readdirSync(snapshot).find((f) => f.startsWith(`tabi-fonts-${locale}.`));
      const sizes = files.map((f) => sizesOf(readFileSync(join(snapshot, f)), 'font/otf'));
      const messages = readFileSync(join(ROOT, 'widget', 'core', 'messages', `${locale}.json`), 'utf8');
      const entry = {
        slices_built: files.length,
        all_slices: sumSizes(sizes),
        slice_000: sizes[0],
        index: index ? { file: index, ...sizesOf(readFileSync(join(snapshot, index)), 'application/json') } : null,
        host_catalogue_chars_outside_messages: charsOutsideMessages(catalog, locale, messages).length,
      };
      for (const [key, ctx] of [['with_system_cjk_fonts', context], ['without_system_cjk_fonts', bare.context]]) {
        try {
          const sample = await fontSlicesFetched(ctx, pages, locale, null);
          const host = await fontSlicesFetched(ctx, pages, locale, FONTS_CATALOG);
          entry[key] = { sample_catalogue: sample, host_catalogue: host,
            host_catalogue_adds_brotli11: host.total.brotli11 - sample.total.brotli11 };
          if (!host.all_drawable) errors.push(`fonts ${locale} (${key}): still missing ${host.missing_glyphs}`);
        } catch (err) {
          errors.push(`fonts ${locale} (${key}): ${err.message.split('\n')[0]}`);
        }
      }
      out[locale] = entry;
    }
  } finally {
    await bare.close();
    fontconfig.dispose();
  }
  const zh = out['zh-Hans'];
  const adds = (key) => zh[key]?.host_catalogue_adds_brotli11 ?? null;
  const judged = (key) => ({ 'host_catalogue_adds_brotli11_zh-Hans': adds(key),
    pass: adds(key) != null && adds(key) <= TARGETS.hostCatalogueFontBrotliBytes });
  out.target = { chars_outside_messages: zh.host_catalogue_chars_outside_messages, max: TARGETS.hostCatalogueFontBrotliBytes,
    with_system_cjk_fonts: judged('with_system_cjk_fonts'), without_system_cjk_fonts: judged('without_system_cjk_fonts') };
  return out;
}

// ------------------------------------------------------------------------------------------ load to frame
async function oneLoad(context, pages, kind, locale, catalog) {
  const { page, pageErrors } = await freshPage(context);
  try {
    await page.goto(kind === 'widget' ? pages.widgetUrl(locale, catalog) : pages.helloUrl);
    const r = kind === 'widget' ? await waitWidget(page) : await waitHello(page);
    if (r.error) throw new Error(JSON.stringify(r.error));
    if (pageErrors.length) throw new Error(pageErrors.join('; '));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n ? { domContentLoaded: n.domContentLoadedEventEnd } : {};
    });
    // The widget's deferred module: the page stays open until it is linked (its time is noted by the page itself).
    const linked = kind === 'widget' ? await waitDeferredLinked(page) : null;
    return { ms: r.ready, domContentLoaded: nav.domContentLoaded, readyToLinked: linked != null ? linked - r.ready : null };
  } finally {
    await page.close();
  }
}

async function measureLoads(context, pages) {
  const kinds = [['widget_en', 'widget', 'en'], ['hello', 'hello', null], ['widget_zh-Hans', 'widget', 'zh-Hans']];
  const samples = Object.fromEntries(kinds.map(([name]) => [name, []]));
  log(`load to first frame: 1 warm-up + ${LOADS} measured fresh loads each of ${kinds.map((k) => k[0]).join(', ')} (interleaved)`);
  for (let i = 0; i <= LOADS; i++) {
    for (const [name, kind, locale] of kinds) {
      try {
        const s = await oneLoad(context, pages, kind, locale);
        if (i > 0) samples[name].push(s);
      } catch (err) {
        errors.push(`load ${name} #${i}: ${err.message.split('\n')[0]}`);
      }
    }
    if (i > 0) process.stderr.write(`bench:   round ${i}/${LOADS}: ${kinds.map(([n]) => `${n} ${ms(samples[n].at(-1)?.ms)} ms`).join(', ')}\n`);
  }
  const summary = (list, widget) => ({
    median_ms: ms(median(list.map((s) => s.ms))),
    min_ms: ms(Math.min(...list.map((s) => s.ms))),
    max_ms: ms(Math.max(...list.map((s) => s.ms))),
    loads: list.length,
    samples_ms: list.map((s) => ms(s.ms)),
    dom_content_loaded_median_ms: ms(median(list.map((s) => s.domContentLoaded))),
    ...(widget ? { ready_to_deferred_linked: {
      median_ms: ms(median(list.map((s) => s.readyToLinked))),
      min_ms: ms(Math.min(...list.map((s) => s.readyToLinked))),
      max_ms: ms(Math.max(...list.map((s) => s.readyToLinked))),
      samples_ms: list.map((s) => ms(s.readyToLinked)),
    } } : {}),
  });
  const out = {
    method: 'Headless Chromium (SwiftShader WebGL2), viewport 1280x800, DPR 1. Each load is a new page (tab) in one ' +
      'browser with the HTTP cache disabled (CDP Network.setCacheDisabled), so every file is fetched each time from a local ' +
      'server (web/serve.mjs, no compression, no network latency). Time = performance.now() (since navigation start) at the ' +
      "widget's ready event (delivered right after its first frame, draw calls included, has run) / after the hello world's " +
      'first frame draw calls (window.__firstFrame). One unrecorded warm-up round, then the kinds interleaved round by round. ' +
      'ready_to_deferred_linked, over the same widget loads: from the ready event to the moment the deferred wasm module ' +
      'is linked into the instance (the page notes performance.now() right after the bridge constructs a ' +
      'WebAssembly.Instance whose imports have a `primary` key: SplitLink.link in js/src/wasm-loader.mjs), i.e. its ' +
      'fetch, compile and link; from then on the whole widget is usable. Each widget page stays open until that link.',
    widget_en: summary(samples.widget_en, true),
    hello: summary(samples.hello, false),
    'widget_zh-Hans': summary(samples['widget_zh-Hans'], true),
  };
  const w = out.widget_en.median_ms;
  const h = out.hello.median_ms;
  out.ratio_widget_en_over_hello = w && h ? round(w / h, 3) : null;
  out.ratio_of_minimums_widget_en_over_hello = out.widget_en.min_ms && out.hello.min_ms
    ? round(out.widget_en.min_ms / out.hello.min_ms, 3) : null; // less sensitive to other load on the machine
  out['ratio_widget_zh-Hans_over_hello'] = out['widget_zh-Hans'].median_ms && h ? round(out['widget_zh-Hans'].median_ms / h, 3) : null;
  out['ratio_of_minimums_widget_zh-Hans_over_hello'] = out['widget_zh-Hans'].min_ms && out.hello.min_ms
    ? round(out['widget_zh-Hans'].min_ms / out.hello.min_ms, 3) : null;
  const target = (ratio, max) => ({ ratio, ratio_max: max, pass: ratio != null && ratio <= max });
  out.target = {
    en: target(out.ratio_widget_en_over_hello, TARGETS.loadRatioWidgetOverHello.en),
    'zh-Hans': target(out['ratio_widget_zh-Hans_over_hello'], TARGETS.loadRatioWidgetOverHello['zh-Hans']),
  };
  out.target.pass = out.target.en.pass && out.target['zh-Hans'].pass;
  return out;
}

// --------------------------------------------------------------------------------------------------- idle
async function metricsOf(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, layout: m.LayoutDuration * 1000,
    style: m.RecalcStyleDuration * 1000 };
}

async function measureIdle(context, pages, kind, locale) {
  const { page, cdp, pageErrors } = await freshPage(context);
  // threadTicks: TaskDuration and ScriptDuration in main-thread CPU time rather than wall time.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
  if (kind === 'widget') {
    // The frame count right after the ready frame (the handle's promise settles after that frame's callback).
    await page.addInitScript(() => {
      document.addEventListener('ready', () => {
        window.__handle.then((h) => { window.__framesAtReady = h.frameCount(); window.__framesAtReadyAt = performance.now(); });
      }, { capture: true, once: true });
    });
  }
  await page.goto(kind === 'widget' ? pages.widgetUrl(locale) : pages.helloUrl);
  const r = kind === 'widget' ? await waitWidget(page) : await waitHello(page);
  if (r.error) throw new Error(JSON.stringify(r.error));
  // Frames: the widget's own counter (handle.frameCount(), as tests/browser/skeleton.test.mjs reads it); for the
  // hello world (reference only), requestAnimationFrame callbacks counted by the page from when this starts.
  let frames;
  let framesAtStart;
  let start;
  if (kind === 'widget') {
    await page.waitForFunction(() => window.__framesAtReady !== undefined, null, { timeout: 10000, polling: 20 });
    frames = () => page.evaluate(async () => (await window.__handle).frameCount());
    framesAtStart = await page.evaluate(() => window.__framesAtReady);
    start = r.ready;
  } else {
    await page.evaluate(() => { window.__rafCount = 0; const tick = () => { window.__rafCount++; requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
    frames = () => page.evaluate(() => window.__rafCount);
    framesAtStart = 0;
    start = await page.evaluate(() => performance.now());
  }
  const cpuStart = await page.evaluate(() => performance.now());
  const m0 = await metricsOf(cdp);
  const buckets = [];
  let prev = { f: framesAtStart, m: m0 };
  const seconds = Math.round(IDLE_MS / 1000);
  let end = start;
  for (let s = 1; s <= seconds; s++) {
    const target = start + s * 1000;
    const now = await page.evaluate(() => performance.now());
    if (target > now) await page.waitForTimeout(target - now);
    const f = await frames();
    const m = await metricsOf(cdp);
    end = await page.evaluate(() => performance.now());
    buckets.push({ second: s, frames: f - prev.f, task_ms: ms(m.task - prev.m.task), script_ms: ms(m.script - prev.m.script) });
    prev = { f, m };
  }
  await page.close();
  if (pageErrors.length) errors.push(`idle ${kind} ${locale || ''}: page errors: ${pageErrors.join('; ')}`);
  return {
    frames: prev.f - framesAtStart,
    frames_after_first_second: prev.f - framesAtStart - (buckets[0]?.frames ?? 0),
    frames_window_ms: ms(end - start),
    frames_up_to_and_including_ready_frame: kind === 'widget' ? framesAtStart : undefined,
    task_duration_ms: ms(prev.m.task - m0.task),
    script_duration_ms: ms(prev.m.script - m0.script),
    layout_plus_style_ms: ms(prev.m.layout - m0.layout + prev.m.style - m0.style),
    cpu_window_ms: ms(end - cpuStart),
    cpu_window_started_ms_after_ready: kind === 'widget' ? ms(cpuStart - start) : undefined,
    per_second: buckets,
  };
}

// ---------------------------------------------------------------------------------------------- below the fold
// What a response is, for a page with widgets: the bridge script, wasm (primary or deferred), a locale pack
// (messages or font), a catalogue, the page itself, or something else.
function kindOfResponse(pathname, type) {
  if (type.startsWith('text/html')) return 'page';
  if (/\/tabi-renew(\.[0-9a-f]+)?\.js$/.test(pathname)) return 'bridge_script';
  if (/\.wasm$/.test(pathname)) return 'wasm';
  if (/\/tabi-(messages|fonts?)-[^/]*\.(json|otf)$/.test(pathname)) return 'locale_pack';
  if (/\.json$/.test(pathname)) return 'catalogue';
  return 'other';
}
// The catalogue of the fixture's first widget (#renew-script's data-catalog): the reference loads use it too.
const FOLD_CATALOG = '/examples/custom-catalog/plans.json';
const FOLD_KINDS = ['page', 'bridge_script', 'wasm', 'locale_pack', 'catalogue', 'other'];

async function responsesByKind(pages, list, what) {
  const files = [];
  const byKind = Object.fromEntries(FOLD_KINDS.map((k) => [k, { files: 0, raw: 0, gzip9: 0, brotli11: 0 }]));
  for (const r of list) {
    const path = new URL(r.url).pathname;
    if (path === '/favicon.ico') continue; // the browser's own request, not the page's
    if (r.status !== 200) errors.push(`${what}: ${path} answered HTTP ${r.status}`);
    const type = r.type.split(';')[0];
    const kind = kindOfResponse(path, type);
    const entry = { file: path, kind, status: r.status, type, ...sizesOf(await bytesOf(pages, r), type) };
    files.push(entry);
    byKind[kind].files += 1;
    addSizes(byKind[kind], entry);
  }
  return { files, by_kind: byKind };
}

// One fresh load of the long article: left alone FOLD_WAIT_MS after its load event, then its first widget
// (#renew-script, a script tag with a custom catalogue, far below the fold) is scrolled into view.
async function oneBelowFold(context, pages, detail) {
  const what = 'below_fold';
  const { page, responses, failures, pageErrors } = await freshPage(context);
  try {
    await page.goto(pages.belowFoldUrl, { waitUntil: 'load' });
    await page.waitForTimeout(FOLD_WAIT_MS);
    const beforeList = responses.slice();
    const geometry = await page.evaluate(() => ({ scrollY: window.scrollY, viewport: window.innerHeight,
      scriptTop: document.getElementById('renew-script').getBoundingClientRect().top + window.scrollY,
      elementTop: document.getElementById('renew-element').getBoundingClientRect().top + window.scrollY,
      bridge: document.querySelector('script[data-target="#renew-script"]').getAttribute('src'),
      catalogue: document.querySelector('script[data-target="#renew-script"]').dataset.catalog }));
    if (geometry.bridge !== '/dist/tabi-renew.js') errors.push(`${what}: the fixture's script src is ${geometry.bridge}, not the bench's /dist/tabi-renew.js`);
    if (geometry.catalogue !== FOLD_CATALOG) errors.push(`${what}: the fixture's catalogue is ${geometry.catalogue}, the reference loads use ${FOLD_CATALOG}`);
    if (geometry.scrollY !== 0) errors.push(`${what}: the page scrolled by itself (scrollY ${geometry.scrollY})`);
    if (!(geometry.scriptTop > 2 * geometry.viewport)) {
      errors.push(`${what}: #renew-script is at ${geometry.scriptTop} px, not below one viewport past the fold (${geometry.viewport} px)`);
    }
    const before = await responsesByKind(pages, beforeList, `${what} before scrolling`);
    const scrolledAt = await page.evaluate(() => {
      const t = performance.now();
      document.getElementById('renew-script').scrollIntoView({ block: 'center' });
      return t;
    });
    await page.waitForFunction(() => window.__readyAt['renew-script'] !== undefined, null, { timeout: 60000, polling: 20 });
    const ready = await page.evaluate(() => window.__readyAt['renew-script']);
    const linked = await waitDeferredLinked(page);
    await page.waitForTimeout(500); // what else follows the link
    const after = await responsesByKind(pages, responses.slice(beforeList.length), `${what} after scrolling`);
    const started = await page.evaluate(() => ['renew-script', 'renew-element']
      .filter((id) => document.getElementById(id).querySelector('canvas')));
    for (const f of failures) errors.push(`${what}: request failed ${f.url} (${f.error})`);
    for (const e of pageErrors) errors.push(`${what}: page error ${e}`);
    const wasmAndPacks = before.by_kind.wasm.raw + before.by_kind.locale_pack.raw;
    const sample = { wasmAndPacksBefore: wasmAndPacks, catalogueBefore: before.by_kind.catalogue.raw,
      scrollToReady: ready - scrolledAt, scrollToLinked: linked - scrolledAt, readyToLinked: linked - ready };
    if (detail) {
      Object.assign(sample, { geometry, before, after, started });
    }
    return sample;
  } finally {
    await page.close();
  }
}

async function measureBelowFold(context, pages, load) {
  log(`below the fold: ${FOLD_LOADS} fresh loads of /fixtures/below-fold.html, ${FOLD_WAIT_MS / 1000} s untouched, then ` +
    'scrolled to its first widget, each followed by a reference load of the bench page with the same catalogue');
  const samples = [];
  const reference = [];
  for (let i = 0; i < FOLD_LOADS; i++) {
    try {
      const s = await oneBelowFold(context, pages, i === 0);
      samples.push(s);
      process.stderr.write(`bench:   below the fold ${i + 1}/${FOLD_LOADS}: wasm + packs before scrolling ${s.wasmAndPacksBefore} B, ` +
        `scroll -> ready ${ms(s.scrollToReady)} ms`);
    } catch (err) {
      errors.push(`below_fold #${i + 1}: ${err.message.split('\n')[0]}`);
    }
    try {
      const r = await oneLoad(context, pages, 'widget', 'en', FOLD_CATALOG);
      reference.push(r);
      process.stderr.write(`; reference navigation -> ready ${ms(r.ms)} ms\n`);
    } catch (err) {
      process.stderr.write('\n');
      errors.push(`below_fold reference #${i + 1}: ${err.message.split('\n')[0]}`);
    }
  }
  if (samples.length === 0) return null;
  const first = samples[0];
  const stats = (list, key) => ({ median_ms: ms(median(list.map((s) => s[key]))), min_ms: ms(Math.min(...list.map((s) => s[key]))),
    max_ms: ms(Math.max(...list.map((s) => s[key]))), samples_ms: list.map((s) => ms(s[key])) });
  const out = {
    method: 'tests/browser/fixtures/below-fold.html, served with the snapshot at /dist/ (its script tag\'s src is ' +
      `/dist/tabi-renew.js): a long article with two lazy widgets far below the fold, #renew-script (a script tag, the ` +
      `catalogue ${FOLD_CATALOG}) and #renew-element (<tabi-renew locale="ja">). A fresh page (HTTP cache disabled), ` +
      `viewport 1280x800, loaded and left alone for ${FOLD_WAIT_MS / 1000} s after its load event without scrolling: every ` +
      'response until then, by kind, is before_scrolling (the page and the bridge script are expected; wasm, locale packs ' +
      'and catalogues are not). Then the page scrolls #renew-script into view (scrollIntoView, centred, instant) and times, ' +
      "in the page, the scroll to its ready event and to its deferred module's link; after_scrolling lists what was " +
      `fetched from the scroll until 0.5 s after that link. ${FOLD_LOADS} fresh loads: the file lists are from the first, ` +
      'the byte target is checked on every one, the times are over all. Each is followed by a reference load: the bench ' +
      `page mounting the same widget at once (TabiRenew.mount, English, catalogue ${FOLD_CATALOG}), navigation -> ready; ` +
      'the target compares the medians (the reference also pays for fetching and parsing the bridge script, which the ' +
      'scrolled page already has). usual_navigation_to_ready_ms: load_to_first_frame\'s English median (built-in catalogue).',
    loads: samples.length,
    page_geometry: first.geometry,
    before_scrolling: first.before,
    wasm_and_locale_pack_bytes_before_scrolling_per_load: samples.map((s) => s.wasmAndPacksBefore),
    catalogue_bytes_before_scrolling_per_load: samples.map((s) => s.catalogueBefore),
    after_scrolling: first.after,
    widgets_started_after_scrolling: first.started,
    scroll_to_ready: stats(samples, 'scrollToReady'),
    scroll_to_deferred_linked: stats(samples, 'scrollToLinked'),
    ready_to_deferred_linked: stats(samples, 'readyToLinked'),
    reference_navigation_to_ready: stats(reference, 'ms'),
    usual_navigation_to_ready_ms: load?.widget_en?.median_ms ?? null,
  };
  const worst = Math.max(...samples.map((s) => s.wasmAndPacksBefore));
  const usual = out.reference_navigation_to_ready.median_ms;
  out.target = {
    wasm_and_locale_pack_bytes_before_near: { bytes: worst, max: TARGETS.belowFoldWasmAndPackBytes,
      pass: samples.length === FOLD_LOADS && worst <= TARGETS.belowFoldWasmAndPackBytes },
    ready_within_usual_time: { scroll_to_ready_median_ms: out.scroll_to_ready.median_ms, reference_navigation_to_ready_median_ms: usual,
      pass: reference.length > 0 && usual != null && out.scroll_to_ready.median_ms != null && out.scroll_to_ready.median_ms <= usual },
  };
  out.target.pass = out.target.wasm_and_locale_pack_bytes_before_near.pass && out.target.ready_within_usual_time.pass;
  return out;
}

// ------------------------------------------------------------------------------------------------- report
function gitCommit() {
  const r = run('git', ['rev-parse', '--short', 'HEAD'], { capture: true });
  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { capture: true });
  return { commit: r.ok ? r.stdout.trim() : null, worktree_has_uncommitted_changes: dirty.ok ? dirty.stdout.trim().length > 0 : null };
}

async function main() {
  build();
  phaseDone('build');
  const core = runs('core') ? coreBench() : {};
  phaseDone('core');

  const { dir: snapshot, wasmFile, deferredFile } = snapshotDist();
  const report = {
    date: new Date().toISOString(),
    ...gitCommit(),
    machine: {
      nproc: (run('nproc', [], { capture: true }).stdout.trim() | 0) || os.cpus().length,
      cpu: os.cpus()[0]?.model || null,
      memory_gb: round(os.totalmem() / 1e9, 1),
      load_average_at_start: os.loadavg().map((x) => round(x, 2)),
      node: process.version,
      emcc: (run('emcc', ['--version'], { capture: true }).stdout.split('\n')[0] || '').trim() || null,
    },
    chromium: null,
    widget_build: { js: 'tabi-renew.js', wasm: wasmFile, deferred_wasm: deferredFile,
      note: 'a snapshot of build/wasm/dist taken at the start of the browser part' },
  };

  const { launchChromium } = await import('../browser/chromium.mjs');
  const pages = await startPages(snapshot, { wasmFile, deferredFile });
  const { context, close } = await launchChromium();
  try {
    const probe = await context.newPage();
    const cdp = await context.newCDPSession(probe);
    const v = await cdp.send('Browser.getVersion');
    report.chromium = { product: v.product, user_agent: v.userAgent, executable: '/usr/bin/chromium', flags: 'tests/browser/chromium.mjs (headless, SwiftShader)' };
    await probe.close();

    if (runs('transfer')) {
      log('transfer: en, zh-Hans and the hello world');
      const transfer = {
        method: 'Every response a fresh page (HTTP cache disabled) fetched from navigation until the first frame ' +
          "(widget: its ready event; hello: window.__firstFrame); each file's bytes compressed here with Node's zlib: " +
          'gzip level 9, brotli quality 11 (lgwin 24). The HTML page is listed apart and not in the totals. 1 KB = 1000 bytes. ' +
          'files / total: the responses that ended by the first frame (Resource Timing responseEnd <= ready, in the ' +
          "page's clock). fetched_after_first_frame: the others, and always the deferred wasm module (by its name: the " +
          "bridge requests it from the first frame's callback, so it cannot be needed by that frame); the bench waits " +
          'until the widget has linked the deferred module, then 0.5 s, before it lists the responses, so the deferred ' +
          'module is in that list on every run. request_start/response_end_ms_after_ready: Resource Timing, relative to ready.',
        split: splitSizes(snapshot, pages),
      };
      for (const locale of ['en', 'zh-Hans']) {
        try {
          transfer[locale] = await measureTransfer(context, pages, 'widget', locale);
          const limit = TARGETS.transferBrotliBytes[locale];
          transfer[locale].target = { brotli11_max_bytes: limit, pass: transfer[locale].total.brotli11 <= limit };
        } catch (err) {
          errors.push(`transfer ${locale}: ${err.message.split('\n')[0]}`);
        }
      }
      try {
        transfer.hello = await measureTransfer(context, pages, 'hello', null);
      } catch (err) {
        errors.push(`transfer hello: ${err.message.split('\n')[0]}`);
      }
      report.transfer = transfer;
    }
    phaseDone('transfer');

    const load = runs('load') ? await measureLoads(context, pages) : null;
    report.load_to_first_frame = load;
    phaseDone('load_to_first_frame');

    if (runs('idle')) {
      log(`idle: ${IDLE_MS / 1000} s after ready (en, zh-Hans) and the hello world for reference`);
      const idle = {
        method: `A fresh page, no input. frames: frames drawn after the ready frame until ${IDLE_MS / 1000} s after ready ` +
          "(the widget's frameCount(), read in the page right after the ready frame and then once a second). CPU: deltas of CDP " +
          "Performance.getMetrics (timeDomain threadTicks: main-thread CPU time) TaskDuration (all main-thread tasks) and " +
          'ScriptDuration, from the first moment the bench can read them after ready (cpu_window_started_ms_after_ready) to the ' +
          'end of the window; they include the few evaluate/getMetrics calls the measurement itself makes each second.',
      };
      for (const [name, kind, locale] of [['widget_en', 'widget', 'en'], ['widget_zh-Hans', 'widget', 'zh-Hans'], ['hello_reference', 'hello', null]]) {
        try {
          idle[name] = await measureIdle(context, pages, kind, locale);
        } catch (err) {
          errors.push(`idle ${name}: ${err.message.split('\n')[0]}`);
        }
      }
      idle.target = { frames_max: TARGETS.idleFrames,
        pass: idle.widget_en != null && idle.widget_en.frames <= TARGETS.idleFrames &&
          (idle['widget_zh-Hans'] == null || idle['widget_zh-Hans'].frames <= TARGETS.idleFrames) };
      report.idle_after_ready = idle;
    }
    phaseDone('idle');

    if (runs('fonts')) {
      log('fonts: slices per CJK locale, and what a host catalogue with its own characters adds');
      try {
        report.fonts = await measureFonts(context, pages, snapshot);
      } catch (err) {
        errors.push(`fonts: ${err.message.split('\n')[0]}`);
      }
    }
    phaseDone('fonts');

    if (runs('below_fold')) {
      try {
        report.below_fold = await measureBelowFold(context, pages, load);
      } catch (err) {
        errors.push(`below_fold: ${err.message.split('\n')[0]}`);
      }
    }
    phaseDone('below_fold');
  } finally {
    await close();
    await new Promise((r) => pages.server.close(r));
    rmSync(snapshot, { recursive: true, force: true });
  }

  core.target = { recommend_10k_30d_max_ms_in_wasm: TARGETS.recommend30dWasmMs,
    pass: core.wasm_node_O3?.recommend_10k_30d_ms != null && core.wasm_node_O3.recommend_10k_30d_ms <= TARGETS.recommend30dWasmMs,
    pass_widget_core_Oz: core.wasm_node_Oz_widget_core?.recommend_10k_30d_ms != null &&
      core.wasm_node_Oz_widget_core.recommend_10k_30d_ms <= TARGETS.recommend30dWasmMs };
  report.core = core;

  const t = report.transfer || {};
  report.targets = {
    transfer_en_brotli: { bytes: t.en?.total.brotli11 ?? null, max: TARGETS.transferBrotliBytes.en, pass: t.en?.target.pass ?? false },
    'transfer_zh-Hans_brotli': { bytes: t['zh-Hans']?.total.brotli11 ?? null, max: TARGETS.transferBrotliBytes['zh-Hans'], pass: t['zh-Hans']?.target.pass ?? false },
    load_ratio_widget_en_over_hello: { value: report.load_to_first_frame?.ratio_widget_en_over_hello ?? null,
      max: TARGETS.loadRatioWidgetOverHello.en, pass: report.load_to_first_frame?.target.en.pass ?? false },
    'load_ratio_widget_zh-Hans_over_hello': { value: report.load_to_first_frame?.['ratio_widget_zh-Hans_over_hello'] ?? null,
      max: TARGETS.loadRatioWidgetOverHello['zh-Hans'], pass: report.load_to_first_frame?.target['zh-Hans'].pass ?? false },
    below_fold_wasm_and_locale_pack_bytes_before_near: {
      bytes: report.below_fold?.target.wasm_and_locale_pack_bytes_before_near.bytes ?? null, max: TARGETS.belowFoldWasmAndPackBytes,
      pass: report.below_fold?.target.wasm_and_locale_pack_bytes_before_near.pass ?? false },
    below_fold_ready_within_usual_time: {
      scroll_to_ready_median_ms: report.below_fold?.scroll_to_ready.median_ms ?? null,
      max_ms: report.below_fold?.reference_navigation_to_ready.median_ms ?? null,
      pass: report.below_fold?.target.ready_within_usual_time.pass ?? false },
    idle_frames_5s: { en: report.idle_after_ready?.widget_en?.frames ?? null, 'zh-Hans': report.idle_after_ready?.['widget_zh-Hans']?.frames ?? null,
      max: TARGETS.idleFrames, pass: report.idle_after_ready?.target.pass ?? false },
    recommend_10k_30d_wasm_ms: { value: core.wasm_node_O3?.recommend_10k_30d_ms ?? null, max: TARGETS.recommend30dWasmMs, pass: core.target.pass },
    'host_catalogue_fonts_add_brotli_zh-Hans': report.fonts?.target ?? null,
  };
  report.machine.load_average_at_end = os.loadavg().map((x) => round(x, 2));
  report.duration_s = round((Date.now() - started) / 1000, 0);
  report.phase_seconds = phases;
  report.errors = errors;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`done in ${report.duration_s} s${errors.length ? `, ${errors.length} error(s)` : ''}`);
  process.exitCode = errors.length ? 1 : 0;
}

main().catch((err) => {
  log(`failed: ${err.stack || err.message}`);
  errors.push(String(err.message || err));
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), errors }, null, 2)}\n`);
  process.exitCode = 1;
});
