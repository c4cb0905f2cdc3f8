// What the background remembers about a tab, for its badge and its popup: per frame, the site,
// the categories its fields ask for, how many fields were filled and which categories were
// withheld as not allowed. Counts and category names only: never a value. The categories are
// the host's classification of each field (fills[].category, withheld[].category); a field's
// autocomplete attribute stands in only until the host has classified it.

import { CATEGORY_IDS, categoryOfAutocomplete } from '../shared/protocol.js';

function sorted(set) {
  return CATEGORY_IDS.filter((id) => set.has(id));
}

// The category of each field the host classified, by ref ({ref: category}), from a fill reply:
// the host reads labels, names and neighbours, so it knows fields that have no autocomplete
// attribute (most shops). Categories only, never a value.
function hostCategories(previous, reply) {
  const categories = { ...(previous?.categories ?? {}) };
  for (const entry of [...(reply.fills ?? []), ...(reply.withheld ?? [])]) {
    if (entry.ref && entry.category) categories[entry.ref] = entry.category;
  }
  return categories;
}

// What the frame's described fields ask for: the host's category of each field it classified,
// else the autocomplete attribute's (a field the host was not asked about yet).
function askedOf(fields, categories) {
  const asked = new Set();
  for (const field of fields) {
    const category = categories[field.ref] ?? categoryOfAutocomplete(field.autocomplete);
    if (category) asked.add(category);
  }
  return asked;
}

// A frame's summary after a fill reply ({fills, withheld}). `filled` counts distinct fields:
// filling a field again at the shopper's request does not count it twice.
export function frameAfterFill(previous, { site, fields, reply }) {
  const categories = hostCategories(previous, reply);
  const asked = new Set(previous?.asked ?? []);
  for (const category of askedOf(fields, categories)) asked.add(category);
  const notAllowed = new Set(previous?.notAllowed ?? []);
  for (const w of reply.withheld ?? []) {
    if (w.reason === 'not_allowed' && w.category) notAllowed.add(w.category);
  }
  const filledRefs = new Set(previous?.filledRefs ?? []);
  for (const fill of reply.fills ?? []) {
    filledRefs.add(fill.ref);
    // A category allowed since (the popup toggled it) is no longer "not allowed".
    const category = categories[fill.ref];
    if (category) notAllowed.delete(category);
  }
  return {
    site: reply.site ?? site,
    asked: sorted(asked),
    notAllowed: sorted(notAllowed),
    filled: filledRefs.size,
    filledRefs: [...filledRefs],
    categories,
  };
}

// A frame's summary after it described its fields (nothing filled). The host's categories of
// fields still there count: a page without autocomplete attributes keeps asking for them.
export function frameAfterDescribe(previous, { site, fields }) {
  const categories = previous?.categories ?? {};
  return {
    site: previous?.site ?? site,
    asked: sorted(askedOf(fields, categories)),
    notAllowed: previous?.notAllowed ?? [],
    filled: previous?.filled ?? 0,
    filledRefs: previous?.filledRefs ?? [],
    categories,
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
