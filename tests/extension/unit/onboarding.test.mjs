// The pieces of onboarding that are pure: install steps per system and browser, the password
// strength hint, and the import summary's sentences.
import test from 'node:test';
import assert from 'node:assert/strict';

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
    unplaced: [{ field: 'identity.ssn', reason: 'pims keeps no such field', count: 1 }],
  });
  assert.equal(lines[0], 'To import: 1 address, 2 cards, 1 detail about you.');
  assert.match(lines[1], /^1 record is already in pims: skipped\.$/);
  assert.match(lines[2], /2 logins/);
  assert.doesNotMatch(lines[2], /notes/);
  assert.match(lines[3], /^identity\.ssn \(1 record\): pims keeps no such field\.$/);
  assert.ok(!lines.join(' ').includes('Brewster'));
  assert.equal(
    describeImport({ stored: true, addresses: [], cards: [] })[0],
    'Imported: 0 addresses, 0 cards.',
  );
});

test('file bytes go to the host as base64, in chunks that fit the call stack', () => {
  const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
  assert.equal(base64OfBytes(bytes), Buffer.from(bytes).toString('base64'));
});
