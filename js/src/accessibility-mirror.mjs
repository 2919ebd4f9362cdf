// The accessibility mirror: an off-screen DOM copy of the panel's current screen, rebuilt whenever the panel
// reports a change (wasm -> request "a11y"). A canvas is a single opaque image to a screen reader; the mirror
// gives it headings, texts, real buttons that act (a click is sent back to the panel as "a11y-activate"),
// text fields that type into the panel's fields ("a11y-input"), toggles that say whether they are chosen
// (aria-pressed), and a live region that reads out problems and warnings as they appear and what the panel
// announces (why Continue did not go on, with the focus moved to the control that can supply it; a download). It is visually hidden (clipped, not display:none, so it stays in the accessibility
// tree) and reachable with Tab after the canvas.

const HIDDEN = {
  position: 'absolute', width: '1px', height: '1px', padding: '0', margin: '-1px', overflow: 'hidden',
  clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', whiteSpace: 'nowrap', border: '0',
};

export class A11yMirror {
  constructor(host, send) {
    this.send = send; // (message) -> void, into the wasm
    this.root = document.createElement('div');
    this.root.className = 'tabi-renew-a11y';
    Object.assign(this.root.style, HIDDEN);
    this.screen = document.createElement('div');
    this.live = document.createElement('div');
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.root.append(this.screen, this.live);
    host.appendChild(this.root);
    this.step = '';
    this.alerts = '';
    this.announced = 0;
    this.pressedHere = false;
  }

  // state: {step, lang, focus?, nodes: [{role, label, id?, disabled?, pressed?}], announce?: {seq, text, focus}}
  update(state) {
    const nodes = Array.isArray(state.nodes) ? state.nodes : [];
    const focusedId = document.activeElement && this.root.contains(document.activeElement)
      ? document.activeElement.dataset.id : undefined;
    // A press on one of the mirror's buttons since the last update (a screen reader may activate a button
    // without focusing it).
    const pressedHere = this.pressedHere;
    this.pressedHere = false;
    const stepChanged = state.step !== this.step;
    this.step = state.step;
    this.root.lang = state.lang || 'en';
    const fragment = document.createDocumentFragment();
    const alerts = [];
    let headings = 0;
    for (const node of nodes) {
      let el;
      switch (node.role) {
        case 'heading':
          el = document.createElement(headings++ === 0 ? 'h2' : 'h3'); // the screen's title, then its sections
          el.textContent = node.label;
          break;
        case 'button':
          el = document.createElement('button');
          el.type = 'button';
          el.textContent = node.label;
          el.dataset.id = node.id;
          el.disabled = Boolean(node.disabled);
          if (typeof node.pressed === 'boolean') {
            el.setAttribute('aria-pressed', String(node.pressed));
            if (node.pressed) {
              // The check mark the canvas shows, for the eye only: the name stays the same when chosen.
              const mark = document.createElement('span');
              mark.setAttribute('aria-hidden', 'true');
              mark.textContent = ' \u2713';
              el.appendChild(mark);
            }
          }
          el.addEventListener('click', () => {
            this.pressedHere = true;
            this.send({ type: 'a11y-activate', id: node.id });
          });
          break;
        case 'field': {
          el = document.createElement('label');
          el.textContent = node.label;
          const input = document.createElement('input');
          input.type = 'text';
          input.dataset.id = node.id;
          input.autocomplete = 'off';
          input.addEventListener('input', () => this.send({ type: 'a11y-input', id: node.id, text: input.value }));
          const old = this.screen.querySelector(`input[data-id="${CSS.escape(node.id)}"]`);
          if (old) input.value = old.value;
          el.appendChild(input);
          break;
        }
        case 'alert':
          alerts.push(node.label);
          el = document.createElement('p');
          el.textContent = node.label;
          break;
        default:
          el = document.createElement('p');
          el.textContent = node.label;
      }
      fragment.appendChild(el);
    }
    this.screen.replaceChildren(fragment);
    // Where the panel's keyboard focus is (the canvas holds the DOM focus): marked for assistive tech and tests.
    if (state.focus) {
      const focused = this.screen.querySelector(`[data-id="${CSS.escape(state.focus)}"]`);
      if (focused) focused.setAttribute('aria-current', 'true');
    }
    // Keep focus on the same control across rebuilds; a new screen reads from its heading.
    if (focusedId) {
      const again = this.screen.querySelector(`[data-id="${CSS.escape(focusedId)}"]`);
      if (again) again.focus();
    }
    const alertText = alerts.join(' ');
    if (stepChanged) {
      const heading = nodes.find((n) => n.role === 'heading');
      this.live.textContent = [heading ? heading.label : '', alertText].filter(Boolean).join('. ');
    } else if (alertText !== this.alerts) {
      this.live.textContent = alertText;
    }
    this.alerts = alertText;
    const a = state.announce;
    if (a && a.seq !== this.announced) {
      this.announced = a.seq;
      // The same words again are still a change (a trailing no-break space comes and goes), so they are read.
      this.live.textContent = this.live.textContent === a.text ? `${a.text}\u00a0` : a.text;
      // Where the press came from the mirror, its focus goes to the control that supplies what is missing; a
      // canvas user keeps the canvas's focus (the panel moves its own).
      const target = a.focus && (pressedHere || focusedId !== undefined)
        ? this.screen.querySelector(`[data-id="${CSS.escape(a.focus)}"]`) : null;
      if (target) target.focus();
    }
  }

  // Text of the mirror, for tests and debugging.
  text() {
    return this.screen.textContent;
  }

  destroy() {
    this.root.remove();
    this.screen.replaceChildren(); // its buttons and fields, with their listeners, go with it
  }
}
