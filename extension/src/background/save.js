// "Save what you typed", in the background: one pending offer per tab, made when a content
// script reports a submitted form with values the shopper typed and the host (`record.match`)
// finds something new or changed. The offer is shown by the top frame's content script in an
// extension frame (menu/save.html); the shopper's answer comes from that frame, and before
// anything is stored the content script is asked whether the frame was really visible
// (menu_guard.js). Only then `record.save` (or `record.never`) goes to the host.
//
// Where values live: the host's normalised records (clear: the offer must show them, and Save
// must send them) are kept in this object's memory only, never in extension storage, until the
// shopper answers, the offer expires (OFFER_MS), the tab closes or the background stops. A
// submission that found the vault locked waits here, in memory too, for the next unlock.
// The offer frame gets the records with the card number masked and no security code.

import { SAVE_COMMAND } from '../shared/messages.js';

// An offer nobody answered for this long is dropped with its values.
export const OFFER_MS = 10 * 60_000;
// An offer is shown on at most this many pages of its tab: the one submitted, and the next.
export const MAX_SHOWS = 2;

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// What the offer frame shows of a record of the host's reply: no clear card number, no code.
export function shownRecord(r) {
  return {
    kind: r.kind,
    action: r.action,
    section: r.section ?? null,
    label: r.action === 'update' ? String(r.label ?? '') : '',
    shown: r.shown ?? {},
    changed: Array.isArray(r.changed) ? r.changed : [],
    csc: r.csc === true,
  };
}

// The record.save body for a record of the host's reply; the security code only when ticked.
export function saveBody(r, csc) {
  const record = { ...r.record };
  if (!csc) delete record['cc-csc'];
  const body = { kind: r.kind, record };
  if (r.action === 'update' && r.kind !== 'person' && typeof r.id === 'string') body.update = r.id;
  return body;
}

export class SaveOffers {
  // request(verb, body): the host; command(tabId, frameId, message): a frame's content script.
  constructor({ request, command, now = () => Date.now() }) {
    Object.assign(this, { request, command, now });
    this.offers = new Map(); // id -> offer
    this.waiting = new Map(); // tabId -> a submission that found the vault locked
  }

  // A content script reports a submitted form. Resolves to {ok, offer: id | null}.
  async submitted({ tabId, frameId, url, fields, values }) {
    if (values.length === 0) return { ok: true, offer: null };
    const reply = await this.request('record.match', { url, fields, values });
    if (!reply.ok) {
      if (reply.error?.code === 'locked') {
        this.waiting.set(tabId, { tabId, frameId, url, fields, values, at: this.now() });
      }
      return { ok: false, error: reply.error };
    }
    const records = Array.isArray(reply.records) ? reply.records : [];
    if (reply.never === true || records.length === 0) return { ok: true, offer: null };
    this.dropTab(tabId);
    const id = randomId();
    this.offers.set(id, {
      tabId,
      url,
      site: String(reply.site ?? ''),
      records,
      shows: 0,
      shownHere: false, // shown on the tab's current page
      frameId: null, // the offer frame that asked first
      at: this.now(),
    });
    return { ok: true, offer: id };
  }

  // After an unlock: the submissions that waited are matched now. Resolves to the new offers' ids.
  async unlocked() {
    const waiting = [...this.waiting.values()].filter((w) => this.now() - w.at <= OFFER_MS);
    this.waiting.clear();
    const made = [];
    for (const w of waiting) {
      const { offer } = await this.submitted(w);
      if (offer) made.push(offer);
    }
    return made;
  }

  // The tab's offer that still wants showing on its current page, or null.
  toShow(tabId) {
    for (const [id, offer] of this.offers) {
      if (offer.tabId !== tabId) continue;
      if (this.now() - offer.at > OFFER_MS) {
        this.offers.delete(id);
        continue;
      }
      if (!offer.answered && !offer.shownHere && offer.shows < MAX_SHOWS) return id;
    }
    return null;
  }

  // Asks the tab's top frame to show the offer. Resolves to whether it did.
  async show(id) {
    const offer = this.offers.get(id);
    if (!offer || offer.shownHere) return false;
    const shown = await this.command(offer.tabId, 0, {
      type: SAVE_COMMAND,
      action: 'show',
      session: id,
    }).catch(() => null);
    if (!shown?.ok) return false;
    offer.shownHere = true;
    offer.shows += 1;
    offer.frameId = null;
    return true;
  }

  // The tab loads a new page: an offer shown on the old one may be shown on it.
  navigated(tabId) {
    for (const offer of this.offers.values()) {
      if (offer.tabId === tabId) offer.shownHere = false;
    }
  }

  // The offer a message from the offer frame names, or null: the frame must be in the offer's
  // tab, and the first offer frame that asked on this page is the only one heard after.
  forFrame(id, sender) {
    const offer = typeof id === 'string' ? this.offers.get(id) : undefined;
    if (!offer || offer.tabId !== sender.tab?.id || !offer.shownHere) return null;
    if (this.now() - offer.at > OFFER_MS) {
      this.offers.delete(id);
      return null;
    }
    offer.frameId ??= sender.frameId;
    return offer.frameId === sender.frameId ? offer : null;
  }

  state(id, sender) {
    const offer = this.forFrame(id, sender);
    if (!offer) return { ok: false, reason: 'expired' };
    return { ok: true, view: { site: offer.site, records: offer.records.map(shownRecord) } };
  }

  tell(offer, id, message) {
    return this.command(offer.tabId, 0, { type: SAVE_COMMAND, session: id, ...message }).catch(
      () => ({ ok: false, reason: 'expired' }),
    );
  }

  resize(id, height, sender) {
    const offer = this.forFrame(id, sender);
    if (!offer || !Number.isFinite(height)) return { ok: false, reason: 'expired' };
    return this.tell(offer, id, { action: 'resize', height: Math.round(height) });
  }

  // The shopper answered: 'save' (every record; the security code only with `csc`), 'not_now'
  // or 'never' (record.never for the site). Resolves to {ok, saved?: [{kind, label}]} or
  // {ok: false, reason}: 'not_visible' and friends (the guard), 'locked', 'failed' (with the
  // host's error).
  async answer(id, { answer, csc }, sender) {
    const offer = this.forFrame(id, sender);
    if (!offer || offer.answered) return { ok: false, reason: 'expired' };
    const seen = await this.tell(offer, id, { action: 'check' });
    if (!seen.ok) return { ok: false, reason: seen.reason ?? 'not_visible' };
    if (answer === 'not_now') {
      this.settle(offer);
      return { ok: true };
    }
    if (answer === 'never') {
      const reply = await this.request('record.never', { url: offer.url, never: true });
      if (!reply.ok) return { ok: false, reason: this.reasonOf(reply), error: reply.error };
      this.settle(offer);
      return { ok: true };
    }
    const saved = [];
    const left = [];
    let failure = null;
    for (const r of offer.records) {
      const reply = await this.request('record.save', saveBody(r, csc === true));
      if (reply.ok) saved.push({ kind: reply.kind, label: String(reply.label ?? '') });
      else {
        left.push(r);
        failure ??= reply;
      }
    }
    // What was saved is gone from memory; what failed stays for another try.
    offer.records = left;
    if (left.length === 0) this.settle(offer);
    if (failure) return { ok: false, reason: this.reasonOf(failure), error: failure.error, saved };
    return { ok: true, saved };
  }

  // Answered: the values are dropped now; the shell stays until the frame closes.
  settle(offer) {
    offer.records = [];
    offer.answered = true;
  }

  reasonOf(reply) {
    return reply.error?.code === 'locked' ? 'locked' : 'failed';
  }

  async close(id, sender) {
    const offer = this.forFrame(id, sender);
    if (!offer) return { ok: false, reason: 'expired' };
    this.offers.delete(id);
    await this.tell(offer, id, { action: 'close' });
    return { ok: true };
  }

  dropTab(tabId) {
    for (const [id, offer] of this.offers) {
      if (offer.tabId === tabId) this.offers.delete(id);
    }
    this.waiting.delete(tabId);
  }
}
