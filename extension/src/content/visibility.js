// Can the shopper see this field? A value may only go into a field the shopper can see, so a
// hostile page cannot collect data through hidden inputs. `visibilityVerdict` decides from plain
// measurements (unit-tested); `measureVisibility` takes them from the DOM.

// Below this combined opacity a field is treated as invisible.
export const MIN_OPACITY = 0.1;
// Narrower or lower than this (CSS px) is a field nobody can use.
export const MIN_SIZE = 2;

// A cover drawn over a field hides it from this opacity on (its own and its ancestors').
export const MIN_COVER_OPACITY = 0.5;

// How much of what is under it a computed `filter` lets show: opacity() functions multiply;
// an SVG filter (url(...)) can do anything, down to erasing the field, so it counts as 0.
export function filterOpacity(filter) {
  const text = String(filter ?? '').trim();
  if (text === '' || text === 'none') return 1;
  if (/url\(/i.test(text)) return 0;
  let product = 1;
  for (const [, number, percent] of text.matchAll(/opacity\(\s*([^)\s%]*)\s*(%?)\s*\)/gi)) {
    let value = number === '' ? 1 : Number.parseFloat(number);
    if (percent) value /= 100;
    if (!Number.isFinite(value)) return 0;
    product *= Math.min(1, Math.max(0, value));
  }
  return product;
}

// The alpha of a computed colour ("rgba(0, 0, 0, 0)", "rgb(1 2 3 / 0.5)", "transparent", ...).
export function colourAlpha(colour) {
  const text = String(colour ?? '')
    .trim()
    .toLowerCase();
  if (text === '' || text === 'transparent') return 0;
  const slash = /\/\s*([\d.eE+-]+)(%?)\s*\)$/.exec(text);
  if (slash) return Number.parseFloat(slash[1]) / (slash[2] ? 100 : 1);
  const rgba = /^(?:rgba|hsla)\(([^)]*)\)$/.exec(text);
  if (rgba) {
    const parts = rgba[1].split(',');
    if (parts.length === 4) {
      const last = parts[3].trim();
      return Number.parseFloat(last) / (last.endsWith('%') ? 100 : 1);
    }
  }
  return 1;
}

// Does a box with this computed style hide what is under it? An opaque-enough background
// colour or any background image does; text alone or a border does not.
export function hidesWithBackground(style) {
  if (!style || style.visibility !== 'visible') return false;
  if (!(Number.parseFloat(style.opacity) * filterOpacity(style.filter) >= MIN_COVER_OPACITY)) {
    return false;
  }
  return (
    colourAlpha(style.backgroundColor) >= MIN_COVER_OPACITY ||
    (style.backgroundImage !== undefined && style.backgroundImage !== 'none')
  );
}

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

// The part of the field that its clipping ancestors leave showing, or null when too little does.
export function shownRect(m) {
  let shown = m.rect;
  for (const clip of m.clips ?? []) {
    shown = intersect(shown, clip);
    if (shown.width < MIN_SIZE || shown.height < MIN_SIZE) return null;
  }
  return shown;
}

export function centreOf(r) {
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
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
//   hit: what is on top at the field's centre: 'self' | 'label' | 'other' | null (not tested)
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

  const r = m.rect;
  if (!r || !(r.width >= MIN_SIZE) || !(r.height >= MIN_SIZE)) {
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
  const { x, y } = centreOf(shown);
  if (x < 0 || y < 0 || x >= m.viewport.width || y >= m.viewport.height) {
    return { visible: false, reason: 'outside_viewport' };
  }
  if (m.hit === 'other') return { visible: false, reason: 'covered' };
  return { visible: true };
}

function parentAcrossShadow(node) {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root && root.host ? root.host : null;
}

function rectOf(r) {
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

// What is on top at (x, y): the field itself, one of its labels (a floating label drawn over
// it), or something else.
function hitTest(el, x, y) {
  const root = el.getRootNode();
  const doc = el.ownerDocument;
  const hit =
    typeof root.elementFromPoint === 'function'
      ? root.elementFromPoint(x, y)
      : doc.elementFromPoint(x, y);
  if (!hit) return 'other';
  if (hit === el || el.contains(hit)) return 'self';
  for (const label of el.labels ?? []) {
    if (label === hit || label.contains(hit)) return 'label';
  }
  return 'other';
}

export function measureVisibility(el) {
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
  const own = win.getComputedStyle(el);
  m.visibility = own.visibility;
  for (let node = el; node; node = parentAcrossShadow(node)) {
    const style = node === el ? own : win.getComputedStyle(node);
    if (style.display === 'none' || style.contentVisibility === 'hidden') m.hidden = true;
    m.opacities.push(Number.parseFloat(style.opacity) * filterOpacity(style.filter));
    if (node !== el && node !== doc.documentElement && node !== doc.body) {
      const clipsX = style.overflowX !== 'visible';
      const clipsY = style.overflowY !== 'visible';
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
  const first = visibilityVerdict(m);
  if (first.visible) {
    const { x, y } = centreOf(shownRect(m));
    m.hit = hitTest(el, x, y);
  }
  return m;
}

// --- covers that let clicks through ----------------------------------------------------
//
// The hit test above only sees what takes pointer events. A page can hide a field under an
// opaque element (or a ::before/::after) with `pointer-events: none`: the field is still "on
// top" for elementFromPoint. So for fields that passed every other test, the hit test is run
// again with pointer events forced on for every element and pseudo-element (a constructed
// style sheet, adopted for the duration of one synchronous pass: no DOM mutation, and no page
// script runs in between), and anything drawn above the field that hides what is under it
// counts as a cover. Transparent click-through layers (toast and modal containers) do not.

// Specific enough to beat the page's own `!important` rules short of ten ids in one selector.
const EVERYTHING = ':is(*, #_#_#_#_#_#_#_#_#_#_)';
const PROBE_CSS = [EVERYTHING, `${EVERYTHING}::before`, `${EVERYTHING}::after`]
  .join(', ')
  .concat(' { pointer-events: auto !important; transition: none !important; }');

// Elements that paint an opaque box of their own (images, frames, other controls).
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

export function opacityChain(node, win) {
  let product = 1;
  for (let n = node; n; n = parentAcrossShadow(n)) {
    const style = win.getComputedStyle(n);
    product *= Number.parseFloat(style.opacity) * filterOpacity(style.filter);
  }
  return product;
}

function pseudoHides(node, win) {
  for (const pseudo of ['::before', '::after']) {
    const style = win.getComputedStyle(node, pseudo);
    if (style.content && style.content !== 'none' && style.content !== 'normal') {
      if (hidesWithBackground(style)) return true;
    }
  }
  return false;
}

// Does `node`, found above the field at a point, hide the field there? `ancestor`: it contains
// the field, so only its pseudo-elements can be drawn above it.
function hidesField(node, win, ancestor) {
  if (!(opacityChain(node, win) >= MIN_COVER_OPACITY)) return false;
  if (pseudoHides(node, win)) return true;
  if (ancestor) return false;
  const style = win.getComputedStyle(node);
  if (style.visibility !== 'visible') return false;
  return OPAQUE_TAGS.has(node.tagName) || hidesWithBackground(style);
}

function isLabelOf(el, node) {
  for (const label of el.labels ?? []) {
    if (label === node || label.contains(node)) return true;
  }
  return false;
}

function rectContains(r, x, y) {
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

// With the probe sheet in place: is anything that hides the field drawn above its centre?
function coveredUnderProbe(el, x, y) {
  const root = el.getRootNode();
  const win = el.ownerDocument.defaultView;
  const stack =
    typeof root.elementsFromPoint === 'function'
      ? root.elementsFromPoint(x, y)
      : el.ownerDocument.elementsFromPoint(x, y);
  for (const node of stack) {
    if (node === el || el.contains(node)) break;
    if (isLabelOf(el, node)) continue;
    if (hidesField(node, win, node.contains(el))) return true;
  }
  // An inline `pointer-events: none !important` beats any sheet: such elements (and what they
  // hold) never show in the stack, so those over the point are looked at directly.
  for (const scope of new Set([el.ownerDocument, root])) {
    for (const holder of scope.querySelectorAll('[style*="pointer-events" i]')) {
      if (holder === el || holder.contains(el) || el.contains(holder)) continue;
      if (win.getComputedStyle(holder).pointerEvents !== 'none') continue;
      for (const node of [holder, ...holder.querySelectorAll('*')]) {
        if (isLabelOf(el, node) || node.contains(el)) continue;
        if (!rectContains(node.getBoundingClientRect(), x, y)) continue;
        if (hidesField(node, win, false)) return true;
      }
    }
  }
  return false;
}

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

// Measurements of several fields (see measureVisibility), with covers that let clicks through
// looked for in one pass. A field such a cover hides reads as hit: 'other'.
export function measureVisibilityAll(elements) {
  const measured = elements.map((el) => measureVisibility(el));
  const candidates = elements
    .map((el, i) => ({ el, m: measured[i] }))
    .filter(({ m }) => m.hit === 'self' || m.hit === 'label');
  if (candidates.length === 0) return measured;
  const roots = new Set();
  for (const { el } of candidates) {
    roots.add(el.ownerDocument);
    roots.add(el.getRootNode());
  }
  // When the probe cannot run, a field is not known to be uncovered: it is not filled.
  const covered = withPointerEventsForced(
    [...roots],
    () =>
      candidates.map(({ el, m }) => {
        const { x, y } = centreOf(shownRect(m));
        return coveredUnderProbe(el, x, y);
      }),
    candidates.map(() => true),
  );
  candidates.forEach(({ m }, i) => {
    if (covered[i]) m.hit = 'other';
  });
  return measured;
}

export function isVisible(el) {
  return visibilityVerdict(measureVisibilityAll([el])[0]);
}
