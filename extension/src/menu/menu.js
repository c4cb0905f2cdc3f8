// The menu at a field: an extension page in a frame that the content script puts under the
// field, inside a closed shadow root, so that the page can neither read what it shows nor
// script it. It shows the view the background keeps for its session (shared/menu_view.js) and
// sends the shopper's choices back; the background checks each choice again with the content
// script before anything is stored or filled. Values never pass through here: only labels and
// the host's one-line summaries.
//
// Keyboard as in other autofill menus: the field's ArrowDown moves the focus here; arrows,
// Home and End move, Enter or Space chooses, Escape (or Tab) closes and gives the focus back
// to the field. A screen reader hears a listbox and its options.

import { webext, fromBackground } from '../shared/webext.js';
import { h, fill } from '../shared/dom.js';
import { MENU_STATE, MENU_ANSWER, MENU_PICK, MENU_CLOSE, MENU_FOCUS } from '../shared/messages.js';
import {
  MENU_LAYOUT,
  ANSWERS,
  ANSWER_LABELS,
  MENU_REFUSALS,
  joinWords,
} from '../shared/menu_view.js';
import { createSight } from './sight.js';
import { t, localize } from '../shared/i18n.js';

const $ = (id) => document.getElementById(id);
const session = location.hash.slice(1);
// How long a "never" stays on screen before the menu closes.
const CLOSE_AFTER_MS = 1500;

let options = []; // [{el, kind: 'entry' | 'answer', value}]
let active = -1;
let busy = false;

for (const [key, value] of Object.entries(MENU_LAYOUT)) {
  document.documentElement.style.setProperty(
    `--${key.replace(/[A-Z]/g, '-$&').toLowerCase()}`,
    key === 'maxEntries' ? String(value) : `${value}px`,
  );
}
const sight = createSight($('menu'));
localize();

function send(type, body = {}) {
  return webext.runtime
    .sendMessage({ ...body, type, session })
    .catch(() => ({ ok: false, reason: 'expired' }));
}

function say(text, refused = false) {
  const status = $('status');
  status.className = refused ? 'refused' : '';
  fill(status, text ?? '');
}

function setActive(index) {
  if (options.length === 0) return;
  active = Math.max(0, Math.min(options.length - 1, index));
  options.forEach((o, i) => o.el.setAttribute('aria-selected', String(i === active)));
  const el = options[active].el;
  $('list').setAttribute('aria-activedescendant', el.id);
  el.scrollIntoView({ block: 'nearest' });
}

function option(kind, value, id, ...children) {
  const el = h('li', { role: 'option', id, class: kind, 'aria-selected': 'false' }, ...children);
  const entry = { el, kind, value };
  el.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    setActive(options.indexOf(entry));
    choose(entry);
  });
  options.push(entry);
  return el;
}

function entryGroup(view) {
  const items = view.entries.map((e) =>
    option(
      'entry',
      e.index,
      `entry-${e.index}`,
      h('span', { class: 'label' }, e.default ? t('menuDefault', e.label) : e.label),
      e.summary ? h('span', { class: 'summary' }, e.summary) : null,
    ),
  );
  return h('li', { role: 'presentation' }, h('ul', { role: 'group', class: 'entries' }, items));
}

function questionGroup(view) {
  const items = ANSWERS.map((answer) =>
    option('answer', answer, `answer-${answer}`, ANSWER_LABELS[answer]),
  );
  return h(
    'li',
    { role: 'presentation' },
    h('div', { id: 'question', class: 'question' }, view.question.text),
    h('ul', { role: 'group', 'aria-labelledby': 'question' }, items),
  );
}

function render(view) {
  options = [];
  active = -1;
  const parts = [];
  if (view.entries.length) parts.push(entryGroup(view));
  if (view.question) parts.push(questionGroup(view));
  fill($('list'), parts);
  $('list').removeAttribute('aria-activedescendant');
  say(view.note);
  if (document.hasFocus()) setActive(0);
}

async function close(refocus) {
  await send(MENU_CLOSE, { refocus });
}

async function answer(value) {
  const reply = await send(MENU_ANSWER, { answer: value });
  if (!reply.ok) return say(MENU_REFUSALS[reply.reason] ?? MENU_REFUSALS.failed, true);
  if (!reply.view.open) {
    const words = joinWords(reply.answered ?? []);
    say(value === 'never' ? t('menuNeverSaid', words) : '');
    setTimeout(() => close(true), CLOSE_AFTER_MS);
    return undefined;
  }
  render(reply.view);
  return undefined;
}

async function choose(entry) {
  if (busy) return;
  // A choice counts only when the menu was really on screen (sight.js); the background asks
  // the content script too.
  const seen = sight.verdict();
  // Which check refused a choice, for the tests: 'sight' (here) or 'page' (the content script).
  const refusedBy = (by) => {
    document.documentElement.dataset.refusedBy = by;
  };
  if (!seen.ok) {
    refusedBy('sight');
    say(MENU_REFUSALS[seen.reason], true);
    return;
  }
  busy = true;
  if (entry.kind === 'answer') {
    await answer(entry.value);
  } else {
    const reply = await send(MENU_PICK, { index: entry.value, seen: seen.checked });
    // A fill closes the menu (the content script removes this frame).
    if (!reply.ok) {
      refusedBy('page');
      say(MENU_REFUSALS[reply.reason] ?? MENU_REFUSALS.failed, true);
    }
  }
  busy = false;
}

$('list').addEventListener('keydown', (event) => {
  if (!event.isTrusted) return;
  const keys = {
    ArrowDown: () => setActive(active + 1),
    ArrowUp: () => setActive(active - 1),
    Home: () => setActive(0),
    End: () => setActive(options.length - 1),
    Enter: () => active >= 0 && choose(options[active]),
    ' ': () => active >= 0 && choose(options[active]),
    Escape: () => close(true),
    Tab: () => close(true),
  };
  const run = keys[event.key];
  if (!run) return;
  event.preventDefault();
  run();
});

// The field's ArrowDown focuses this frame: the list takes the focus, its first option active.
function takeFocus() {
  $('list').focus();
  if (active < 0) setActive(0);
}
window.addEventListener('focus', takeFocus);
webext.runtime.onMessage.addListener((message, sender) => {
  if (fromBackground(sender) && message?.type === MENU_FOCUS && message.session === session) {
    takeFocus();
  }
  return false;
});

send(MENU_STATE).then((reply) => {
  if (!reply.ok) {
    say(MENU_REFUSALS.expired, true);
    return;
  }
  render(reply.view);
  if (reply.focus) takeFocus();
  document.documentElement.dataset.shownAt = String(performance.timeOrigin + performance.now());
});
