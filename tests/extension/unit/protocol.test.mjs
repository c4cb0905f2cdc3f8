import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, ext } from './paths.mjs';

const protocol = await ext('src/shared/protocol.js');

test('the nine consent categories, in the host order, each with a human label', () => {
  assert.deepEqual(protocol.CATEGORY_IDS, [
    'name',
    'email',
    'phone',
    'shipping_address',
    'billing_address',
    'card',
    'card_csc',
    'organization',
    'birthday',
  ]);
  for (const category of protocol.CATEGORIES) {
    assert.ok(category.label && category.label !== category.id, category.id);
    assert.ok(category.fields.length > 0, category.id);
  }
  assert.equal(protocol.categoryLabel('card_csc'), 'Card security code');
  assert.equal(protocol.categoryLabel('no-such'), 'no-such');
});

test('the host error codes mirror docs/protocol.md exactly', () => {
  const doc = readFileSync(path.join(REPO, 'docs', 'protocol.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Error codes'), doc.indexOf('## Categories'));
  const codes = [...table.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.ok(codes.length >= 18);
  assert.deepEqual(Object.keys(protocol.HOST_ERRORS), codes);
});

test('the categories table mirrors docs/protocol.md', () => {
  const doc = readFileSync(path.join(REPO, 'docs', 'protocol.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Categories'), doc.indexOf('## Verbs'));
  const rows = [...table.matchAll(/^\| `([a-z_]+)` \| (.*) \|$/gm)];
  assert.deepEqual(
    rows.map((r) => r[1]),
    protocol.CATEGORY_IDS,
  );
  for (const [, id, names] of rows) {
    const category = protocol.CATEGORIES.find((c) => c.id === id);
    for (const [, name] of names.matchAll(/`([a-z0-9-]+)`/g)) {
      if (name === 'billing' || name === 'shipping') continue; // hints, not field names
      assert.ok(category.fields.includes(name) || /\.\./.test(names), `${id}: ${name}`);
    }
  }
});

test('every verb of the protocol is listed once; extension codes stay apart from host codes', () => {
  assert.equal(new Set(protocol.VERBS).size, protocol.VERBS.length);
  assert.ok(protocol.VERBS.includes('fill'));
  // The welcome and options pages import and export through these; the KDFs make some slow.
  for (const verb of ['import.preview', 'import.commit', 'export.bitwarden', 'ledger.export']) {
    assert.ok(protocol.VERBS.includes(verb), verb);
  }
  assert.ok(protocol.SLOW_VERBS.has('import.commit'));
  assert.ok(protocol.SLOW_VERBS.has('backup.export'));
  for (const code of Object.keys(protocol.EXTENSION_ERRORS)) {
    assert.ok(!(code in protocol.HOST_ERRORS), code);
  }
  // The message names no script of the source tree: the pages show the steps for this system
  // and browser under it (install_help.js).
  assert.match(protocol.EXTENSION_ERRORS.host_missing, /not installed, or not registered/);
  assert.doesNotMatch(protocol.EXTENSION_ERRORS.host_missing, /install\.sh/);
});

test('autocomplete attributes are read like the WHATWG grammar', () => {
  const { parseAutocomplete: p } = protocol;
  assert.deepEqual(p('given-name'), { field: 'given-name', hint: '' });
  assert.deepEqual(p('  Shipping   Street-Address '), {
    field: 'street-address',
    hint: 'shipping',
  });
  assert.deepEqual(p('section-a billing postal-code'), { field: 'postal-code', hint: 'billing' });
  assert.deepEqual(p('section-x shipping work tel'), { field: 'tel', hint: 'shipping' });
  assert.deepEqual(p('email webauthn'), { field: 'email', hint: '' });
  assert.equal(p('off'), null);
  assert.equal(p('on'), null);
  assert.equal(p(''), null);
  assert.equal(p(null), null);
  assert.equal(p('billing shipping tel'), null);
  assert.equal(p('a b c d e f'), null);
});

test('a field name and hint map to a category; billing addresses are their own category', () => {
  const { categoryOfAutocomplete: c } = protocol;
  assert.equal(c('given-name'), 'name');
  assert.equal(c('email'), 'email');
  assert.equal(c('mobile tel'), 'phone');
  assert.equal(c('street-address'), 'shipping_address');
  assert.equal(c('shipping postal-code'), 'shipping_address');
  assert.equal(c('billing postal-code'), 'billing_address');
  assert.equal(c('cc-number'), 'card');
  assert.equal(c('cc-exp'), 'card');
  assert.equal(c('cc-csc'), 'card_csc');
  assert.equal(c('organization'), 'organization');
  assert.equal(c('bday-year'), 'birthday');
  assert.equal(c('username'), null);
  assert.equal(c('new-password'), null);
});

test('the descriptor keys are the ones docs/protocol.md documents for fill', () => {
  const doc = readFileSync(path.join(REPO, 'docs', 'protocol.md'), 'utf8');
  const from = doc.indexOf('Field descriptors');
  const table = doc.slice(from, doc.indexOf('\n\n', doc.indexOf('| key |', from)));
  const keys = [];
  for (const [, cell] of table.matchAll(/^\| ([^|]+) \|/gm)) {
    for (const [, key] of cell.matchAll(/`([a-z]+)`/g)) keys.push(key);
  }
  assert.deepEqual([...keys].sort(), [...protocol.DESCRIPTOR_KEYS].sort());
});
