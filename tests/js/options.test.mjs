import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OptionsError, accentToInt, normalizeOptions, optionsFromDataset } from '../../js/src/options.mjs';

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
