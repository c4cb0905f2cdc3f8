// The background's fill request for a frame and the answer the frame gets back.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { askedRefs, hostFillBody, answerFor } = await ext('src/background/fill.js');

const fields = [
  { ref: 'f1', label: 'First name', visible: true },
  { ref: 'f2', label: 'Last name', visible: true },
  { ref: 'f3', label: 'Phone', visible: false },
];

test('the asked refs are those of the frame; no ask list asks about every field', () => {
  assert.deepEqual([...askedRefs(['f2', 'f9', 7, 'f1'], fields)], ['f2', 'f1']);
  assert.deepEqual([...askedRefs(undefined, fields)], ['f1', 'f2', 'f3']);
  assert.deepEqual([...askedRefs([], fields)], []);
});

test('the host gets the whole frame; fields not asked about are context, never filled', () => {
  const body = hostFillBody({
    url: 'https://shop.example/',
    trigger: 'auto',
    fields,
    asked: new Set(['f2']),
  });
  assert.equal(body.url, 'https://shop.example/');
  assert.equal(body.trigger, 'auto');
  assert.deepEqual(body.ask, ['f2']);
  // Every field, in order, with its descriptor: the neighbours explain the asked field.
  assert.deepEqual(
    body.fields.map((f) => [f.ref, f.label, f.visible]),
    [
      ['f1', 'First name', false],
      ['f2', 'Last name', true],
      ['f3', 'Phone', false],
    ],
  );
  // The content script's own descriptors are left as they were.
  assert.equal(fields[0].visible, true);
});

test('only the asked fields come back to the frame, whatever the host answers', () => {
  const reply = {
    ok: true,
    site: 'https://shop.example',
    fills: [
      { ref: 'f1', value: 'Ada', field: 'given-name' },
      { ref: 'f2', value: 'Lovelace', field: 'family-name' },
    ],
    withheld: [{ ref: 'f3', reason: 'not_visible' }],
    unknown: ['f1', 'f2'],
    empty: ['f3'],
  };
  const answer = answerFor(reply, new Set(['f2']));
  assert.equal(answer.site, 'https://shop.example');
  assert.deepEqual(
    answer.fills.map((f) => f.ref),
    ['f2'],
  );
  assert.deepEqual(answer.withheld, []);
  assert.deepEqual(answer.unknown, ['f2']);
  assert.deepEqual(answer.empty, []);
});
