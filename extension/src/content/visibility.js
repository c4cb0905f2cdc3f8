// Can the shopper see this field? A value may only go into a field the shopper can see, so a
// hostile page cannot collect data through hidden inputs. `visibilityVerdict` decides from plain
// measurements (unit-tested); `measureVisibility` takes them from the DOM.

// Below this combined opacity a field is treated as invisible.
export const MIN_OPACITY = 0.1;
// Narrower or lower than this (CSS px) is a field nobody can use.
export const MIN_SIZE = 2;

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
//   opacities: computed opacity of the element and each ancestor,
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
    m.opacities.push(Number.parseFloat(style.opacity));
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

export function isVisible(el) {
  return visibilityVerdict(measureVisibility(el));
}
