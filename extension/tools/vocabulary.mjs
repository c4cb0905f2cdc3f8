// Writes src/shared/vocabulary.js, the extension's view of the autofill vocabulary, from the one
// table the host reads too (host/src/vocabulary/autofill_fields.json). The build runs it, and a
// unit test checks that the committed file is what it writes.
//
//   node tools/vocabulary.mjs      rewrite src/shared/vocabulary.js

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TABLE = path.join(ROOT, '..', 'host', 'src', 'vocabulary', 'autofill_fields.json');
export const MODULE = path.join(ROOT, 'src', 'shared', 'vocabulary.js');

const frozen = (value) => `Object.freeze(${JSON.stringify(value)})`;

// The module's text for a parsed table.
export function vocabularySource(table) {
  const byCategory = Object.fromEntries(table.categories.map((id) => [id, []]));
  for (const field of table.fields) {
    if (!field.category) continue;
    const ids =
      field.category === 'address' ? ['shipping_address', 'billing_address'] : [field.category];
    for (const id of ids) byCategory[id].push(field.name);
  }
  const rules = new Map(table.fields.map((f) => [f.name, f.rule ?? 'text']));
  const records = Object.fromEntries(
    Object.entries(table.records).map(([kind, keys]) => [
      kind,
      keys.map((key) => [key, rules.get(key) ?? 'text']),
    ]),
  );
  const lines = [
    '// Generated from host/src/vocabulary/autofill_fields.json by tools/vocabulary.mjs (the build',
    '// runs it). Do not edit: change the table.',
    '',
    "// The consent categories, in the host's order.",
    `export const CATEGORY_IDS = ${frozen(table.categories)};`,
    '// The autofill field names each category covers (billing_address: under a billing hint).',
    'export const CATEGORY_FIELDS = Object.freeze({',
    ...table.categories.map((id) => `  ${id}: ${frozen(byCategory[id])},`),
    '});',
    '// Every autofill field name of the standard, filled by pims or not.',
    `export const AUTOFILL_FIELDS = ${frozen(table.fields.map((f) => f.name))};`,
    "// Fields filled only on a shopper's gesture unless the site has auto_card.",
    `export const GESTURE_FIELDS = ${frozen(table.fields.filter((f) => f.gesture).map((f) => f.name))};`,
    '// The keys each profile record stores, in order, each with its validation rule.',
    'export const RECORD_FIELDS = Object.freeze({',
    ...Object.entries(records).map(([kind, keys]) => `  ${kind}: ${frozen(keys)},`),
    '});',
    '',
  ];
  return lines.join('\n');
}

export function writeVocabulary() {
  const source = vocabularySource(JSON.parse(readFileSync(TABLE, 'utf8')));
  writeFileSync(MODULE, source);
  return source;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeVocabulary();
  console.log(`wrote ${path.relative(ROOT, MODULE)}`);
}
