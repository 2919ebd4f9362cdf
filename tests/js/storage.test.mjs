import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PendingOrderStore } from '../../js/src/storage.mjs';

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

// The key itself is core's: tests/core/order_test.cpp ("the storage key is per catalogue and page origin").

test('save, load and clear a record', () => {
  const s = new PendingOrderStore(new MemoryStorage(), 'k');
  assert.equal(s.load(), null);
  assert.equal(s.save('{"v":1}'), true);
  assert.equal(s.load(), '{"v":1}');
  s.clear();
  assert.equal(s.load(), null);
});

test('a storage that throws (private mode, quota) degrades to nothing persisted', () => {
  const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); },
    removeItem() { throw new Error('denied'); } };
  const s = new PendingOrderStore(broken, 'k');
  assert.equal(s.save('x'), false);
  assert.equal(s.error, 'quota');
  assert.equal(s.load(), null);
  assert.doesNotThrow(() => s.clear());
  assert.equal(new PendingOrderStore(null, 'k').load(), null);
  // No storage at all is nothing persisted too, and says so (the widget tells the host).
  const none = new PendingOrderStore(null, 'k');
  assert.equal(none.save('x'), false);
  assert.match(none.error, /no usable storage/);
});
