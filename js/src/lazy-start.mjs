// Lazy by default: a script tag's widget and a <tabi-renew> element start loading (the wasm, the catalogue, a
// locale pack, the WebGL context) only when their element comes within about one viewport of being visible, so
// a widget far down an article that nobody scrolls to costs the page only the bridge script. `load="eager"`
// (`data-load="eager"` on a script tag) starts at once; TabiRenew.mount() from code is always eager. Until the
// widget is up its element keeps the canvas's height, so the page does not move when it appears.
//   [X] starts at once when the element is already near the viewport (no wait for the observer's first report)
//   [X] one IntersectionObserver per waiting element, disconnected when it starts or is cancelled
//   [X] without IntersectionObserver: starts at once
//   [ ] in a cross-origin iframe the margin does not apply (the browser hides the top page's geometry): the
//       widget starts when it becomes visible
import { LOAD_MODES, loadModeOf, normalizeOptions } from './options.mjs';
import { DEFAULT_HEIGHT } from './widget.mjs';

// A rootMargin percentage is of the viewport's size: one viewport above, below and to each side.
const NEAR_MARGIN = '100%';

// Whether the element is within NEAR_MARGIN of the viewport now. An element with no box (display: none, or
// inside one) is not: it may never be shown.
function nearViewport(element) {
  if (element.getClientRects().length === 0) return false;
  const r = element.getBoundingClientRect();
  const w = window.innerWidth;
  const h = window.innerHeight;
  return r.bottom >= -h && r.top <= 2 * h && r.right >= -w && r.left <= 2 * w;
}

// Gives the element a min-height of the canvas's height; the returned function puts back what it had.
function reserveHeight(element, height) {
  const previous = element.style.minHeight;
  const reserved = `${height}px`;
  element.style.minHeight = reserved;
  return () => {
    if (element.style.minHeight === reserved) element.style.minHeight = previous;
  };
}

// Calls start() (it mounts and returns mount()'s Promise) when `element` nears the viewport, or now: when
// `load` (the attribute's value; `attribute` is its name, for the error) is eager, when the element is near
// already, or when `options` are bad (mount() reports them without waiting). The element keeps the widget's
// height from now until mount() settles. Returns cancel(), for an element removed while it waits: the observer
// is disconnected and the height given back; after start() it does nothing.
export function startWhenNear(element, load, attribute, options, start) {
  let mode;
  try {
    mode = loadModeOf(load, attribute);
  } catch (err) {
    console.error(`${err.message}; loading lazily`);
    mode = LOAD_MODES[0];
  }
  let height;
  try {
    height = normalizeOptions(options).height || DEFAULT_HEIGHT;
  } catch {
    start();
    return () => {};
  }
  const release = reserveHeight(element, height);
  const go = () => Promise.resolve(start()).then(release, release);
  if (mode === 'eager' || typeof IntersectionObserver !== 'function' || nearViewport(element)) {
    go();
    return () => {};
  }
  let observer = new IntersectionObserver((entries) => {
    if (!observer || !entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    observer = null;
    go();
  }, { rootMargin: NEAR_MARGIN });
  observer.observe(element);
  return () => {
    if (!observer) return;
    observer.disconnect();
    observer = null;
    release();
  };
}
