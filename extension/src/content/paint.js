// What is painted over a field at a point. A field counts as covered at a point when anything
// that is not the field paints there above it: a background, an image or another control, a
// border, an inset or outer box-shadow, an outline, a backdrop filter, or text. Only what is
// fully transparent and paints nothing there (toast and modal containers) is not a cover. The
// field's own labels and decorations (what sits in the field's own wrapper: a floating
// placeholder, an icon) may put text over part of it; visibility.js caps how much.
//
// These read the DOM; they are called with the probe style sheet of visibility.js in place
// (pointer events forced on), inside one synchronous pass.

import { colourAlpha, filterOpacity, parseShadows, shadowRect, rectHas } from './colour.js';

// Below this alpha (colour alpha times the opacity of the element and its ancestors) a cover
// hides nothing.
export const MIN_COVER_ALPHA = 0.25;
// Elements that paint a box of their own (images, frames, other controls).
export const OPAQUE_TAGS = new Set([
  'IMG',
  'VIDEO',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'svg',
  'SVG',
  'INPUT',
  'TEXTAREA',
  'SELECT',
  'BUTTON',
]);
// A pseudo-element's border that is at least this wide can hide text (its place is not known,
// only that it was hit).
const PSEUDO_BORDER_PX = 3;
const SIDES = ['Top', 'Right', 'Bottom', 'Left'];

export function parentAcrossShadow(node) {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root && root.host ? root.host : null;
}

export function opacityChain(node, win) {
  let product = 1;
  for (let n = node; n; n = parentAcrossShadow(n)) {
    const style = win.getComputedStyle(n);
    product *= Number.parseFloat(style.opacity) * filterOpacity(style.filter);
  }
  return product;
}

const shows = (colour, chain) => colourAlpha(colour) * chain >= MIN_COVER_ALPHA;

function paintsBorder(style, side, chain, minWidth = 0) {
  const width = Number.parseFloat(style[`border${side}Width`]);
  const kind = style[`border${side}Style`];
  return (
    width > minWidth &&
    kind !== 'none' &&
    kind !== 'hidden' &&
    shows(style[`border${side}Color`], chain)
  );
}

// A box's own paint (not its text): a background, an image, a backdrop filter.
function paintsBox(style, chain) {
  return (
    shows(style.backgroundColor, chain) ||
    (style.backgroundImage !== undefined && style.backgroundImage !== 'none') ||
    (Boolean(style.backdropFilter) && style.backdropFilter !== 'none')
  );
}

// What the ::before / ::after of `node` paint: 'opaque', 'text' or null. Their place is not
// known; callers use this only where the node was hit and the pseudo-element may be what was.
function pseudoPaint(node, win, chain) {
  let found = null;
  for (const pseudo of ['::before', '::after']) {
    const style = win.getComputedStyle(node, pseudo);
    const content = style.content;
    if (!content || content === 'none' || content === 'normal') continue;
    if (style.visibility !== 'visible' && style.visibility !== undefined) continue;
    const alpha = chain * Number.parseFloat(style.opacity || '1') * filterOpacity(style.filter);
    if (
      paintsBox(style, alpha) ||
      SIDES.some((side) => paintsBorder(style, side, alpha, PSEUDO_BORDER_PX))
    ) {
      return 'opaque';
    }
    const text = content.replace(/^["']|["']$/g, '').trim();
    if (text && (shows(style.color, alpha) || style.textShadow !== 'none')) found = 'text';
  }
  return found;
}

// Whether the border of `node` paints at (x, y).
function borderAt(node, style, x, y, chain) {
  const r = node.getBoundingClientRect();
  const [top, right, bottom, left] = SIDES.map((side) =>
    paintsBorder(style, side, chain) ? Number.parseFloat(style[`border${side}Width`]) : 0,
  );
  return (
    (top > 0 && y < r.top + top) ||
    (bottom > 0 && y > r.bottom - bottom) ||
    (left > 0 && x < r.left + left) ||
    (right > 0 && x > r.right - right)
  );
}

function insetShadowAt(node, style, x, y, chain) {
  const shadows = parseShadows(style.boxShadow).filter(
    (s) => s.inset && shows(s.colour === 'currentcolor' ? style.color : s.colour, chain),
  );
  if (shadows.length === 0) return false;
  const r = node.getBoundingClientRect();
  return shadows.some((s) => !rectHas(shadowRect(r, s), x, y));
}

// Whether text that `node` holds itself (its own text nodes) is drawn at (x, y).
function textAt(node, style, x, y, chain) {
  if (!shows(style.color, chain) && style.textShadow === 'none') return false;
  const range = node.ownerDocument.createRange();
  for (const child of node.childNodes) {
    if (child.nodeType !== 3 || !child.data.trim()) continue;
    range.selectNodeContents(child);
    for (const r of range.getClientRects()) if (rectHas(r, x, y)) return true;
  }
  return false;
}

// What `node`, found above a field at (x, y), paints there: 'opaque' (it hides what is under
// it), 'text', or null (nothing). `ancestor`: it contains the field, so what was hit above the
// field is one of its pseudo-elements.
export function paintAt(node, win, x, y, ancestor) {
  const chain = opacityChain(node, win);
  if (!(chain >= MIN_COVER_ALPHA)) return null;
  const pseudo = pseudoPaint(node, win, chain);
  if (pseudo === 'opaque' || ancestor) return pseudo;
  const style = win.getComputedStyle(node);
  if (style.visibility !== 'visible') return pseudo;
  if (OPAQUE_TAGS.has(node.tagName) || paintsBox(style, chain)) return 'opaque';
  if (borderAt(node, style, x, y, chain) || insetShadowAt(node, style, x, y, chain)) {
    return 'opaque';
  }
  if (textAt(node, style, x, y, chain)) return 'text';
  return pseudo;
}

// --- paint outside the box: outer shadows and outlines ------------------------------------
//
// Nothing hit-tests a box-shadow or an outline: an element can paint over a field with them
// while something else is what is found at the point. So the document's elements that paint
// outside their box are listed, with where they do, once per measurement pass.

function outsidePaint(node, win) {
  const style = win.getComputedStyle(node);
  if (style.visibility !== 'visible') return null;
  const hasShadow = style.boxShadow && style.boxShadow !== 'none';
  const hasOutline =
    style.outlineStyle && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth);
  if (!hasShadow && !hasOutline) return null;
  const chain = opacityChain(node, win);
  if (!(chain >= MIN_COVER_ALPHA)) return null;
  const box = node.getBoundingClientRect();
  const areas = [];
  for (const s of parseShadows(style.boxShadow)) {
    if (!s.inset && shows(s.colour === 'currentcolor' ? style.color : s.colour, chain)) {
      areas.push({ rect: shadowRect(box, s), outline: false });
    }
  }
  if (hasOutline && shows(style.outlineColor, chain)) {
    const grow = Number.parseFloat(style.outlineOffset) + Number.parseFloat(style.outlineWidth);
    const rect = shadowRect(box, { x: 0, y: 0, blur: 0, spread: grow, inset: false });
    areas.push({ rect, outline: true });
  }
  if (areas.length === 0) return null;
  const positioned = style.position !== 'static';
  return { node, box, areas, positioned };
}

// The elements of `root` (a document or shadow root) that paint outside their box.
export function outsidePainters(root, win) {
  const found = [];
  for (const node of root.querySelectorAll('*')) {
    const painter = outsidePaint(node, win);
    if (painter) found.push(painter);
  }
  return found;
}

// Whether one of `painters` draws over field `el` at (x, y), outside its own box (where it is
// hit-tested like any other cover) and above the field: an outline always (outlines are painted
// after everything else of their stacking context), a shadow when its element comes after the
// field in the document or is positioned (a box earlier in the normal flow paints below).
export function paintedOutsideAt(painters, el, x, y) {
  for (const { node, box, areas, positioned } of painters) {
    if (node === el || node.contains(el) || el.contains(node) || rectHas(box, x, y)) continue;
    const hits = areas.filter((a) => rectHas(a.rect, x, y));
    if (hits.length === 0) continue;
    const later = Boolean(el.compareDocumentPosition(node) & 4); // DOCUMENT_POSITION_FOLLOWING
    if (later || positioned || hits.some((a) => a.outline)) return true;
  }
  return false;
}

// The field's own wrapper: the largest ancestor (inside its form) that holds no other control
// and is not much larger than the field. What is inside it besides the field (a floating
// label, a placeholder drawn as an element, an icon) is the field's decoration.
export function decorationRoot(el) {
  const doc = el.ownerDocument;
  const own = el.getBoundingClientRect();
  const limit = 4 * Math.max(1, own.width * own.height);
  let root = el;
  for (let node = parentAcrossShadow(el); node; node = parentAcrossShadow(node)) {
    if (node === doc.body || node === doc.documentElement || /^(FORM|FIELDSET)$/.test(node.tagName))
      break;
    const r = node.getBoundingClientRect();
    if (r.width * r.height > limit) break;
    const controls = node.querySelectorAll(
      'input:not([type=hidden]), select, textarea, button, iframe',
    );
    if ([...controls].some((c) => c !== el)) break;
    root = node;
  }
  return root;
}
