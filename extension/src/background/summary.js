// What the background remembers about a tab, for its badge and its popup: per frame, the site,
// the categories its fields ask for, how many fields were filled and which categories were
// withheld as not allowed. Counts and category names only: never a value.

import { CATEGORY_IDS, categoryOfAutocomplete } from '../shared/protocol.js';

function sorted(set) {
  return CATEGORY_IDS.filter((id) => set.has(id));
}

export function askedCategories(fields) {
  const asked = new Set();
  for (const field of fields) {
    const category = categoryOfAutocomplete(field.autocomplete);
    if (category) asked.add(category);
  }
  return asked;
}

// A frame's summary after a fill reply ({fills, withheld}). `filled` counts distinct fields:
// filling a field again at the shopper's request does not count it twice.
export function frameAfterFill(previous, { site, fields, reply }) {
  const asked = new Set(previous?.asked ?? []);
  for (const category of askedCategories(fields)) asked.add(category);
  const notAllowed = new Set(previous?.notAllowed ?? []);
  for (const w of reply.withheld ?? []) {
    if (w.category) asked.add(w.category);
    if (w.reason === 'not_allowed' && w.category) notAllowed.add(w.category);
  }
  const filledRefs = new Set(previous?.filledRefs ?? []);
  for (const fill of reply.fills ?? []) {
    filledRefs.add(fill.ref);
    // A category allowed since (the popup toggled it) is no longer "not allowed".
    const category = categoryOfAutocomplete(fieldAutocomplete(fields, fill.ref));
    if (category) notAllowed.delete(category);
  }
  return {
    site: reply.site ?? site,
    asked: sorted(asked),
    notAllowed: sorted(notAllowed),
    filled: filledRefs.size,
    filledRefs: [...filledRefs],
  };
}

function fieldAutocomplete(fields, ref) {
  return fields.find((f) => f.ref === ref)?.autocomplete ?? '';
}

// A frame's summary after it described its fields (nothing filled).
export function frameAfterDescribe(previous, { site, fields }) {
  return {
    site: previous?.site ?? site,
    asked: sorted(askedCategories(fields)),
    notAllowed: previous?.notAllowed ?? [],
    filled: previous?.filled ?? 0,
    filledRefs: previous?.filledRefs ?? [],
  };
}

// Totals over a tab's frames: {filled, asked, notAllowed, sites}.
export function tabTotals(frames) {
  const asked = new Set();
  const notAllowed = new Set();
  const sites = new Set();
  let filled = 0;
  for (const frame of frames) {
    filled += frame.filled;
    for (const c of frame.asked) asked.add(c);
    for (const c of frame.notAllowed) notAllowed.add(c);
    if (frame.site) sites.add(frame.site);
  }
  return { filled, asked: sorted(asked), notAllowed: sorted(notAllowed), sites: [...sites] };
}

// A frame's summary once its site's policy is known: what it asks for and may not have, of
// the categories the shopper has not refused ("never for this shop": no "!" for those).
export function frameWithPolicy(frame, allow, deny = []) {
  return {
    ...frame,
    notAllowed: frame.asked.filter((c) => !allow.includes(c) && !deny.includes(c)),
  };
}
