// The options page's decisions on plain data (unit-tested): how card data is shown, where a
// host validation error belongs, and the profile sent back on save.

import { t, joinList } from '../shared/i18n.js';

// "•••• 1111": enough to recognise a card, never the number.
export function maskCardNumber(number) {
  const digits = String(number ?? '').replace(/\D/g, '');
  if (!digits) return '';
  return `•••• ${digits.slice(-4)}`;
}

// The input a host error belongs to: "profile.cards[0].cc-number" -> "cards[0].cc-number".
export function errorPath(field) {
  return String(field ?? '').replace(/^profile\./, '');
}

// The host's message without the path it starts with ("cards[0].cc-number: not a valid ...").
export function errorMessage(error) {
  const path = errorPath(error?.field);
  const message = String(error?.message ?? '');
  return path && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

// The shopper's words for a host validation error at a field: the rule of the field's kind, in
// their language (the host's message is English and names the rule in a developer's terms).
const FIELD_RULES = new Set([
  'email',
  'tel',
  'bday',
  'country',
  'cc-number',
  'cc-exp-month',
  'cc-exp-year',
  'cc-csc',
]);
export function fieldProblemText(error) {
  const key = errorPath(error?.field).split('.').at(-1);
  return FIELD_RULES.has(key) ? t(`invalid_${key.replaceAll('-', '_')}`) : t('invalid_other');
}

// A typed card number or security code, digits only; spaces and dashes are how people type.
export function digitsOf(text) {
  return String(text ?? '').replace(/[\s-]/g, '');
}

// The profile to send with profile.put: empty strings and unset numbers left out, so the host
// keeps fields empty rather than validating "".
export function profileForPut(draft) {
  const clean = (record) =>
    Object.fromEntries(
      Object.entries(record).filter(([, v]) => v !== '' && v !== undefined && v !== null),
    );
  return {
    person: clean(draft.person ?? {}),
    addresses: (draft.addresses ?? []).map(clean),
    cards: (draft.cards ?? []).map(clean),
    defaults: clean(draft.defaults ?? {}),
  };
}

// A month or year typed into a number box: an integer, or '' when empty or not a number.
export function integerOrEmpty(text) {
  const t = String(text ?? '').trim();
  return /^\d{1,4}$/.test(t) ? Number.parseInt(t, 10) : '';
}

// A site's row: what it may receive, and what the shopper refused it ("never for this shop").
// labelOf: the category's name for the shopper.
export function siteCategoriesText({ allow = [], deny = [] }, labelOf) {
  const allowed = allow.length ? joinList(allow.map(labelOf)) : t('siteNothing');
  return deny.length ? t('siteAllowedNever', [allowed, joinList(deny.map(labelOf))]) : allowed;
}

// A ledger row's fields, with the record picked in the menu at a field and a "Fill once".
export function ledgerFieldsText(entry) {
  let text = (entry.fields ?? []).join(', ');
  if (entry.record?.label) text = t('ledgerFieldsFromRecord', [text, entry.record.label]);
  if (entry.once === true) text = t('ledgerOnce', text);
  return text;
}
