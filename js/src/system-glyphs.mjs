// CJK characters drawn with the traveller's own fonts (widget/ui/system_glyphs.h). The wasm asks for the
// characters no font slice here holds, at the atlas's two sizes; each is drawn on a 2D canvas in the locale's
// glyph forms and handed back as an alpha bitmap, so a host's plan names cost no font download on a device that
// reads that language. Characters the device has no font for come back in `none` (the wasm fetches their
// slices). A canvas whose pixels are not read back as drawn (anti-fingerprinting noise) answers `unavailable`.

// Each locale's system fonts: Apple's and Microsoft's, then Noto Sans CJK and Source Han Sans (Android, Linux) in
// that region's forms. The generic family last, with the canvas's lang, still picks the locale's forms.
const FONTS = { 'zh-Hans': ['PingFang SC,Microsoft YaHei', 'SC'], 'zh-Hant': ['PingFang TC,Microsoft JhengHei', 'TC'],
  ja: ['Hiragino Sans,Yu Gothic UI,Meiryo', 'JP'], ko: ['Apple SD Gothic Neo,Malgun Gothic', 'KR'] };
const families = ([own, region]) => [...own.split(','), `Noto Sans CJK ${region}`, `Source Han Sans ${region}`]
  .map((f) => `"${f}",`).join('') + 'sans-serif';

// Code points no font draws as a character (unassigned; private use): what "no glyph" looks like here.
const NO_GLYPH = ['\u0378', '\uE000'];

// Whether a filled square reads back exactly as drawn, and the canvas around it empty.
function readsTrue(ctx) {
  ctx.clearRect(0, 0, 32, 32);
  ctx.fillRect(8, 8, 16, 16);
  const d = ctx.getImageData(0, 0, 32, 32).data;
  for (let i = 0; i < 32 * 32; i += 1) {
    const x = i % 32, y = (i - x) / 32;
    const inside = x >= 8 && x < 24 && y >= 8 && y < 24;
    for (let k = inside ? 0 : 3; k < 4; k += 1) if (d[i * 4 + k] !== (inside ? 255 : 0)) return false;
  }
  return true;
}

// One character at the context's font: its metrics in device pixels and its coverage, a pixel's margin around.
function draw(ctx, ch, limit) {
  const m = ctx.measureText(ch);
  const left = Math.floor(-m.actualBoundingBoxLeft) - 1, top = Math.floor(-m.actualBoundingBoxAscent) - 1;
  const width = Math.ceil(m.actualBoundingBoxRight) + 1 - left, height = Math.ceil(m.actualBoundingBoxDescent) + 1 - top;
  if (!(width > 0 && height > 0 && width <= limit && height <= limit && Math.abs(left) <= limit && Math.abs(top) <= limit
    && m.width >= 0 && m.width <= limit)) return null;
  ctx.clearRect(0, 0, width, height);
  ctx.fillText(ch, -left, -top);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const alpha = new Uint8Array(width * height);
  let ink = 0;
  for (let i = 0; i < alpha.length; i += 1) ink |= alpha[i] = rgba[i * 4 + 3];
  return ink ? { advance: m.width, left, top, width, height, alpha } : null;
}

const same = (a, b) => a && b && a.width === b.width && a.height === b.height && a.left === b.left && a.top === b.top
  && a.alpha.every((v, i) => v === b.alpha[i]);

// request: { locale, chars, sizes: [body px, heading px], limit } (device pixels; limit: the largest width, height,
// offset or advance the wasm takes, SystemGlyphs::bitmap_limit). Returns the answer's JSON text and the bitmaps'
// bytes, one glyph after another, as tabi_widget_system_glyphs takes them.
export function drawSystemGlyphs({ locale, chars, sizes, limit }, doc = document) {
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = limit;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!FONTS[locale] || !ctx) return { answer: '{"unavailable":true}', bytes: new Uint8Array(0) };
  ctx.fillStyle = '#fff';
  if (!readsTrue(ctx)) return { answer: '{"unavailable":true}', bytes: new Uint8Array(0) };
  ctx.lang = locale;
  ctx.textBaseline = 'alphabetic';
  const list = [...chars];
  const drawn = sizes.map((px) => {
    ctx.font = `${px}px ${families(FONTS[locale])}`;
    const none = NO_GLYPH.map((ch) => draw(ctx, ch, limit));
    return list.map((ch) => {
      const g = draw(ctx, ch, limit);
      return g && !none.some((n) => same(n, g)) ? g : null;
    });
  });
  const glyphs = [], bitmaps = [], missing = [];
  list.forEach((ch, i) => {
    const cp = ch.codePointAt(0);
    if (!drawn.every((d) => d[i])) return missing.push(cp);
    drawn.forEach((d, font) => {
      const g = d[i];
      glyphs.push([cp, font, g.advance, g.left, g.top, g.width, g.height]);
      bitmaps.push(g.alpha);
    });
  });
  const bytes = new Uint8Array(bitmaps.reduce((n, b) => n + b.length, 0));
  bitmaps.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
  return { answer: JSON.stringify({ sizes, glyphs, none: missing }), bytes };
}
