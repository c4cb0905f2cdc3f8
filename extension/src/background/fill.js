// A frame's fill request to the host, and what the frame gets back.
//
// The content script describes the whole frame and names the fields to decide now (`ask`):
// the others are context, which the host reads to understand their neighbours (split boxes,
// name and expiry pairs, billing sections) and must fill none of. The host is told both ways:
// `ask`, and `visible: false` on every context field, which a host that does not read `ask`
// withholds as not_visible without decrypting anything. Whatever the host answers, only the
// asked fields' outcomes go back to the frame (and into the tab's summary).

// The asked refs: those of `ask` that name a described field, or every field when the message
// has no `ask` list.
export function askedRefs(ask, fields) {
  const refs = new Set(fields.map((f) => f.ref));
  if (!Array.isArray(ask)) return refs;
  return new Set(ask.filter((ref) => typeof ref === 'string' && refs.has(ref)));
}

// topUrl: the tab's top-level page when the frame is not it (the host then applies the rules of
// frames of other sites); aimed: the gesture was aimed at this frame (gesture.js).
export function hostFillBody({ url, trigger, fields, asked, topUrl, aimed = false }) {
  return {
    url,
    trigger,
    ...(topUrl ? { top_url: topUrl, aimed } : {}),
    ask: fields.filter((f) => asked.has(f.ref)).map((f) => f.ref),
    fields: fields.map((f) => (asked.has(f.ref) ? f : { ...f, visible: false })),
  };
}

// The host's reply, reduced to the asked fields.
export function answerFor(reply, asked) {
  const mine = (entry) => asked.has(entry.ref);
  return {
    ...reply,
    fills: (reply.fills ?? []).filter(mine),
    withheld: (reply.withheld ?? []).filter(mine),
    unknown: (reply.unknown ?? []).filter((ref) => asked.has(ref)),
    empty: (reply.empty ?? []).filter((ref) => asked.has(ref)),
  };
}
