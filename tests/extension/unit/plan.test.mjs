import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { selectForAuto, awaitingVisibility } = await ext('src/content/plan.js');
const { pickOption } = await ext('src/content/write.js');

const entry = (ref, visible = true, autocomplete = 'email') => ({
  ref,
  descriptor: { ref, visible, autocomplete },
});

test('new fields are asked about; fields already asked about are not', () => {
  const sent = new Map([['f1', { visible: true, autocomplete: 'email' }]]);
  const picked = selectForAuto([entry('f1'), entry('f2')], sent, new Set());
  assert.deepEqual(
    picked.map((e) => e.ref),
    ['f2'],
  );
});

test('a field that became visible is asked about again (multi-step checkouts)', () => {
  const sent = new Map([['f1', { visible: false, autocomplete: 'email' }]]);
  assert.equal(selectForAuto([entry('f1', true)], sent, new Set()).length, 1);
  assert.equal(selectForAuto([entry('f1', false)], sent, new Set()).length, 0);
});

test('a field whose autocomplete changed is asked about again', () => {
  const sent = new Map([['f1', { visible: true, autocomplete: 'off' }]]);
  assert.equal(selectForAuto([entry('f1', true, 'email')], sent, new Set()).length, 1);
});

test('a filled field is never filled again automatically', () => {
  const sent = new Map([['f1', { visible: false, autocomplete: 'email' }]]);
  assert.equal(selectForAuto([entry('f1', true, 'tel')], sent, new Set(['f1'])).length, 0);
});

test('awaitingVisibility: only unfilled fields refused as invisible', () => {
  const sent = new Map([
    ['f1', { visible: true }],
    ['f2', { visible: false }],
  ]);
  assert.equal(awaitingVisibility(sent, new Set()), true);
  assert.equal(awaitingVisibility(sent, new Set(['f2'])), false);
  assert.equal(awaitingVisibility(new Map(), new Set()), false);
});

test('pickOption matches by value, then case-insensitively by value or text', () => {
  const options = [
    { value: '', text: 'Choose…' },
    { value: 'FR', text: 'France' },
    { value: 'uk', text: 'United  Kingdom' },
  ];
  assert.equal(pickOption(options, 'FR'), 1);
  assert.equal(pickOption(options, 'UK'), 2);
  assert.equal(pickOption(options, 'france'), 1);
  assert.equal(pickOption(options, 'United Kingdom'), 2);
  assert.equal(pickOption(options, 'Germany'), -1);
  assert.equal(pickOption(options, ''), 0);
  assert.equal(pickOption(options, '  '), -1);
});
