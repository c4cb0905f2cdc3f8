// pims' practice shop: a checkout inside the extension, where a new shopper tries a fill before
// a real shop. The page loads the real content script (shop.html), so it is filled exactly as a
// shop is; the background counts it as the reserved site of background/router.js
// (PRACTICE_URL), so its fills follow that site's consent and go to the ledger like any other.
// Nothing leaves the page: "Place order" only shows, here, what a shop would have received.

import { webext, fromBackground } from '../shared/webext.js';
import { PRACTICE_RUN } from '../shared/messages.js';
import { h, fill } from '../shared/dom.js';
import { localize, uiLanguage } from '../shared/i18n.js';

const $ = (id) => document.getElementById(id);

// The countries the country list offers, named in the shopper's language.
const COUNTRIES = [
  'AT',
  'AU',
  'BE',
  'BR',
  'CA',
  'CH',
  'DE',
  'ES',
  'FR',
  'GB',
  'IE',
  'IT',
  'NL',
  'PT',
  'US',
];

function countryOptions() {
  const names = new Intl.DisplayNames([uiLanguage()], { type: 'region' });
  const sorted = COUNTRIES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, uiLanguage()),
  );
  fill(
    $('country'),
    h('option', { value: '' }),
    ...sorted.map((c) => h('option', { value: c.code }, c.name)),
  );
}

// What the shopper sees of a value: a card number by its last four digits, a security code not
// at all (the page is the shopper's own, but a screen can be seen by others).
function shown(el) {
  if (el.id === 'cc-number') return `•••• ${el.value.replace(/\D/g, '').slice(-4)}`;
  if (el.id === 'cc-csc') return '•••';
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent ?? '';
  return el.value;
}

// "Place order": what the form holds, shown on this page only.
function showReceived(event) {
  event.preventDefault();
  const filled = [...$('checkout').elements].filter(
    (el) => (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.value.trim(),
  );
  fill(
    $('received-list'),
    filled.map((el) => [h('dt', {}, el.labels?.[0]?.textContent ?? ''), h('dd', {}, shown(el))]),
  );
  $('received-none').hidden = filled.length > 0;
  $('received').hidden = false;
  $('received-title').focus();
}

// The background runs the content script's commands here (Fill now, the shortcut, a rescan
// after unlocking) as it runs them in a web page with scripting.executeScript, which cannot
// reach an extension page (background.js runInPractice).
webext.runtime.onMessage.addListener((message, sender, respond) => {
  if (message?.type !== PRACTICE_RUN || !fromBackground(sender)) return false;
  const content = globalThis.__pimsContent;
  if (!content) {
    respond({ error: 'not_loaded' });
    return false;
  }
  content.run(message.command).then(respond, () => respond({ error: 'failed' }));
  return true;
});

localize();
countryOptions();
$('checkout').addEventListener('submit', showReceived);
$('checkout').addEventListener('reset', () => {
  $('received').hidden = true;
});
