// The benchmark report: ./dev bench (after the native and wasm builds) runs `node tests/bench/bench.mjs`, which
// builds what else it needs, measures, and prints ONE JSON object to stdout (progress goes to stderr).
//
//   transfer   bytes of everything the first widget frame needs (en, zh-Hans): raw, gzip -9, brotli q11, per file
//              and in total, from the responses a minimal page fetched in Chromium until the widget's `ready`
//   load       navigation start -> first frame (performance.now()), median of fresh loads, widget vs a bare
//              Dear ImGui hello world (tests/bench/hello, built into build/wasm/bench by tests/bench/bench.cmake)
//   idle       frames drawn and main-thread CPU (CDP Performance.getMetrics) over 5 s after `ready`
//   core       catalogue parse (1 MB) and recommend (10,000 plans, 30 and 90 days): native release build and
//              wasm under Node (-O3 build of core, and the widget's own -Oz/LTO core)
//
// Targets are reported as pass/fail; a missed target does not fail the process. The exit status is 1 only when
// a measurement could not be taken (listed under "errors"), 0 otherwise.
//
// Environment: TABI_BENCH_LOADS (fresh loads per page kind, default 11), TABI_BENCH_IDLE_MS (default 5000),
// TABI_BENCH_CORE_RUNS (runs of each core benchmark executable, default 3), TABI_BENCH_SKIP_BUILD=1 (use what is built).
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
const KB = 1000; // targets in KB are 1000-byte KB (the stricter reading); every figure is also given in bytes
const TARGETS = {
  transferBrotliBytes: { en: 200 * KB, 'zh-Hans': 320 * KB },
  loadRatioWidgetOverHello: 1.25,
  idleFrames: 0,
  recommend30dWasmMs: 5,
};

const errors = [];
const phases = {};
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
  // The widget itself is the wasm preset's default build (./dev bench has just built it). The hello page is part
  // of that build too; the Node core benchmarks are built here on request (they compile core again: not cheap).
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
  const metrics = ['catalog_parse_1mb_ms', 'recommend_10k_30d_ms', 'recommend_10k_90d_ms'];
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
        const wasmFile = named.find((f) => /^tabi-renew\.[0-9a-f]+\.wasm$/.test(f));
        return { dir, wasmFile };
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

// The minimal host page: mounts the widget with the built-in sample catalogue in the locale of ?locale=.
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
  window.__handle = TabiRenew.mount(host, { locale: new URLSearchParams(location.search).get('locale') || 'en' });
  window.__handle.catch((err) => { window.__widgetError = String(err && err.message || err); });
</script>
</body>
</html>
`;

async function startPages(snapshotDir) {
  writeFileSync(join(snapshotDir, 'bench-widget.html'), WIDGET_PAGE);
  process.env.TABI_DIST = snapshotDir; // web/serve.mjs reads it when first imported
  const { startServer } = await import('../../web/serve.mjs');
  const server = await startServer({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    server,
    widgetUrl: (locale) => `${base}/dist/bench-widget.html?locale=${encodeURIComponent(locale)}`,
    helloUrl: `${base}/dist/hello/hello.html`,
    fileOf: (url) => {
      const p = new URL(url).pathname;
      return p.startsWith('/dist/') ? join(snapshotDir, decodeURIComponent(p.slice('/dist/'.length))) : null;
    },
  };
}

// A fresh page with the HTTP cache disabled (every load fetches everything), its CDP session and a response log.
async function freshPage(context) {
  const page = await context.newPage();
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

async function measureTransfer(context, pages, kind, locale) {
  const { page, responses, failures, pageErrors } = await freshPage(context);
  const url = kind === 'widget' ? pages.widgetUrl(locale) : pages.helloUrl;
  await page.goto(url);
  const result = kind === 'widget' ? await waitWidget(page) : await waitHello(page);
  const readyAt = Date.now();
  await page.waitForTimeout(1000); // anything fetched after the first frame is listed apart
  const files = [];
  const html = [];
  const afterReady = [];
  for (const r of responses) {
    const file = pages.fileOf(r.url);
    let bytes;
    if (file && existsSync(file)) bytes = readFileSync(file);
    else bytes = await r.response.body().catch(() => Buffer.alloc(0));
    const name = new URL(r.url).pathname.replace(/^\/dist\//, '');
    const entry = { file: name, status: r.status, type: r.type.split(';')[0], ...sizesOf(bytes, r.type) };
    if (r.status !== 200) errors.push(`transfer ${kind} ${locale || ''}: ${name} answered HTTP ${r.status}`);
    if (entry.type === 'text/html') html.push(entry);
    else if (r.at > readyAt) afterReady.push(entry);
    else files.push(entry);
  }
  await page.close();
  if (result.error) errors.push(`transfer ${kind} ${locale || ''}: ${JSON.stringify(result.error)}`);
  for (const f of failures) errors.push(`transfer ${kind} ${locale || ''}: request failed ${f.url} (${f.error})`);
  for (const e of pageErrors) errors.push(`transfer ${kind} ${locale || ''}: page error ${e}`);
  const total = { raw: 0, gzip9: 0, brotli11: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total, html_excluded_from_total: html, fetched_after_first_frame: afterReady, ready_detail: result.detail };
}

// ------------------------------------------------------------------------------------------ load to frame
async function oneLoad(context, pages, kind, locale) {
  const { page, pageErrors } = await freshPage(context);
  try {
    await page.goto(kind === 'widget' ? pages.widgetUrl(locale) : pages.helloUrl);
    const r = kind === 'widget' ? await waitWidget(page) : await waitHello(page);
    if (r.error) throw new Error(JSON.stringify(r.error));
    if (pageErrors.length) throw new Error(pageErrors.join('; '));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n ? { domContentLoaded: n.domContentLoadedEventEnd } : {};
    });
    return { ms: r.ready, domContentLoaded: nav.domContentLoaded };
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
  const summary = (list) => ({
    median_ms: ms(median(list.map((s) => s.ms))),
    min_ms: ms(Math.min(...list.map((s) => s.ms))),
    max_ms: ms(Math.max(...list.map((s) => s.ms))),
    loads: list.length,
    samples_ms: list.map((s) => ms(s.ms)),
    dom_content_loaded_median_ms: ms(median(list.map((s) => s.domContentLoaded))),
  });
  const out = {
    method: 'Headless Chromium (SwiftShader WebGL2), viewport 1280x800, DPR 1. Each load is a new page (tab) in one ' +
      'browser with the HTTP cache disabled (CDP Network.setCacheDisabled), so every file is fetched each time from a local ' +
      'server (web/serve.mjs, no compression, no network latency). Time = performance.now() (since navigation start) at the ' +
      "widget's ready event (delivered right after its first frame, draw calls included, has run) / after the hello world's " +
      'first frame draw calls (window.__firstFrame). One unrecorded warm-up round, then the kinds interleaved round by round.',
    widget_en: summary(samples.widget_en),
    hello: summary(samples.hello),
    'widget_zh-Hans': summary(samples['widget_zh-Hans']),
  };
  const w = out.widget_en.median_ms;
  const h = out.hello.median_ms;
  out.ratio_widget_en_over_hello = w && h ? round(w / h, 3) : null;
  out.ratio_of_minimums_widget_en_over_hello = out.widget_en.min_ms && out.hello.min_ms
    ? round(out.widget_en.min_ms / out.hello.min_ms, 3) : null; // less sensitive to other load on the machine
  out['ratio_widget_zh-Hans_over_hello'] = out['widget_zh-Hans'].median_ms && h ? round(out['widget_zh-Hans'].median_ms / h, 3) : null;
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

// ------------------------------------------------------------------------------------------------- report
function gitCommit() {
  const r = run('git', ['rev-parse', '--short', 'HEAD'], { capture: true });
  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { capture: true });
  return { commit: r.ok ? r.stdout.trim() : null, worktree_has_uncommitted_changes: dirty.ok ? dirty.stdout.trim().length > 0 : null };
}

async function main() {
  build();
  phaseDone('build');
  const core = coreBench();
  phaseDone('core');

  const { dir: snapshot, wasmFile } = snapshotDist();
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
    widget_build: { js: 'tabi-renew.js', wasm: wasmFile, note: 'a snapshot of build/wasm/dist taken at the start of the browser part' },
  };

  const { launchChromium } = await import('../browser/chromium.mjs');
  const pages = await startPages(snapshot);
  const { context, close } = await launchChromium();
  try {
    const probe = await context.newPage();
    const cdp = await context.newCDPSession(probe);
    const v = await cdp.send('Browser.getVersion');
    report.chromium = { product: v.product, user_agent: v.userAgent, executable: '/usr/bin/chromium', flags: 'tests/browser/chromium.mjs (headless, SwiftShader)' };
    await probe.close();

    log('transfer: en, zh-Hans and the hello world');
    const transfer = {
      method: 'Every response a fresh page (HTTP cache disabled) fetched from navigation until the first frame ' +
        "(widget: its ready event; hello: window.__firstFrame); each file's bytes compressed here with Node's zlib: " +
        'gzip level 9, brotli quality 11 (lgwin 24). The HTML page is listed apart and not in the totals. 1 KB = 1000 bytes.',
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
    phaseDone('transfer');

    const load = await measureLoads(context, pages);
    load.target = { ratio_max: TARGETS.loadRatioWidgetOverHello,
      pass: load.ratio_widget_en_over_hello != null && load.ratio_widget_en_over_hello <= TARGETS.loadRatioWidgetOverHello };
    report.load_to_first_frame = load;
    phaseDone('load_to_first_frame');

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
    phaseDone('idle');
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
    load_ratio_widget_en_over_hello: { value: report.load_to_first_frame?.ratio_widget_en_over_hello ?? null, max: TARGETS.loadRatioWidgetOverHello,
      pass: report.load_to_first_frame?.target.pass ?? false },
    idle_frames_5s: { en: report.idle_after_ready?.widget_en?.frames ?? null, 'zh-Hans': report.idle_after_ready?.['widget_zh-Hans']?.frames ?? null,
      max: TARGETS.idleFrames, pass: report.idle_after_ready?.target.pass ?? false },
    recommend_10k_30d_wasm_ms: { value: core.wasm_node_O3?.recommend_10k_30d_ms ?? null, max: TARGETS.recommend30dWasmMs, pass: core.target.pass },
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
