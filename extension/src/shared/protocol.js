// The pims host protocol as the extension sees it: verbs, error codes, consent categories.
// Mirrors docs/protocol.md (host/src/protocol/verbs.cpp, host/include/pims/status.h); the
// categories and their fields come from the vocabulary (vocabulary.js, generated). The host's codes are append-only; so is this copy.

import {
  AUTOFILL_FIELDS,
  CATEGORY_IDS as VOCABULARY_CATEGORY_IDS,
  CATEGORY_FIELDS,
} from './vocabulary.js';
import { catalogueTable } from './i18n.js';

export const HOST_NAME = 'org.pims.host';

// Every verb the host answers. `fill` and `offer` are sent only by the background itself, with
// the URL the browser reports for the requesting frame; extension pages may send the others.
export const VERBS = Object.freeze([
  'status',
  'setup',
  'unlock',
  'lock',
  'passwd',
  'settings.get',
  'settings.set',
  'profile.get',
  'profile.put',
  'site.get',
  'site.set',
  'site.list',
  'site.forget',
  'fill',
  'ledger.list',
  'ledger.verify',
  'import.preview',
  'import.commit',
  'export.bitwarden',
  'ledger.export',
  'backup.export',
  'places',
  'profile.check',
  'offer',
  'record.match',
  'record.save',
  'record.never',
]);

// The host's error codes (stable wire values), each with its message in the shopper's language
// (the catalogue's `error_<code>`; the host's own English message is never shown).
export const HOST_ERRORS = catalogueTable(
  [
    'bad_frame',
    'bad_json',
    'bad_request',
    'unknown_verb',
    'too_large',
    'vault_absent',
    'vault_exists',
    'locked',
    'bad_password',
    'vault_corrupt',
    'not_found',
    'caller_refused',
    'internal',
    'invalid_field',
    'bad_site',
    'vault_newer',
    'io_error',
    'busy',
    'bad_import',
  ],
  'error_',
);

// Errors the background itself produces, never sent by the host. Kept apart so the host's list
// stays an exact mirror.
export const EXTENSION_ERRORS = catalogueTable(
  [
    'host_missing',
    'host_forbidden',
    'host_exited',
    'host_timeout',
    'forbidden',
    'bad_message',
    'no_site',
    'no_access',
  ],
  'error_',
);

export const ERROR_CODES = Object.freeze([
  ...Object.keys(HOST_ERRORS),
  ...Object.keys(EXTENSION_ERRORS),
]);

// Consent categories in the host's order, each with the autofill field names it covers, from the
// vocabulary the host reads too (billing_address: the address names with the `billing` hint).
// (Each category's name for the shopper is the catalogue's `category_<id>`.)
const CATEGORY_LABELS = catalogueTable(VOCABULARY_CATEGORY_IDS, 'category_');

export const CATEGORIES = Object.freeze(
  VOCABULARY_CATEGORY_IDS.map((id) =>
    Object.freeze({
      id,
      get label() {
        return CATEGORY_LABELS[id];
      },
      fields: CATEGORY_FIELDS[id],
    }),
  ),
);

export const CATEGORY_IDS = Object.freeze(CATEGORIES.map((c) => c.id));

// Categories that the host withholds from http: pages and, for some fields, without a gesture.
export const CARD_CATEGORIES = Object.freeze(['card', 'card_csc']);

export function categoryLabel(id) {
  return Object.hasOwn(CATEGORY_LABELS, id) ? CATEGORY_LABELS[id] : id;
}

const FIELD_CATEGORY = new Map();
for (const category of CATEGORIES) {
  if (category.id === 'billing_address') continue; // a hint decides; see categoryOfAutocomplete
  for (const field of category.fields) FIELD_CATEGORY.set(field, category.id);
}

export function categoryOfField(field, hint = '') {
  const category = FIELD_CATEGORY.get(String(field).toLowerCase());
  if (category === 'shipping_address' && hint === 'billing') return 'billing_address';
  return category ?? null;
}

const CONTACT_TOKENS = new Set(['home', 'work', 'mobile', 'fax', 'pager']);
const KNOWN_FIELDS = new Set(AUTOFILL_FIELDS);

// The autofill field name and address hint of an autocomplete attribute, read the way the host
// reads it (WHATWG: [section-*] [shipping|billing] [contact] field [webauthn]). Only used to tell
// the shopper which categories a page asks for; the host makes every fill decision itself.
export function parseAutocomplete(attribute) {
  const tokens = String(attribute ?? '')
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean);
  if (tokens.length === 0 || tokens.length > 5) return null;
  if (tokens.at(-1) === 'webauthn') tokens.pop();
  const field = tokens.pop();
  if (!KNOWN_FIELDS.has(field)) return null; // also "on", "off" and nothing at all
  if (tokens.length && CONTACT_TOKENS.has(tokens.at(-1))) tokens.pop();
  let hint = '';
  if (tokens.length && (tokens.at(-1) === 'shipping' || tokens.at(-1) === 'billing')) {
    hint = tokens.pop();
  }
  if (tokens.length && tokens.at(-1).startsWith('section-')) tokens.pop();
  if (tokens.length) return null;
  return { field, hint };
}

export function categoryOfAutocomplete(attribute) {
  const parsed = parseAutocomplete(attribute);
  return parsed ? categoryOfField(parsed.field, parsed.hint) : null;
}

// A field descriptor (docs/protocol.md, `fill`): what the content script says about one form
// control, and all that the background passes on to the host. The one list of its keys and
// sizes: the content script builds descriptors with these keys, the background keeps exactly
// these and drops anything else.
export const DESCRIPTOR_TEXT_KEYS = Object.freeze([
  'tag',
  'type',
  'name',
  'id',
  'autocomplete',
  'label',
  'nearby',
  'placeholder',
  'inputmode',
  'section',
  'form',
]);
export const DESCRIPTOR_KEYS = Object.freeze([
  'ref',
  ...DESCRIPTOR_TEXT_KEYS,
  'maxlength',
  'options',
  'visible',
]);
export const MAX_TEXT = 200; // characters of a text key, of an option's value or text
// The longest value the host stores (profile.h kMaxFieldBytes): a longer typed value is not an
// address, a name or a card, and is never offered for saving.
export const MAX_VALUE = 1000;
export const MAX_OPTIONS = 300; // options of a select
export const MAX_FIELDS = 500; // descriptors of one frame

// Host verbs that may take longer than a usual request: password hashing (Argon2id) runs on
// setup, unlock, passwd and backup.export, and a password-protected Bitwarden file's KDF on
// import.preview and import.commit.
export const SLOW_VERBS = Object.freeze(
  new Set(['setup', 'unlock', 'passwd', 'import.preview', 'import.commit', 'backup.export']),
);
