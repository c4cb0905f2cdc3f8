// What an automatic fill asks the host about. Pure decisions on plain data; content.js acts on
// them.
//
// Every request describes the whole frame (every candidate control, in document order, visible
// or not), so the host reads each field beside its neighbours: split phone and card boxes, name
// pairs, expiry pairs, billing and shipping sections. `ask` names the fields to decide now: a
// field is asked about once it is visible, and again only when its autocomplete changed. A
// field that was filled is never filled again without the shopper asking.

export function createPlan() {
  return {
    asked: new Map(), // ref -> {signature} as last asked about
    filled: new Set(), // refs filled by pims on this page
  };
}

// What, when it changes, makes a field worth asking about again.
export function askSignature(descriptor) {
  return String(descriptor.autocomplete ?? '');
}

// The refs an automatic fill asks about: visible fields never filled by pims, and never asked
// about, or asked about when they were different. entries: [{ref, descriptor}].
export function selectForAuto(entries, plan) {
  const ask = [];
  for (const { ref, descriptor } of entries) {
    if (!descriptor.visible || plan.filled.has(ref)) continue;
    const before = plan.asked.get(ref);
    if (!before || before.signature !== askSignature(descriptor)) ask.push(ref);
  }
  return ask;
}

export function recordAsked(plan, entries, ask) {
  const asking = new Set(ask);
  for (const { ref, descriptor } of entries) {
    if (asking.has(ref)) plan.asked.set(ref, { signature: askSignature(descriptor) });
  }
}

// Nothing was decided (the vault was locked, the host missing): ask again next time.
export function forgetAsked(plan, ask) {
  for (const ref of ask) plan.asked.delete(ref);
}
