// Persistence of the pending order, so a reload in the middle of a payment loses nothing. The record
// comes from core already serialised (versioned, identifier masked); this only keys and stores it.
// Storage can throw (Safari private mode, quota, disabled cookies): every failure degrades to
// "nothing persisted", never to a broken widget.

export class PendingOrderStore {
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
  }

  load() {
    try {
      return this.storage ? this.storage.getItem(this.key) : null;
    } catch {
      return null;
    }
  }

  // false when nothing was stored (no usable storage, quota exceeded, access denied); `error` says why.
  save(record) {
    if (!this.storage) {
      this.error = 'no usable storage (localStorage is unavailable on this page)';
      return false;
    }
    try {
      this.storage.setItem(this.key, record);
      return true;
    } catch (err) {
      this.error = err && err.message ? String(err.message) : String(err);
      return false;
    }
  }

  clear() {
    try {
      if (this.storage) this.storage.removeItem(this.key);
    } catch {
      // nothing to do: the record simply stays until it expires
    }
  }
}

// The page's storage if it can be used at all.
export function defaultStorage() {
  try {
    const s = window.localStorage;
    const probe = 'tabi-renew:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
