// Which fields an automatic fill asks about. A field is asked about once; again only when it has
// become visible since (multi-step checkouts show the next step's fields) or its autocomplete
// changed. A field that was filled is never filled again without the shopper asking.

// entries: [{ref, descriptor}]; sent: Map ref -> {visible, autocomplete} of the last request;
// filled: Set of refs.
export function selectForAuto(entries, sent, filled) {
  return entries.filter(({ ref, descriptor }) => {
    if (filled.has(ref)) return false;
    const before = sent.get(ref);
    if (!before) return true;
    if (!before.visible && descriptor.visible) return true;
    return before.autocomplete !== descriptor.autocomplete;
  });
}

// Fields that were refused for being invisible and might yet be shown: worth another look when
// the page scrolls or changes.
export function awaitingVisibility(sent, filled) {
  for (const [ref, state] of sent) {
    if (!state.visible && !filled.has(ref)) return true;
  }
  return false;
}
