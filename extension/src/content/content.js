// The content script: describes the frame's form controls to the background and writes back
// the values it is given. The page is hostile: nothing here trusts it, and nothing the page can
// reach (the isolated world keeps this script's globals apart from the page's).
//
// The build links these modules into one classic script (tools/bundle.mjs), since content
// scripts cannot be ES modules. Injecting it twice is harmless: a live instance stays.

import { webext } from '../shared/webext.js';
import {
  PAGE_FIELDS,
  PAGE_DESCRIBE,
  MENU_COMMAND,
  PAGE_SUBMIT,
  SAVE_COMMAND,
} from '../shared/messages.js';
import { MAX_FIELDS } from '../shared/protocol.js';
import {
  isCandidate,
  describeControl,
  createScan,
  worthAsking,
  hasValue,
  takesField,
} from './fields.js';
import { measureVisibilityAll, visibilityVerdict, readablePart } from './visibility.js';
import {
  createPlan,
  selectForAuto,
  recordAsked,
  forgetAsked,
  mayFill,
  autoWait,
  spendAuto,
  keepsValue,
} from './plan.js';
import { announceValue, setValue } from './write.js';
import { FieldMenu } from './menu_anchor.js';
import { TypedValues } from './typed.js';
import { SaveBar } from './save_bar.js';

// Automatic requests wait until the page has been still this long (a scroll, a burst of DOM
// changes), and no longer than MAX_WAIT_MS after the first change.
const DEBOUNCE_MS = 400;
const MAX_WAIT_MS = 1_200;
// How often fields that came into view are measured while the shopper scrolls.
const LOOK_MS = 100;

// Which fields are in the top-level viewport, from an IntersectionObserver with the implicit
// root. It tells when fields come into view, so that each is measured (visibility.js) while the
// shopper can see it, however fast they scroll past. In a frame it is also a condition:
// visibility.js sees only the frame's own document, and a page can hide a whole frame
// (off-screen, clipped to nothing by its container, display:none) while the fields inside look
// fine; the observer measures each field against the top-level viewport, through every
// ancestor frame's clipping. A field counts as shown once its latest report has a readable part
// of it in view (visibility.js readablePart); until its first report it does not. The frame
// element's opacity, visibility or covers in the parent cannot be seen from inside; where the
// browser measures them (Chromium: IntersectionObserver v2, trackVisibility), a frame whose
// document the browser reports as not visible (occluded, transparent, filtered, transformed)
// shows nothing. Elsewhere (Firefox) a frame of the page's own site hidden by its page is not
// detected (docs/security.md); frames of other sites fill only on a gesture aimed at them.
const VIEW_THRESHOLDS = Object.freeze(Array.from({ length: 101 }, (_, i) => i / 100));

const TRACKS_VISIBILITY =
  typeof IntersectionObserverEntry !== 'undefined' &&
  'isVisible' in IntersectionObserverEntry.prototype;

class TopViewport {
  constructor(onChange, inFrame, root) {
    this.watched = new WeakSet();
    this.shownNow = new Set(); // elements whose latest report shows them
    // Whether the browser shows the frame's document as visible in its page (see above).
    this.frameVisible = !(inFrame && TRACKS_VISIBILITY);
    this.frameObserver = null;
    if (!this.frameVisible) {
      this.frameObserver = new IntersectionObserver(
        (entries) => {
          const entry = entries[entries.length - 1];
          const visible = entry.isIntersecting && entry.isVisible === true;
          if (visible !== this.frameVisible) {
            this.frameVisible = visible;
            onChange();
          }
        },
        { threshold: [0], trackVisibility: true, delay: 100 },
      );
      this.frameObserver.observe(root);
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        let changed = false;
        for (const entry of entries) {
          const shown =
            entry.isIntersecting && readablePart(entry.intersectionRect, entry.boundingClientRect);
          if (this.shownNow.has(entry.target) !== shown) {
            if (shown) this.shownNow.add(entry.target);
            else this.shownNow.delete(entry.target);
            changed = true;
          }
        }
        if (changed) onChange();
      },
      { threshold: VIEW_THRESHOLDS },
    );
  }

  watch(el) {
    if (this.watched.has(el)) return;
    this.watched.add(el);
    this.observer.observe(el);
  }

  shown(el) {
    return this.frameVisible && this.shownNow.has(el);
  }

  // The watched elements in view now (disconnected ones are let go).
  inView() {
    const found = [];
    if (!this.frameVisible) return found;
    for (const el of this.shownNow) {
      if (el.isConnected) found.push(el);
      else this.shownNow.delete(el);
    }
    return found;
  }

  stop() {
    this.observer.disconnect();
    this.frameObserver?.disconnect();
    this.shownNow.clear();
  }
}

class PageFiller {
  constructor(doc) {
    this.doc = doc;
    this.refs = new WeakMap(); // element -> ref
    this.elements = new Map(); // ref -> WeakRef(element)
    this.nextRef = 1;
    this.plan = createPlan(Date.now());
    this.seen = new WeakSet(); // controls that passed every visibility test at some moment
    this.queue = Promise.resolve();
    this.timer = null;
    this.firstScheduled = 0;
    this.lookTimer = null;
    this.observer = null;
    this.onScroll = () => this.lookSoon();
    // Controls the shopper typed in or picked from (trusted events only: a page's own events
    // and pims' are not the shopper's).
    this.picked = new WeakSet();
    this.gesture = null; // the token of the shopper's latest gesture here
    // What the shopper typed, for "Save what you typed" (typed.js).
    this.typed = new TypedValues();
    this.lastSubmitted = '';
    this.onEdit = (event) => {
      if (!event.isTrusted) return;
      const el = event.composedPath?.()[0] ?? event.target;
      this.picked.add(el);
      this.typed.noteInput(el);
    };
    this.onSubmit = (event) => {
      if (event.isTrusted) this.submitted(event.target);
    };
    this.onLeave = () => this.submitted(null);
    const win = doc.defaultView;
    this.inFrame = win !== win.top;
    this.view = new TopViewport(() => this.lookSoon(), this.inFrame, doc.documentElement);
    this.menu = new FieldMenu(doc, this);
    this.saveBar = this.inFrame ? null : new SaveBar(doc);
  }

  // A form was submitted (form), or the page is going away (null), after the shopper typed:
  // the background asks the host whether there is anything to offer to save. The whole frame
  // is described, so the host classifies each field beside its neighbours; values go only for
  // the submitted form's fields the shopper typed in (or pims filled). The same values are not
  // sent twice (a submit, then the page going away).
  submitted(form) {
    if (!this.typed.hasTyped()) return;
    const entries = this.snapshot(true);
    const values = this.typed.collect(entries, form);
    if (values.length === 0) return;
    const signature = JSON.stringify(values);
    if (signature === this.lastSubmitted) return;
    this.lastSubmitted = signature;
    const fields = entries.map((e) => e.descriptor);
    webext.runtime.sendMessage({ type: PAGE_SUBMIT, fields, values }).catch(() => undefined);
  }

  // In a frame, is the control inside the top-level viewport? (At the top, visibility.js's own
  // viewport test is that.)
  inView(el) {
    this.view.watch(el);
    return !this.inFrame || this.view.shown(el);
  }

  // Measures controls now: each one's verdict, and whether it passes every test (then the
  // shopper has seen it).
  judge(elements) {
    const measured = measureVisibilityAll(elements);
    return elements.map((el, i) => {
      const verdict = visibilityVerdict(measured[i]);
      const inView = this.inView(el);
      if (verdict.visible && inView) this.seen.add(el);
      return { verdict, inView };
    });
  }

  // Fields that came into view are measured there, while the shopper can see them; those that
  // pass every test are asked about at the next fill, even if scrolled away by then.
  look() {
    this.lookTimer = null;
    const fresh = this.view.inView().filter((el) => !this.seen.has(el) && isCandidate(el));
    if (fresh.length === 0) return;
    this.judge(fresh);
    if (fresh.some((el) => this.seen.has(el))) this.schedule();
  }

  lookSoon() {
    if (this.lookTimer === null) this.lookTimer = setTimeout(() => this.look(), LOOK_MS);
  }

  refOf(el) {
    let ref = this.refs.get(el);
    if (!ref) {
      ref = `f${this.nextRef++}`;
      this.refs.set(el, ref);
      this.elements.set(ref, new WeakRef(el));
    }
    return ref;
  }

  // Candidate controls of the document and of its open shadow roots, in document order.
  controls() {
    const found = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('input, select, textarea')) {
        if (found.length >= MAX_FIELDS) return;
        if (isCandidate(el)) found.push(el);
      }
      for (const host of root.querySelectorAll('*')) {
        if (host.shadowRoot && found.length < MAX_FIELDS) visit(host.shadowRoot);
      }
    };
    visit(this.doc);
    return found;
  }

  // The frame's candidate controls, described, each with whether it may be filled now
  // (plan.js mayFill) and whether a field of its form is in view.
  snapshot(gesture = false) {
    const controls = this.controls();
    const judged = this.judge(controls);
    const scan = createScan();
    const entries = controls.map((el, i) => {
      const ref = this.refOf(el);
      return { el, ref, ...judged[i], descriptor: describeControl(el, ref, false, scan) };
    });
    const formsInView = new Set();
    for (const e of entries) if (e.verdict.visible && e.inView) formsInView.add(e.descriptor.form);
    for (const e of entries) {
      e.formShown = formsInView.has(e.descriptor.form);
      e.descriptor.visible = mayFill({ ...e, seen: this.seen.has(e.el), gesture });
    }
    return entries;
  }

  // Runs one job at a time, so two scans never ask about the same field at once.
  enqueue(job) {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  schedule() {
    const now = Date.now();
    if (this.timer === null) this.firstScheduled = now;
    clearTimeout(this.timer);
    const wait = Math.min(DEBOUNCE_MS, Math.max(0, this.firstScheduled + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fill('change');
    }, wait);
  }

  // Every request describes the whole frame, so that the host reads each field beside its
  // neighbours; `ask` says which fields to decide now (all of them on a gesture). A pick in the
  // menu at a field is a gesture (`extra` names its menu).
  fill(reason, extra = {}) {
    return this.enqueue(async () => {
      const pick = reason === 'pick';
      const gesture = reason === 'gesture' || pick;
      const all = this.snapshot(gesture);
      const fields = all.map((e) => e.descriptor);
      const ask = gesture ? all.map((e) => e.ref) : selectForAuto(all, this.plan);
      if (ask.length === 0 || !worthAsking(fields)) return { filled: 0, refused: [] };
      if (!gesture) {
        const wait = autoWait(this.plan, Date.now());
        if (wait > 0) {
          // Over the budget: the request waits for it, it is not dropped.
          setTimeout(() => this.schedule(), wait);
          return { filled: 0, refused: [] };
        }
        spendAuto(this.plan, Date.now());
      }
      recordAsked(this.plan, all, ask);
      let reply;
      try {
        const message = { type: PAGE_FIELDS, reason, fields, ask, ...extra };
        if (this.gesture) message.gesture = this.gesture;
        reply = await webext.runtime.sendMessage(message);
      } catch {
        forgetAsked(this.plan, ask);
        return { filled: 0, refused: [], error: 'no_background' };
      }
      if (!reply?.ok) {
        // Nothing was decided (the vault is locked, the host is missing): ask again next time.
        forgetAsked(this.plan, ask);
        return { filled: 0, refused: [], error: reply?.error?.code ?? 'no_reply' };
      }
      const asked = new Set(ask);
      const formShown = new Map(
        all.filter((e) => asked.has(e.ref)).map((e) => [e.ref, e.formShown]),
      );
      return this.apply(reply.fills ?? [], reply.refused ?? [], gesture, formShown, pick);
    });
  }

  // Does a write leave this field alone? (plan.js keepsValue)
  keeps(el, ref, gesture, pick) {
    const typed = this.picked.has(el);
    return keepsValue({
      trigger: pick ? 'pick' : gesture ? 'gesture' : 'auto',
      hasValue: hasValue(el, typed),
      typed,
      filledByPims: this.plan.filled.has(ref),
    });
  }

  // Writes the values, checking every field again first: the page may have hidden or moved it
  // since it was described. The check, all the writes and only then the input/change events
  // run in one synchronous pass, so no page script runs between a field's check and its write
  // (a listener of field 1 cannot hide field 2 and still receive its value), and the page's
  // layout is measured once for the whole form rather than once per field.
  // asked: Map ref -> whether a field of its form was in view when it was asked about.
  apply(fills, refused, gesture, asked, pick = false) {
    const outcome = { filled: 0, refused: [...refused] };
    const targets = [];
    for (const { ref, value, field } of fills) {
      const el = this.elements.get(ref)?.deref();
      if (!asked.has(ref)) outcome.refused.push({ ref, reason: 'not_asked' });
      else if (!el || !el.isConnected) outcome.refused.push({ ref, reason: 'gone' });
      else if (!takesField(el, field)) outcome.refused.push({ ref, reason: 'password_box' });
      else if (el.disabled || el.readOnly) outcome.refused.push({ ref, reason: 'read_only' });
      else targets.push({ ref, value, el });
    }
    const judged = this.judge(targets.map((t) => t.el));
    const written = [];
    targets.forEach(({ ref, value, el }, i) => {
      const seen = this.seen.has(el);
      let reason = null;
      if (!mayFill({ ...judged[i], seen, gesture, formShown: asked.get(ref) })) {
        reason = 'not_visible';
      } else if (this.keeps(el, ref, gesture, pick)) reason = 'not_empty';
      else {
        const set = setValue(el, value);
        if (!set.ok) reason = set.reason;
      }
      if (reason) {
        outcome.refused.push({ ref, reason });
      } else {
        written.push(el);
        this.plan.filled.add(ref);
        outcome.filled += 1;
      }
    });
    for (const el of written) {
      this.typed.noteWrite(el);
      announceValue(el);
    }
    return outcome;
  }

  describe() {
    return this.enqueue(async () => {
      const fields = this.snapshot().map((e) => e.descriptor);
      try {
        await webext.runtime.sendMessage({ type: PAGE_DESCRIBE, fields });
      } catch {
        return { described: 0, error: 'no_background' };
      }
      return { described: fields.length };
    });
  }

  run(command) {
    if (command?.action === 'fill') {
      // The shopper's gesture, for this document only (background/gesture.js).
      if (typeof command.gesture === 'string') this.gesture = command.gesture;
      return this.fill('gesture');
    }
    if (command?.action === 'describe') return this.describe();
    if (command?.action === 'rescan') return this.fill('change');
    return Promise.resolve({ error: 'bad_command' });
  }

  start() {
    // A frame waits for its fields' first reports from the observer, which lead to a scan.
    for (const el of this.controls()) this.view.watch(el);
    if (!this.inFrame) this.fill('load');
    this.observer = new MutationObserver(() => this.schedule());
    this.observer.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style', 'class', 'hidden', 'type', 'autocomplete', 'disabled', 'readonly'],
    });
    this.doc.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    for (const type of ['input', 'change']) {
      this.doc.addEventListener(type, this.onEdit, { capture: true, passive: true });
    }
    this.doc.defaultView.addEventListener('resize', this.onScroll, { passive: true });
    this.doc.addEventListener('submit', this.onSubmit, { capture: true, passive: true });
    this.doc.defaultView.addEventListener('pagehide', this.onLeave);
    this.menu.start();
  }

  stop() {
    clearTimeout(this.timer);
    clearTimeout(this.lookTimer);
    this.observer?.disconnect();
    this.view.stop();
    this.doc.removeEventListener('scroll', this.onScroll, { capture: true });
    for (const type of ['input', 'change']) {
      this.doc.removeEventListener(type, this.onEdit, { capture: true });
    }
    this.doc.defaultView.removeEventListener('resize', this.onScroll);
    this.doc.removeEventListener('submit', this.onSubmit, { capture: true });
    this.doc.defaultView.removeEventListener('pagehide', this.onLeave);
    this.menu.stop();
    this.saveBar?.close();
  }
}

// Resolves once the document is parsed and the style sheets it links have loaded (or failed).
// The manifest injects this script at document_start so that it is ready the moment the form
// exists; it starts at DOMContentLoaded, not later (document_idle waits for a quiet moment, which
// a shopper feels as a late fill). But DOMContentLoaded does not wait for style sheets, and the
// visibility checks must measure the page as it will be drawn: a field a pending sheet hides is
// not one the shopper can see.
function documentReady(doc) {
  const parsed =
    doc.readyState === 'loading'
      ? new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }))
      : Promise.resolve();
  return parsed.then(() => {
    const pending = [...doc.querySelectorAll('link[rel~="stylesheet" i]')].filter(
      (link) => !link.sheet && !link.disabled,
    );
    return Promise.all(
      pending.map(
        (link) =>
          new Promise((resolve) => {
            link.addEventListener('load', resolve, { once: true });
            link.addEventListener('error', resolve, { once: true });
            if (link.sheet) resolve(); // loaded between the check and the listeners
          }),
      ),
    );
  });
}

// A previous copy stays if its extension context is alive; one orphaned by an extension
// update or reload (runtime.id gone) is stopped and replaced.
const previous = globalThis.__pimsContent;
if (!previous?.alive()) {
  previous?.stop();
  const filler = new PageFiller(document);
  const started = documentReady(document).then(() => filler.start());
  // The background's commands for the menu at a field (only the extension can send these).
  const onMenuCommand = (message, sender, respond) => {
    if (message?.type === SAVE_COMMAND && sender?.id === webext.runtime.id && filler.saveBar) {
      // The offer to save what the shopper typed (save_bar.js), in the top frame only.
      started
        .then(() => filler.saveBar.command(message))
        .then(respond, () => respond({ ok: false, reason: 'failed' }));
      return true;
    }
    if (message?.type !== MENU_COMMAND || sender?.id !== webext.runtime.id) return false;
    filler.menu.command(message).then(respond, () => respond({ ok: false, reason: 'failed' }));
    return true;
  };
  webext.runtime.onMessage.addListener(onMenuCommand);
  globalThis.__pimsContent = {
    alive: () => Boolean(webext?.runtime?.id),
    run: (command) => started.then(() => filler.run(command)),
    stop: () => {
      webext.runtime.onMessage.removeListener(onMenuCommand);
      return started.then(() => filler.stop());
    },
  };
}
