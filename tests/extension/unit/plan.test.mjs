import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { createPlan, selectForAuto, recordAsked, forgetAsked } = await ext('src/content/plan.js');
const { pickOption } = await ext('src/content/write.js');

const entry = (ref, visible = true, autocomplete = 'email') => ({
  ref,
  descriptor: { ref, visible, autocomplete },
});

test('visible fields are asked about once; invisible ones are only context', () => {
  const plan = createPlan();
  const all = [entry('f1'), entry('f2', false), entry('f3')];
  assert.deepEqual(selectForAuto(all, plan), ['f1', 'f3']);
  recordAsked(plan, all, ['f1', 'f3']);
  assert.deepEqual(selectForAuto(all, plan), []);
});

test('a field that became visible is asked about then (multi-step checkouts, scrolling)', () => {
  const plan = createPlan();
  recordAsked(plan, [entry('f1')], ['f1']);
  assert.deepEqual(selectForAuto([entry('f1'), entry('f2', false)], plan), []);
  assert.deepEqual(selectForAuto([entry('f1'), entry('f2', true)], plan), ['f2']);
});

test('a field whose autocomplete changed is asked about again', () => {
  const plan = createPlan();
  recordAsked(plan, [entry('f1', true, 'off')], ['f1']);
  assert.deepEqual(selectForAuto([entry('f1', true, 'email')], plan), ['f1']);
});

test('a filled field is never filled again automatically', () => {
  const plan = createPlan();
  plan.filled.add('f1');
  assert.deepEqual(selectForAuto([entry('f1', true, 'tel')], plan), []);
});

test('fields of a request nothing was decided for are asked about again', () => {
  const plan = createPlan();
  recordAsked(plan, [entry('f1'), entry('f2')], ['f1', 'f2']);
  forgetAsked(plan, ['f2']);
  assert.deepEqual(selectForAuto([entry('f1'), entry('f2')], plan), ['f2']);
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
