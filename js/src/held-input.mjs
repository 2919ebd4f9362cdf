// Input that reaches the widget's canvas (and its hidden text input) before the wasm listens for it. The wasm
// starts listening once its deferred module is in (wasm-loader.mjs), a moment after the first frame; a traveller
// who taps or types sooner must not lose it, so the events are recorded, in order, and dispatched again on the
// same element once the wasm listens (html5.h reads only the event's fields, so a copy behaves as the original).

const CANVAS_EVENTS = ['mousedown', 'mouseup', 'mousemove', 'mouseleave', 'wheel', 'keydown', 'keyup', 'touchstart',
  'touchmove', 'touchend', 'touchcancel', 'focus', 'blur'];
const TEXT_INPUT_EVENTS = ['keydown', 'keyup'];
const MAX_HELD_EVENTS = 500; // a page left waiting a long time keeps the first ones (moves are merged anyway)

// A copy of a DOM event that html5.h will read like the original. Event init dictionaries read the same
// properties the event has, so the event itself serves as its own init (TouchEvent's lists included).
function copyOf(event) {
  const init = { bubbles: event.bubbles, cancelable: event.cancelable, composed: event.composed };
  for (const key in event) if (typeof event[key] !== 'function') init[key] = event[key];
  return new event.constructor(event.type, init);
}

export class HeldInput {
  // hold(replay): keeps a function that dispatches the copy (marked isInput), in the widget's queue of held work.
  constructor(canvas, textInput, hold) {
    this.canvas = canvas;
    this.targets = [[canvas, CANVAS_EVENTS], [textInput, TEXT_INPUT_EVENTS]];
    this.hold = hold;
    this.count = 0;
    this.paused = false;
    this.lastMove = null;
    this.listeners = [];
    this.wasmListens = false;
  }

  // Listeners added before the wasm's own (html5.h), so at the canvas they run first: once the wasm listens
  // (replaying()), a live event still goes behind the held ones until those are replayed. Before that the event
  // goes on as usual (the page around the widget sees it bubble).
  start() {
    for (const [target, types] of this.targets) {
      for (const type of types) {
        const fn = (event) => this.record(target, event);
        target.addEventListener(type, fn);
        this.listeners.push([target, type, fn]);
      }
    }
  }

  record(target, event) {
    if (this.paused || !event.isTrusted) return; // replayed copies are not trusted: they go through
    if (this.wasmListens) event.stopImmediatePropagation();
    // Keys pressed on the panel belong to it, as they will once it listens: Tab moves to its first item, not out
    // of the widget (only Shift+Tab with nothing focused leaves it, which is where a traveller still is now).
    if (event.type === 'keydown' && target === this.canvas && !(event.key === 'Tab' && event.shiftKey))
      event.preventDefault();
    if (this.count >= MAX_HELD_EVENTS) return;
    const copy = copyOf(event);
    if (event.type === 'mousemove' && this.lastMove) {
      this.lastMove.copy = copy; // only the latest position of a run of moves matters
      return;
    }
    const entry = { copy };
    this.lastMove = event.type === 'mousemove' ? entry : null;
    this.count += 1;
    const replay = () => {
      if (this.lastMove === entry) this.lastMove = null;
      target.dispatchEvent(entry.copy);
    };
    replay.isInput = true;
    this.hold(replay);
  }

  // The wasm listens now and what was held is being replayed.
  replaying() { this.wasmListens = true; }

  // While the widget shows that its deferred code is missing, a tap means "try again": not kept.
  pause() { this.paused = true; this.lastMove = null; }
  resume() { this.paused = false; }

  // Everything held was replayed: the wasm's own listeners take input from now on.
  stop() {
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn);
    this.listeners = [];
  }
}
