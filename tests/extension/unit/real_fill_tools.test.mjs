// The real-fill tool's helpers (tests/corpus/): reading a filled control back as the profile
// field it came from, removing autocomplete attributes from a page, scoring unusable controls.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './paths.mjs';

const corpus = (file) => import(pathToFileURL(path.join(REPO, 'tests/corpus', file)).href);
const fillValues = await corpus('fill_values.mjs');
const { PROFILE, fieldOfControl } = fillValues;
const { stripAutocomplete } = await corpus('strip.mjs');
const { score, accepted, UNNAMED } = await corpus('score.mjs');

const box = (value, changed = true) => ({ tag: 'input', value, text: '', changed });
const select = (value, text, changed = true) => ({ tag: 'select', value, text, changed });

test('every value of the test profile is told apart', () => {
  const p = PROFILE.person;
  const a = PROFILE.addresses[0];
  const c = PROFILE.cards[0];
  const cases = [
    [p['given-name'], 'given-name'],
    [p['family-name'], 'family-name'],
    [p['additional-name'], 'additional-name'],
    ['Ada Lovelace', 'name'],
    [p.email, 'email'],
    [p.tel, 'tel'],
    ['(718) 555-0142', 'tel'],
    ['718', 'tel-area-code'],
    ['555', 'tel-local-prefix'],
    ['0142', 'tel-local-suffix'],
    ['+1', 'tel-country-code'],
    [a['street-address'], 'street-address'],
    ['350 Jay Street, Apartment 4B', 'street-address'],
    ['350 Jay Street', 'address-line1'],
    ['Apartment 4B', 'address-line2'],
    [a['address-level2'], 'address-level2'],
    ['NY', 'address-level1'],
    [a['postal-code'], 'postal-code'],
    ['US', 'country'],
    [c['cc-name'], 'cc-name'],
    [c['cc-number'], 'cc-number'],
    ['4012 8888 8888 1881', 'cc-number'],
    ['1881', 'cc-number'],
    [c['cc-csc'], 'cc-csc'],
    ['11/31', 'cc-exp'],
    ['11 / 2031', 'cc-exp'],
    ['2031-11', 'cc-exp'],
    ['11', 'cc-exp-month'],
    ['2031', 'cc-exp-year'],
    ['31', 'cc-exp-year'],
    [p.bday, 'bday'],
    ['07/23/1990', 'bday'],
    ['23', 'bday-day'],
    ['07', 'bday-month'],
    ['1990', 'bday-year'],
    [p.organization, 'organization'],
    ['Visa', 'cc-type'],
  ];
  for (const [value, field] of cases) assert.equal(fieldOfControl(box(value)), field, value);
});

test('a select reads as its option text first, then its value', () => {
  assert.equal(fieldOfControl(select('209', 'United States')), 'country');
  assert.equal(fieldOfControl(select('34', 'NY')), 'address-level1');
  assert.equal(fieldOfControl(select('11', 'November')), 'cc-exp-month');
  assert.equal(fieldOfControl(select('11', '11 - November')), 'cc-exp-month');
  assert.equal(fieldOfControl(select('US', 'United States (+1)')), 'tel-country-code');
  assert.equal(fieldOfControl(select('7', 'July')), 'bday-month');
  // An ordinal is no dialling code, and a placeholder is nothing.
  assert.equal(fieldOfControl(select('1', 'January', false)), '-');
  assert.equal(fieldOfControl(select('-1', 'Choose state', false)), '-');
  assert.equal(fieldOfControl(select('61', 'Australia')), UNNAMED);
});

test('what the page loaded with is nothing; a value no profile field gives is "?"', () => {
  assert.equal(fieldOfControl(box('', false)), '-');
  assert.equal(fieldOfControl(box('Search…', false)), '-');
  assert.equal(fieldOfControl(box('Ada Lovelace', false)), 'name');
  assert.equal(fieldOfControl(box('Grace Hopper')), UNNAMED);
});

test('autocomplete attributes go from controls and forms, and nothing else changes', () => {
  const page =
    '<form autocomplete="off" id=f><INPUT type=text AutoComplete=email name=a>' +
    '<input placeholder="autocomplete=on" data-autocomplete="x" autocomplete>' +
    "<select autocomplete = 'cc-exp' id=q></select><textarea autocomplete=street-address/>" +
    '<div autocomplete="x"></div><input/></form>';
  assert.equal(
    stripAutocomplete(page),
    '<form id=f><INPUT type=text name=a>' +
      '<input placeholder="autocomplete=on" data-autocomplete="x">' +
      '<select id=q></select><textarea>' + // an unquoted value ends at a space or >
      '<div autocomplete="x"></div><input/></form>',
  );
});

test('a control the shopper cannot use counts only when it is a false fill', () => {
  const labels = new Map([
    [
      'p.html',
      new Map([
        ['1', 'email'],
        ['2', '-'],
        ['3', 'tel'],
        ['4', '-'],
      ]),
    ],
  ]);
  const s = score(
    [
      { page: 'p.html', corpusId: '1', predicted: 'email' },
      { page: 'p.html', corpusId: '2', predicted: UNNAMED },
      { page: 'p.html', corpusId: '3', predicted: '-', scored: false },
      { page: 'p.html', corpusId: '4', predicted: 'email', scored: false },
    ],
    labels,
  );
  assert.deepEqual([s.correct, s.total], [1, 1]);
  assert.deepEqual(
    s.falseFills.map((f) => f.corpusId),
    ['2', '4'],
  );
  assert.equal(s.unfound.length, 0);
});

test('a select can hold the profile value only when it has an option naming it', () => {
  const { selectCanHold } = fillValues;
  const provinces = [
    { value: '', text: 'Select a province' },
    { value: 'ON', text: 'Ontario' },
  ];
  const states = [...provinces, { value: '34', text: 'NY' }];
  assert.equal(selectCanHold(provinces, 'address-level1', accepted), false);
  assert.equal(selectCanHold(states, 'address-level1', accepted), true);
  assert.equal(selectCanHold([], 'country|country-name', accepted), false);
  assert.equal(
    selectCanHold([{ value: 'US', text: 'United States' }], 'country|country-name', accepted),
    true,
  );
});
