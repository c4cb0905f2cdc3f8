import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { colourAlpha, parseColour, over, contrastRatio, parseShadows, shadowRect, rectHas } =
  await ext('src/content/colour.js');

test('the alpha of computed colours', () => {
  assert.equal(colourAlpha('rgba(0, 0, 0, 0)'), 0);
  assert.equal(colourAlpha('transparent'), 0);
  assert.equal(colourAlpha('rgb(238, 238, 238)'), 1);
  assert.equal(colourAlpha('rgba(238, 238, 238, 0.4)'), 0.4);
  assert.equal(colourAlpha('rgb(1 2 3 / 0.25)'), 0.25);
  assert.equal(colourAlpha('oklch(0.5 0.1 120 / 50%)'), 0.5);
  assert.equal(colourAlpha('color(srgb 1 1 1)'), 1);
});

test('computed colours read into channels; other spellings go to the resolver', () => {
  assert.deepEqual(parseColour('rgb(1, 2, 3)'), { r: 1, g: 2, b: 3, a: 1 });
  assert.deepEqual(parseColour('rgba(1, 2, 3, 0.5)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.deepEqual(parseColour('rgb(1 2 3 / 25%)'), { r: 1, g: 2, b: 3, a: 0.25 });
  assert.deepEqual(parseColour('transparent'), { r: 0, g: 0, b: 0, a: 0 });
  assert.equal(parseColour('oklch(0.5 0.1 120)'), null);
  assert.equal(parseColour('rgb(nonsense)'), null);
  const white = { r: 255, g: 255, b: 255, a: 1 };
  assert.deepEqual(
    parseColour('color(srgb 1 1 1)', () => white),
    white,
  );
});

test('contrast: black on white is 21, a colour on itself 1', () => {
  const black = { r: 0, g: 0, b: 0, a: 1 };
  const white = { r: 255, g: 255, b: 255, a: 1 };
  assert.equal(Math.round(contrastRatio(black, white)), 21);
  assert.equal(contrastRatio(white, white), 1);
  // Half-transparent black over white is a mid grey.
  const grey = over({ ...black, a: 0.5 }, white);
  assert.ok(Math.abs(grey.r - 127.5) < 0.01 && grey.a === 1);
  assert.ok(contrastRatio(grey, white) > 3);
});

test('box-shadows as computed: outer and inset, with their colours', () => {
  assert.deepEqual(parseShadows('none'), []);
  assert.deepEqual(parseShadows('rgb(238, 238, 238) 0px 12px 0px 11px'), [
    { inset: false, x: 0, y: 12, blur: 0, spread: 11, colour: 'rgb(238, 238, 238)' },
  ]);
  const two = parseShadows(
    'rgba(0, 0, 0, 0.2) 1px 2px 3px 0px inset, rgb(1, 2, 3) 0px 0px 0px 4px',
  );
  assert.equal(two.length, 2);
  assert.equal(two[0].inset, true);
  assert.equal(two[0].blur, 3);
  assert.equal(two[1].colour, 'rgb(1, 2, 3)');
  // Where a shadow paints at half strength or more.
  const box = { left: 100, top: 100, right: 200, bottom: 110 };
  const outer = shadowRect(box, { inset: false, x: 0, y: 10, blur: 4, spread: 8 });
  assert.deepEqual(outer, { left: 90, top: 100, right: 210, bottom: 130 });
  assert.ok(rectHas(outer, 150, 125) && !rectHas(outer, 150, 131));
  const hole = shadowRect(box, { inset: true, x: 0, y: 0, blur: 0, spread: 2 });
  assert.deepEqual(hole, { left: 102, top: 102, right: 198, bottom: 108 });
});
