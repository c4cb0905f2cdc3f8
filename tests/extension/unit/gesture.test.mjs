// A shopper's gesture reaches the frames and the document it was handed to, for a while.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { startGesture, gestureOf, anyGesture, GESTURE_MS } = await ext('src/background/gesture.js');
const { hostFillBody } = await ext('src/background/fill.js');

const T = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

test('a gesture at the whole tab reaches every frame handed its token, aimed at none', () => {
  const gestures = new Map();
  startGesture(gestures, { token: T(1), now: 0 });
  assert.deepEqual(gestureOf(gestures, T(1), 0, 10), {
    trigger: 'gesture',
    aimed: false,
  });
  assert.deepEqual(gestureOf(gestures, T(1), 7, 10), {
    trigger: 'gesture',
    aimed: false,
  });
  assert.equal(anyGesture(gestures, 10), true);
});

test('a gesture aimed at one frame reaches that frame only, aimed', () => {
  const gestures = new Map();
  startGesture(gestures, { token: T(2), frameId: 5, now: 0 });
  assert.deepEqual(gestureOf(gestures, T(2), 5, 10), {
    trigger: 'gesture',
    aimed: true,
  });
  // Another frame presenting the token (it could only have it by a bug) gets nothing.
  assert.deepEqual(gestureOf(gestures, T(2), 0, 10), {
    trigger: 'auto',
    aimed: false,
  });
  assert.deepEqual(gestureOf(gestures, T(2), 6, 10), {
    trigger: 'auto',
    aimed: false,
  });
});

test('no token, an unknown token or an old one is no gesture: a late frame or document has none', () => {
  const gestures = new Map();
  startGesture(gestures, { token: T(3), now: 0 });
  assert.deepEqual(gestureOf(gestures, undefined, 0, 10), {
    trigger: 'auto',
    aimed: false,
  });
  assert.deepEqual(gestureOf(gestures, T(4), 0, 10), {
    trigger: 'auto',
    aimed: false,
  });
  assert.deepEqual(gestureOf(gestures, T(3), 0, GESTURE_MS), {
    trigger: 'auto',
    aimed: false,
  });
  assert.equal(anyGesture(gestures, GESTURE_MS), false);
  // Expired ones are let go when the next starts; the map stays small.
  for (let i = 10; i < 60; i += 1) startGesture(gestures, { token: T(i), now: GESTURE_MS + i });
  assert.ok(gestures.size <= 16);
  assert.equal(gestures.has(T(3)), false);
});

test('a frame that is not the top page tells the host the top page and whether it was aimed at', () => {
  const fields = [{ ref: 'f1', visible: true }];
  const asked = new Set(['f1']);
  const top = hostFillBody({
    url: 'https://shop.example/',
    trigger: 'auto',
    fields,
    asked,
  });
  assert.equal('top_url' in top, false);
  assert.equal('aimed' in top, false);
  const framed = hostFillBody({
    url: 'https://pay.psp.example/f',
    trigger: 'gesture',
    fields,
    asked,
    topUrl: 'https://www.shop.example/checkout',
    aimed: true,
  });
  assert.equal(framed.top_url, 'https://www.shop.example/checkout');
  assert.equal(framed.aimed, true);
});
