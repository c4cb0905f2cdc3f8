// The menu at a field, on the page's side: opens it under a checkout field the shopper focuses,
// as an extension frame (menu/menu.html) inside a closed shadow root, so that the page can
// neither read what it shows nor script it; keeps it where it was put; closes it when the
// field moves, is scrolled away or loses the focus; and answers the background's commands for
// it (menu_guard.js says whether a choice counts; a pick fills through the page filler).
//
// It opens only on the shopper's own doing: a trusted focus or click that follows a trusted
// pointer or key press in this document (a page calling focus() on its own opens nothing), or
// ArrowDown in the field. Never in a frame smaller than the menu.

import { webext } from '../shared/webext.js';
import { PAGE_MENU, PAGE_MENU_CLOSED, PAGE_MENU_FOCUS } from '../shared/messages.js';
import { isCandidate } from './fields.js';
import { MenuGuard, SAMPLE_MS } from './menu_guard.js';
import { mountGuardedFrame, place } from './guarded_frame.js';

// A focus counts as the shopper's when it follows their pointer or key press this closely.
const USER_INPUT_MS = 1_000;
// After pims gives the focus back to the field, that focus opens nothing there (the shopper's
// next field, a Tab away, opens its own).
const QUIET_MS = 500;
const GAP = 2; // px between the field and the menu

function viewportRect(el) {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

// Where the menu goes: under the field, else above it, else as low as the window allows;
// within the window horizontally. REQUIRES: the menu fits the window.
export function placeMenu(field, size, viewport) {
  const below = field.top + field.height + GAP;
  const above = field.top - GAP - size.height;
  let top = below;
  if (below + size.height > viewport.height) {
    top = above >= 0 ? above : viewport.height - size.height;
  }
  const left = Math.max(0, Math.min(field.left, viewport.width - size.width));
  return { left: Math.round(left), top: Math.round(top) };
}

export class FieldMenu {
  // filler: the page filler (content.js): snapshot(), refOf(el), fill(reason, extra).
  constructor(doc, filler) {
    this.doc = doc;
    this.win = doc.defaultView;
    this.filler = filler;
    this.open = null; // {session, field, host, frame, guard, fieldRect, timer}
    this.userInputAt = -Infinity;
    this.quiet = { field: null, until: 0 };
    this.opening = 0;
    this.onInput = (event) => {
      if (!event.isTrusted) return;
      this.userInputAt = performance.now();
      const el = event.composedPath?.()[0] ?? event.target;
      if (event.type === 'pointerdown' && this.open && el !== this.open.field) {
        if (el !== this.open.host) this.close({ notify: true });
      }
    };
    this.onFocus = (event) => {
      const el = event.composedPath?.()[0] ?? event.target;
      if (!event.isTrusted) return;
      if (el === this.quiet.field && performance.now() < this.quiet.until) return;
      if (performance.now() - this.userInputAt > USER_INPUT_MS) return;
      if (this.open?.field !== el) this.openFor(el, false);
    };
    this.onClick = (event) => {
      const el = event.composedPath?.()[0] ?? event.target;
      if (event.isTrusted && !this.open && el === this.doc.activeElement) this.openFor(el, false);
    };
    this.onKey = (event) => this.key(event);
    this.onBlur = () => setTimeout(() => this.blurred(), 0);
  }

  start() {
    for (const type of ['pointerdown', 'keydown']) {
      this.doc.addEventListener(type, this.onInput, { capture: true, passive: true });
    }
    this.doc.addEventListener('focusin', this.onFocus, true);
    this.doc.addEventListener('click', this.onClick, true);
    this.doc.addEventListener('keydown', this.onKey, true);
    this.doc.addEventListener('focusout', this.onBlur, true);
  }

  stop() {
    this.close({ notify: true });
    for (const type of ['pointerdown', 'keydown']) {
      this.doc.removeEventListener(type, this.onInput, { capture: true });
    }
    this.doc.removeEventListener('focusin', this.onFocus, true);
    this.doc.removeEventListener('click', this.onClick, true);
    this.doc.removeEventListener('keydown', this.onKey, true);
    this.doc.removeEventListener('focusout', this.onBlur, true);
  }

  // Menus open at text boxes (a select's arrows are its own).
  offersAt(el) {
    return isCandidate(el) && el.tagName !== 'SELECT';
  }

  key(event) {
    if (!event.isTrusted || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    const el = event.composedPath?.()[0] ?? event.target;
    if (event.key === 'Escape' && this.open?.field === el) {
      event.preventDefault();
      this.close({ notify: true });
    } else if (event.key === 'ArrowDown' && this.offersAt(el)) {
      if (this.open?.field === el) {
        event.preventDefault();
        this.focusMenu();
      } else if (el.tagName !== 'TEXTAREA') {
        event.preventDefault();
        this.openFor(el, true);
      }
    }
  }

  // The focus went to another element of this document: the menu closes. (When it went into
  // the menu's frame, or out of the document, the root or body is reported, or the host.)
  blurred() {
    if (!this.open) return;
    const active = this.doc.activeElement;
    const elsewhere = active && active !== this.doc.body && active !== this.doc.documentElement;
    if (elsewhere && active !== this.open.host && active !== this.open.field) {
      this.close({ notify: true });
    }
  }

  async openFor(el, focusMenu) {
    if (!this.offersAt(el)) return;
    const attempt = ++this.opening;
    // The whole form the shopper is in, as a gesture reads it: what the page asks for.
    const entries = this.filler.snapshot(true);
    const focus = this.filler.refOf(el);
    let reply;
    try {
      reply = await webext.runtime.sendMessage({
        type: PAGE_MENU,
        fields: entries.map((e) => e.descriptor),
        focus,
      });
    } catch {
      return;
    }
    if (attempt !== this.opening || !reply?.ok || !reply.session) return;
    if (this.doc.activeElement !== el && !(this.doc.activeElement === this.open?.host)) {
      this.dropSession(reply.session);
      return;
    }
    this.show(el, reply.session, reply.size, focusMenu);
  }

  dropSession(session) {
    webext.runtime.sendMessage({ type: PAGE_MENU_CLOSED, session }).catch(() => undefined);
  }

  show(field, session, size, focusMenu) {
    this.close({ notify: true });
    const viewport = { width: this.win.innerWidth, height: this.win.innerHeight };
    if (viewport.width < size.width || viewport.height < size.height) {
      this.dropSession(session);
      return;
    }
    const fieldRect = viewportRect(field);
    const at = placeMenu(fieldRect, size, viewport);
    const { host, frame, shift } = mountGuardedFrame(this.doc, {
      page: 'menu/menu.html',
      session,
      at,
      size,
    });
    const guard = new MenuGuard(host, at);
    this.open = { session, field, host, frame, guard, fieldRect, size, shift };
    this.open.timer = setInterval(() => this.watch(), SAMPLE_MS);
    if (focusMenu) this.focusMenu();
  }

  // The focus goes into the menu's frame. Firefox lets only the frame's own document take it:
  // the background asks the menu to.
  focusMenu() {
    this.open.frame.focus();
    const session = this.open.session;
    webext.runtime.sendMessage({ type: PAGE_MENU_FOCUS, session }).catch(() => undefined);
  }

  // Every sample: the menu closes when its field moved, was scrolled away, was hidden or
  // removed, or the window changed size; the guard measures the menu meanwhile.
  watch() {
    const open = this.open;
    if (!open) return;
    const now = viewportRect(open.field);
    const moved =
      !open.field.isConnected ||
      Math.abs(now.left - open.fieldRect.left) > 1 ||
      Math.abs(now.top - open.fieldRect.top) > 1 ||
      now.width === 0 ||
      !open.host.isConnected;
    if (moved) {
      this.close({ notify: true });
      return;
    }
    open.guard.sample();
  }

  close({ notify = false, refocus = false } = {}) {
    const open = this.open;
    if (!open) return;
    this.open = null;
    clearInterval(open.timer);
    open.guard.stop();
    open.host.remove();
    if (notify) this.dropSession(open.session);
    if (refocus && open.field.isConnected) {
      this.quiet = { field: open.field, until: performance.now() + QUIET_MS };
      open.field.focus();
    }
  }

  // The background's commands for the menu of `session` (messages.js MENU_COMMAND).
  async command({ action, session, size, refocus }) {
    const open = this.open;
    if (!open || open.session !== session) return { ok: false, reason: 'expired' };
    if (action === 'close') {
      this.close({ refocus: Boolean(refocus) });
      return { ok: true };
    }
    if (action === 'resize') return this.resize(size);
    const verdict = open.guard.check();
    if (!verdict.ok || action === 'check') return verdict;
    if (action !== 'pick') return { ok: false, reason: 'failed' };
    // The menu goes first: it covers fields of the form, which would then not be filled.
    this.close({ refocus: true });
    const outcome = await this.filler.fill('pick', { menu: session });
    return { ok: !outcome.error, filled: outcome.filled, error: outcome.error };
  }

  resize(size) {
    const open = this.open;
    const viewport = { width: this.win.innerWidth, height: this.win.innerHeight };
    if (viewport.width < size.width || viewport.height < size.height) {
      this.close({ notify: true });
      return { ok: false, reason: 'expired' };
    }
    const at = placeMenu(open.fieldRect, size, viewport);
    place(open, at, size);
    open.guard.expected = at;
    open.size = size;
    return { ok: true };
  }
}
