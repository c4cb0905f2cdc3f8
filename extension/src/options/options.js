// The options page: profile editor, sites and their permissions, the ledger, settings, import
// and export.
// The profile lives only in this page's memory while it is open (card numbers included, since
// profile.put replaces the whole profile); it is dropped when the vault locks, except what the
// shopper changed and has not saved yet (model.js profileEdits), which waits in this page for the
// password and is then saved. Nothing goes to extension storage: the settings live in the vault.

import { webext, fromBackground } from '../shared/webext.js';
import { VAULT_LOCKED } from '../shared/messages.js';
import { h, fill, nextId } from '../shared/dom.js';
import { ask, errorText } from '../shared/gateway.js';
import { showGate, newPasswordProblem } from '../shared/gate.js';
import { categoryLabel, CATEGORIES } from '../shared/protocol.js';
import { t, tn, formatNumber, formatTime, joinList, localize, uiLanguage } from '../shared/i18n.js';
import { policyAfterChoice } from '../popup/model.js';
import { importPanel, exportPanel } from '../shared/transfer.js';
import { addressLayout, countryChoices } from './address_layout.js';
import { RECORD_FIELDS } from '../shared/vocabulary.js';
import {
  maskCardNumber,
  errorPath,
  fieldProblemText,
  digitsOf,
  profileForPut,
  integerOrEmpty,
  ledgerFieldsText,
  profileEdits,
  applyEdits,
} from './model.js';

const $ = (id) => document.getElementById(id);

// The editor's fields are the keys each record stores (the vocabulary, which the host reads
// too), each labelled here and shown as an input of its rule's kind. Card number and security
// code are secret: typed to replace, shown masked.
// (Each field's label is the catalogue's `field_<key>`, '-' written '_'; a record's label field
// is `recordLabel_<kind>`.)
const fieldLabel = (key) => t(`field_${key.replaceAll('-', '_')}`);
const INPUT_KINDS = {
  email: 'email',
  tel: 'tel',
  date: 'date',
  multiline: 'textarea',
  card_number: 'secret',
  csc: 'secret',
  month: 'integer',
  year: 'integer',
};

function editorFields(kind) {
  return RECORD_FIELDS[kind].map(([key, rule]) => [
    key,
    key === 'label' ? t(`recordLabel_${kind}`) : fieldLabel(key),
    INPUT_KINDS[rule],
  ]);
}
const PERSON_FIELDS = editorFields('person');
const ADDRESS_FIELDS = editorFields('address');
const CARD_FIELDS = editorFields('card');

let draft = null; // the profile being edited
let original = null; // the profile as the host gave it, to tell what the shopper changed
// The shopper's unsaved changes while the vault is locked (model.js profileEdits), or null.
let pendingEdits = null;
let sites = []; // site.list's sites, as the Sites section shows them
const confirming = new Set(); // sites whose Forget waits for the shopper's confirmation
// The host's choices (`places`), read once; the countries named and sorted once with them.
let places = { countries: [], regions: {}, named: [] };
let ledgerBefore = null;
// The address editor is drawn again this long after the last change of a country select.
const COUNTRY_REDRAW_MS = 700;
let countryRedraw = 0;

// --- vault state ---------------------------------------------------------------------------

function forgetEverything() {
  // What the shopper typed and did not save yet stays (only that): it is saved after unlocking.
  const edits = profileEdits(original, draft);
  if (edits) pendingEdits = edits;
  draft = null;
  original = null;
  sites = [];
  confirming.clear();
  fill($('person'), h('legend', {}, t('profileYou')));
  fill($('addresses'));
  fill($('cards'));
  fill($('site-rows'));
  fill($('ledger-rows'));
}

async function render() {
  $('content').hidden = true;
  $('nav').hidden = true;
  $('lock').hidden = true;
  forgetEverything();
  const note = pendingEdits ? t('optionsEditsWaiting') : '';
  await showGate(
    $('gate'),
    () => {
      $('content').hidden = false;
      $('nav').hidden = false;
      $('lock').hidden = false;
      loadAll();
    },
    { note },
  );
}

// A reply that says the vault locked itself (auto-lock) sends the page back to the gate.
function lockedOut(reply) {
  if (reply?.error?.code === 'locked') {
    render();
    return true;
  }
  return false;
}

async function loadAll() {
  await loadProfile();
  await loadSites();
  await loadSettings();
  importPanel($('import'), { onImported: () => loadProfile() });
  exportPanel($('export'));
}

// --- profile -------------------------------------------------------------------------------

function inputFor(record, key, label, kind, path) {
  const id = nextId('f');
  const error = h('span', { class: 'error field-error', id: `${id}-error` });
  const common = {
    id,
    'aria-describedby': `${id}-error`,
    dataset: { path },
    autocomplete: 'off',
  };
  let input;
  const choices = choicesFor(record, key);
  if (choices) {
    input = h(
      'select',
      common,
      h('option', { value: '' }, key === 'country' ? t('chooseCountry') : t('choose')),
      choices.map((c) => h('option', { value: c.code }, c.name)),
    );
    input.value = record[key] ?? '';
    input.addEventListener('change', () => {
      record[key] = input.value;
      // Another country has other fields, names and regions: draw the address again, once the
      // shopper has chosen. A closed select changes with every key typed or arrow pressed, and
      // drawing it again at once would reset the browser's type-ahead ("United K..."); the
      // focus stays where the shopper is then (renderProfile).
      if (key === 'country') {
        clearTimeout(countryRedraw);
        countryRedraw = setTimeout(() => renderProfile(), COUNTRY_REDRAW_MS);
      }
    });
    return h('div', { class: 'row' }, h('label', { for: id }, label), input, error);
  }
  if (kind === 'textarea') {
    input = h('textarea', { ...common, rows: 2, value: record[key] ?? '' });
  } else if (kind === 'secret') {
    const masked = key === 'cc-number' ? maskCardNumber(record[key]) : record[key] ? '•••' : '';
    input = h('input', {
      ...common,
      type: 'text',
      inputmode: 'numeric',
      value: '',
      placeholder: masked ? t('maskedTypeToReplace', masked) : '',
    });
  } else {
    const type = kind === 'integer' ? 'number' : (kind ?? 'text');
    input = h('input', { ...common, type, value: record[key] ?? '' });
  }
  const original = record[key];
  const extra = [];
  if (key === 'cc-csc' && original) {
    // A stored security code can be forgotten (typing nothing keeps it).
    extra.push(
      h(
        'button',
        {
          type: 'button',
          onclick: (event) => {
            record[key] = '';
            input.placeholder = '';
            fill(event.target.parentElement.querySelector('.field-error'), t('cscCleared'));
            event.target.remove();
            input.focus();
          },
        },
        t('cscClear'),
      ),
    );
  }
  input.addEventListener('input', () => {
    if (kind === 'secret') {
      const typed = digitsOf(input.value);
      record[key] = typed === '' ? original : typed;
    } else if (kind === 'integer') {
      record[key] = integerOrEmpty(input.value);
    } else {
      record[key] = input.value;
    }
  });
  return h('div', { class: 'row' }, h('label', { for: id }, label), input, error, extra);
}

// The fixed choices of a field, or null: every country (named in the shopper's language), and
// the regions of a country that has a fixed list (the stored value stays a choice if it is not
// one of them).
function choicesFor(record, key) {
  if (key === 'country' && places.countries.length) {
    return record.country && !places.countries.includes(record.country)
      ? [{ code: record.country, name: record.country }, ...places.named]
      : places.named;
  }
  const regions = key === 'address-level1' ? places.regions[record.country] : null;
  if (!regions) return null;
  const stored = record[key];
  return stored && !regions.some((r) => r.code === stored)
    ? [{ code: stored, name: stored }, ...regions]
    : regions;
}

// An address's fields as its country lays them out (address_layout.js).
function addressFields(address) {
  const layout = addressLayout(address.country);
  const byKey = new Map(ADDRESS_FIELDS.map((f) => [f[0], f]));
  return layout.fields
    .filter((key) => byKey.has(key))
    .map((key) => {
      const [, label, kind] = byKey.get(key);
      return [key, layout.label(key, label), kind];
    });
}

function recordFieldset(kind, name, record, fields, path, onRemove) {
  return h(
    'fieldset',
    { class: 'record' },
    h('legend', {}, t(`recordLegend_${kind}`, name)),
    fields.map(([key, label, type]) => inputFor(record, key, label, type, `${path}.${key}`)),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: onRemove,
        // The visible words first (WCAG 2.5.3, label in name), then which record.
        'aria-label': t(`recordRemoveNamed_${kind}`, name),
      },
      t(`recordRemove_${kind}`),
    ),
  );
}

// Draws the profile editor from the draft; focusPath: the field to give the focus to, by
// default the one that has it now (drawn again, it is a new element: the shopper stays there).
function renderProfile(focusPath = document.activeElement?.dataset?.path) {
  clearTimeout(countryRedraw);
  fill(
    $('person'),
    h('legend', {}, t('profileYou')),
    PERSON_FIELDS.map(([key, label, kind]) =>
      inputFor(draft.person, key, label, kind, `person.${key}`),
    ),
  );
  fill(
    $('addresses'),
    draft.addresses.map((address, i) =>
      recordFieldset(
        'address',
        address.label || formatNumber(i + 1),
        address,
        addressFields(address),
        `addresses[${i}]`,
        () => {
          draft.addresses.splice(i, 1);
          renderProfile();
          $('add-address').focus(); // the removed record's button is gone: keep the place
        },
      ),
    ),
  );
  fill(
    $('cards'),
    draft.cards.map((card, i) =>
      recordFieldset(
        'card',
        card.label || formatNumber(i + 1),
        card,
        CARD_FIELDS,
        `cards[${i}]`,
        () => {
          draft.cards.splice(i, 1);
          renderProfile();
          $('add-card').focus();
        },
      ),
    ),
  );
  renderDefaults();
  if (focusPath) document.querySelector(`[data-path="${CSS.escape(focusPath)}"]`)?.focus();
}

function renderDefaults() {
  const choice = (key, label, records) => {
    const id = nextId('d');
    const select = h(
      'select',
      { id, dataset: { path: `defaults.${key}` } },
      h('option', { value: '' }, t('defaultFirst')),
      records.filter((r) => r.id).map((r) => h('option', { value: r.id }, r.label || r.id)),
    );
    select.value = draft.defaults[key] ?? '';
    select.addEventListener('change', () => {
      draft.defaults[key] = select.value;
    });
    return h('div', { class: 'row' }, h('label', { for: id }, label), select);
  };
  fill(
    $('defaults'),
    h('legend', {}, t('defaults')),
    choice('shipping', t('category_shipping_address'), draft.addresses),
    choice('billing', t('category_billing_address'), draft.addresses),
    choice('card', t('defaultCard'), draft.cards),
    h('p', { class: 'note' }, t('defaultsNote')),
  );
}

function useProfile(profile) {
  original = structuredClone(profile);
  draft = {
    person: { ...(profile.person ?? {}) },
    addresses: (profile.addresses ?? []).map((a) => ({ ...a })),
    cards: (profile.cards ?? []).map((c) => ({ ...c })),
    defaults: { ...(profile.defaults ?? {}) },
  };
  renderProfile();
}

async function loadPlaces() {
  if (places.countries.length) return;
  const reply = await ask('places');
  if (!reply.ok) return;
  places = {
    countries: reply.countries,
    regions: reply.regions,
    named: countryChoices(reply.countries, uiLanguage()),
  };
}

async function loadProfile() {
  await loadPlaces();
  const reply = await ask('profile.get');
  if (lockedOut(reply)) return;
  if (!reply.ok) {
    fill($('profile-error'), errorText(reply));
    return;
  }
  useProfile(reply.profile);
  if (pendingEdits) {
    // Edits made before the vault locked: on the profile as it is now, then saved.
    draft = applyEdits(draft, pendingEdits);
    pendingEdits = null;
    renderProfile();
    if (await putDraft()) fill($('profile-saved'), t('optionsEditsSaved'));
  }
}

function clearFieldErrors() {
  for (const el of document.querySelectorAll('.field-error')) fill(el);
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

// Shows a host error at its field; returns the field, or null when none matches.
function markProblem(error) {
  const path = errorPath(error?.field);
  const input = path ? document.querySelector(`[data-path="${CSS.escape(path)}"]`) : null;
  if (!input) return null;
  input.setAttribute('aria-invalid', 'true');
  fill($(`${input.id}-error`), fieldProblemText(error));
  return input;
}

async function saveProfile(event) {
  event.preventDefault();
  if (await putDraft()) fill($('profile-saved'), t('saved'));
}

// Stores the draft (profile.put); true when it was saved. A locked vault keeps the edits
// (render). Problems show at their fields.
async function putDraft() {
  clearFieldErrors();
  fill($('profile-error'));
  fill($('profile-saved'), t('saving'));
  const reply = await ask('profile.put', { profile: profileForPut(draft) });
  fill($('profile-saved'));
  if (lockedOut(reply)) return false;
  if (!reply.ok) {
    // Every problem at once, each at its field (profile.check); the reply's own as a fallback.
    const check =
      reply.error?.code === 'invalid_field'
        ? await ask('profile.check', { profile: profileForPut(draft) })
        : null;
    const problems = check?.ok && check.problems.length ? check.problems : [reply.error];
    const marked = problems.map(markProblem).filter(Boolean);
    marked[0]?.focus();
    fill(
      $('profile-error'),
      problems.length > 1 ? tn('fieldsNeedALook', problems.length) : errorText(reply),
    );
    return false;
  }
  useProfile(reply.profile);
  return true;
}

// --- sites ---------------------------------------------------------------------------------

function when(time) {
  return time ? formatTime(time) : t('neverShared');
}

async function loadSites() {
  const reply = await ask('site.list');
  if (lockedOut(reply)) return;
  if (!reply.ok) {
    fill($('sites-error'), errorText(reply));
    return;
  }
  fill($('sites-error'));
  sites = reply.sites ?? [];
  confirming.clear();
  renderSites();
  const select = $('ledger-site');
  const chosen = select.value;
  fill(
    select,
    h('option', { value: '' }, t('allSites')),
    sites.map((s) => h('option', { value: s.site }, s.site)),
  );
  select.value = sites.some((s) => s.site === chosen) ? chosen : '';
  await loadLedger(true);
}

// The Sites section: per site, a switch per category, card without asking, when it last
// received something, and Forget (confirmed in the row). focus: a selector of the control to
// give the focus back to once the rows are drawn again.
function renderSites(focus) {
  fill(
    $('site-rows'),
    sites.length ? sites.map(siteRow) : h('tr', {}, h('td', { colspan: 5 }, t('noSites'))),
  );
  if (focus) document.querySelector(focus)?.focus();
}

function siteRow(s) {
  const legendId = nextId('site');
  const categories = h(
    'fieldset',
    { class: 'site-categories', 'aria-labelledby': legendId },
    h('legend', { id: legendId, class: 'visually-hidden' }, t('sitesAllowedFor', s.site)),
    h(
      'ul',
      { class: 'inline-switches' },
      CATEGORIES.map(({ id, label }) => {
        const inputId = nextId('site-cat');
        const refused = (s.deny ?? []).includes(id);
        return h(
          'li',
          {},
          h('input', {
            id: inputId,
            type: 'checkbox',
            checked: (s.allow ?? []).includes(id),
            dataset: { site: s.site, category: id },
            onchange: (event) =>
              setSiteCategory(s, id, event.target.checked ? 'allowed' : 'undecided'),
          }),
          h('label', { for: inputId }, label),
          refused ? h('span', { class: 'note' }, ` (${t('sitesNever')})`) : null,
        );
      }),
    ),
  );
  const actions = confirming.has(s.site)
    ? h(
        'div',
        { class: 'confirm', role: 'group', 'aria-label': t('sitesForgetConfirm', s.site) },
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            dataset: { site: s.site, action: 'forget-yes' },
            onclick: () => forgetSite(s.site),
          },
          t('sitesForgetYes'),
        ),
        h(
          'button',
          {
            type: 'button',
            dataset: { site: s.site, action: 'forget-cancel' },
            onclick: () => cancelForget(s.site),
          },
          t('sitesForgetCancel'),
        ),
      )
    : h(
        'button',
        {
          type: 'button',
          class: 'danger',
          dataset: { site: s.site, action: 'forget' },
          'aria-label': t('sitesForgetLabel', s.site),
          onclick: () => askForget(s.site),
        },
        t('sitesForget'),
      );
  return h(
    'tr',
    { dataset: { site: s.site } },
    h(
      'th',
      { scope: 'row' },
      s.site,
      // The addresses consent was given on: fills by itself there, elsewhere on Fill.
      s.hosts?.length
        ? h('span', { class: 'note hosts' }, ` ${t('siteFillsOn', joinList(s.hosts))}`)
        : null,
    ),
    h('td', {}, categories),
    h(
      'td',
      {},
      h('input', {
        type: 'checkbox',
        checked: Boolean(s.auto_card),
        'aria-label': t('sitesAutoCardLabel', s.site),
        dataset: { site: s.site, action: 'auto-card' },
        onchange: (event) => setSiteAutoCard(s, event.target.checked),
      }),
    ),
    h('td', {}, when(s.last_shared)),
    h('td', {}, actions),
  );
}

const siteSelector = (site, extra) => `[data-site="${CSS.escape(site)}"]${extra}`;

// site.set on an address the shopper already gave this site's consent on (the site's own
// address when there is none), so that an edit here adds no address where it fills by itself.
function siteUrl(s) {
  const scheme = s.site.split('://')[0];
  return s.hosts?.length ? `${scheme}://${s.hosts[0]}` : s.site;
}

async function saveSite(s, body, focus) {
  fill($('sites-error'));
  const reply = await ask('site.set', { url: siteUrl(s), ...body });
  if (lockedOut(reply)) return;
  if (!reply.ok) {
    fill($('sites-error'), errorText(reply));
  } else {
    const i = sites.findIndex((x) => x.site === s.site);
    if (i !== -1) sites[i] = { ...sites[i], ...reply };
    fill($('sites-status'), t('sitesSaved', s.site));
  }
  renderSites(focus); // what the host holds, whether or not the change was taken
}

function setSiteCategory(s, category, state) {
  const { allow, deny } = policyAfterChoice(s, category, state);
  saveSite(
    s,
    { allow, deny, auto_card: Boolean(s.auto_card) },
    siteSelector(s.site, `[data-category="${category}"]`),
  );
}

function setSiteAutoCard(s, on) {
  saveSite(
    s,
    { allow: s.allow ?? [], auto_card: on },
    siteSelector(s.site, '[data-action="auto-card"]'),
  );
}

// Forget asks first, in the row: the question is announced, the focus goes to Cancel.
function askForget(site) {
  confirming.add(site);
  fill($('sites-status'), t('sitesForgetConfirm', site));
  renderSites(siteSelector(site, '[data-action="forget-cancel"]'));
}

function cancelForget(site) {
  confirming.delete(site);
  fill($('sites-status'));
  renderSites(siteSelector(site, '[data-action="forget"]'));
}

async function forgetSite(site) {
  const reply = await ask('site.forget', { url: site });
  if (lockedOut(reply)) return;
  confirming.delete(site);
  if (!reply.ok && reply.error?.code !== 'not_found') {
    fill($('sites-error'), errorText(reply));
    renderSites(siteSelector(site, '[data-action="forget"]'));
    return;
  }
  const i = sites.findIndex((x) => x.site === site);
  sites = sites.filter((x) => x.site !== site);
  fill($('sites-status'), t('sitesForgotten', site));
  // The focus goes to the next site's Forget (or the one before), else to the section's title.
  const next = sites[Math.min(i, sites.length - 1)];
  renderSites(next ? siteSelector(next.site, '[data-action="forget"]') : '#sites-title');
}

// --- ledger --------------------------------------------------------------------------------

async function loadLedger(fresh) {
  if (fresh) {
    ledgerBefore = null;
    fill($('ledger-rows'));
  }
  const site = $('ledger-site').value;
  const body = { limit: 50 };
  if (site) body.url = site;
  if (ledgerBefore !== null) body.before = ledgerBefore;
  const reply = await ask('ledger.list', body);
  if (lockedOut(reply)) return;
  if (!reply.ok) {
    $('ledger-rows').append(h('tr', {}, h('td', { colspan: 3 }, errorText(reply))));
    return;
  }
  if (fresh && reply.entries.length === 0) {
    $('ledger-rows').append(h('tr', {}, h('td', { colspan: 3 }, t('ledgerEmpty'))));
  }
  for (const entry of reply.entries) {
    $('ledger-rows').append(
      h(
        'tr',
        {},
        h('td', {}, h('time', { datetime: entry.time }, when(entry.time))),
        h('td', {}, entry.site),
        h('td', {}, ledgerFieldsText(entry)),
      ),
    );
  }
  ledgerBefore = reply.next ?? null;
  $('ledger-more').hidden = ledgerBefore === null;
}

async function verifyLedger() {
  fill($('verify-result'), t('ledgerChecking'));
  const reply = await ask('ledger.verify');
  if (lockedOut(reply)) return;
  fill(
    $('verify-result'),
    reply.ok ? tn('ledgerIntact', reply.entries) : t('ledgerNotIntact', errorText(reply)),
  );
  $('verify-result').className = reply.ok ? 'ok' : 'error';
}

// --- settings ------------------------------------------------------------------------------

async function loadSettings() {
  const reply = await ask('settings.get');
  if (lockedOut(reply)) return;
  if (!reply.ok) return;
  $('autolock').value = reply.autolock_minutes;
  $('autofill').checked = reply.autofill !== false;
  $('menu').checked = reply.menu !== false;
}

async function saveAutolock(event) {
  event.preventDefault();
  const minutes = integerOrEmpty($('autolock').value);
  if (minutes === '' || minutes > 1440) {
    fill($('autolock-result'), t('autolockRange', [formatNumber(0), formatNumber(1440)]));
    return;
  }
  const reply = await ask('settings.set', { autolock_minutes: minutes });
  if (lockedOut(reply)) return;
  fill($('autolock-result'), reply.ok ? t('saved') : errorText(reply));
}

// Kept in the vault with the other settings, where no web page's renderer can write it.
// The menu at a field is a setting of the vault for the same reason: a page cannot turn it on.
async function saveSwitch(id) {
  const reply = await ask('settings.set', { [id]: $(id).checked });
  if (lockedOut(reply)) return;
  if (!reply.ok) $(id).checked = !$(id).checked;
}

async function changePassword(event) {
  event.preventDefault();
  const old = $('old-password');
  const next = $('new-password');
  const again = $('new-password2');
  const problem = newPasswordProblem(next.value, again.value);
  if (problem) {
    fill($('passwd-result'), problem);
    next.focus();
    return;
  }
  const reply = await ask('passwd', { old: old.value, new: next.value });
  old.value = '';
  next.value = '';
  again.value = '';
  if (lockedOut(reply)) return;
  fill($('passwd-result'), reply.ok ? t('passwdChanged') : errorText(reply));
  $('passwd-result').className = reply.ok ? 'ok' : 'error';
}

// --- wiring --------------------------------------------------------------------------------

$('profile-form').addEventListener('submit', saveProfile);
// A new record opens at its first field.
$('add-address').addEventListener('click', () => {
  draft.addresses.push({});
  renderProfile(`addresses[${draft.addresses.length - 1}].label`);
});
$('add-card').addEventListener('click', () => {
  draft.cards.push({});
  renderProfile(`cards[${draft.cards.length - 1}].label`);
});
$('ledger-site').addEventListener('change', () => loadLedger(true));
$('ledger-more').addEventListener('click', () => loadLedger(false));
$('verify').addEventListener('click', verifyLedger);
$('autolock-form').addEventListener('submit', saveAutolock);
$('autofill').addEventListener('change', () => saveSwitch('autofill'));
$('menu').addEventListener('change', () => saveSwitch('menu'));
// The vault locked (idle time, Lock in the popup, the host gone): nothing of the profile stays on
// screen or in the page's memory.
webext.runtime.onMessage.addListener((message, sender) => {
  if (fromBackground(sender) && message?.type === VAULT_LOCKED) render();
  return false;
});
$('passwd-form').addEventListener('submit', changePassword);
$('lock').addEventListener('click', async () => {
  // The shopper locked this page themselves: their unsaved edits go with the profile.
  draft = null;
  pendingEdits = null;
  await ask('lock');
  render();
});

localize();
render();
