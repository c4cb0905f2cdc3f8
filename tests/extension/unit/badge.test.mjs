import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { badgeText, badgeColour, badgeTitle, BADGE_COLOURS } = await ext('src/background/badge.js');
const summary = await ext('src/background/summary.js');

test('the badge shows the number filled, "!" for categories not allowed, or both', () => {
  assert.equal(badgeText({ filled: 0, notAllowed: [] }), '');
  assert.equal(badgeText(), '');
  assert.equal(badgeText({ filled: 3, notAllowed: [] }), '3');
  assert.equal(badgeText({ filled: 0, notAllowed: ['phone'] }), '!');
  assert.equal(badgeText({ filled: 4, notAllowed: ['card'] }), '4!');
  assert.equal(badgeText({ filled: 120, notAllowed: [] }), '99+');
  assert.equal(badgeText({ filled: 120, notAllowed: ['card'] }), '99+');
  assert.equal(badgeColour({ notAllowed: ['card'] }), BADGE_COLOURS.attention);
  assert.equal(badgeColour({ notAllowed: [] }), BADGE_COLOURS.filled);
});

test('the badge title says it in words', () => {
  assert.equal(badgeTitle({}), 'pims');
  assert.equal(badgeTitle({ filled: 1 }), 'pims: filled 1 field on this page');
  assert.equal(
    badgeTitle({ filled: 2, notAllowed: ['phone'] }, (id) => id.toUpperCase()),
    'pims: filled 2 fields on this page; this page asks for PHONE, not allowed for this site',
  );
});

test('a frame summary after a fill: asked, filled, and withheld as not allowed', () => {
  const fields = [
    { ref: 'f1', autocomplete: 'given-name' },
    { ref: 'f2', autocomplete: 'tel' },
    { ref: 'f3', autocomplete: 'billing postal-code' },
    { ref: 'f4', autocomplete: 'username' },
  ];
  const reply = {
    site: 'https://shop.example',
    fills: [{ ref: 'f1', value: 'Ada', field: 'given-name', category: 'name' }],
    withheld: [
      { ref: 'f2', field: 'tel', category: 'phone', reason: 'not_allowed' },
      { ref: 'f3', field: 'postal-code', category: 'billing_address', reason: 'not_visible' },
    ],
    unknown: ['f4'],
    empty: [],
  };
  const frame = summary.frameAfterFill(undefined, {
    site: 'https://www.shop.example/x',
    fields,
    reply,
  });
  assert.deepEqual(frame, {
    site: 'https://shop.example',
    asked: ['name', 'phone', 'billing_address'],
    notAllowed: ['phone'],
    filled: 1,
    filledRefs: ['f1'],
    categories: { f1: 'name', f2: 'phone', f3: 'billing_address' },
  });
  assert.ok(!JSON.stringify(frame).includes('Ada'), 'no value is kept');
  const again = summary.frameAfterFill(frame, {
    site: 'https://www.shop.example/x',
    fields: [{ ref: 'f9', autocomplete: 'tel' }],
    reply: { fills: [{ ref: 'f9', value: '+1', field: 'tel', category: 'phone' }], withheld: [] },
  });
  assert.equal(again.filled, 2);
  assert.deepEqual(again.notAllowed, [], 'phone was allowed since');
  const refilled = summary.frameAfterFill(again, {
    site: 'https://www.shop.example/x',
    fields,
    reply: {
      fills: [{ ref: 'f1', value: 'Ada', field: 'given-name', category: 'name' }],
      withheld: [],
    },
  });
  assert.equal(refilled.filled, 2, 'a field filled again on request counts once');
});

test('a policy change updates what a frame may not have', () => {
  const frame = { site: 's', asked: ['name', 'phone', 'card'], notAllowed: ['phone'], filled: 1 };
  assert.deepEqual(summary.frameWithPolicy(frame, ['name']).notAllowed, ['phone', 'card']);
  assert.deepEqual(summary.frameWithPolicy(frame, ['name', 'phone', 'card']).notAllowed, []);
});

test('tab totals add up the frames', () => {
  const totals = summary.tabTotals([
    { site: 'https://shop.example', asked: ['name', 'email'], notAllowed: ['email'], filled: 1 },
    { site: 'https://pay.example', asked: ['card'], notAllowed: [], filled: 2 },
  ]);
  assert.deepEqual(totals, {
    filled: 3,
    asked: ['name', 'email', 'card'],
    notAllowed: ['email'],
    sites: ['https://shop.example', 'https://pay.example'],
  });
  const described = summary.frameAfterDescribe(undefined, {
    site: 'https://shop.example/',
    fields: [{ autocomplete: 'cc-csc' }, { autocomplete: 'off' }],
  });
  assert.deepEqual(described, {
    site: 'https://shop.example/',
    asked: ['card_csc'],
    notAllowed: [],
    filled: 0,
    filledRefs: [],
    categories: {},
  });
});

// Issue 14: most shops have no autocomplete attributes; the host classifies their fields by
// label and name. Opening the popup describes the frame again, which must not erase that.
test("the host's classification survives a describe of a page without autocomplete", () => {
  const fields = [
    { ref: 'f1', label: 'First name' },
    { ref: 'f2', label: 'Phone' },
    { ref: 'f3', label: 'Card number' },
  ];
  const reply = {
    site: 'https://shop.example',
    fills: [{ ref: 'f1', value: 'Ada', field: 'given-name', category: 'name' }],
    withheld: [
      { ref: 'f2', field: 'tel', category: 'phone', reason: 'not_allowed' },
      { ref: 'f3', field: 'cc-number', category: 'card', reason: 'insecure_origin' },
    ],
  };
  const filled = summary.frameAfterFill(undefined, {
    site: 'https://shop.example/',
    fields,
    reply,
  });
  assert.deepEqual(filled.asked, ['name', 'phone', 'card']);
  const described = summary.frameAfterDescribe(filled, { site: 'https://shop.example/', fields });
  assert.deepEqual(described.asked, ['name', 'phone', 'card']);
  const withPolicy = summary.frameWithPolicy(described, ['name']);
  assert.deepEqual(withPolicy.notAllowed, ['phone', 'card']);
  assert.equal(badgeText(summary.tabTotals([withPolicy])), '1!');
  // A field that is gone no longer asks.
  const fewer = summary.frameAfterDescribe(filled, {
    site: 'https://shop.example/',
    fields: fields.slice(0, 1),
  });
  assert.deepEqual(fewer.asked, ['name']);
  assert.ok(!JSON.stringify(described).includes('Ada'), 'no value is kept');
});
