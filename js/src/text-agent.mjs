// The hidden text input that gives a canvas UI a phone keyboard and IME (as egui's "text agent" does).
// While a text field in the panel is active, a transparent <input> sits over it and holds focus:
// phone keyboards open for it (font-size 16px, so iOS does not zoom), CJK IMEs compose in it, and
// what it receives is forwarded to the wasm as text. It is kept holding one sentinel space so that
// Backspace on Android keyboards (keyCode 229, no usable keydown) shows up as a shorter value.
//
// Focus needs a user gesture on iOS: the panel reports where its text fields are after every frame,
// and a tap that lands on one focuses the input synchronously, inside the touch handler.

const SENTINEL = ' ';

export class TextAgent {
  constructor(canvas, send) {
    this.canvas = canvas;
    this.send = send; // (message) -> void, into the wasm
    this.active = false;
    this.composing = false;
    this.fields = []; // [{x, y, w, h}] in CSS px, relative to the canvas
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'tabi-renew-text-agent';
    input.autocomplete = 'off';
    input.setAttribute('autocapitalize', 'characters');
    input.spellcheck = false;
    input.setAttribute('aria-hidden', 'true');
    input.tabIndex = -1;
    const s = input.style;
    s.position = 'absolute';
    s.opacity = '0';
    s.fontSize = '16px'; // below 16px iOS Safari zooms the page on focus
    s.border = '0';
    s.padding = '0';
    s.margin = '0';
    s.background = 'transparent';
    s.color = 'transparent';
    s.caretColor = 'transparent';
    s.width = '1px';
    s.height = '1px';
    s.left = '0';
    s.top = '0';
    s.pointerEvents = 'none';
    this.input = input;
    this.reset();

    this.handlers = {
      input: () => this.onInput(),
      compositionstart: () => { this.composing = true; this.showComposition(true); },
      compositionend: (e) => {
        this.composing = false;
        this.showComposition(false);
        if (e.data) this.send({ type: 'text', text: e.data });
        this.reset();
      },
      blur: () => { if (this.active) this.send({ type: 'text-blur' }); },
    };
    for (const [name, fn] of Object.entries(this.handlers)) input.addEventListener(name, fn);
    this.onPointerUp = (e) => this.focusIfOnField(e);
    canvas.addEventListener('touchend', this.onPointerUp);
    canvas.addEventListener('mouseup', this.onPointerUp);
    // The input lives next to the canvas so it scrolls with it; the host element becomes its anchor.
    const parent = canvas.parentElement;
    if (getComputedStyle(parent).position === 'static') parent.style.position = 'relative';
    parent.appendChild(input);
  }

  reset() {
    this.input.value = SENTINEL;
    try { this.input.setSelectionRange(1, 1); } catch { /* not focusable yet */ }
  }

  onInput() {
    if (this.composing) return; // the IME owns the value until compositionend
    const value = this.input.value;
    if (value.length < SENTINEL.length) {
      this.send({ type: 'key', key: 'Backspace' });
    } else if (value.length > SENTINEL.length) {
      const text = value.startsWith(SENTINEL) ? value.slice(SENTINEL.length) : value;
      if (text) this.send({ type: 'text', text });
    }
    this.reset();
  }

  showComposition(on) {
    // While composing, show the IME's preedit text over the field.
    const s = this.input.style;
    s.opacity = on ? '1' : '0';
    s.color = on ? 'inherit' : 'transparent';
    s.background = on ? 'Canvas' : 'transparent';
    s.width = on ? `${Math.max(40, this.rect ? this.rect.w : 120)}px` : '1px';
    s.height = on ? `${this.rect ? this.rect.h : 24}px` : '1px';
  }

  // From the wasm, after a frame: where the text fields are, and whether one is being edited.
  update({ active, rect, fields, inputmode }) {
    this.fields = Array.isArray(fields) ? fields : [];
    this.rect = rect || this.rect;
    if (inputmode) this.input.inputMode = inputmode;
    if (this.rect) {
      this.input.style.left = `${this.canvas.offsetLeft + this.rect.x}px`;
      this.input.style.top = `${this.canvas.offsetTop + this.rect.y}px`;
    }
    if (active && !this.active) {
      this.active = true;
      this.reset();
      if (document.activeElement !== this.input) this.input.focus({ preventScroll: true });
    } else if (!active && this.active) {
      this.active = false;
      if (document.activeElement === this.input) this.canvas.focus({ preventScroll: true });
    }
  }

  // A tap or click on a text field focuses the input right away, inside the user gesture.
  focusIfOnField(e) {
    const r = this.canvas.getBoundingClientRect();
    const p = e.changedTouches ? e.changedTouches[0] : e;
    if (!p) return;
    const x = p.clientX - r.left;
    const y = p.clientY - r.top;
    const hit = this.fields.find((f) => x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + f.h);
    if (!hit) return;
    this.rect = hit;
    this.input.style.left = `${this.canvas.offsetLeft + hit.x}px`;
    this.input.style.top = `${this.canvas.offsetTop + hit.y}px`;
    this.reset();
    this.input.focus({ preventScroll: true });
  }

  destroy() {
    for (const [name, fn] of Object.entries(this.handlers)) this.input.removeEventListener(name, fn);
    this.canvas.removeEventListener('touchend', this.onPointerUp);
    this.canvas.removeEventListener('mouseup', this.onPointerUp);
    this.input.remove();
  }
}
