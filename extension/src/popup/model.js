// What the popup shows, decided from plain data (unit-tested): the category toggles of a site
// and the lines of its ledger.

import { CATEGORIES, CARD_CATEGORIES, categoryOfField, categoryLabel } from '../shared/protocol.js';
import { t, catalogueTable, formatTime, joinList } from '../shared/i18n.js';

// The three states of a category for a site, as the shopper reads them.
export const STATE_WORDS = catalogueTable(['allowed', 'refused', 'undecided'], 'state_');

// policy: the host's site.get reply {allow, deny, auto_card}; asked: categories the page asks
// for; secure: the page is https. One row per category, the ones this page asks for first;
// each allowed, refused ("never for this shop") or undecided.
export function toggleRows({ allow = [], deny = [] } = {}, asked = [], secure = true) {
  const rows = CATEGORIES.map(({ id, label }) => {
    const card = CARD_CATEGORIES.includes(id);
    let state = 'undecided';
    if (allow.includes(id)) state = 'allowed';
    else if (deny.includes(id)) state = 'refused';
    return {
      id,
      label,
      state,
      checked: state === 'allowed',
      refused: state === 'refused',
      asked: asked.includes(id),
      // Cards never go to http: pages (the host refuses too); the toggle says so.
      disabled: card && !secure,
      note: card && !secure ? t('popupCardNotOnHttp') : '',
    };
  });
  return [...rows.filter((r) => r.asked), ...rows.filter((r) => !r.asked)];
}

// The site.set lists after the shopper set a category to `state` ('allowed', 'refused' or
// 'undecided'): both whole lists, in the host's order, the category in at most one.
export function policyAfterChoice({ allow = [], deny = [] }, id, state) {
  const order = CATEGORIES.map((c) => c.id);
  const allowSet = new Set(allow.filter((c) => c !== id));
  const denySet = new Set(deny.filter((c) => c !== id));
  if (state === 'allowed') allowSet.add(id);
  if (state === 'refused') denySet.add(id);
  return {
    allow: order.filter((c) => allowSet.has(c)),
    deny: order.filter((c) => denySet.has(c)),
  };
}

// "12 Mar 2026, 14:05 — Name and Shipping address (given-name, street-address)", the time and
// the list in the shopper's language.
export function ledgerLine(entry) {
  const time = formatTime(entry.time);
  const categories = [];
  for (const field of entry.fields ?? []) {
    const category = categoryOfField(field);
    if (category && !categories.includes(category)) categories.push(category);
  }
  let what = categories.length ? joinList(categories.map(categoryLabel)) : t('ledgerNothingKnown');
  // The record the shopper picked in the menu at a field, and a "Fill once".
  if (entry.record?.label) what = t('ledgerFromRecord', [what, entry.record.label]);
  if (entry.once === true) what = t('ledgerOnce', what);
  return { time, what, fields: (entry.fields ?? []).join(', ') };
}

export function isSecure(url) {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

// The tab's frames (tab.summary's frames: {frameId, site, url, asked}) split by site: what the
// top site's own frames ask for (shown by its switches, which apply to them), and each frame of
// another site under that site (its own settings decide, and it fills only on a gesture aimed
// at it), so that an ad frame cannot make the shop seem to ask for the card's code.
export function framesBySite(frames = [], topSite = '') {
  const top = new Set();
  const others = new Map();
  for (const frame of frames) {
    const asked = frame.asked ?? [];
    if (frame.site === topSite || (frame.frameId === 0 && !frame.site)) {
      for (const c of asked) top.add(c);
      continue;
    }
    const site = frame.site || hostOf(frame.url);
    let entry = others.get(site);
    if (!entry) {
      entry = { site, hosts: [], asked: new Set(), filled: 0 };
      others.set(site, entry);
    }
    const host = hostOf(frame.url);
    if (host && !entry.hosts.includes(host)) entry.hosts.push(host);
    for (const c of asked) entry.asked.add(c);
    entry.filled += frame.filled ?? 0;
  }
  const order = (set) => CATEGORIES.map((c) => c.id).filter((id) => set.has(id));
  return {
    top: order(top),
    others: [...others.values()].map((e) => ({ ...e, asked: order(e.asked) })),
  };
}

// Where the tab's own page fills, by the host the shopper sees: {host, automatic, hosts}.
// automatic: the site's consent was given on this very host, so its allowed fields fill by
// themselves here; elsewhere on the site they fill only when the shopper asks.
export function consentHere(policy, url) {
  const host = hostOf(url).replace(/:\d+$/, '');
  const hosts = policy?.hosts ?? [];
  return { host, hosts, automatic: hosts.includes(host) };
}
