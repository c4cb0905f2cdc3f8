// Was the menu at a field really visible when the shopper chose in it? A page can make the menu
// transparent (opacity or a filter on the root), transform it, or draw a bait button over it
// and lure a click onto it (the 2025 clickjacking attacks on password managers' inline menus).
// The menu sits in a frame the page cannot script, but the page styles what is around it.
//
// While the menu is open, the content script measures it every SAMPLE_MS: the computed style of
// its host element and of every ancestor (the host is a child of the root element), its place,
// and what is drawn over it at five points (with pointer events forced on, so covers that let
// clicks through are found too). A choice counts only when the menu has passed every test,
// without a break, for STEADY_MS, and nothing that styles it changed in that time (a
// MutationObserver on the root and the host, style sheets added or edited, transitions and
// animations on them). Chromium's IntersectionObserver v2 (menu/sight.js) checks the same from
// inside the menu; Firefox has no such observer, so this is its defence, and in Chromium a
// second one. docs/security.md says what it cannot see.

// The same rules as for a field, each from its one home: colours and filters (colour.js), what
// paints over what (paint.js), the probe that forces pointer events on (visibility.js).
import { filterOpacity, colourAlpha } from './colour.js';
import { opacityChain, OPAQUE_TAGS } from './paint.js';
import { withPointerEventsForced } from './visibility.js';

export const SAMPLE_MS = 50;
export const STEADY_MS = 400;
// A cover this faint (its opacity with its ancestors') is not drawn over anything worth seeing.
const FAINT = 0.05;
// Points inset from the menu's corners that a cover must not hide.
const INSET = 8;

function transformed(style) {
  const none = (v) => v === undefined || v === '' || v === 'none';
  const identity = (v) => none(v) || v === 'matrix(1, 0, 0, 1, 0, 0)';
  return (
    !identity(style.transform) ||
    !none(style.translate) ||
    !none(style.scale) ||
    !none(style.rotate)
  );
}

// m: {attached, chain: [{opacity, filter, display, visibility, transformed, clipPath, mask,
// zoom, blend}] (the host first, then each ancestor), rect, expected, viewport,
// covered: [bool per point]}. Returns {visible: true} or {visible: false, reason}.
export function menuVerdict(m) {
  if (!m.attached) return { visible: false, reason: 'removed' };
  for (const link of m.chain) {
    if (link.display === 'none') return { visible: false, reason: 'hidden' };
    if (!(link.opacity >= 0.999)) return { visible: false, reason: 'transparent' };
    if (link.filter && link.filter !== 'none') return { visible: false, reason: 'filtered' };
    if (link.transformed) return { visible: false, reason: 'transformed' };
    if ((link.clipPath && link.clipPath !== 'none') || (link.mask && link.mask !== 'none')) {
      return { visible: false, reason: 'clipped' };
    }
    if (link.zoom && link.zoom !== '1' && link.zoom !== 'normal') {
      return { visible: false, reason: 'zoomed' };
    }
    if (link.blend && link.blend !== 'normal') return { visible: false, reason: 'blended' };
  }
  if (m.chain[0]?.visibility !== 'visible') return { visible: false, reason: 'hidden' };
  const { rect, expected, viewport } = m;
  if (Math.abs(rect.left - expected.left) > 1 || Math.abs(rect.top - expected.top) > 1) {
    return { visible: false, reason: 'moved' };
  }
  if (
    rect.left < 0 ||
    rect.top < 0 ||
    rect.left + rect.width > viewport.width + 1 ||
    rect.top + rect.height > viewport.height + 1
  ) {
    return { visible: false, reason: 'outside' };
  }
  if (m.covered.some(Boolean)) return { visible: false, reason: 'covered' };
  return { visible: true };
}

function hasOwnText(node) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3 && /\S/.test(child.nodeValue)) return true;
  }
  return false;
}

// Does `node`, drawn above the menu, show anything there? A control, an image or a frame, a
// box with any background, text of its own, a backdrop filter, or such a pseudo-element.
function drawsOver(node, win) {
  if (!(opacityChain(node, win) > FAINT)) return false;
  const style = win.getComputedStyle(node);
  if (style.visibility !== 'visible') return false;
  const paints = (s) =>
    colourAlpha(s.backgroundColor) > 0 ||
    (s.backgroundImage !== undefined && s.backgroundImage !== 'none') ||
    (s.backdropFilter !== undefined && s.backdropFilter !== 'none');
  if (OPAQUE_TAGS.has(node.tagName) || paints(style) || hasOwnText(node)) return true;
  for (const pseudo of ['::before', '::after']) {
    const p = win.getComputedStyle(node, pseudo);
    if (p.content && p.content !== 'none' && p.content !== 'normal') return true;
  }
  return false;
}

function pointsOf(r) {
  const x0 = r.left + INSET;
  const y0 = r.top + INSET;
  const x1 = r.left + r.width - INSET;
  const y1 = r.top + r.height - INSET;
  return [
    [r.left + r.width / 2, r.top + r.height / 2],
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ];
}

function coveredAt(host, win, x, y) {
  const stack = host.ownerDocument.elementsFromPoint(x, y);
  for (const node of stack) {
    if (node === host) return false;
    if (drawsOver(node, win)) return true;
  }
  return true; // the menu is not there at all
}

// The measurements menuVerdict reads. expected: {left, top} where the host was put.
export function measureMenu(host, expected) {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  const m = {
    attached: host.isConnected,
    chain: [],
    expected,
    viewport: { width: win.innerWidth, height: win.innerHeight },
    covered: [],
  };
  if (!m.attached) return m;
  for (let node = host; node; node = node.parentElement) {
    const s = win.getComputedStyle(node);
    m.chain.push({
      opacity: Number.parseFloat(s.opacity) * filterOpacity(s.filter),
      filter: s.filter,
      display: s.display,
      visibility: s.visibility,
      transformed: transformed(s),
      clipPath: s.clipPath,
      mask: s.maskImage ?? s.webkitMaskImage,
      zoom: s.zoom,
      blend: s.mixBlendMode,
    });
  }
  const r = host.getBoundingClientRect();
  m.rect = { left: r.left, top: r.top, width: r.width, height: r.height };
  m.covered = withPointerEventsForced(
    [doc],
    () => pointsOf(m.rect).map(([x, y]) => coveredAt(host, win, x, y)),
    [true],
  );
  return m;
}

// Keeps watch over an open menu: samples it, and notes every change of what styles it.
export class MenuGuard {
  constructor(host, expected, { now = () => performance.now() } = {}) {
    this.host = host;
    this.expected = expected;
    this.now = now;
    this.visibleSince = null;
    this.disturbedAt = now();
    this.last = { visible: false, reason: 'not_measured' };
    const doc = host.ownerDocument;
    this.onChange = () => {
      this.disturbedAt = this.now();
    };
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => this.styles(r))) this.onChange();
    });
    this.observer.observe(doc, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    this.onAnimation = (event) => {
      if (event.target === doc.documentElement || event.target === host) this.onChange();
    };
    for (const type of ['transitionrun', 'animationstart']) {
      doc.addEventListener(type, this.onAnimation, true);
    }
    this.sample();
  }

  // Does a mutation change how the menu is drawn? Its host's or the root's attributes, and
  // style sheets anywhere; a cover moving over it is caught by the samples.
  styles(record) {
    const doc = this.host.ownerDocument;
    if (record.type === 'attributes') {
      return record.target === doc.documentElement || record.target === this.host;
    }
    const sheet = (n) => n.nodeName === 'STYLE' || n.nodeName === 'LINK';
    if (record.type === 'characterData') return sheet(record.target.parentNode ?? {});
    return [...record.addedNodes, ...record.removedNodes].some((n) => sheet(n) || n === this.host);
  }

  sample() {
    this.last = menuVerdict(measureMenu(this.host, this.expected));
    if (!this.last.visible) this.visibleSince = null;
    else if (this.visibleSince === null) this.visibleSince = this.now();
    return this.last;
  }

  // Whether a choice made now counts: {ok: true} or {ok: false, reason} with reason one of
  // MENU_REFUSALS' keys.
  check() {
    const verdict = this.sample();
    const now = this.now();
    if (!verdict.visible) return { ok: false, reason: 'not_visible', detail: verdict.reason };
    if (now - this.disturbedAt < STEADY_MS) return { ok: false, reason: 'page_changing' };
    if (now - this.visibleSince < STEADY_MS) return { ok: false, reason: 'too_soon' };
    return { ok: true };
  }

  stop() {
    this.observer.disconnect();
    const doc = this.host.ownerDocument;
    for (const type of ['transitionrun', 'animationstart']) {
      doc.removeEventListener(type, this.onAnimation, true);
    }
  }
}
