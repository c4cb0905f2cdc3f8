// Can the shopper see this field, and read what is typed into it? A value may only go into a
// field the shopper can see, so a hostile page (or a third-party script on an allowed shop)
// cannot collect data through fields that are there but not shown. `visibilityVerdict` decides
// from plain measurements (unit-tested); `measureVisibilityAll` takes them from the DOM.
//
// What counts: a box big enough to read a typed character in, at least half of it showing
// (neither clipped away nor scrolled out), opaque enough, with readable text (not transparent,
// not the colour of what is behind it, not tiny), and nothing painted over it at any of several
// points spread over its text area (paint.js says what paints).

import { filterOpacity, parseColour, over, contrastRatio } from './colour.js';
import {
  paintAt,
  outsidePainters,
  paintedOutsideAt,
  decorationRoot,
  parentAcrossShadow,
} from './paint.js';

// Below this combined opacity (the field's and its ancestors', filters included) a field is
// treated as invisible.
export const MIN_OPACITY = 0.5;
// A box in which a typed character can be read: at least this wide and high (CSS px), and at
// least this share of it showing.
export const MIN_WIDTH = 20;
export const MIN_HEIGHT = 10;
export const MIN_SHOWN_SHARE = 0.5;
// Readable text: a font at least this large (after transforms), a colour at least this opaque,
// and at least this contrast (WCAG ratio) with what is behind it.
export const MIN_FONT_PX = 6;
export const MIN_TEXT_ALPHA = 0.4;
export const MIN_CONTRAST = 1.25;
// The field's own labels and decorations may draw text over at most this share of its points.
export const MAX_DECORATION_SHARE = 0.5;

// Reasons whose cause is where the field sits now; it may become visible when it scrolls into
// view or its container scrolls, so the content script watches it.
export const GEOMETRY_REASONS = Object.freeze(new Set(['clipped', 'outside_viewport']));

function intersect(a, b) {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.left + a.width, b.left + b.width);
  const bottom = Math.min(a.top + a.height, b.top + b.height);
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

// Whether `part` of `box` is enough to read a typed character in (rects {left, top, width,
// height}; half a pixel of rounding allowed).
export function readablePart(part, box) {
  return (
    part.width >= MIN_WIDTH - 0.5 &&
    part.height >= MIN_HEIGHT - 0.5 &&
    part.width * part.height >= MIN_SHOWN_SHARE * box.width * box.height - 0.5
  );
}

// The part of the field that its clipping ancestors leave showing, or null when too little does.
export function shownRect(m) {
  let shown = m.rect;
  for (const clip of m.clips ?? []) shown = intersect(shown, clip);
  return readablePart(shown, m.rect) ? shown : null;
}

// The part of `shown` inside the window.
export function inViewRect(m, shown) {
  return intersect(shown, { left: 0, top: 0, ...m.viewport });
}

// t: {fontPx, indentHides, colour: {r, g, b, a} | null (not known), background: opaque colour
// behind the text | null (an image: not known)}.
export function readableText(t) {
  if (!(t.fontPx >= MIN_FONT_PX) || t.indentHides) return false;
  if (!t.colour) return true;
  if (!(t.colour.a >= MIN_TEXT_ALPHA)) return false;
  if (!t.background) return true;
  return contrastRatio(over(t.colour, t.background), t.background) >= MIN_CONTRAST;
}

// m: {
//   type: the input's type (lowercase) or '',
//   hidden: the element or an ancestor is display:none or has no layout box,
//   visibility: the element's computed visibility,
//   opacities: computed opacity of the element and each ancestor (times what their filters let
//              show),
//   rect: {left, top, width, height} in viewport coordinates,
//   viewport: {width, height}, scroll: {x, y}, page: {width, height},
//   clips: rects (viewport coordinates) of ancestors whose overflow clips,
//   text: its text as readableText reads it (absent: not measured),
//   hit: what is on top at its sample points: 'self' (the field, or its labels and decorations
//        within their share) | 'other' (a cover) | null (not tested)
// }
// Returns {visible: true} or {visible: false, reason}.
export function visibilityVerdict(m) {
  if (m.type === 'hidden') return { visible: false, reason: 'hidden_type' };
  if (m.hidden) return { visible: false, reason: 'display_none' };
  if (m.visibility === 'hidden' || m.visibility === 'collapse') {
    return { visible: false, reason: 'visibility_hidden' };
  }
  const opacity = (m.opacities ?? []).reduce((product, o) => product * o, 1);
  if (!(opacity >= MIN_OPACITY)) return { visible: false, reason: 'transparent' };
  if (m.text && !readableText(m.text)) return { visible: false, reason: 'unreadable' };

  const r = m.rect;
  if (!r || !(r.width >= MIN_WIDTH) || !(r.height >= MIN_HEIGHT)) {
    return { visible: false, reason: 'too_small' };
  }
  // Off the page: somewhere no scrolling reaches (the classic left:-9999px).
  const pageLeft = r.left + m.scroll.x;
  const pageTop = r.top + m.scroll.y;
  if (
    pageLeft + r.width <= 0 ||
    pageTop + r.height <= 0 ||
    pageLeft >= m.page.width ||
    pageTop >= m.page.height
  ) {
    return { visible: false, reason: 'off_screen' };
  }
  const shown = shownRect(m);
  if (!shown) return { visible: false, reason: 'clipped' };
  // Only a field on screen can be hit-tested; one below the fold waits until it is scrolled to.
  if (!readablePart(inViewRect(m, shown), r)) return { visible: false, reason: 'outside_viewport' };
  if (m.hit === 'other') return { visible: false, reason: 'covered' };
  return { visible: true };
}

function rectOf(r) {
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

// --- measuring ----------------------------------------------------------------------------

let canvasContext;
// Colours spelled in ways parseColour does not read (oklch(), color(), ...), as the browser
// paints them.
function resolveColour(text) {
  try {
    canvasContext ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
    canvasContext.clearRect(0, 0, 1, 1);
    canvasContext.fillStyle = '#00000000';
    canvasContext.fillStyle = text;
    canvasContext.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = canvasContext.getImageData(0, 0, 1, 1).data;
    return { r, g, b, a: a / 255 };
  } catch {
    return null;
  }
}

// What measuring needs of an element that is the field or one of its ancestors, read once per
// pass (fields share their ancestors).
function factsOf(node, win, facts) {
  let f = facts.get(node);
  if (f) return f;
  const style = win.getComputedStyle(node);
  f = {
    style,
    hidden: style.display === 'none' || style.contentVisibility === 'hidden',
    opacity: Number.parseFloat(style.opacity) * filterOpacity(style.filter),
    clipsX: style.overflowX !== 'visible',
    clipsY: style.overflowY !== 'visible',
    image: style.backgroundImage !== 'none',
    background: parseColour(style.backgroundColor, resolveColour),
  };
  facts.set(node, f);
  return f;
}

// The opaque colour behind the field's text: its own background over its ancestors', down to
// the first opaque one (white, the canvas, when there is none). Null when an image is on the
// way: what it shows is not known.
function backgroundBehind(el, win, facts) {
  const layers = [];
  for (let node = el; node; node = parentAcrossShadow(node)) {
    const { image, background } = factsOf(node, win, facts);
    if (image) return null;
    if (background && background.a > 0) {
      layers.push(background);
      if (background.a >= 0.999) break;
    }
  }
  let behind = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of layers.reverse()) behind = over(layer, behind);
  return behind;
}

// How much transforms shrink or grow the field: drawn size over layout size.
function scaleOf(el, rect) {
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  if (!(w > 0 && h > 0)) return 1;
  return Math.min(rect.width / w, rect.height / h);
}

function textOf(el, win, style, rect, facts) {
  const fill = style.webkitTextFillColor;
  const colourText = fill && fill !== style.color ? fill : style.color;
  const scale = scaleOf(el, rect);
  return {
    fontPx: Number.parseFloat(style.fontSize) * scale,
    indentHides: Math.abs(Number.parseFloat(style.textIndent) || 0) >= (el.offsetWidth || 1),
    colour: parseColour(colourText, resolveColour),
    background: backgroundBehind(el, win, facts),
  };
}

function measureOne(el, facts) {
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  const m = {
    type: el.tagName === 'INPUT' ? String(el.type).toLowerCase() : '',
    hidden: false,
    visibility: 'visible',
    opacities: [],
    rect: null,
    viewport: { width: win.innerWidth, height: win.innerHeight },
    scroll: { x: win.scrollX, y: win.scrollY },
    page: {
      width: Math.max(doc.documentElement.scrollWidth, win.innerWidth),
      height: Math.max(doc.documentElement.scrollHeight, win.innerHeight),
    },
    clips: [],
    hit: null,
  };
  if (m.type === 'hidden') return m;
  if (el.getClientRects().length === 0) {
    m.hidden = true; // display:none on it or an ancestor, or detached
    return m;
  }
  const own = factsOf(el, win, facts).style;
  m.visibility = own.visibility;
  for (let node = el; node; node = parentAcrossShadow(node)) {
    const { hidden, opacity, clipsX, clipsY } = factsOf(node, win, facts);
    if (hidden) m.hidden = true;
    m.opacities.push(opacity);
    if (node !== el && node !== doc.documentElement && node !== doc.body) {
      if (clipsX || clipsY) {
        const box = node.getBoundingClientRect();
        m.clips.push({
          left: clipsX ? box.left : -1e9,
          top: clipsY ? box.top : -1e9,
          width: clipsX ? box.width : 2e9,
          height: clipsY ? box.height : 2e9,
        });
      }
    }
  }
  m.rect = rectOf(el.getBoundingClientRect());
  m.text = textOf(el, win, own, m.rect, facts);
  return m;
}

// Where the field's text is drawn, as far as it shows: its content box (inside borders and
// padding) within the part of it in view. Points spread over it, 5 across and 3 down (1 down
// in a low box).
const COLUMNS = [0.1, 0.3, 0.5, 0.7, 0.9];
const ROWS = [0.25, 0.5, 0.75];

function samplePoints(el, m) {
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  const r = m.rect;
  const scale = scaleOf(el, r);
  const px = (name) => (Number.parseFloat(style[name]) || 0) * scale;
  let content = {
    left: r.left + px('borderLeftWidth') + px('paddingLeft'),
    top: r.top + px('borderTopWidth') + px('paddingTop'),
    width: r.width - px('borderLeftWidth') - px('paddingLeft') - px('borderRightWidth'),
    height: r.height - px('borderTopWidth') - px('paddingTop') - px('borderBottomWidth'),
  };
  content.width -= px('paddingRight');
  content.height -= px('paddingBottom');
  // Paddings larger than the box: the text is drawn centred in it anyway.
  if (content.width < 4) content = { ...content, left: r.left, width: r.width };
  if (content.height < 4) content = { ...content, top: r.top, height: r.height };
  const area = intersect(content, inViewRect(m, shownRect(m)));
  if (area.width <= 0 || area.height <= 0) return [];
  const rows = area.height >= 12 ? ROWS : [0.5];
  return rows.flatMap((fy) =>
    COLUMNS.map((fx) => ({ x: area.left + fx * area.width, y: area.top + fy * area.height })),
  );
}

function isLabelOf(el, node) {
  for (const label of el.labels ?? []) {
    if (label === node || label.contains(node)) return true;
  }
  return false;
}

// Elements with an inline `pointer-events: none !important` (which beats any style sheet) never
// show in a hit test: those over the point are looked at directly.
function inlineClickThrough(el, root) {
  const win = el.ownerDocument.defaultView;
  const found = [];
  for (const scope of new Set([el.ownerDocument, root])) {
    for (const holder of scope.querySelectorAll('[style*="pointer-events" i]')) {
      if (holder === el || holder.contains(el) || el.contains(holder)) continue;
      if (win.getComputedStyle(holder).pointerEvents !== 'none') continue;
      found.push(holder, ...holder.querySelectorAll('*'));
    }
  }
  return found;
}

// With the probe sheet in place: what is drawn over field `el` at its sample points. Returns
// 'other' when anything but its labels and decorations paints over any point, or when they put
// text over more than their share of the points; 'self' otherwise.
function hitUnderProbe(el, m, painters) {
  const root = el.getRootNode();
  const win = el.ownerDocument.defaultView;
  const points = samplePoints(el, m);
  if (points.length === 0) return 'other';
  const decoration = decorationRoot(el);
  const own = (node) => isLabelOf(el, node) || (decoration !== el && decoration.contains(node));
  const hidden = inlineClickThrough(el, root);
  let decorated = 0;
  const scope = typeof root.elementsFromPoint === 'function' ? root : el.ownerDocument;
  for (const { x, y } of points) {
    // Most points show the field itself on top: one hit test that stops at the first box says
    // so (about half the cost of listing every box under the point). Only when something else
    // is on top is the whole stack listed, to tell labels and decorations from covers.
    const stack = scope.elementFromPoint(x, y) === el ? [el] : scope.elementsFromPoint(x, y);
    const at = stack.indexOf(el);
    if (at === -1) return 'other'; // the field is not drawn there (clip-path, a mask ...)
    const above = stack.slice(0, at).filter((node) => !el.contains(node));
    for (const node of hidden) {
      const box = node.getBoundingClientRect();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) above.push(node);
    }
    let text = false;
    for (const node of above) {
      const paint = paintAt(node, win, x, y, node.contains(el));
      if (paint === 'opaque') return 'other';
      if (paint === 'text') {
        if (!own(node) && !node.contains(el)) return 'other';
        text = true;
      }
    }
    if (paintedOutsideAt(painters, el, x, y)) return 'other';
    if (text) decorated += 1;
  }
  return decorated > MAX_DECORATION_SHARE * points.length ? 'other' : 'self';
}

// --- the probe: covers that let clicks through --------------------------------------------
//
// A hit test only sees what takes pointer events. A page can hide a field under an element (or
// a ::before/::after) with `pointer-events: none`: the field is still "on top" for
// elementFromPoint. So the hit tests run with pointer events forced on for every element and
// pseudo-element (a constructed style sheet, adopted for one synchronous pass: no DOM mutation,
// and no page script runs in between).

// Specific enough to beat the page's own `!important` rules short of ten ids in one selector.
const EVERYTHING = ':is(*, #_#_#_#_#_#_#_#_#_#_)';
const PROBE_CSS = [EVERYTHING, `${EVERYTHING}::before`, `${EVERYTHING}::after`]
  .join(', ')
  .concat(' { pointer-events: auto !important; transition: none !important; }');

// Runs fn with the probe sheet adopted by each of `roots` (documents and shadow roots), then
// removes it. Resolves to fn's result, or to `fallback` when the browser refuses the sheet.
export function withPointerEventsForced(roots, fn, fallback) {
  const adopted = [];
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PROBE_CSS);
    for (const root of roots) {
      const before = root.adoptedStyleSheets;
      root.adoptedStyleSheets = [...before, sheet];
      adopted.push([root, sheet]);
    }
  } catch {
    for (const [root, sheet] of adopted) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets].filter((s) => s !== sheet);
    }
    return fallback;
  }
  try {
    return fn();
  } finally {
    for (const [root, sheet] of adopted) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets].filter((s) => s !== sheet);
    }
  }
}

// Measurements of several fields (see visibilityVerdict), the covers of all of them looked for in
// one pass. Only fields that pass every other test are hit-tested.
export function measureVisibilityAll(elements) {
  const facts = new Map();
  const measured = elements.map((el) => measureOne(el, facts));
  const candidates = elements
    .map((el, i) => ({ el, m: measured[i] }))
    .filter(({ m }) => visibilityVerdict(m).visible);
  if (candidates.length === 0) return measured;
  const roots = new Set();
  for (const { el } of candidates) {
    roots.add(el.ownerDocument);
    roots.add(el.getRootNode());
  }
  // When the probe cannot run, a field is not known to be uncovered: it is not filled.
  const hits = withPointerEventsForced(
    [...roots],
    () => {
      const painters = [...roots].flatMap((root) =>
        outsidePainters(root, candidates[0].el.ownerDocument.defaultView),
      );
      return candidates.map(({ el, m }) => hitUnderProbe(el, m, painters));
    },
    candidates.map(() => 'other'),
  );
  candidates.forEach(({ m }, i) => {
    m.hit = hits[i];
  });
  return measured;
}

export function measureVisibility(el) {
  return measureVisibilityAll([el])[0];
}

export function isVisible(el) {
  return visibilityVerdict(measureVisibility(el));
}
