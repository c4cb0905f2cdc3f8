import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const popup = await ext('src/popup/model.js');
const options = await ext('src/options/model.js');
const gate = await ext('src/shared/gate.js'); // touches the DOM only when a form is shown

test('popup toggles: one per category, asked ones first, cards off-limits on http', () => {
  const rows = popup.toggleRows({ allow: ['email', 'card'] }, ['card', 'email'], true);
  assert.equal(rows.length, 9);
  assert.deepEqual(
    rows.slice(0, 2).map((r) => r.id),
    ['email', 'card'],
  );
  assert.ok(rows.slice(0, 2).every((r) => r.asked && r.checked));
  assert.ok(rows.every((r) => r.label && !r.disabled));
  const insecure = popup.toggleRows({ allow: [] }, [], false);
  const card = insecure.find((r) => r.id === 'card');
  assert.equal(card.disabled, true);
  assert.match(card.note, /http/);
  assert.equal(insecure.find((r) => r.id === 'name').disabled, false);
});

test('a choice changes one category and keeps the host order', () => {
  const after = (policy, id, state) => popup.policyAfterChoice(policy, id, state);
  assert.deepEqual(after({ allow: ['email'] }, 'name', 'allowed'), {
    allow: ['name', 'email'],
    deny: [],
  });
  assert.deepEqual(after({ allow: ['name', 'email'] }, 'name', 'undecided'), {
    allow: ['email'],
    deny: [],
  });
  assert.deepEqual(after({ allow: ['email'], deny: [] }, 'email', 'allowed').allow, ['email']);
});

test('the popup shows three states, and each choice leaves a category in one list at most', () => {
  const rows = popup.toggleRows({ allow: ['email'], deny: ['phone'] }, [], true);
  const state = (id) => rows.find((r) => r.id === id);
  assert.equal(state('email').state, 'allowed');
  assert.equal(state('phone').state, 'refused');
  assert.equal(state('phone').refused, true);
  assert.equal(state('phone').checked, false);
  assert.equal(state('name').state, 'undecided');
  assert.equal(popup.STATE_WORDS.refused, 'never');
  const policy = { allow: ['email', 'phone'], deny: ['name'] };
  assert.deepEqual(popup.policyAfterChoice(policy, 'phone', 'refused'), {
    allow: ['email'],
    deny: ['name', 'phone'],
  });
  assert.deepEqual(popup.policyAfterChoice(policy, 'name', 'allowed'), {
    allow: ['name', 'email', 'phone'],
    deny: [],
  });
  assert.deepEqual(popup.policyAfterChoice(policy, 'name', 'undecided'), {
    allow: ['email', 'phone'],
    deny: [],
  });
});

test('a ledger line names categories and fields, never values', () => {
  const line = popup.ledgerLine(
    {
      seq: 1,
      time: '2026-11-29T04:38:22.123Z',
      site: 's',
      fields: ['given-name', 'family-name', 'street-address'],
    },
    'en-GB',
  );
  assert.equal(line.what, 'Name and Shipping address');
  assert.equal(line.fields, 'given-name, family-name, street-address');
  assert.match(line.time, /2026/);
  assert.equal(popup.ledgerLine({ time: 'bad', fields: [] }).what, 'nothing known');
  const picked = { time: 'x', fields: ['postal-code'], record: { id: 'work', label: 'Work' } };
  assert.equal(popup.ledgerLine(picked).what, 'Shipping address from “Work”');
  assert.equal(
    popup.ledgerLine({ ...picked, once: true }).what,
    'Shipping address from “Work”, this time only',
  );
  assert.equal(popup.isSecure('https://a.example/'), true);
  assert.equal(popup.isSecure('http://a.example/'), false);
  assert.equal(popup.isSecure('nonsense'), false);
});

test('card numbers are shown masked to their last four digits', () => {
  assert.equal(options.maskCardNumber('4111 1111 1111 1111'), '•••• 1111');
  assert.equal(options.maskCardNumber(''), '');
  assert.equal(options.maskCardNumber(undefined), '');
});

test('host validation errors find their field', () => {
  const error = {
    code: 'invalid_field',
    field: 'profile.cards[0].cc-number',
    message: 'cards[0].cc-number: not a valid card number (checksum)',
  };
  assert.equal(options.errorPath(error.field), 'cards[0].cc-number');
  assert.equal(options.errorMessage(error), 'not a valid card number (checksum)');
  assert.equal(options.errorMessage({ message: 'plain' }), 'plain');
});

test('the profile sent on save leaves out empty fields', () => {
  const put = options.profileForPut({
    person: { 'given-name': 'Ada', 'family-name': '', tel: undefined },
    addresses: [{ label: 'Home', country: 'GB', tel: '' }],
    cards: [
      {
        'cc-number': '4111111111111111',
        'cc-exp-month': 12,
        'cc-exp-year': '',
      },
    ],
    defaults: { shipping: '', card: 'visa' },
  });
  assert.deepEqual(put, {
    person: { 'given-name': 'Ada' },
    addresses: [{ label: 'Home', country: 'GB' }],
    cards: [{ 'cc-number': '4111111111111111', 'cc-exp-month': 12 }],
    defaults: { card: 'visa' },
  });
  assert.equal(options.digitsOf('4111 1111-1111 1111'), '4111111111111111');
  assert.equal(options.integerOrEmpty(' 12 '), 12);
  assert.equal(options.integerOrEmpty('x'), '');
});

test('a new password needs 8 characters and a matching confirmation', () => {
  assert.match(gate.newPasswordProblem('short', 'short'), /8/);
  assert.match(gate.newPasswordProblem('long enough', 'long enougH'), /differ/);
  assert.equal(gate.newPasswordProblem('long enough', 'long enough'), null);
});

test('the options list the record a pick shared', () => {
  assert.equal(options.ledgerFieldsText({ fields: ['email'] }), 'email');
  assert.equal(
    options.ledgerFieldsText({
      fields: ['cc-number'],
      record: { id: 'mc', label: 'Work card' },
      once: true,
    }),
    'cc-number (from “Work card”), this time only',
  );
});

test('popup: the top site switches show its own frames asks; other sites frames stand apart', () => {
  const frames = [
    {
      frameId: 0,
      site: 'https://shop.example',
      url: 'https://www.shop.example/c',
      asked: ['name'],
    },
    {
      frameId: 3,
      site: 'https://shop.example',
      url: 'https://pay.shop.example/f',
      asked: ['card'],
    },
    {
      frameId: 4,
      site: 'https://ads.example',
      url: 'https://x.ads.example/a',
      asked: ['card_csc', 'birthday'],
      filled: 0,
    },
    {
      frameId: 5,
      site: 'https://ads.example',
      url: 'https://y.ads.example/b',
      asked: ['email'],
    },
  ];
  const split = popup.framesBySite(frames, 'https://shop.example');
  assert.deepEqual(split.top, ['name', 'card']);
  assert.equal(split.others.length, 1);
  assert.equal(split.others[0].site, 'https://ads.example');
  assert.deepEqual(split.others[0].hosts, ['x.ads.example', 'y.ads.example']);
  assert.deepEqual(split.others[0].asked, ['email', 'card_csc', 'birthday']);
  // The ad frame's asks never reach the shop's switches.
  const rows = popup.toggleRows({ allow: [] }, split.top, true);
  assert.equal(rows.find((r) => r.id === 'card_csc').asked, false);
  assert.equal(rows.find((r) => r.id === 'card').asked, true);
});

test('popup: the exact host a fill goes to, and whether consent was given on it', () => {
  const policy = {
    site: 'https://shop.example',
    allow: ['email'],
    hosts: ['www.shop.example'],
  };
  assert.deepEqual(popup.consentHere(policy, 'https://www.shop.example/cart'), {
    host: 'www.shop.example',
    hosts: ['www.shop.example'],
    automatic: true,
  });
  assert.equal(
    popup.consentHere(policy, 'https://docs.shop.example:8443/x').host,
    'docs.shop.example',
  );
  assert.equal(popup.consentHere(policy, 'https://docs.shop.example/x').automatic, false);
  assert.equal(popup.consentHere({ allow: [] }, 'https://a.example/').automatic, false);
});

// Issue 14: profile edits survive an auto-lock; only the edits are kept while locked.
test('profile edits: only what changed, applied again to the profile read after unlocking', async () => {
  const { profileEdits, applyEdits } = await ext('src/options/model.js');
  const original = {
    person: { 'given-name': 'Ada', email: 'ada@example.org' },
    addresses: [
      { id: 'home', label: 'Home', 'postal-code': 'SW1Y 4JH' },
      { id: 'work', label: 'Work' },
    ],
    cards: [{ id: 'visa', label: 'Visa', 'cc-number': '4111111111111111', 'cc-exp-month': 12 }],
    defaults: { shipping: 'home' },
  };
  assert.equal(profileEdits(original, structuredClone(original)), null);
  const draft = structuredClone(original);
  draft.person['given-name'] = 'Augusta';
  draft.addresses[0]['postal-code'] = 'SW1Y 4JJ';
  draft.addresses.splice(1, 1);
  draft.addresses.push({ label: 'Cottage' });
  draft.cards[0]['cc-exp-month'] = '12'; // the same, as the editor may hold it
  const edits = profileEdits(original, draft);
  assert.deepEqual(edits.person, { 'given-name': 'Augusta' });
  assert.deepEqual(edits.addresses, {
    changed: [{ id: 'home', fields: { 'postal-code': 'SW1Y 4JJ' } }],
    added: [{ label: 'Cottage' }],
    removed: ['work'],
  });
  assert.deepEqual(edits.cards, { changed: [], added: [], removed: [] });
  assert.ok(!JSON.stringify(edits).includes('4111'), 'the card number stays out of the edits');
  const later = structuredClone(original);
  later.person.email = 'new@example.org'; // changed elsewhere meanwhile: kept
  const applied = applyEdits(later, edits);
  assert.equal(applied.person['given-name'], 'Augusta');
  assert.equal(applied.person.email, 'new@example.org');
  assert.deepEqual(
    applied.addresses.map((a) => a.label),
    ['Home', 'Cottage'],
  );
  assert.equal(applied.addresses[0]['postal-code'], 'SW1Y 4JJ');
  assert.equal(applied.cards[0]['cc-number'], '4111111111111111');
});
