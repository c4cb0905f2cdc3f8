// Why fields were not filled, in the shopper's words: the refusals of a fill (the host's
// withheld reasons, its `empty` fields, and the content script's own refusals), grouped by
// reason, each group naming the categories it concerns. Pure: the background builds the
// explanation (it knows each field's category, from the host), the popup and the toolbar's
// title put it in words with the catalogue (`say` is i18n.js's t, passed in so this is testable).
//
// An explanation: {filled, notFilled, groups: [{reason, categories: [id...], count}]}. Counts
// and category names only: never a value.

// Each reason's sentence ($1: the categories, or "other fields"), in the order they are told:
// what the shopper can change first.
export const REASON_KEYS = Object.freeze({
  not_allowed: 'fillReasonNotAllowed',
  refused: 'fillReasonRefused',
  top_not_allowed: 'fillReasonTopNotAllowed',
  insecure_origin: 'fillReasonInsecureOrigin',
  cross_site_frame: 'fillReasonCrossSiteFrame',
  needs_gesture: 'fillReasonNeedsGesture',
  autofill_off: 'fillReasonAutofillOff',
  other_host: 'fillReasonOtherHost',
  not_empty: 'fillReasonNotEmpty',
  empty: 'fillReasonEmpty',
  too_long: 'fillReasonTooLong',
  not_visible: 'fillReasonNotVisible',
});
// The content script's refusals that mean the page would not take the value (gone, read only,
// a password box, no such option, not asked): told as one.
const UNWRITABLE = 'unwritable';
const ORDER = [...Object.keys(REASON_KEYS), UNWRITABLE];

// results: per frame {frameId, filled, refused: [{ref, reason}]}; categoryOf(frameId, ref): the
// host's category of that field, or undefined.
export function explainFill(results, categoryOf = () => undefined) {
  let filled = 0;
  const groups = new Map();
  const seen = new Set();
  for (const result of results ?? []) {
    filled += result.filled ?? 0;
    for (const { ref, reason } of result.refused ?? []) {
      const key = `${result.frameId}\u0000${ref}`;
      if (seen.has(key)) continue; // one field, one reason: the first told
      seen.add(key);
      const group = REASON_KEYS[reason] ? reason : UNWRITABLE;
      let entry = groups.get(group);
      if (!entry) {
        entry = { reason: group, categories: new Set(), other: false, count: 0 };
        groups.set(group, entry);
      }
      entry.count += 1;
      const category = categoryOf(result.frameId, ref);
      if (category) entry.categories.add(category);
      else entry.other = true;
    }
  }
  const sorted = ORDER.filter((r) => groups.has(r)).map((r) => {
    const { reason, categories, other, count } = groups.get(r);
    return { reason, categories: [...categories], other, count };
  });
  return { filled, notFilled: seen.size, groups: sorted };
}

// "3 fields not filled: Phone number not allowed for this shop; Payment card never on http
// pages". Empty when everything asked was filled.
export function explanationText(explanation, say, labelOf = (id) => id) {
  const { notFilled = 0, groups = [] } = explanation ?? {};
  if (notFilled === 0) return '';
  const parts = groups.map((g) => {
    const names = g.categories.map(labelOf);
    if (g.other || names.length === 0) names.push(say('fillOtherFields'));
    const key = REASON_KEYS[g.reason] ?? 'fillReasonUnwritable';
    return say(key, names.join(', '));
  });
  return notFilled === 1
    ? say('fillNotFilledOne', parts.join('; '))
    : say('fillNotFilledMany', [notFilled, parts.join('; ')]);
}

// "Filled 4 fields on this page." (or none).
export function filledText(filled, say) {
  return filled === 1 ? say('fillFilledOne') : say('fillFilledMany', filled);
}
