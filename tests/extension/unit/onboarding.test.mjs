// The pieces of onboarding that are pure: install steps per system and browser, the password
// strength hint, and the import summary's sentences.
import test from 'node:test';
import assert from 'node:assert/strict';

import './i18n_stub.mjs';
import { installSteps, browserOf } from '../../../extension/src/shared/install_help.js';
import { describeImport, base64OfBytes } from '../../../extension/src/shared/transfer.js';

test('install steps name the Debian package on Linux and pims-install elsewhere', () => {
  const linux = installSteps('linux', 'chrome');
  assert.match(linux.title, /Linux/);
  assert.ok(linux.steps.some((s) => /^sudo apt install \.\/pims_.*\.deb$/.test(s.command ?? '')));
  assert.ok(installSteps('mac', 'firefox').steps.some((s) => s.command === 'pims-install install'));
  assert.ok(
    installSteps('win', 'chrome').steps.some((s) => s.command === 'pims-install.exe install'),
  );
  assert.match(installSteps('mac', 'firefox').steps[1].text, /Firefox/);
  assert.equal(installSteps('openbsd', 'chrome').steps.length, 1);
  assert.equal(browserOf('moz-extension://abc/'), 'firefox');
  assert.equal(browserOf('chrome-extension://abc/'), 'chrome');
});

test('an import preview is told in sentences, never with a value', () => {
  const lines = describeImport({
    stored: false,
    person: { 'additional-name': 'Brewster' },
    addresses: [{ id: 'address-1' }],
    cards: [{ id: 'card-1', 'cc-number': '•••• 1111' }, { id: 'card-2' }],
    duplicates: { addresses: 1, cards: 0 },
    ignored: { logins: 2, notes: 0 },
    unplaced: [
      { field: 'identity.ssn', why: 'not_kept', reason: 'host words', count: 1 },
      { field: 'card.number', why: 'invalid', reason: 'has a wrong check digit', count: 2 },
      { field: 'x-new', why: 'some_later_code', reason: 'host words', count: 1 },
    ],
  });
  assert.equal(lines[0], 'To import: 1 address, 2 cards, and 1 detail about you.');
  assert.match(lines[1], /^1 record is already in pims: skipped\.$/);
  assert.match(lines[2], /2 logins/);
  assert.doesNotMatch(lines[2], /notes/);
  // A code's sentence comes from the catalogue; an invalid value's rule is the host's (English);
  // a code this extension does not know gives the field and count only.
  assert.equal(
    lines[3],
    'identity.ssn (1 record): pims keeps no such field (a checkout does not ask for it).',
  );
  assert.equal(lines[4], 'card.number (2 records): has a wrong check digit.');
  assert.equal(lines[5], 'x-new (1 record): not imported.');
  assert.ok(!lines.join(' ').includes('Brewster'));
  assert.equal(
    describeImport({ stored: true, addresses: [], cards: [] })[0],
    'Imported: 0 addresses and 0 cards.',
  );
});

test('file bytes go to the host as base64, in chunks that fit the call stack', () => {
  const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
  assert.equal(base64OfBytes(bytes), Buffer.from(bytes).toString('base64'));
});

test('an address is laid out as its country writes it', async () => {
  const { addressLayout, countryChoices } =
    await import('../../../extension/src/options/address_layout.js');
  const us = addressLayout('US');
  const middle = (layout) =>
    layout.fields.filter((k) =>
      ['address-level1', 'address-level2', 'address-level3', 'postal-code'].includes(k),
    );
  assert.deepEqual(middle(us), ['address-level2', 'address-level1', 'postal-code']);
  assert.equal(us.label('postal-code', 'x'), 'ZIP code');
  assert.equal(us.label('address-level1', 'x'), 'State');
  assert.deepEqual(middle(addressLayout('de')), ['postal-code', 'address-level2']);
  assert.ok(middle(addressLayout('MX')).includes('address-level3'));
  assert.ok(!middle(addressLayout('GB')).includes('address-level3'));
  assert.equal(addressLayout('GB').label('postal-code', 'x'), 'Postcode');
  assert.deepEqual(middle(addressLayout('')), ['address-level2', 'address-level1', 'postal-code']);
  for (const code of ['US', 'DE', 'JP', 'ZZ']) {
    const { fields } = addressLayout(code);
    assert.equal(fields[0], 'label');
    assert.ok(fields.includes('street-address') && fields.includes('country'), code);
  }
  // Named in the shopper's language and sorted by that name.
  const german = countryChoices(['DE', 'AT', 'CH'], 'de');
  assert.deepEqual(
    german.map((c) => c.name),
    ['Deutschland', 'Österreich', 'Schweiz'],
  );
  assert.equal(countryChoices(['GB'], 'en')[0].name, 'United Kingdom');
});
