// What an automatic fill asks the host about, and which fields may be filled. Pure decisions on
// plain data; content.js acts on them. docs/security.md ("What the shopper can see") states the
// rules.
//
// Every request describes the whole frame (every candidate control, in document order, visible
// or not), so the host reads each field beside its neighbours: split phone and card boxes, name
// pairs, expiry pairs, billing and shipping sections. `ask` names the fields to decide now: a
// field is asked about once it is visible, and again only when it changed (MAX_REASKS). A
// field that was filled is never filled again without the shopper asking.

import { GEOMETRY_REASONS } from './visibility.js';

// Automatic requests: a burst, then one per refill period. A request past the budget waits for
// it rather than being dropped, so a long checkout scrolled slowly still gets its last fields,
// while a page that keeps adding fields cannot keep the host busy. Only requests that ask about
// something new are ever sent; the shopper's own requests are not counted.
export const AUTO_BURST = 20;
export const AUTO_REFILL_MS = 3_000;

export function createPlan(now = 0) {
  return {
    asked: new Map(), // ref -> {signature, times} as last asked about
    filled: new Set(), // refs filled by pims on this page
    tokens: AUTO_BURST, // automatic requests that may go now
    refilledAt: now,
  };
}

function refill(plan, now) {
  const earned = Math.floor((now - plan.refilledAt) / AUTO_REFILL_MS);
  if (earned <= 0) return;
  plan.tokens = Math.min(AUTO_BURST, plan.tokens + earned);
  plan.refilledAt = plan.tokens === AUTO_BURST ? now : plan.refilledAt + earned * AUTO_REFILL_MS;
}

// How long an automatic request must wait for the budget (0: it may go now).
export function autoWait(plan, now) {
  refill(plan, now);
  return plan.tokens >= 1 ? 0 : plan.refilledAt + AUTO_REFILL_MS - now;
}

// An automatic request is about to be sent: it spends one of the budget.
export function spendAuto(plan, now) {
  refill(plan, now);
  plan.tokens -= 1;
}

// A field is asked about again when it changed since (a state select whose options arrived
// once a country was chosen, an autocomplete the page set), at most this many times.
export const MAX_REASKS = 3;

// What, when it changes, makes a field worth asking about again: its autocomplete, and a
// select's options.
export function askSignature(descriptor) {
  const options = (descriptor.options ?? []).map((o) => `${o.value}\u0002${o.text}`);
  return `${descriptor.autocomplete ?? ''}\u0003${options.join('\u0001')}`;
}

// The refs an automatic fill asks about: visible fields never filled by pims, and never asked
// about, or asked about when they were different. entries: [{ref, descriptor}].
export function selectForAuto(entries, plan) {
  const ask = [];
  for (const { ref, descriptor } of entries) {
    if (!descriptor.visible || plan.filled.has(ref)) continue;
    const before = plan.asked.get(ref);
    if (!before) ask.push(ref);
    else if (before.times <= MAX_REASKS && before.signature !== askSignature(descriptor)) {
      ask.push(ref);
    }
  }
  return ask;
}

export function recordAsked(plan, entries, ask) {
  const asking = new Set(ask);
  for (const { ref, descriptor } of entries) {
    if (!asking.has(ref)) continue;
    const times = (plan.asked.get(ref)?.times ?? 0) + 1;
    plan.asked.set(ref, { signature: askSignature(descriptor), times });
  }
}

// Nothing was decided (the vault was locked, the host missing): ask again next time.
export function forgetAsked(plan, ask) {
  for (const ref of ask) plan.asked.delete(ref);
}

// May pims write into this field now?
//   verdict:   visibility.js's verdict now ({visible} or {visible: false, reason});
//   inView:    in a frame, the field is inside the top-level viewport (always true at the top);
//   seen:      earlier in this visit it passed every test at once (it was on screen, on top);
//   gesture:   the shopper asked (Fill now, the shortcut, the context menu);
//   formShown: a field of the same form (outside any form: of the same document) passes every
//              test now.
// A field the shopper has seen stays fillable while only its place hides it (scrolled out of
// the window or out of a scrolling box); every other reason (display:none, transparent,
// covered, moved off the page) is checked each time. On a gesture, a field outside the window
// that no other test hides is filled with the rest of its form, without scrolling; outside the
// window nothing can be hit-tested, so a cover there is not detected.
export function mayFill({ verdict, inView, seen, gesture, formShown }) {
  if (verdict.visible && inView) return true;
  if (seen && (verdict.visible || GEOMETRY_REASONS.has(verdict.reason))) return true;
  return Boolean(gesture && inView && formShown && verdict.reason === 'outside_viewport');
}

// Does a write leave a field's value alone? (issue 14)
//   trigger:      'auto' (the page loaded or changed), 'gesture' (Fill now, the shortcut, the
//                 context menu) or 'pick' (the shopper chose a record in the menu at a field);
//   hasValue:     the field holds something (fields.js hasValue);
//   typed:        the shopper typed or picked in it (a trusted input or change event);
//   filledByPims: pims filled it on this page.
// An automatic fill never writes over a value. A gesture writes over what pims or the page put
// there, never over what the shopper typed. A pick is the shopper choosing this record: it
// replaces what pims filled and what the shopper typed, and leaves the page's own values.
export function keepsValue({ trigger, hasValue, typed, filledByPims }) {
  if (!hasValue) return false;
  if (trigger === 'gesture') return typed;
  if (trigger === 'pick') return !typed && !filledByPims;
  return true;
}
