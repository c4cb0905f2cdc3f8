// The popup: the vault's state, and for the current tab's site which categories the page asks
// for, a switch per category (the site's policy, written with site.set), Fill now (a shopper
// gesture, so card fields may fill), what was shared before, and Forget this site.
// Opened as a page with ?tab=ID it acts on that tab (tests, and the options page).

import { webext, fromBackground } from '../shared/webext.js';
import { h, fill } from '../shared/dom.js';
import { ask, errorText } from '../shared/gateway.js';
import { showGate } from '../shared/gate.js';
import { categoryLabel, HOST_ERRORS } from '../shared/protocol.js';
import { t, tn, tParts, joinList, catalogueTable, localize } from '../shared/i18n.js';
import {
  TAB_SUMMARY,
  TAB_FILL,
  TAB_WAITING,
  TAB_CHANGED,
  VAULT_LOCKED,
} from '../shared/messages.js';
import { explanationText, filledText } from '../shared/explain.js';
import {
  toggleRows,
  policyAfterChoice,
  STATE_WORDS,
  ledgerLine,
  isSecure,
  framesBySite,
  consentHere,
} from './model.js';

const $ = (id) => document.getElementById(id);
const VAULT_STATES = catalogueTable(['absent', 'locked', 'unlocked'], 'vaultState_');
const FORGET_CONFIRM_MS = 5000;

let tabId = null;
let tabUrl = '';
let policy = null;
let asked = [];
let frames = [];
let forgetArmedUntil = 0;
let told = false; // the fill result line already says something (do not replace it)

async function currentTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await webext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function showOnly(section) {
  for (const id of ['site', 'not-web']) $(id).hidden = id !== section;
}

async function render() {
  showOnly(null);
  $('lock').hidden = true;
  // A fill asked here while the vault was locked waits for the unlock: say so at the form.
  const waiting = tabId === null ? null : await ask(TAB_WAITING, { tabId });
  const note = waiting?.ok && waiting.waiting ? t('popupPageWaiting') : '';
  const status = await showGate($('gate'), onUnlocked, { note });
  fill($('vault-state'), status.ok ? (VAULT_STATES[status.vault] ?? '') : '');
}

async function onUnlocked() {
  $('lock').hidden = false;
  await showSite();
}

async function showSite() {
  if (tabId === null) return showOnly('not-web');
  const summary = await ask(TAB_SUMMARY, { tabId });
  if (!summary.ok || !summary.web) return showOnly('not-web');
  tabUrl = summary.url;
  frames = summary.frames ?? [];
  const reply = await ask('site.get', { url: tabUrl });
  if (!reply.ok) {
    if (reply.error?.code === 'locked') return render();
    showOnly('site');
    fill($('site-name'), new URL(tabUrl).host);
    fill($('policy-error'), errorText(reply));
    return;
  }
  policy = reply;
  showOnly('site');
  fill($('site-name'), policy.site);
  renderHost();
  $('access').hidden = summary.access !== false;
  renderAsks(summary);
  renderToggles();
  // The page that waited for the unlock was filled meanwhile (background: retryWaitingTabs);
  // else, when the popup opens, what the latest shortcut or menu fill here left out and why.
  if (Number.isInteger(summary.refilled)) {
    fill($('fill-result'), filledText(summary.refilled, t));
    told = true;
  } else if (!told && summary.lastFill) {
    const why = explanationText(summary.lastFill, t, categoryLabel);
    fill($('fill-result'), [filledText(summary.lastFill.filled, t), why].filter(Boolean).join(' '));
    told = true;
  }
  await renderLedger();
}

// The exact address the page's fills go to, and whether they go there by themselves.
function renderHost() {
  const here = consentHere(policy, tabUrl);
  const parts = [t('popupThisPage', here.host)];
  const allowsAny = policy.allow.length > 0;
  if (allowsAny && here.automatic) parts.push(t('popupFillsHere'));
  else if (allowsAny) {
    parts.push(
      here.hosts.length ? t('popupAllowedElsewhere', joinList(here.hosts)) : t('popupFillsOnPress'),
    );
  }
  fill($('host-line'), parts.join(' '));
  $('here-too').hidden = !allowsAny || here.automatic;
}

// The switches show what the top site's own frames ask for; frames of other sites are listed
// apart, each under its own site (framesBySite).
function renderAsks(summary) {
  const split = framesBySite(frames, policy?.site);
  asked = split.top;
  const parts = [];
  if (asked.length) {
    parts.push(t('popupPageAsks', joinList(asked.map(categoryLabel))));
  } else {
    parts.push(t('popupNoFields'));
  }
  if (summary.filled) parts.push(tn('filledFields', summary.filled));
  fill($('asks'), parts.join(' '));
  $('other-sites').hidden = split.others.length === 0;
  fill(
    $('other-frames'),
    split.others.map((other) =>
      h(
        'li',
        { dataset: { site: other.site } },
        other.asked.length
          ? tParts('popupOtherSiteAsks', [
              h('strong', {}, other.site),
              joinList(other.hosts),
              joinList(other.asked.map(categoryLabel)),
            ])
          : tParts('popupOtherSite', [h('strong', {}, other.site), joinList(other.hosts)]),
      ),
    ),
  );
}

function renderToggles() {
  const rows = toggleRows(policy, asked, isSecure(tabUrl));
  const list = $('toggles');
  // Drawn again whenever the page or the policy changes: a keyboard user stays on their switch.
  const focusedId = list.contains(document.activeElement) ? document.activeElement.id : null;
  fill(
    list,
    rows.map((row) => {
      const id = `allow-${row.id}`;
      const input = h('input', {
        id,
        type: 'checkbox',
        role: 'switch',
        checked: row.checked,
        disabled: row.disabled,
        dataset: { category: row.id },
        onchange: (event) => choose(row.id, event.target.checked ? 'allowed' : 'undecided', id),
      });
      // The third state: refused, so that the page stops asking ("Never for this shop").
      const neverId = `deny-${row.id}`;
      const never = h('input', {
        id: neverId,
        type: 'checkbox',
        checked: row.refused,
        dataset: { category: row.id },
        onchange: (event) =>
          choose(row.id, event.target.checked ? 'refused' : 'undecided', neverId),
      });
      return h(
        'li',
        { class: row.asked ? 'switch-row asked' : 'switch-row', dataset: { state: row.state } },
        input,
        h('label', { for: id }, row.label),
        h('span', { class: `state ${row.state}`, id: `state-${row.id}` }, STATE_WORDS[row.state]),
        row.asked ? h('span', { class: 'tag' }, t('popupAskedTag')) : null,
        h('span', { class: 'never' }, never, h('label', { for: neverId }, t('popupNever'))),
        row.note ? h('span', { class: 'note' }, row.note) : null,
      );
    }),
  );
  if (focusedId) $(focusedId)?.focus();
  const cardAllowed = policy.allow.includes('card') || policy.allow.includes('card_csc');
  $('auto-card-row').hidden = !cardAllowed || !isSecure(tabUrl);
  $('auto-card').checked = Boolean(policy.auto_card);
}

async function savePolicy(allow, autoCard, deny = undefined) {
  const inputs = [...document.querySelectorAll('#toggles input, #auto-card')];
  for (const input of inputs) input.disabled = true;
  fill($('policy-error'));
  const body = { url: tabUrl, allow, auto_card: autoCard };
  if (deny) body.deny = deny;
  const reply = await ask('site.set', body);
  if (reply.ok) {
    policy = reply;
  } else {
    fill($('policy-error'), errorText(reply));
  }
  renderHost();
  renderToggles(); // back to what the host holds, whether or not the change was taken
}

// Allowed, refused or undecided: the site's two lists after the change, stored whole.
function choose(category, state, keepId) {
  const { allow, deny } = policyAfterChoice(policy, category, state);
  savePolicy(allow, policy.auto_card, deny).then(() => $(keepId)?.focus());
}

async function renderLedger() {
  const reply = await ask('ledger.list', { url: tabUrl, limit: 10 });
  const list = $('ledger');
  if (!reply.ok) {
    fill(list, h('li', {}, errorText(reply)));
    return;
  }
  if (!reply.entries.length) {
    fill(list, h('li', {}, t('popupNothingShared')));
    return;
  }
  fill(
    list,
    reply.entries.map((entry) => {
      const line = ledgerLine(entry);
      return h(
        'li',
        {},
        h('time', { datetime: entry.time }, line.time),
        ` — ${line.what} `,
        h('span', { class: 'fields' }, `(${line.fields})`),
      );
    }),
  );
}

async function fillNow() {
  const button = $('fill-now');
  button.disabled = true;
  fill($('fill-result'), t('filling'));
  const reply = await ask(TAB_FILL, { tabId });
  button.disabled = false;
  if (!reply.ok) {
    fill($('fill-result'), errorText(reply));
    return;
  }
  let text = tn('filledFields', reply.filled);
  if (reply.error && HOST_ERRORS[reply.error]) text += ` ${HOST_ERRORS[reply.error]}`;
  // Why the rest was not filled, grouped by reason (shared/explain.js).
  const why = explanationText(reply.explanation, t, categoryLabel);
  if (why) text += ` ${why}`;
  fill($('fill-result'), text);
  told = true;
  await showSite();
}

async function forget() {
  const button = $('forget');
  if (Date.now() > forgetArmedUntil) {
    forgetArmedUntil = Date.now() + FORGET_CONFIRM_MS;
    const confirm = policy?.site
      ? t('popupForgetConfirm', policy.site)
      : t('popupForgetConfirmThis');
    fill(button, confirm);
    // A button's new name is not announced by every screen reader: the status says it too.
    fill($('forget-hint'), confirm);
    setTimeout(() => {
      fill(button, t('popupForget'));
      fill($('forget-hint'));
    }, FORGET_CONFIRM_MS);
    return;
  }
  forgetArmedUntil = 0;
  fill(button, t('popupForget'));
  fill($('forget-hint'));
  const reply = await ask('site.forget', { url: tabUrl });
  if (!reply.ok && reply.error?.code !== 'not_found') {
    fill($('policy-error'), errorText(reply));
    return;
  }
  fill($('policy-error'), t('popupForgotten'));
  await showSite();
}

async function lock() {
  await ask('lock');
  await render();
}

webext.runtime.onMessage.addListener((message, sender) => {
  // Only the background's notices: content scripts' messages reach extension pages too.
  const fromExtension = fromBackground(sender);
  if (fromExtension && message?.type === VAULT_LOCKED) {
    render(); // back to the unlock form; nothing of the profile stays on screen
    return false;
  }
  if (
    fromExtension &&
    message?.type === TAB_CHANGED &&
    message.tabId === tabId &&
    policy &&
    message.totals
  ) {
    if (Array.isArray(message.frames)) frames = message.frames;
    renderAsks(message.totals);
    renderToggles();
  }
  return false;
});

$('fill-now').addEventListener('click', fillNow);
// Consent given on this address too (site.set records the page's host).
$('here-too').addEventListener('click', () =>
  savePolicy(policy.allow, policy.auto_card).then(() => $('fill-now').focus()),
);
$('forget').addEventListener('click', forget);
$('lock').addEventListener('click', lock);
$('auto-card').addEventListener('change', (event) =>
  savePolicy(policy.allow, event.target.checked).then(() => $('auto-card').focus()),
);
$('options').addEventListener('click', () => webext.runtime.openOptionsPage());

localize();
currentTabId().then((id) => {
  tabId = id;
  render();
});
