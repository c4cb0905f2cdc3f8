import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const {
  createPlan,
  selectForAuto,
  recordAsked,
  forgetAsked,
  mayFill,
  autoWait,
  spendAuto,
  AUTO_BURST,
  AUTO_REFILL_MS,
  MAX_REASKS,
} = await ext('src/content/plan.js');
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

test('a select whose options arrived since is asked about again, a few times at most', () => {
  const plan = createPlan();
  const state = (options) => ({ ref: 's', descriptor: { ref: 's', visible: true, options } });
  const placeholder = [{ value: '', text: 'Select a state' }];
  const loaded = [...placeholder, { value: 'NY', text: 'New York' }];
  recordAsked(plan, [state(placeholder)], ['s']);
  assert.deepEqual(selectForAuto([state(placeholder)], plan), []);
  assert.deepEqual(selectForAuto([state(loaded)], plan), ['s']);
  // A page that keeps changing the list does not keep the host busy.
  for (let i = 0; i < 10; i++) {
    const options = [...placeholder, { value: `x${i}`, text: `x${i}` }];
    if (selectForAuto([state(options)], plan).length) recordAsked(plan, [state(options)], ['s']);
  }
  assert.equal(plan.asked.get('s').times, MAX_REASKS + 1);
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

test('automatic requests: a burst, then one per refill period; past it a request waits', () => {
  const plan = createPlan(1_000);
  let now = 1_000;
  for (let i = 0; i < AUTO_BURST; i++) {
    assert.equal(autoWait(plan, now), 0, `request ${i + 1}`);
    spendAuto(plan, now);
    now += 100;
  }
  // The 21st request of a long checkout is not dropped: it waits for the next refill.
  const wait = autoWait(plan, now);
  assert.ok(wait > 0 && wait <= AUTO_REFILL_MS, String(wait));
  now += wait;
  assert.equal(autoWait(plan, now), 0);
  spendAuto(plan, now);
  assert.ok(autoWait(plan, now) > 0);
  // A quiet page earns its burst back, and no more.
  now += 100 * AUTO_REFILL_MS;
  for (let i = 0; i < AUTO_BURST; i++) spendAuto(plan, now);
  assert.ok(autoWait(plan, now) > 0);
});

const visible = { visible: true };
const hidden = (reason) => ({ visible: false, reason });
const may = (verdict, over = {}) =>
  mayFill({ verdict, inView: true, seen: false, gesture: false, formShown: true, ...over });

test('a field the shopper can see now may be filled; in a frame only inside the top window', () => {
  assert.equal(may(visible), true);
  assert.equal(may(visible, { inView: false }), false);
  assert.equal(may(hidden('outside_viewport')), false);
  assert.equal(may(hidden('covered')), false);
});

test('a field seen once stays fillable while only its place hides it', () => {
  const seen = { seen: true };
  assert.equal(may(hidden('outside_viewport'), seen), true);
  assert.equal(may(hidden('clipped'), seen), true); // scrolled out of a scrolling box
  assert.equal(may(visible, { ...seen, inView: false }), true); // a frame scrolled away
  for (const reason of [
    'hidden_type',
    'display_none',
    'visibility_hidden',
    'transparent',
    'too_small',
    'off_screen',
    'covered',
  ]) {
    assert.equal(may(hidden(reason), seen), false, reason);
  }
});

test('on a gesture, the form in view is filled below the window; nothing hidden otherwise', () => {
  const gesture = { gesture: true };
  assert.equal(may(hidden('outside_viewport'), gesture), true);
  assert.equal(may(hidden('outside_viewport'), { ...gesture, formShown: false }), false);
  assert.equal(may(hidden('outside_viewport'), { ...gesture, inView: false }), false);
  for (const reason of ['clipped', 'transparent', 'display_none', 'off_screen', 'covered']) {
    assert.equal(may(hidden(reason), gesture), false, reason);
  }
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

// Issue 14: "Fill now" wrote over text the shopper typed.
test('a gesture keeps what the shopper typed; a pick of a record replaces it', async () => {
  const { keepsValue } = await ext('src/content/plan.js');
  const field = (over) => ({ hasValue: true, typed: false, filledByPims: false, ...over });
  // Fill now, the shortcut, the context menu.
  assert.equal(keepsValue({ trigger: 'gesture', ...field({ typed: true }) }), true);
  assert.equal(keepsValue({ trigger: 'gesture', ...field({ filledByPims: true }) }), false);
  assert.equal(keepsValue({ trigger: 'gesture', ...field() }), false, "the page's value");
  assert.equal(
    keepsValue({ trigger: 'gesture', ...field({ hasValue: false, typed: true }) }),
    false,
  );
  // The shopper chose this record in the menu at a field.
  assert.equal(keepsValue({ trigger: 'pick', ...field({ typed: true }) }), false);
  assert.equal(keepsValue({ trigger: 'pick', ...field({ filledByPims: true }) }), false);
  assert.equal(keepsValue({ trigger: 'pick', ...field() }), true, "the page's own value stays");
  // An automatic fill never writes over anything.
  assert.equal(keepsValue({ trigger: 'auto', ...field({ filledByPims: true }) }), true);
  assert.equal(keepsValue({ trigger: 'auto', ...field({ hasValue: false }) }), false);
});
