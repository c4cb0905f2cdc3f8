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
    fills: [{ ref: 'f1', value: 'Ada', field: 'given-name' }],
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
  });
  assert.ok(!JSON.stringify(frame).includes('Ada'), 'no value is kept');
  const again = summary.frameAfterFill(frame, {
    site: 'https://www.shop.example/x',
    fields: [{ ref: 'f9', autocomplete: 'tel' }],
    reply: { fills: [{ ref: 'f9', value: '+1', field: 'tel' }], withheld: [] },
  });
  assert.equal(again.filled, 2);
  assert.deepEqual(again.notAllowed, [], 'phone was allowed since');
  const refilled = summary.frameAfterFill(again, {
    site: 'https://www.shop.example/x',
    fields,
    reply: { fills: [{ ref: 'f1', value: 'Ada', field: 'given-name' }], withheld: [] },
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
  });
});
