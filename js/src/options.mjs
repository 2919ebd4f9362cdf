// Options of a widget, from TabiRenew.mount(element, options), a <tabi-renew> element's attributes or a
// script tag's data-* attributes. Validated up front with errors that name the option, what is wrong
// and what to write instead.

export const THEMES = ['light', 'dark', 'auto'];
// Core's locales (widget/core/locale_table.h). A copy, as the unbundled sources (the node tests, the types
// check) have no build step to write the table in; tests/js/locale.test.mjs holds it to the table.
export const UI_LOCALES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko'];

const OPTION_NAMES = ['catalog', 'locale', 'theme', 'accent', 'currency', 'height', 'lookupCard', 'onPayment',
  'onPaymentStatus', 'continueUrl', 'paymentTimeoutMs', 'lookupTimeoutMs', 'storage', 'signal', 'payOrder',
  'paymentStatus', 'appearance'];
// Other names of two callbacks, without the "on" that React 19 takes for an event listener on a custom element
// (<tabi-renew onPayment={fn}> becomes addEventListener('Payment', fn)): the element's properties for them.
export const CALLBACK_ALIASES = { payOrder: 'onPayment', paymentStatus: 'onPaymentStatus' };
// The attributes of a <tabi-renew> element and the data-* attributes of a script tag (strings): the widget's
// options, and `load`, which is not one: it says when the page mounts the widget (js/src/lazy-start.mjs).
export const ATTRIBUTE_OPTIONS = ['catalog', 'locale', 'theme', 'accent', 'appearance', 'currency', 'height', 'load'];
// The values of `load` (the first is the default): start when the element nears the viewport, or at once.
export const LOAD_MODES = ['lazy', 'eager'];
// The host's callbacks (an element takes them as properties).
export const FUNCTION_OPTIONS = ['lookupCard', 'onPayment', 'onPaymentStatus', 'continueUrl'];

// What handle.update() changes on a running widget (the aliases payOrder and paymentStatus too); the other options
// are read at mount.
export const RUNTIME_OPTIONS = ['catalog', 'locale', 'theme', 'accent', 'appearance', 'currency', ...FUNCTION_OPTIONS];

// The named variables of `appearance` that a checkout sets to match its brand. Colours are #rgb or #rrggbb; each one
// left out keeps the theme's own (light or dark). widget/ui/appearance.cpp checks the same names and ranges again;
// tests/js/options.test.mjs holds these lists to it.
export const APPEARANCE_COLOURS = ['primary', 'background', 'surface', 'text', 'mutedText', 'danger', 'success'];
export const APPEARANCE_DENSITIES = ['compact', 'normal', 'roomy'];
export const APPEARANCE_RANGES = { radius: [0, 24], fontScale: [0.85, 1.5] };
const APPEARANCE_NAMES = [...APPEARANCE_COLOURS, 'radius', 'density', 'fontScale'];
const HEX_COLOUR = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

// A checked copy of an appearance: an object, or its JSON text (the attribute and data-appearance).
export function normalizeAppearance(raw) {
  let value = raw;
  if (typeof value === 'string') {
    try { value = JSON.parse(value); } catch {
      throw new OptionsError('appearance', `is not JSON; write an object like {"primary": "#e60012", "radius": 8}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new OptionsError('appearance', 'give an object of named variables, e.g. { primary: "#e60012", radius: 8 }');
  const out = {};
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const label = `appearance.${name}`;
    if (!APPEARANCE_NAMES.includes(name)) {
      const hint = closestName(name, APPEARANCE_NAMES);
      throw new OptionsError(label, `unknown variable${hint ? `; did you mean "${hint}"?` : ''} (known: ${APPEARANCE_NAMES.join(', ')})`);
    }
    if (APPEARANCE_COLOURS.includes(name)) {
      if (typeof v !== 'string' || !HEX_COLOUR.test(v.trim()))
        throw new OptionsError(label, `"${v}" is not a colour; write #rgb or #rrggbb, like #e60012`);
      out[name] = v.trim().toLowerCase();
    } else if (name === 'density') {
      if (!APPEARANCE_DENSITIES.includes(v))
        throw new OptionsError(label, `"${v}" is not one of ${APPEARANCE_DENSITIES.join(', ')}`);
      out[name] = v;
    } else {
      const [lo, hi] = APPEARANCE_RANGES[name];
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < lo || n > hi)
        throw new OptionsError(label, `"${v}" must be a number from ${lo} to ${hi}${name === 'radius' ? ' (CSS pixels)' : ''}`);
      out[name] = n;
    }
  }
  return out;
}

export class OptionsError extends Error {
  constructor(option, message) {
    super(`TabiRenew: option "${option}": ${message}`);
    this.name = 'OptionsError';
    this.option = option;
  }
}

function closestName(name, names) {
  // Small edit distance, to suggest "onPayment" for "onPaymnet".
  const distance = (a, b) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  let best = null;
  for (const n of names) {
    const dist = distance(name.toLowerCase(), n.toLowerCase());
    if (dist <= 3 && (!best || dist < best.dist)) best = { n, dist };
  }
  return best && best.n;
}

// Returns a new, checked options object; throws OptionsError for the first problem found.
export function normalizeOptions(raw = {}) {
  if (raw === null || typeof raw !== 'object') throw new OptionsError('options', 'pass an object, e.g. { catalog: "/plans.json" }');
  const out = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!OPTION_NAMES.includes(key)) {
      const hint = closestName(key, OPTION_NAMES);
      throw new OptionsError(key, `unknown option${hint ? `; did you mean "${hint}"?` : ''} (known: ${OPTION_NAMES.join(', ')})`);
    }
    out[key] = value;
  }
  for (const [alias, name] of Object.entries(CALLBACK_ALIASES)) {
    if (out[alias] === undefined) continue;
    if (out[name] !== undefined && out[name] !== out[alias])
      throw new OptionsError(alias, `"${alias}" and "${name}" are the same callback: give one of them`);
    out[name] = out[alias];
    delete out[alias];
  }
  if (typeof URL !== 'undefined' && out.catalog instanceof URL) out.catalog = out.catalog.href;
  if (out.catalog !== undefined && out.catalog !== null) {
    const c = out.catalog;
    if (typeof c !== 'string' && (typeof c !== 'object' || Array.isArray(c)))
      throw new OptionsError('catalog', 'give a URL string or a catalogue object');
    if (typeof c === 'string' && c.trim() === '') delete out.catalog;
  }
  if (out.locale !== undefined) {
    if (typeof out.locale !== 'string' || !/^(auto|[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*)$/.test(out.locale))
      throw new OptionsError('locale', `"${out.locale}" is not a language tag; use auto, ${UI_LOCALES.slice(0, -1).join(', ')} or ${UI_LOCALES.at(-1)}`);
  }
  if (out.theme !== undefined && !THEMES.includes(out.theme))
    throw new OptionsError('theme', `"${out.theme}" is not one of ${THEMES.join(', ')}`);
  if (out.accent !== undefined) {
    if (typeof out.accent !== 'string' || !/^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(out.accent.trim()))
      throw new OptionsError('accent', `"${out.accent}" is not a colour like #1f6feb`);
    out.accent = out.accent.trim();
  }
  if (out.appearance === null) out.appearance = {}; // null: the theme's own look
  if (out.appearance !== undefined) out.appearance = normalizeAppearance(out.appearance);
  if (out.currency === null) out.currency = ''; // '' (or null): the plans' own currencies
  if (out.currency !== undefined && out.currency !== '') {
    if (typeof out.currency !== 'string' || !/^[A-Za-z]{3}$/.test(out.currency))
      throw new OptionsError('currency', `"${out.currency}" is not an ISO 4217 code like CNY, USD or TWD`);
    out.currency = out.currency.toUpperCase();
  }
  if (out.height !== undefined) {
    const h = Number(out.height);
    if (!Number.isFinite(h) || h < 240 || h > 4000)
      throw new OptionsError('height', `"${out.height}" must be a number of CSS pixels from 240 to 4000`);
    out.height = h;
  }
  for (const name of ['paymentTimeoutMs', 'lookupTimeoutMs']) {
    if (out[name] === undefined) continue;
    const t = Number(out[name]);
    if (!Number.isFinite(t) || t < 1000 || t > 600000)
      throw new OptionsError(name, `"${out[name]}" must be milliseconds from 1000 to 600000`);
    out[name] = t;
  }
  for (const name of FUNCTION_OPTIONS) {
    if (out[name] !== undefined && typeof out[name] !== 'function')
      throw new OptionsError(name, 'must be a function');
  }
  if (out.storage !== undefined && out.storage !== null &&
      ['getItem', 'setItem', 'removeItem'].some((m) => typeof out.storage[m] !== 'function'))
    throw new OptionsError('storage', 'must be a Storage with getItem, setItem and removeItem (like window.localStorage), ' +
      'or null to persist nothing');
  if (out.signal !== undefined && out.signal !== null &&
      (typeof out.signal.aborted !== 'boolean' || typeof out.signal.addEventListener !== 'function'))
    throw new OptionsError('signal', 'must be an AbortSignal (new AbortController().signal)');
  if (out.signal === null) delete out.signal;
  return out;
}

// An attribute that is an option of the widget (mount() takes it).
export function isWidgetAttribute(name) {
  return name !== 'load';
}

// A script tag's data-* attributes (strings) as options.
export function optionsFromDataset(dataset) {
  const options = {};
  for (const key of ATTRIBUTE_OPTIONS) {
    if (dataset[key] !== undefined && dataset[key] !== '' && isWidgetAttribute(key)) options[key] = dataset[key];
  }
  return options;
}

// `load` (the element) or `data-load` (a script tag), named by `attribute`, as one of LOAD_MODES. Absent or empty:
// lazy. Letter case and spaces do not matter, as in <img loading>. Throws an OptionsError for another value.
export function loadModeOf(value, attribute) {
  if (value === undefined || value === null || value.trim() === '') return LOAD_MODES[0];
  const mode = value.trim().toLowerCase();
  if (!LOAD_MODES.includes(mode))
    throw new OptionsError('load', `${attribute}="${value}" is not one of ${LOAD_MODES.join(', ')}`);
  return mode;
}

// 0xRRGGBB from "#rgb" or "#rrggbb".
export function accentToInt(accent) {
  if (!accent) return undefined;
  const hex = accent.slice(1);
  return parseInt(hex.length === 3 ? hex.replace(/./g, '$&$&') : hex, 16);
}

// An appearance as the bridge message carries it: colours as 0xRRGGBB numbers, the rest as they are.
export function appearanceMessage(appearance) {
  const out = {};
  for (const [name, v] of Object.entries(appearance || {})) out[name] = APPEARANCE_COLOURS.includes(name) ? accentToInt(v) : v;
  return out;
}
