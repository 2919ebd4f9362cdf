// Issue 16: a renewal of each card kind (SIM, eSIM, pocket WiFi; web/sample-cards.mjs) the way a screen reader user
// makes it: only the accessibility mirror's roles and names (Playwright's role locators and aria snapshots), each
// button activated by its element's click(), never by coordinates. On every screen each enabled button is pressed
// and must change the screen, change what is chosen, or put a message in the live region; Continue is pressed
// before the screen's choice is made and must say why and move the focus to what supplies it; and axe-core finds
// nothing serious or critical in the mirror.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { SAMPLE_CARDS } from '../../web/sample-cards.mjs';
import { newPage, waitForEvent } from './helpers.mjs';
import { LANGUAGE_NAMES, WAIT, useServerAndBrowser, waitForStep } from './mirror.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const env = useServerAndBrowser();
// A11Y_SURVEY=1 (with TABI_DIST=<an older build>): record what fails instead of stopping at it, to compare builds.
const SURVEY = Boolean(process.env.A11Y_SURVEY);
const failures = [];
function check(ok, message) {
  if (ok) return;
  if (!SURVEY) assert.fail(message);
  failures.push(message);
}

const mirrorOf = (page) => page.locator('#renew .tabi-renew-a11y');
const liveOf = (page) => mirrorOf(page).getByRole('status');

// The mirror's buttons as a screen reader lists them: name, pressed (true/false/undefined), disabled.
async function buttons(page) {
  const yaml = await mirrorOf(page).ariaSnapshot();
  const out = [];
  for (const line of yaml.split('\n')) {
    const m = /^\s*- button "((?:[^"\\]|\\.)*)"(.*)$/.exec(line);
    if (!m) continue;
    const name = JSON.parse(`"${m[1]}"`);
    out.push({ name, pressed: /\[pressed\]/.test(m[2]) ? true : undefined, disabled: /\[disabled\]/.test(m[2]) });
  }
  // Buttons of the same name, counted in order, so each is found again by role, name and position.
  const seen = new Map();
  for (const b of out) {
    b.nth = seen.get(b.name) || 0;
    seen.set(b.name, b.nth + 1);
  }
  return out;
}

function buttonLocator(page, b) {
  return mirrorOf(page).getByRole('button', { name: b.name, exact: true }).nth(b.nth);
}

// What a screen reader can learn: the mirror's tree (roles, names, states, the live region's words) and the
// step. The live region's exact text too: the same words said again differ by a trailing no-break space.
async function state(page) {
  return page.evaluate(async () => {
    const steps = window.__tabiEvents.filter((e) => e.name === 'step');
    return {
      step: steps.length ? steps[steps.length - 1].detail.step : 'identify',
      live: document.querySelector('#renew .tabi-renew-a11y [role="status"]')?.textContent ?? '',
    };
  }).then(async (s) => ({ ...s, tree: await mirrorOf(page).ariaSnapshot() }));
}

const same = (a, b) => a.step === b.step && a.live === b.live && a.tree === b.tree;

// Waits until the mirror has stopped changing (two reads in a row agree after a drawn frame each).
async function settled(page) {
  let last = await state(page);
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await state(page);
    if (same(now, last)) return now;
    last = now;
  }
}

// Activates a button the way a screen reader does and returns what changed: 'screen', 'selection', 'live'
// (a new message in the live region), or '' when nothing did within WAIT.
async function activate(page, b) {
  const before = await settled(page);
  await buttonLocator(page, b).evaluate((el) => el.click());
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    const after = await state(page);
    if (!same(after, before)) {
      const done = await settled(page);
      if (done.step !== before.step) return 'screen';
      if (done.live !== before.live && done.live.trim()) return 'live';
      const strip = (t) => t.replace(/ \[pressed\]/g, '');
      return strip(done.tree) === strip(before.tree) ? 'selection' : 'screen';
    }
    await page.waitForTimeout(50);
  }
  return '';
}

// What a screen reader says after Continue was pressed too early: the live region's words, then the control
// the focus moved to, as its role, name and state.
async function heard(page) {
  return page.evaluate(() => {
    const live = document.querySelector('#renew .tabi-renew-a11y [role="status"]').textContent.trim();
    const el = document.activeElement;
    const inMirror = el && el.closest('.tabi-renew-a11y');
    let focus = '(focus stays where it was)';
    if (inMirror && el.tagName === 'BUTTON') {
      const pressed = el.getAttribute('aria-pressed');
      const name = [...el.childNodes].filter((n) => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))
        .map((n) => n.textContent).join('').trim();
      focus = `${name}, ${pressed === null ? 'button' : `toggle button, ${pressed === 'true' ? 'pressed' : 'not pressed'}`}`;
    } else if (inMirror && el.tagName === 'INPUT') {
      focus = `${el.closest('label')?.firstChild?.textContent || ''}, edit text`;
    }
    return { live, focus };
  });
}

async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('#renew .tabi-renew-a11y'),
      { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
}

const isLanguage = (b) => LANGUAGE_NAMES.includes(b.name);
const isBack = (b) => /^(Back|Cancel payment)$/.test(b.name);
// The footer's primary action: the screen's last button.
const forwardOf = (list) => list.filter((b) => !isLanguage(b)).at(-1);

// The footer's primary action once it is enabled (Continue on the status screen waits for the host's lookup).
async function forward(page) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const b = forwardOf(await buttons(page));
    if (b && !b.disabled) return b;
    assert.ok(Date.now() < deadline, 'the screen\'s primary action is enabled');
    await page.waitForTimeout(50);
  }
}

async function stepNumber(page) {
  return page.evaluate(() => {
    const steps = window.__tabiEvents.filter((e) => e.name === 'step');
    return steps.length ? steps[steps.length - 1].detail.number : 1;
  });
}

// Back on `step` after a press took the walk elsewhere: Back, or the forward action, until there.
async function returnTo(page, step, number) {
  for (let i = 0; i < 8 && (await state(page)).step !== step; ++i) {
    const list = await buttons(page);
    const b = (await stepNumber(page)) > number ? list.find((x) => isBack(x) && !x.disabled) : await forward(page);
    assert.ok(b, `a way back to ${step}`);
    await activate(page, b);
    await settled(page);
  }
  assert.equal((await state(page)).step, step);
}

async function renew(t, card) {
  const context = await env.browser.newContext(DESKTOP);
  t.after(() => context.close());
  const page = await newPage(context);
  await page.goto(`${env.base}/?pay=succeeded`);
  await waitForEvent(page, 'ready', { timeout: WAIT });
  const report = [];
  const mirror = mirrorOf(page);
  let typed = false;
  for (let guard = 0; guard < 12; ++guard) {
    const { step } = await settled(page);
    const number = await stepNumber(page);
    if (step === 'pay') {
      await waitForStep(page, 'result'); // the demo's provider answers by itself (?pay=succeeded)
      continue;
    }
    if (step === 'status') await forward(page); // Continue is enabled once the host's lookup answered
    const entry = { step, axe: await axe(page), presses: [] };
    report.push(entry);
    const serious = entry.axe.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(serious.length === 0, `axe on the ${step} screen of ${card.label}: ${JSON.stringify(serious)}`);
    // Headings are the structure: no price, total or status among them.
    const headings = await mirror.getByRole('heading').allTextContents();
    for (const h of headings) check(!/[¥$€]|\d[\d,.]*\s*(JPY|USD)/.test(h), `${step}: heading "${h}" is a price`);

    // Continue before anything is chosen (the identify screen: before anything is typed).
    if (step !== 'confirm' && step !== 'result') {
      const early = forwardOf(await buttons(page));
      check(!early.disabled, `"${early.name}" on ${step} is disabled before anything is chosen`);
    }
    if (step !== 'confirm' && step !== 'result' && !forwardOf(await buttons(page)).disabled) {
      const early = forwardOf(await buttons(page));
      const effect = await activate(page, early);
      entry.presses.push({ name: early.name, effect, early: true });
      check(effect, `"${early.name}" on ${step} pressed first does nothing`);
      if (effect === 'live') {
        entry.early = await heard(page);
        // Pressed again: said again.
        check(await activate(page, early) === 'live', `"${early.name}" on ${step} pressed twice is not announced twice`);
      } else {
        if (!effect) entry.early = await heard(page);
        await returnTo(page, step, number);
      }
    }
    if (step === 'identify' && !typed) {
      await mirror.getByRole('textbox').first().fill(card.id);
      await page.waitForFunction(() => /Looks right/.test(document.querySelector('#renew .tabi-renew-a11y').textContent),
        null, { timeout: WAIT });
      typed = true;
    }
    // Every other enabled button, each found again by its role and name, including those an earlier press brought
    // (a chosen plan's quantity buttons): each once.
    const probed = new Set();
    for (let presses = 0; presses < 80; ++presses) {
      const list = await buttons(page);
      const fwd = forwardOf(list);
      const b = list.find((x) => !x.disabled && x !== fwd && !probed.has(`${x.name}#${x.nth}`) &&
        (!isLanguage(x) || step === 'identify'));
      if (!b) break;
      probed.add(`${b.name}#${b.nth}`);
      const effect = await activate(page, b);
      entry.presses.push({ name: b.name, effect });
      check(effect, `"${b.name}" on the ${step} screen of ${card.label} changes nothing and says nothing`);
      if (isLanguage(b)) {
        await activate(page, (await buttons(page)).find((x) => x.name === 'English'));
        await page.waitForFunction(() => document.querySelector('#renew .tabi-renew-a11y').lang === 'en');
      }
      await returnTo(page, step, number);
    }
    // The screen's choice, where Continue asked for one: what it named is now chosen.
    if (step === 'device') {
      const pressed = (await buttons(page)).filter((x) => x.pressed);
      check(pressed.length === 1, 'device: the chosen phone model or "I\'m not sure" is not exposed as pressed');
    }
    if (step === 'choose') {
      // Filters pressed by the probe off again: a chosen plan the filter hides has no row to say so.
      for (const f of (await buttons(page)).filter((x) => x.pressed && !/^Choose /.test(x.name))) await activate(page, f);
      let chosen = (await buttons(page)).filter((x) => x.pressed && /^Choose /.test(x.name));
      const pick = (await buttons(page)).find((x) => x.name === 'Choose our pick');
      if (!chosen.length && pick) {
        await activate(page, pick);
        chosen = (await buttons(page)).filter((x) => x.pressed && /^Choose /.test(x.name));
      }
      check(chosen.length > 0, `choose: the chosen plan is not exposed as pressed: ${JSON.stringify(await buttons(page))}`);
    }
    const last = await forward(page);
    const effect = await activate(page, last);
    entry.presses.push({ name: last.name, effect });
    assert.equal(effect, 'screen', `"${last.name}" on ${step} goes on`);
    if (step === 'result') break;
  }
  assert.equal(report.at(-1).step, 'result');
  assert.deepEqual(page.pageErrors, []);
  if (SURVEY) for (const f of failures.splice(0)) t.diagnostic(`FAILS: ${f}`);
  for (const e of report) {
    t.diagnostic(`${card.card} ${e.step}: axe ${JSON.stringify(e.axe.map((v) => `${v.id}/${v.impact}`))}` +
      (e.early ? `; Continue too early -> live "${e.early.live}", focus "${e.early.focus}"` : '') +
      `; ${e.presses.map((p) => `${p.name}=${p.effect}`).join(', ')}`);
  }
  return report;
}

for (const kind of ['sim', 'esim', 'wifi']) {
  const card = SAMPLE_CARDS.find((c) => c.card === kind);
  test(`a screen reader renews a ${kind} card: every enabled button acts or says why, axe finds nothing serious`,
    async (t) => {
      await renew(t, card);
    });
}
