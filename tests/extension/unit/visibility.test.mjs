import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { visibilityVerdict, GEOMETRY_REASONS, filterOpacity, colourAlpha, hidesWithBackground } =
  await ext('src/content/visibility.js');

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
  assert.equal(
    visibilityVerdict(field({ hit: 'label' })).visible,
    true,
    'a floating label over it',
  );
});

test('hidden inputs, display:none and visibility:hidden are not visible', () => {
  assert.equal(reason(field({ type: 'hidden' })), 'hidden_type');
  assert.equal(reason(field({ hidden: true })), 'display_none');
  assert.equal(reason(field({ visibility: 'hidden' })), 'visibility_hidden');
  assert.equal(reason(field({ visibility: 'collapse' })), 'visibility_hidden');
});

test('opacity below 0.1 on the field or an ancestor (or combined) is not visible', () => {
  assert.equal(reason(field({ opacities: [0.05, 1] })), 'transparent');
  assert.equal(reason(field({ opacities: [1, 1, 0] })), 'transparent');
  assert.equal(reason(field({ opacities: [0.3, 0.3] })), 'transparent');
  assert.equal(reason(field({ opacities: [Number.NaN] })), 'transparent');
  assert.equal(visibilityVerdict(field({ opacities: [0.5, 0.5] })).visible, true);
});

test('fields smaller than 2x2 px are not visible', () => {
  assert.equal(reason(field({ rect: { left: 20, top: 40, width: 1, height: 24 } })), 'too_small');
  assert.equal(
    reason(field({ rect: { left: 20, top: 40, width: 200, height: 1.5 } })),
    'too_small',
  );
  assert.equal(reason(field({ rect: null })), 'too_small');
  assert.equal(
    visibilityVerdict(field({ rect: { left: 20, top: 40, width: 2, height: 2 } })).visible,
    true,
  );
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

test('fields clipped away by an overflow:hidden ancestor are not visible', () => {
  const clips = [{ left: 0, top: 0, width: 10, height: 10 }];
  assert.equal(reason(field({ clips })), 'clipped');
  const partly = [{ left: 0, top: 0, width: 120, height: 600 }];
  assert.equal(visibilityVerdict(field({ clips: partly })).visible, true);
});

test('a field under another element at its centre is covered', () => {
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

test('the alpha of computed colours', () => {
  assert.equal(colourAlpha('rgba(0, 0, 0, 0)'), 0);
  assert.equal(colourAlpha('transparent'), 0);
  assert.equal(colourAlpha('rgb(238, 238, 238)'), 1);
  assert.equal(colourAlpha('rgba(238, 238, 238, 0.4)'), 0.4);
  assert.equal(colourAlpha('rgb(1 2 3 / 0.25)'), 0.25);
  assert.equal(colourAlpha('oklch(0.5 0.1 120 / 50%)'), 0.5);
  assert.equal(colourAlpha('color(srgb 1 1 1)'), 1);
});

test('what counts as a cover: an opaque background or an image, shown', () => {
  const style = (overrides) => ({
    visibility: 'visible',
    opacity: '1',
    filter: 'none',
    backgroundColor: 'rgba(0, 0, 0, 0)',
    backgroundImage: 'none',
    ...overrides,
  });
  assert.equal(hidesWithBackground(style({})), false, 'a transparent click-through layer');
  assert.equal(hidesWithBackground(style({ backgroundColor: 'rgb(238, 238, 238)' })), true);
  assert.equal(hidesWithBackground(style({ backgroundImage: 'url("x.png")' })), true);
  assert.equal(hidesWithBackground(style({ backgroundColor: 'rgba(0, 0, 0, 0.2)' })), false);
  assert.equal(
    hidesWithBackground(style({ backgroundColor: 'rgb(0, 0, 0)', opacity: '0.3' })),
    false,
  );
  assert.equal(
    hidesWithBackground(style({ backgroundColor: 'rgb(0, 0, 0)', filter: 'opacity(0.1)' })),
    false,
  );
  assert.equal(
    hidesWithBackground(style({ backgroundColor: 'rgb(0, 0, 0)', visibility: 'hidden' })),
    false,
  );
});
