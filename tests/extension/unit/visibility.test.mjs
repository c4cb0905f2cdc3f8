import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { visibilityVerdict, GEOMETRY_REASONS, readablePart, readableText } = await ext(
  'src/content/visibility.js',
);
const { filterOpacity } = await ext('src/content/colour.js');

// A plain visible text field near the top of an 800x600 window.
function field(overrides = {}) {
  return {
    type: 'text',
    hidden: false,
    visibility: 'visible',
    opacities: [1, 1, 1],
    rect: { left: 20, top: 40, width: 200, height: 24 },
    viewport: { width: 800, height: 600 },
    scroll: { x: 0, y: 0 },
    page: { width: 800, height: 2000 },
    clips: [],
    hit: 'self',
    ...overrides,
  };
}

const reason = (m) => visibilityVerdict(m).reason;

test('a plain field in view is visible', () => {
  assert.deepEqual(visibilityVerdict(field()), { visible: true });
});

test('hidden inputs, display:none and visibility:hidden are not visible', () => {
  assert.equal(reason(field({ type: 'hidden' })), 'hidden_type');
  assert.equal(reason(field({ hidden: true })), 'display_none');
  assert.equal(reason(field({ visibility: 'hidden' })), 'visibility_hidden');
  assert.equal(reason(field({ visibility: 'collapse' })), 'visibility_hidden');
});

test('opacity below 0.5 on the field or an ancestor (or combined) is not visible', () => {
  assert.equal(reason(field({ opacities: [0.05, 1] })), 'transparent');
  assert.equal(reason(field({ opacities: [1, 1, 0] })), 'transparent');
  assert.equal(reason(field({ opacities: [0.15] })), 'transparent', 'near zero is not enough');
  assert.equal(reason(field({ opacities: [0.4, 0.4] })), 'transparent', 'the product counts');
  assert.equal(reason(field({ opacities: [Number.NaN] })), 'transparent');
  assert.equal(visibilityVerdict(field({ opacities: [0.9, 0.6] })).visible, true);
});

test('a field must be large enough to read a typed character in: 20x10 px', () => {
  const sized = (width, height) => field({ rect: { left: 20, top: 40, width, height } });
  assert.equal(reason(sized(1, 24)), 'too_small');
  assert.equal(reason(sized(200, 1.5)), 'too_small');
  assert.equal(reason(sized(19, 24)), 'too_small');
  assert.equal(reason(sized(200, 9)), 'too_small');
  assert.equal(reason(field({ rect: null })), 'too_small');
  assert.equal(visibilityVerdict(sized(20, 10)).visible, true);
});

test('fields placed off the page are not visible', () => {
  assert.equal(
    reason(field({ rect: { left: -9999, top: 40, width: 200, height: 24 } })),
    'off_screen',
  );
  assert.equal(
    reason(field({ rect: { left: 20, top: -500, width: 200, height: 24 } })),
    'off_screen',
  );
  assert.equal(
    reason(field({ rect: { left: 5000, top: 40, width: 200, height: 24 } })),
    'off_screen',
  );
  // Scrolled down the page, a field above the viewport is on the page, just not in view.
  const scrolled = field({
    rect: { left: 20, top: -300, width: 200, height: 24 },
    scroll: { x: 0, y: 800 },
  });
  assert.equal(reason(scrolled), 'outside_viewport');
});

test('at least half of a field must show past its clipping ancestors, at least 20x10 px', () => {
  assert.equal(reason(field({ clips: [{ left: 0, top: 0, width: 10, height: 10 }] })), 'clipped');
  // A box of 3 px keeps the whole width but no readable height.
  assert.equal(reason(field({ clips: [{ left: 0, top: 40, width: 800, height: 3 }] })), 'clipped');
  // 40 % of the width: readable size, but less than half of the field.
  assert.equal(reason(field({ clips: [{ left: 0, top: 0, width: 100, height: 600 }] })), 'clipped');
  assert.ok(GEOMETRY_REASONS.has('clipped'), 'scrolled inside its box: it may show later');
  const partly = [{ left: 0, top: 0, width: 130, height: 600 }];
  assert.equal(visibilityVerdict(field({ clips: partly })).visible, true, '55 % shows');
});

test('a field partly out of the window counts once at least half of it is in', () => {
  const at = (top) => field({ rect: { left: 20, top, width: 200, height: 40 } });
  assert.equal(visibilityVerdict(at(560)).visible, true, '40 of 40 px');
  assert.equal(visibilityVerdict(at(576)).visible, true, '24 of 40 px');
  assert.equal(reason(at(584)), 'outside_viewport', '16 of 40 px');
  assert.equal(reason(at(-24)), 'outside_viewport', 'scrolled above: 16 of 40 px');
  assert.deepEqual(readablePart({ width: 200, height: 20 }, { width: 200, height: 40 }), true);
  assert.deepEqual(readablePart({ width: 19, height: 40 }, { width: 19, height: 40 }), false);
});

test('text must be readable: a visible colour, unlike its background, not tiny', () => {
  const black = { r: 0, g: 0, b: 0, a: 1 };
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const text = (overrides) => ({
    fontPx: 14,
    indentHides: false,
    colour: black,
    background: white,
    ...overrides,
  });
  assert.equal(readableText(text({})), true);
  assert.equal(readableText(text({ colour: { ...black, a: 0 } })), false, 'transparent');
  assert.equal(readableText(text({ colour: { ...black, a: 0.2 } })), false, 'faint');
  assert.equal(readableText(text({ colour: white })), false, 'white on white');
  assert.equal(readableText(text({ colour: { r: 250, g: 250, b: 250, a: 1 } })), false);
  assert.equal(readableText(text({ colour: { r: 120, g: 120, b: 120, a: 1 } })), true, 'grey');
  assert.equal(readableText(text({ fontPx: 1 })), false, 'zero-size text');
  assert.equal(readableText(text({ fontPx: 0 })), false);
  assert.equal(readableText(text({ fontPx: Number.NaN })), false);
  assert.equal(readableText(text({ indentHides: true })), false, 'indented out of the box');
  assert.equal(readableText(text({ background: null })), true, 'over an image: not known');
  assert.equal(readableText(text({ colour: null })), true, 'a colour not read: not known');
  const field2 = field({ text: text({ colour: white }) });
  assert.equal(reason(field2), 'unreadable');
  assert.ok(!GEOMETRY_REASONS.has('unreadable'));
});

test('a field with something painted over any of its sample points is covered', () => {
  assert.equal(reason(field({ hit: 'other' })), 'covered');
});

test('a field below the fold waits until it is scrolled to, and is retried then', () => {
  const below = field({ rect: { left: 20, top: 900, width: 200, height: 24 } });
  assert.equal(reason(below), 'outside_viewport');
  assert.ok(GEOMETRY_REASONS.has('outside_viewport'));
  assert.ok(GEOMETRY_REASONS.has('clipped'));
  assert.ok(!GEOMETRY_REASONS.has('display_none'));
});

test('filter: opacity() counts like opacity; an SVG filter counts as erasing', () => {
  assert.equal(filterOpacity('none'), 1);
  assert.equal(filterOpacity(''), 1);
  assert.equal(filterOpacity(undefined), 1);
  assert.equal(filterOpacity('opacity(0)'), 0);
  assert.equal(filterOpacity('opacity(0.05)'), 0.05);
  assert.equal(filterOpacity('opacity(50%)'), 0.5);
  assert.equal(filterOpacity('opacity()'), 1);
  assert.equal(filterOpacity('blur(2px) opacity(0.5) opacity(0.5)'), 0.25);
  assert.equal(filterOpacity('brightness(0.5)'), 1, 'other filters leave it showing');
  assert.equal(filterOpacity('url("#erase")'), 0);
  assert.equal(filterOpacity('blur(1px) url(x.svg#f)'), 0);
  assert.equal(filterOpacity('opacity(nonsense)'), 0);
  // Folded into the opacities the verdict multiplies.
  assert.equal(reason(field({ opacities: [1 * filterOpacity('opacity(0)'), 1] })), 'transparent');
});
