// What the popup shows, decided from plain data (unit-tested): the category toggles of a site
// and the lines of its ledger.

import { CATEGORIES, CARD_CATEGORIES, categoryOfField, categoryLabel } from '../shared/protocol.js';

// policy: the host's site.get reply {allow, auto_card}; asked: categories the page asks for;
// secure: the page is https. One row per category, the ones this page asks for first.
export function toggleRows({ allow = [] } = {}, asked = [], secure = true) {
  const rows = CATEGORIES.map(({ id, label }) => {
    const card = CARD_CATEGORIES.includes(id);
    return {
      id,
      label,
      checked: allow.includes(id),
      asked: asked.includes(id),
      // Cards never go to http: pages (the host refuses too); the toggle says so.
      disabled: card && !secure,
      note: card && !secure ? 'never on http: pages' : '',
    };
  });
  return [...rows.filter((r) => r.asked), ...rows.filter((r) => !r.asked)];
}

// The allow list after one toggle changed, in the host's category order.
export function allowAfterToggle(allow, id, on) {
  const set = new Set(allow);
  if (on) set.add(id);
  else set.delete(id);
  return CATEGORIES.map((c) => c.id).filter((c) => set.has(c));
}

// "12 Mar 2026, 14:05 — Name, Shipping address (given-name, street-address)"
export function ledgerLine(entry, locale = undefined) {
  const when = new Date(entry.time);
  const time = Number.isNaN(when.getTime())
    ? String(entry.time)
    : when.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const categories = [];
  for (const field of entry.fields ?? []) {
    const category = categoryOfField(field);
    if (category && !categories.includes(category)) categories.push(category);
  }
  const what = categories.length ? categories.map(categoryLabel).join(', ') : 'nothing known';
  return { time, what, fields: (entry.fields ?? []).join(', ') };
}

export function isSecure(url) {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
