// Shared by the browser suites: one static server and one Chromium per test file, event capture,
// pixel checks on screenshots, and a place for screenshots under the build folder.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';
import { launchChromium } from './chromium.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCREENSHOT_DIR = join(ROOT, 'build', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const WIDGET_EVENTS = ['ready', 'step', 'paymentrequest', 'pending', 'renewed', 'failed', 'error'];

export async function startBrowser(contextOptions) {
  const server = await startServer({ port: 0 });
  const { port } = server.address();
  const { context, close } = await launchChromium(contextOptions);
  return {
    context,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    async stop() {
      await close();
      await new Promise((r) => server.close(r));
    },
  };
}

// Records every widget event in window.__tabiEvents. The widget's events do not bubble, but a
// capture listener on the document sees them; installed before any page script runs.
export async function newPage(context, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript((names) => {
    window.__tabiEvents = [];
    for (const name of names) {
      document.addEventListener(name, (e) => {
        if (e instanceof CustomEvent) window.__tabiEvents.push({ name, detail: e.detail, target: e.target.id });
      }, true);
    }
  }, WIDGET_EVENTS);
  page.pageErrors = errors;
  return page;
}

export async function waitForEvent(page, name, { timeout = 20000, target } = {}) {
  const handle = await page.waitForFunction(
    ([n, t]) => window.__tabiEvents.find((e) => e.name === n && (!t || e.target === t)) || null,
    [name, target], { timeout });
  return handle.jsonValue();
}

// Pixel statistics of a PNG screenshot, decoded by the browser itself (no PNG decoder needed here).
export async function pixelStats(page, png) {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const { data } = g.getImageData(0, 0, bitmap.width, bitmap.height);
    const colors = new Set();
    const first = (data[0] << 16) | (data[1] << 8) | data[2];
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      if (colors.size < 5000) colors.add(rgb);
      if (rgb !== first) differing++;
    }
    return { width: bitmap.width, height: bitmap.height, distinctColors: colors.size,
      differingFraction: differing / (data.length / 4) };
  }, png.toString('base64'));
}

export function screenshotPath(name) {
  return join(SCREENSHOT_DIR, `${name}.png`);
}
