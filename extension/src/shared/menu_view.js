// The menu at a field, decided from plain data (unit-tested): what it shows for the host's
// `offer` reply (docs/protocol.md) and how big its frame is. The background builds the view
// and keeps it; the menu page draws it; the content script sizes the frame from it.

import { catalogueTable, joinList, t } from './i18n.js';
import { CATEGORY_IDS } from './protocol.js';

// Geometry in CSS px. The menu page draws with these (menu.js sets them as CSS variables), so
// the frame the content script makes is exactly as big as what is drawn in it.
export const MENU_LAYOUT = Object.freeze({
  width: 320,
  pad: 6,
  border: 1, // the menu's outline, inside the frame on every side
  question: 40, // the page's request, two lines at most
  action: 32, // "Fill once", "Always for this shop", "Never for this shop"
  entry: 44, // a record: its label, and its summary under it
  status: 34, // what happened, or why a pick was refused (two short lines)
  maxEntries: 4, // more scroll inside the list
});

// The phrase for each category in "shop.example asks for your ...".
// (The catalogue's `ask_<category>`.)
const ASK_WORDS = catalogueTable(CATEGORY_IDS, 'ask_');

export const ANSWERS = Object.freeze(['once', 'always', 'never']);
export const ANSWER_LABELS = catalogueTable(ANSWERS, 'answer_');

// "a", "a and b", "a, b and c" (in the shopper's language).
export function joinWords(words) {
  return joinList(words);
}

// The site as the shopper reads it: "https://fairsocks.com" -> "fairsocks.com"; an http site
// keeps its scheme, which is worth seeing.
export function siteName(site) {
  const text = String(site ?? '');
  return text.startsWith('https://') ? text.slice('https://'.length) : text;
}

// "Then choose which ...": the catalogue's `menuChoose_<role>`.
const ROLES = Object.freeze(['shipping', 'billing', 'card', 'person']);

// One line for a record: its label (or, for the person, "Your details").
function entryOf(entry, index, role) {
  const label =
    String(entry.label ?? '') || (role === 'person' ? t('menuYourDetails') : t('menuUnnamed'));
  return {
    index,
    label,
    summary: String(entry.summary ?? ''),
    default: entry.default === true,
  };
}

// The view of an offer reply: {site, role, state, question, entries, note, open}.
//   question: {text, categories} when the page asks for categories the site has not decided;
//   entries:  the records the shopper may pick now (the focused category is allowed, or
//             allowed for this fill only), the default first;
//   open:     whether the menu opens at all: never at a field pims does not fill, whose
//             category is refused, or (cards) on a page that is not https.
export function menuView(offer) {
  const site = siteName(offer?.site);
  const state = offer?.state ?? null;
  const undecided = Array.isArray(offer?.undecided) ? offer.undecided : [];
  const usable = state === 'allowed' || state === 'once';
  const entries = usable ? (offer.entries ?? []).map((e, i) => entryOf(e, i, offer.role)) : [];
  const words = undecided.map((c) => (Object.hasOwn(ASK_WORDS, c) ? ASK_WORDS[c] : c));
  const question =
    undecided.length && (usable || state === 'undecided')
      ? {
          text: t(usable ? 'menuAlsoAsks' : 'menuAsks', [site, joinWords(words)]),
          categories: [...undecided],
        }
      : null;
  let note = '';
  if (state === 'once') note = t('menuOnceNote', site);
  else if (state === 'undecided') {
    note = t(ROLES.includes(offer.role) ? `menuChoose_${offer.role}` : 'menuChoose_other');
  }
  return {
    site,
    role: offer?.role ?? null,
    state,
    question,
    entries,
    note,
    open: offer?.menu !== false && (entries.length > 0 || (state === 'undecided' && !!question)),
  };
}

// The frame's size for a view, from MENU_LAYOUT.
export function menuSize(view) {
  const L = MENU_LAYOUT;
  let height = 2 * L.border + 2 * L.pad + L.status;
  height += Math.min(view.entries.length, L.maxEntries) * L.entry;
  if (view.question) height += L.question + ANSWERS.length * L.action;
  return { width: L.width, height };
}

// The shopper's words for what a refused pick or answer ran into.
export const MENU_REFUSALS = catalogueTable(
  ['not_visible', 'too_soon', 'page_changing', 'expired', 'failed'],
  'menuRefused_',
);
