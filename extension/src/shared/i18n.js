// The shopper's language: every string the extension shows comes from the catalogue in
// _locales/<language>/messages.json through the browser's i18n API (the browser picks the
// language; English is the default_locale and the fallback for a missing key).
//
// In code:   t('fillResult', [count])          -> the message with $1 replaced
// In HTML:   <button data-i18n="fillNow">      -> textContent from the catalogue
//            <input data-i18n-attr="placeholder:searchHint, aria-label:searchLabel">
// localize(root) fills both kinds once the page is parsed.
import { webext } from './webext.js';

// The message `key`, with `substitutions` (a value or an array, at most 9) put in its
// placeholders. A key missing from the catalogue is a bug: it shows as ⟦key⟧ so that it is seen,
// and tests/extension/unit/i18n_test.mjs fails on it before that.
export function t(key, substitutions) {
  const subs =
    substitutions === undefined
      ? undefined
      : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  const message = webext.i18n.getMessage(key, subs);
  return message === '' ? `⟦${key}⟧` : message;
}

// The language the catalogue speaks to the shopper in (for Intl's number and date formats).
export function uiLanguage() {
  return webext.i18n.getUILanguage();
}

// Fills the `data-i18n` and `data-i18n-attr` elements under `root` (default: the document).
export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':').map((part) => part.trim());
      el.setAttribute(attr, t(key));
    }
  }
  if (root === document) document.documentElement.lang = uiLanguage();
}
