// The options page's decisions on plain data (unit-tested): how card data is shown, where a
// host validation error belongs, and the profile sent back on save.

import { t } from '../shared/i18n.js';

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

// A ledger row's fields, with the record picked in the menu at a field and a "Fill once".
export function ledgerFieldsText(entry) {
  let text = (entry.fields ?? []).join(', ');
  if (entry.record?.label) text = t('ledgerFieldsFromRecord', [text, entry.record.label]);
  if (entry.once === true) text = t('ledgerOnce', text);
  return text;
}

// --- unsaved edits (issue 14) ------------------------------------------------------------------
// When the vault locks while the shopper edits the profile, the page keeps only what the shopper
// changed (not the rest of the profile, which goes with the lock), asks for the password, then
// applies the changes to the profile read again and saves. Records are matched by id; a record
// without one is new.

const RECORD_LISTS = ['addresses', 'cards'];

function changedKeys(before = {}, after = {}) {
  const out = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'id') continue;
    if (String(before[key] ?? '') !== String(after[key] ?? '')) out[key] = after[key] ?? '';
  }
  return out;
}

// What differs between the profile as loaded and the draft, or null when nothing does:
// {person, defaults: {key: value}, addresses|cards: {changed: [{id, fields}], added: [record],
// removed: [id]}}.
export function profileEdits(original, draft) {
  if (!original || !draft) return null;
  const edits = {
    person: changedKeys(original.person, draft.person),
    defaults: changedKeys(original.defaults, draft.defaults),
  };
  let any = Object.keys(edits.person).length > 0 || Object.keys(edits.defaults).length > 0;
  for (const list of RECORD_LISTS) {
    const before = new Map((original[list] ?? []).filter((r) => r.id).map((r) => [r.id, r]));
    const kept = new Set();
    const changes = { changed: [], added: [], removed: [] };
    for (const record of draft[list] ?? []) {
      if (record.id && before.has(record.id)) {
        kept.add(record.id);
        const fields = changedKeys(before.get(record.id), record);
        if (Object.keys(fields).length) changes.changed.push({ id: record.id, fields });
      } else {
        changes.added.push({ ...record });
      }
    }
    changes.removed = [...before.keys()].filter((id) => !kept.has(id));
    edits[list] = changes;
    any ||= changes.changed.length + changes.added.length + changes.removed.length > 0;
  }
  return any ? edits : null;
}

// The profile with the edits applied (a new object; `profile` is left as it was).
export function applyEdits(profile, edits) {
  const out = {
    person: { ...(profile.person ?? {}), ...(edits?.person ?? {}) },
    defaults: { ...(profile.defaults ?? {}), ...(edits?.defaults ?? {}) },
  };
  for (const list of RECORD_LISTS) {
    const changes = edits?.[list] ?? { changed: [], added: [], removed: [] };
    const removed = new Set(changes.removed);
    const records = (profile[list] ?? []).filter((r) => !removed.has(r.id)).map((r) => ({ ...r }));
    for (const { id, fields } of changes.changed) {
      const record = records.find((r) => r.id === id);
      if (record) Object.assign(record, fields);
      else records.push({ ...fields }); // removed meanwhile: kept as a new record
    }
    for (const record of changes.added) records.push({ ...record });
    out[list] = records;
  }
  return out;
}
