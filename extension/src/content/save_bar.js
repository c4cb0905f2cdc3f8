// The offer to save what the shopper typed, on the page's side: an extension frame
// (menu/save.html) at the top right of the window, inside a closed shadow root, so that the page
// can neither read what it shows (the address, the card's last four digits) nor script it. The
// same guard as the menu at a field (menu_guard.js) measures it while it is open: a choice
// counts only when it was really visible, steadily, for 400 ms.
//
// Only the top frame shows it, and only when the background says so (save.command 'show').

import { MenuGuard, SAMPLE_MS } from './menu_guard.js';
import { mountGuardedFrame, place } from './guarded_frame.js';

export const SAVE_WIDTH = 360;
const FIRST_HEIGHT = 220; // until the offer page says how tall it is
const MARGIN = 8; // px from the window's edges

export class SaveBar {
  constructor(doc) {
    this.doc = doc;
    this.win = doc.defaultView;
    this.open = null; // {session, host, frame, guard, at, timer}
  }

  where(height) {
    const width = this.doc.documentElement.clientWidth || this.win.innerWidth;
    return {
      left: Math.max(0, Math.round(width - SAVE_WIDTH - MARGIN)),
      top: MARGIN,
      height: Math.max(40, Math.min(height, this.win.innerHeight - 2 * MARGIN)),
    };
  }

  show(session) {
    this.close();
    if (this.win.innerWidth < SAVE_WIDTH + 2 * MARGIN || this.win.innerHeight < 120) {
      return { ok: false, reason: 'too_small' };
    }
    const at = this.where(FIRST_HEIGHT);
    const { host, frame, shift } = mountGuardedFrame(this.doc, {
      page: 'menu/save.html',
      session,
      at,
      size: { width: SAVE_WIDTH, height: at.height },
    });
    const guard = new MenuGuard(host, { left: at.left, top: at.top });
    this.open = { session, host, frame, guard, at, shift };
    this.open.timer = setInterval(() => this.watch(), SAMPLE_MS);
    return { ok: true };
  }

  watch() {
    if (!this.open) return;
    if (!this.open.host.isConnected) {
      this.close(); // the page removed it: the background hears it as expired on the next answer
      return;
    }
    this.open.guard.sample();
  }

  resize(height) {
    const open = this.open;
    const at = this.where(Number(height) || FIRST_HEIGHT);
    place(open, at, { width: SAVE_WIDTH, height: at.height });
    open.at = at;
    return { ok: true };
  }

  close() {
    const open = this.open;
    if (!open) return;
    this.open = null;
    clearInterval(open.timer);
    open.guard.stop();
    open.host.remove();
  }

  // The background's commands (messages.js SAVE_COMMAND).
  command({ action, session, height }) {
    if (action === 'show') return this.show(session);
    const open = this.open;
    if (!open || open.session !== session) return { ok: false, reason: 'expired' };
    if (action === 'close') {
      this.close();
      return { ok: true };
    }
    if (action === 'resize') return this.resize(height);
    if (action === 'check') return open.guard.check();
    return { ok: false, reason: 'failed' };
  }
}
