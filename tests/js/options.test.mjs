import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { APPEARANCE_COLOURS, APPEARANCE_DENSITIES, APPEARANCE_RANGES, OptionsError, accentToInt, appearanceMessage,
  normalizeOptions, optionsFromDataset } from '../../js/src/options.mjs';

test('valid options pass through, normalised', () => {
  const fn = () => {};
  const o = normalizeOptions({ catalog: '/plans.json', locale: 'zh-Hant', theme: 'dark', accent: ' #E60012 ',
    currency: 'cny', height: '600', onPayment: fn });
  assert.deepEqual(o, { catalog: '/plans.json', locale: 'zh-Hant', theme: 'dark', accent: '#E60012', currency: 'CNY',
    height: 600, onPayment: fn });
});

test('an unknown option names itself and suggests the closest known one', () => {
  assert.throws(() => normalizeOptions({ onPaymnet: () => {} }), (err) => {
    assert.ok(err instanceof OptionsError);
    assert.equal(err.option, 'onPaymnet');
    assert.match(err.message, /did you mean "onPayment"\?/);
    return true;
  });
});

test('each bad value gets a message that says what to write instead', () => {
  const cases = [
    [{ theme: 'blue' }, 'theme', /light, dark, auto/],
    [{ accent: 'red' }, 'accent', /#1f6feb/],
    [{ currency: 'YEN!' }, 'currency', /ISO 4217/],
    [{ height: 10 }, 'height', /240 to 4000/],
    [{ locale: 'not a tag' }, 'locale', /zh-Hans/],
    [{ onPayment: 'pay()' }, 'onPayment', /function/],
    [{ catalog: 42 }, 'catalog', /URL string or a catalogue object/],
    [{ paymentTimeoutMs: 5 }, 'paymentTimeoutMs', /1000 to 600000/],
    [{ storage: {} }, 'storage', /Storage/],
    [{ storage: { getItem() {}, setItem() {} } }, 'storage', /removeItem/],
  ];
  for (const [options, name, pattern] of cases) {
    assert.throws(() => normalizeOptions(options), (err) => err.option === name && pattern.test(err.message), name);
  }
});

test('a URL object as the catalogue becomes its href', () => {
  assert.equal(normalizeOptions({ catalog: new URL('https://shop.example/plans.json?v=2') }).catalog,
    'https://shop.example/plans.json?v=2');
});

test('data-* attributes become options; empty ones are dropped', () => {
  assert.deepEqual(optionsFromDataset({ target: '#x', catalog: 'a.json', locale: '', theme: 'auto' }),
    { catalog: 'a.json', theme: 'auto' });
});

test('accent colours become 0xRRGGBB', () => {
  assert.equal(accentToInt('#1f6feb'), 0x1f6feb);
  assert.equal(accentToInt('#fff'), 0xffffff);
  assert.equal(accentToInt(undefined), undefined);
});

test('appearance: named variables pass, normalised; JSON text (the attribute) too', () => {
  const o = normalizeOptions({ appearance: { primary: ' #E60012 ', background: '#fff', radius: '4', density: 'compact',
    fontScale: 1.2 } });
  assert.deepEqual(o.appearance, { primary: '#e60012', background: '#fff', radius: 4, density: 'compact', fontScale: 1.2 });
  assert.deepEqual(normalizeOptions({ appearance: '{"mutedText": "#666", "fontScale": 0.85}' }).appearance,
    { mutedText: '#666', fontScale: 0.85 });
  assert.deepEqual(normalizeOptions({ appearance: null }).appearance, {}, 'null: back to the theme defaults');
  assert.deepEqual(appearanceMessage({ primary: '#e60012', text: '#abc', radius: 0 }),
    { primary: 0xE60012, text: 0xAABBCC, radius: 0 });
});

test('appearance: each bad variable is named, with what is wrong and what to write', () => {
  const cases = [
    [{ primay: '#fff' }, 'appearance.primay', /unknown variable; did you mean "primary"\?/],
    [{ colour: '#fff' }, 'appearance.colour', /known: primary, background, surface, text, mutedText, danger, success/],
    [{ text: 'red' }, 'appearance.text', /"red" is not a colour; write #rgb or #rrggbb/],
    [{ danger: '#12345' }, 'appearance.danger', /#rgb or #rrggbb/],
    [{ success: 0x00ff00 }, 'appearance.success', /not a colour/],
    [{ radius: 25 }, 'appearance.radius', /from 0 to 24 \(CSS pixels\)/],
    [{ radius: -1 }, 'appearance.radius', /from 0 to 24/],
    [{ fontScale: 0.8 }, 'appearance.fontScale', /from 0.85 to 1.5/],
    [{ fontScale: 'big' }, 'appearance.fontScale', /from 0.85 to 1.5/],
    [{ density: 'tight' }, 'appearance.density', /compact, normal, roomy/],
  ];
  for (const [appearance, option, pattern] of cases) {
    assert.throws(() => normalizeOptions({ appearance }), (err) => {
      assert.ok(err instanceof OptionsError, option);
      assert.equal(err.option, option);
      assert.match(err.message, pattern);
      return true;
    }, option);
  }
  assert.throws(() => normalizeOptions({ appearance: '{primary:' }), /appearance.*is not JSON/);
  assert.throws(() => normalizeOptions({ appearance: ['#fff'] }), /object of named variables/);
});

test('appearance comes from a script tag\'s data-appearance', () => {
  assert.deepEqual(normalizeOptions(optionsFromDataset({ appearance: '{"primary":"#0a7"}' })).appearance, { primary: '#0a7' });
});

// The bridge checks the host's appearance up front (an OptionsError at mount) and the wasm checks the message again
// (widget/ui/appearance.cpp): the same names and ranges, read here from the C++ so the two cannot drift apart.
test('appearance: the bridge knows the same variables, densities and ranges as widget/ui/appearance.cpp', () => {
  const cpp = readFileSync(new URL('../../widget/ui/appearance.cpp', import.meta.url), 'utf8');
  const header = readFileSync(new URL('../../widget/ui/appearance.h', import.meta.url), 'utf8');
  const colours = [...cpp.matchAll(/\{"(\w+)", &Appearance::\w+\}/g)].map((m) => m[1]);
  assert.deepEqual(colours, APPEARANCE_COLOURS);
  const densities = [...cpp.matchAll(/d == "(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(densities, APPEARANCE_DENSITIES);
  const others = [...cpp.matchAll(/name == "(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(others)].sort(), ['density', 'fontScale', 'radius']);
  const constant = (name) => Number((new RegExp(`${name} = ([0-9.]+)f;`).exec(header) || [])[1]);
  assert.deepEqual(APPEARANCE_RANGES, { radius: [0, constant('kMaxRadius')],
    fontScale: [constant('kMinFontScale'), constant('kMaxFontScale')] });
  assert.match(cpp, /is_radius \? 0\.0f : kMinFontScale/, 'the radius starts at 0 in both');
});
