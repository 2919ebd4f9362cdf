// Launches Debian's Chromium through playwright-core, headless with SwiftShader WebGL2
// (the flags verified on these machines; no browser download).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync',
];

// The environment of a Chromium that sees none of the system's Chinese, Japanese or Korean fonts (fontconfig
// rejects every font that supports one of those languages): a device that cannot draw the characters itself,
// so the widget must fetch its font slices (js/src/system-glyphs.mjs answers `none`).
export function withoutSystemCjkFonts() {
  const dir = mkdtempSync(join(tmpdir(), 'tabi-fontconfig-'));
  const langs = ['zh-cn', 'zh-tw', 'zh-hk', 'ja', 'ko'];
  writeFileSync(join(dir, 'fonts.conf'), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>${dir}/cache</cachedir>
  <selectfont><rejectfont>
${langs.map((l) => `    <pattern><patelt name="lang"><string>${l}</string></patelt></pattern>`).join('\n')}
  </rejectfont></selectfont>
</fontconfig>
`);
  return { env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') }, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

// contextOptions: more of Playwright's context options, e.g. { locale: 'ja-JP' } (navigator.languages).
export async function launchChromium(contextOptions = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tabi-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...contextOptions,
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}
