// The menu at a field, in the background: one session per open menu, made when a content
// script reports the shopper's focus on a field the host can offer records for. The session
// keeps what the host offered (shared/menu_view.js), the frame it belongs to (its site is that
// frame's URL, from the browser's sender) and the menu frame that shows it. The menu frame
// sends the shopper's choices here; before any answer is stored or any pick filled, the content
// script of the field's frame is asked whether the menu was really visible (menu_guard.js).
//
// A pick is a shopper's gesture for one fill: it is handed to the frame's next fill request
// (onPageFields, with the session named) and used once.

import { menuView, menuSize } from '../shared/menu_view.js';
import { MENU_COMMAND, MENU_FOCUS } from '../shared/messages.js';
import { hostFillBody } from './fill.js';

// A session nobody used for this long is dropped (the page went on, the menu was left open).
export const SESSION_MS = 10 * 60_000;

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// The categories a list holds, in `order`.
function union(a, b, order) {
  const set = new Set([...a, ...b]);
  return order.filter((c) => set.has(c));
}

export class MenuSessions {
  // request(verb, body): the host; command(tabId, frameId, message): a frame of a tab (the
  // content script of the field's frame, or the menu's own frame: tabs.sendMessage);
  // categories: every category id in the host's order;
  // policyChanged(site, allow, deny): the badge follows the site's new policy.
  constructor({ request, command, categories, policyChanged = () => {}, now = () => Date.now() }) {
    Object.assign(this, { request, command, categories, policyChanged, now });
    this.sessions = new Map(); // id -> session
  }

  // A content script reports a focused field. Resolves to {ok, session, size}, or
  // {ok: true, session: null} when nothing would be offered there.
  async open({ tabId, frameId, url, fields, focus }) {
    this.dropTab(tabId); // one menu per tab
    const offer = await this.request('offer', { url, fields, focus });
    if (!offer.ok) return { ok: true, session: null };
    const view = menuView(offer);
    if (!view.open) return { ok: true, session: null };
    const id = randomId();
    this.sessions.set(id, {
      tabId,
      frameId,
      url,
      fields,
      focus,
      offer,
      view,
      once: [],
      menuFrameId: null,
      wantsFocus: false,
      pending: null,
      at: this.now(),
    });
    return { ok: true, session: id, size: menuSize(view) };
  }

  // The session a message from the menu frame names, or null: the menu frame must be in the
  // session's tab, and the first menu frame that asked is the only one heard after.
  forMenu(id, sender) {
    const session = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (!session || session.tabId !== sender.tab?.id) return null;
    if (this.now() - session.at > SESSION_MS) {
      this.sessions.delete(id);
      return null;
    }
    session.menuFrameId ??= sender.frameId;
    return session.menuFrameId === sender.frameId ? session : null;
  }

  state(id, sender) {
    const session = this.forMenu(id, sender);
    if (!session) return { ok: false, reason: 'expired' };
    return { ok: true, view: session.view, focus: session.wantsFocus };
  }

  // The field's ArrowDown: the menu frame takes the focus (now, or once it has loaded).
  focus(id, { tabId, frameId }) {
    const session = this.sessions.get(id);
    if (!session || session.tabId !== tabId || session.frameId !== frameId) return { ok: false };
    session.wantsFocus = true;
    if (session.menuFrameId !== null) {
      this.command(tabId, session.menuFrameId, { type: MENU_FOCUS, session: id }).catch(
        () => undefined,
      );
    }
    return { ok: true };
  }

  tell(session, message) {
    return this.command(session.tabId, session.frameId, { type: MENU_COMMAND, ...message }).catch(
      () => ({ ok: false, reason: 'expired' }),
    );
  }

  // The shopper answered the page's request: 'once' (this fill only), 'always' (stored as
  // allowed) or 'never' (stored as refused), for the categories the menu asked about.
  async answer(id, answer, sender) {
    const session = this.forMenu(id, sender);
    if (!session?.view.question) return { ok: false, reason: 'expired' };
    const seen = await this.tell(session, { action: 'check', session: id });
    if (!seen.ok) return { ok: false, reason: seen.reason ?? 'not_visible' };
    const asked = session.view.question.categories;
    if (answer === 'once') {
      session.once = union(session.once, asked, this.categories);
    } else {
      const { allow = [], deny = [] } = session.offer;
      const body =
        answer === 'always'
          ? { url: session.url, allow: union(allow, asked, this.categories) }
          : { url: session.url, allow, deny: union(deny, asked, this.categories) };
      const stored = await this.request('site.set', body);
      if (!stored.ok) return { ok: false, reason: 'failed' };
      this.policyChanged(stored.site, stored.allow, stored.deny);
    }
    const offer = await this.request('offer', {
      url: session.url,
      fields: session.fields,
      focus: session.focus,
      once: session.once,
    });
    if (!offer.ok) return { ok: false, reason: 'failed' };
    session.offer = offer;
    session.view = menuView(offer);
    if (session.view.open) {
      await this.tell(session, { action: 'resize', session: id, size: menuSize(session.view) });
    }
    return { ok: true, view: session.view, answered: asked };
  }

  // The shopper picked entry `index`: the frame fills it (its next fill request carries it).
  async pick(id, index, sender) {
    const session = this.forMenu(id, sender);
    const entry = session?.offer.entries?.[index];
    if (!session || !entry || !session.view.entries[index]) return { ok: false, reason: 'expired' };
    session.pending = {
      pick:
        session.offer.role === 'person'
          ? { role: 'person' }
          : { role: session.offer.role, id: entry.id },
      once: session.once,
    };
    const result = await this.tell(session, { action: 'pick', session: id });
    session.pending = null;
    if (result.ok) this.sessions.delete(id);
    return result;
  }

  // A fill request that names a menu session: its pick, used once, if the request comes from
  // the session's own frame. The host's fill body, or null. topUrl: the tab's top-level page
  // when the frame is not it; the pick is a gesture aimed at that frame (gesture.js).
  takePick(id, { tabId, frameId, url, topUrl, fields, asked }) {
    const session = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (!session?.pending || session.tabId !== tabId || session.frameId !== frameId) return null;
    const { pick, once } = session.pending;
    session.pending = null;
    const gesture = { trigger: 'gesture', topUrl, aimed: true };
    const body = { ...hostFillBody({ url, fields, asked, ...gesture }), pick };
    if (once.length) body.once = once;
    return body;
  }

  async close(id, refocus, sender) {
    const session = this.forMenu(id, sender);
    if (!session) return { ok: false, reason: 'expired' };
    this.sessions.delete(id);
    await this.tell(session, { action: 'close', session: id, refocus });
    return { ok: true };
  }

  // The content script closed the menu (or gave up opening it).
  closed(id, { tabId, frameId }) {
    const session = this.sessions.get(id);
    if (session && session.tabId === tabId && session.frameId === frameId) this.sessions.delete(id);
  }

  dropTab(tabId) {
    for (const [id, session] of this.sessions) {
      if (session.tabId === tabId) this.sessions.delete(id);
    }
  }
}
