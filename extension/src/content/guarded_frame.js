// An extension page drawn into the page: a fixed box at the top of the stacking order holding,
// in a closed shadow root, a frame of one of pims' own pages (menu/menu.html, menu/save.html).
// The page cannot reach into the shadow root nor script the frame (another origin), so it can
// neither read what the frame shows nor click in it for the shopper; menu_guard.js then checks
// that the shopper could really see it when a choice is made.

import { webext } from '../shared/webext.js';

// Sets CSS properties with !important, after resetting everything a page's rules could give.
export function style(el, properties) {
  el.style.setProperty('all', 'initial', 'important');
  for (const [name, value] of Object.entries(properties)) {
    el.style.setProperty(name, value, 'important');
  }
}

// Draws `page` (a path in the extension, with `#session`) at viewport position `at`
// ({left, top}) with `size` ({width, height}). Returns {host, frame, shift}: `shift` is how
// far the page's own containing block (a transform or `contain` on its root element) moved
// the fixed box, already corrected for; place() later moves it, with the same correction.
export function mountGuardedFrame(doc, { page, session, at, size }) {
  const host = doc.createElement('div');
  style(host, {
    position: 'fixed',
    display: 'block',
    left: `${at.left}px`,
    top: `${at.top}px`,
    width: `${size.width}px`,
    height: `${size.height}px`,
    'z-index': '2147483647',
    visibility: 'visible',
    'pointer-events': 'auto',
  });
  const root = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  style(frame, {
    display: 'block',
    width: `${size.width}px`,
    height: `${size.height}px`,
    border: '0',
    visibility: 'visible',
    'color-scheme': 'normal',
  });
  frame.setAttribute('title', 'pims');
  frame.src = `${webext.runtime.getURL(page)}#${session}`;
  root.append(frame);
  doc.documentElement.append(host);
  const placed = host.getBoundingClientRect();
  const mounted = { host, frame, shift: { x: placed.left - at.left, y: placed.top - at.top } };
  place(mounted, at);
  return mounted;
}

// Moves a mounted frame to viewport position `at`, and resizes it to `size` when given.
export function place({ host, frame, shift }, at, size) {
  host.style.setProperty('left', `${at.left - shift.x}px`, 'important');
  host.style.setProperty('top', `${at.top - shift.y}px`, 'important');
  if (!size) return;
  for (const el of [host, frame]) {
    el.style.setProperty('width', `${size.width}px`, 'important');
    el.style.setProperty('height', `${size.height}px`, 'important');
  }
}
