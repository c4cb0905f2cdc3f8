// The shopper's language: every string the extension shows comes from the catalogue in
// _locales/<language>/messages.json through the browser's i18n API (the browser picks the
// language from its own UI language; English is the default_locale and the fallback for a
// missing key). Numbers, dates and lists are formatted with Intl in that same language.
//
// In code:   t('fillResult', [count])          -> the message with $1 replaced
//            tn('filledFields', n)             -> filledFields_one or filledFields_other, $1 = n
// In HTML:   <button data-i18n="fillNow">      -> textContent from the catalogue
//            <input data-i18n-attr="placeholder:searchHint, aria-label:searchLabel">
//            <p data-i18n="orEnter"><a data-i18n="enterLink" href="..."></a></p>
//              -> the element children are the message's $1, $2, ... in order, so a translation
//                 can put a link or <strong> wherever its grammar wants it
// localize(root) fills all three kinds once the page is parsed.
// tests/extension/unit/i18n.test.mjs guards the catalogues and that the pages use them.

// Resolved at call time, not import time: the content script bundle and node's tests load this
// module too, and the tests install a catalogue stub before calling.
function api() {
  return (globalThis.browser ?? globalThis.chrome)?.i18n;
}

// The message `key`, with `substitutions` (a value or an array, at most 9) put in its
// placeholders. A key missing from the catalogue is a bug: it shows as ⟦key⟧ so that it is
// seen, and the unit tests fail on it before that.
export function t(key, substitutions) {
  const subs =
    substitutions === undefined
      ? undefined
      : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  const message = api()?.getMessage(key, subs) ?? '';
  return message === '' ? `⟦${key}⟧` : message;
}

// The language the catalogue speaks to the shopper in (for Intl's number and date formats):
// the browser's UI language when the catalogue is of that language (en-GB keeps its dates),
// else the catalogue's own (`locale`). The two differ where the browser chose a catalogue in a
// language it has no UI for: Chromium on Linux picks messages from LANGUAGE=de but reports
// en-US when its German resources are not installed.
export function uiLanguage() {
  const catalogue = api()?.getMessage('locale') || 'en';
  const browser = api()?.getUILanguage() ?? '';
  const prefix = catalogue.toLowerCase();
  return browser.toLowerCase() === prefix || browser.toLowerCase().startsWith(`${prefix}-`)
    ? browser
    : catalogue;
}

// A count in the shopper's words: the message `${key}_one` or `${key}_other` as the language's
// plural rules pick for `count` (other categories, such as French "many", use `_other`), with
// $1 the count formatted for the language and `more` as $2, $3, ...
export function tn(key, count, more = []) {
  const category = new Intl.PluralRules(uiLanguage()).select(count);
  const subs = [formatNumber(count), ...(Array.isArray(more) ? more : [more])];
  return t(`${key}_${category === 'one' ? 'one' : 'other'}`, subs);
}

export function formatNumber(n) {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}

// A time the host sent (ISO 8601) as the shopper reads dates; what is not a date stays as sent.
export function formatTime(time) {
  const date = new Date(time);
  return Number.isNaN(date.getTime())
    ? String(time)
    : date.toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
}

// "a", "a and b", "a, b and c" in the shopper's language.
export function joinList(items) {
  return new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(items.map(String));
}

// A table of messages by code ({code: text}) read from the catalogue when used, so that it
// speaks the language of the moment and can be imported where no catalogue is loaded yet.
// Each code's message is `${prefix}${code}`.
export function catalogueTable(codes, prefix) {
  const table = {};
  for (const code of codes) {
    Object.defineProperty(table, code, { enumerable: true, get: () => t(`${prefix}${code}`) });
  }
  return Object.freeze(table);
}

// Private-use characters that mark where a node goes in a message.
const SLOT_OPEN = '\uE000';
const SLOT_CLOSE = '\uE001';

// The message `key` as text and nodes: each substitution that is a DOM node (a link, a <strong>)
// goes where the message puts it, so that a translation can place it where its grammar wants.
// For h() and fill(): fill(el, ...tParts('key', [h('strong', {}, site), count])).
export function tParts(key, substitutions = []) {
  const nodes = [];
  const subs = substitutions.map((sub) => {
    if (typeof sub !== 'object' || sub === null) return sub;
    nodes.push(sub);
    return `${SLOT_OPEN}${nodes.length - 1}${SLOT_CLOSE}`;
  });
  const parts = t(key, subs).split(new RegExp(`${SLOT_OPEN}(\\d)${SLOT_CLOSE}`));
  return parts
    .map((part, i) => (i % 2 === 1 ? nodes[Number(part)] : part))
    .filter((part) => part !== '');
}

function localizeElement(el) {
  const key = el.dataset.i18n;
  const children = [...el.children];
  // The children (localized themselves) go where the message puts $1, $2, ...
  if (children.length) el.replaceChildren(...tParts(key, children));
  else el.textContent = t(key);
}

// Fills the `data-i18n` and `data-i18n-attr` elements under `root` (default: the document).
export function localize(root = document) {
  // Innermost first, so that an element's children are in their words before it places them.
  const marked = [...root.querySelectorAll('[data-i18n]')].reverse();
  for (const el of marked) localizeElement(el);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':').map((part) => part.trim());
      el.setAttribute(attr, t(key));
    }
  }
  if (root === document) {
    document.documentElement.lang = uiLanguage();
    const title = document.querySelector('title[data-i18n]');
    if (title) document.title = title.textContent;
  }
}
