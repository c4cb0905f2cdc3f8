// The menu at a field, decided from plain data (unit-tested): what it shows for the host's
// `offer` reply (docs/protocol.md) and how big its frame is. The background builds the view
// and keeps it; the menu page draws it; the content script sizes the frame from it.

// Geometry in CSS px. The menu page draws with these (menu.js sets them as CSS variables), so
// the frame the content script makes is exactly as big as what is drawn in it.
export const MENU_LAYOUT = Object.freeze({
  width: 320,
  pad: 6,
  question: 40, // the page's request, two lines at most
  action: 32, // "Fill once", "Always for this shop", "Never for this shop"
  entry: 44, // a record: its label, and its summary under it
  status: 34, // what happened, or why a pick was refused (two short lines)
  maxEntries: 4, // more scroll inside the list
});

// The phrase for each category in "shop.example asks for your ...".
const ASK_WORDS = Object.freeze({
  name: 'name',
  email: 'email',
  phone: 'phone number',
  shipping_address: 'shipping address',
  billing_address: 'billing address',
  card: 'payment card',
  card_csc: 'card security code',
  organization: 'company name',
  birthday: 'date of birth',
});

export const ANSWERS = Object.freeze(['once', 'always', 'never']);
export const ANSWER_LABELS = Object.freeze({
  once: 'Fill once',
  always: 'Always for this shop',
  never: 'Never for this shop',
});

// "a", "a and b", "a, b and c".
export function joinWords(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

// The site as the shopper reads it: "https://fairsocks.com" -> "fairsocks.com"; an http site
// keeps its scheme, which is worth seeing.
export function siteName(site) {
  const text = String(site ?? '');
  return text.startsWith('https://') ? text.slice('https://'.length) : text;
}

const ROLE_NAMES = Object.freeze({
  shipping: 'shipping address',
  billing: 'billing address',
  card: 'card',
  person: 'details',
});

// One line for a record: its label (or, for the person, "Your details").
function entryOf(entry, index, role) {
  const label = String(entry.label ?? '') || (role === 'person' ? 'Your details' : 'Unnamed');
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
  const words = undecided.map((c) => ASK_WORDS[c] ?? c);
  const question =
    undecided.length && (usable || state === 'undecided')
      ? {
          text: `${site} ${usable ? 'also asks' : 'asks'} for your ${joinWords(words)}.`,
          categories: [...undecided],
        }
      : null;
  let note = '';
  if (state === 'once') note = `Just this once: nothing is kept for ${site}.`;
  else if (state === 'undecided') note = `Then choose which ${ROLE_NAMES[offer.role] ?? 'one'}.`;
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
  let height = 2 * L.pad + L.status;
  height += Math.min(view.entries.length, L.maxEntries) * L.entry;
  if (view.question) height += L.question + ANSWERS.length * L.action;
  return { width: L.width, height };
}

// The shopper's words for what a refused pick or answer ran into.
export const MENU_REFUSALS = Object.freeze({
  not_visible: 'Nothing filled: the page hid or covered this menu when you chose.',
  too_soon: 'Nothing filled: the menu had only just appeared. Choose again.',
  page_changing: 'Nothing filled: the page was changing around the menu. Choose again.',
  expired: 'This menu is out of date: click the field again.',
  failed: 'pims could not fill this form.',
});
