// The offer to save what the shopper typed: an extension page in a frame that the top frame's
// content script puts at the top right of the page, inside a closed shadow root, so that the
// page can neither read what it shows nor script it (content/save_bar.js). It shows the view the
// background keeps for its offer (background/save.js: card numbers masked, no security code) and
// sends the shopper's answer back; the background asks the content script whether this frame
// was really visible before anything is stored.

import { webext } from '../shared/webext.js';
import { h, fill } from '../shared/dom.js';
import { t, localize, uiLanguage } from '../shared/i18n.js';
import { SAVE_STATE, SAVE_ANSWER, SAVE_RESIZE, SAVE_CLOSE } from '../shared/messages.js';
import {
  saveTitle,
  recordHeading,
  recordLines,
  primaryLabel,
  siteLabel,
} from '../shared/save_view.js';
import { createSight } from './sight.js';

const $ = (id) => document.getElementById(id);
const session = location.hash.slice(1);
// How long "Saved" stays on screen before the frame closes.
const CLOSE_AFTER_MS = 1500;

localize();
const sight = createSight($('offer'));
let busy = false;

function send(type, body = {}) {
  return webext.runtime
    .sendMessage({ ...body, type, session })
    .catch(() => ({ ok: false, reason: 'expired' }));
}

function say(text, refused = false) {
  $('status').className = refused ? 'refused' : '';
  fill($('status'), text ?? '');
}

const REFUSALS = {
  not_visible: 'saveRefusedHidden',
  too_soon: 'saveRefusedSoon',
  page_changing: 'saveRefusedChanging',
  expired: 'saveRefusedExpired',
  locked: 'saveRefusedLocked',
  failed: 'saveRefusedFailed',
};

function countryNamer() {
  try {
    const names = new Intl.DisplayNames([uiLanguage()], { type: 'region' });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
}

function render(view) {
  const { records } = view;
  fill($('title'), saveTitle(records, t));
  fill($('site'), t('saveTypedOn', siteLabel(view.site)));
  const namer = countryNamer();
  const parts = [];
  for (const r of records) {
    if (records.length > 1) parts.push(h('h2', {}, recordHeading(r, t)));
    const lines = recordLines(r, t, namer).map((line) =>
      h(
        'li',
        { class: line.changed ? 'changed' : null },
        line.text,
        line.changed ? h('span', { class: 'visually-hidden' }, ` (${t('saveChanged')})`) : null,
      ),
    );
    parts.push(h('ul', { class: 'record' }, lines));
  }
  fill($('records'), parts);
  $('csc-row').hidden = !records.some((r) => r.csc);
  fill($('save'), primaryLabel(records, t));
  resize();
}

function resize() {
  send(SAVE_RESIZE, { height: Math.ceil($('offer').getBoundingClientRect().height) + 2 });
}

function closeSoon() {
  setTimeout(() => send(SAVE_CLOSE), CLOSE_AFTER_MS);
}

async function choose(answer) {
  if (busy) return;
  // A choice counts only when this frame was really on screen (sight.js); the background asks
  // the content script too.
  const seen = sight.verdict();
  if (!seen.ok) {
    document.documentElement.dataset.refusedBy = 'sight';
    say(t(REFUSALS[seen.reason] ?? REFUSALS.failed), true);
    return;
  }
  busy = true;
  const reply = await send(SAVE_ANSWER, { answer, csc: $('csc').checked });
  busy = false;
  if (!reply.ok) {
    if (reply.reason !== 'locked' && reply.reason !== 'failed') {
      document.documentElement.dataset.refusedBy = 'page';
    }
    const detail = reply.error?.message ? ` ${reply.error.message}` : '';
    say(t(REFUSALS[reply.reason] ?? REFUSALS.failed) + detail, true);
    resize();
    return;
  }
  for (const button of document.querySelectorAll('button')) button.disabled = true;
  if (answer === 'save') say(t('saveDone'));
  else if (answer === 'never') say(t('saveNeverDone', siteLabel($('site').dataset.site)));
  document.documentElement.dataset.answered = answer;
  if (answer === 'not_now') send(SAVE_CLOSE);
  else closeSoon();
}

for (const [id, answer] of [
  ['save', 'save'],
  ['not-now', 'not_now'],
  ['never', 'never'],
]) {
  $(id).addEventListener('click', (event) => {
    if (event.isTrusted) choose(answer);
  });
}
document.addEventListener('keydown', (event) => {
  if (event.isTrusted && event.key === 'Escape') choose('not_now');
});

send(SAVE_STATE).then((reply) => {
  if (!reply.ok) {
    say(t(REFUSALS.expired), true);
    return;
  }
  $('site').dataset.site = reply.view.site;
  render(reply.view);
  document.documentElement.dataset.shownAt = String(performance.timeOrigin + performance.now());
});
