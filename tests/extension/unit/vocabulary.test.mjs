// The extension's vocabulary is generated from the table the host reads
// (host/src/vocabulary/autofill_fields.json): one list of field names, categories and record keys.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ext } from './paths.mjs';

const { vocabularySource, TABLE, MODULE } = await ext('tools/vocabulary.mjs');
const vocabulary = await ext('src/shared/vocabulary.js');
const protocol = await ext('src/shared/protocol.js');

test('src/shared/vocabulary.js is what tools/vocabulary.mjs writes from the host table', () => {
  const expected = vocabularySource(JSON.parse(readFileSync(TABLE, 'utf8')));
  assert.equal(readFileSync(MODULE, 'utf8'), expected, 'run: node extension/tools/vocabulary.mjs');
});

test('every category the host fills has fields, and every field one category', () => {
  const seen = new Map();
  for (const id of vocabulary.CATEGORY_IDS) {
    assert.ok(vocabulary.CATEGORY_FIELDS[id].length > 0, id);
    if (id === 'billing_address') continue; // the shipping fields under a billing hint
    for (const field of vocabulary.CATEGORY_FIELDS[id]) {
      assert.ok(!seen.has(field), `${field} in ${seen.get(field)} and ${id}`);
      seen.set(field, id);
      assert.equal(protocol.categoryOfField(field), id);
    }
  }
  assert.deepEqual(vocabulary.GESTURE_FIELDS, ['cc-number', 'cc-csc']);
  assert.equal(protocol.categoryOfField('username'), null);
});

test('the editor stores what the host validates: each record key has a rule', () => {
  const keys = (kind) => vocabulary.RECORD_FIELDS[kind].map(([key]) => key);
  assert.deepEqual(keys('card'), [
    'label',
    'cc-name',
    'cc-number',
    'cc-exp-month',
    'cc-exp-year',
    'cc-csc',
  ]);
  assert.ok(keys('person').includes('given-name') && !keys('person').includes('label'));
  const rules = Object.fromEntries(vocabulary.RECORD_FIELDS.card);
  assert.equal(rules['cc-number'], 'card_number');
});

test('an autocomplete field name the standard does not know expresses no field', () => {
  assert.equal(protocol.parseAutocomplete('shipping frobnicate'), null);
  assert.deepEqual(protocol.parseAutocomplete('username'), { field: 'username', hint: '' });
});
