// Was the menu really visible to the shopper? In Chromium, IntersectionObserver v2
// (trackVisibility) reports isVisible for the menu's own content, through every ancestor frame:
// false when anything is drawn over it, or when an ancestor makes it transparent, filters or
// transforms it. A choice counts only when the menu has been visible, without a break, for at
// least MIN_VISIBLE_MS. Where the browser has no v2 (Firefox), this says so, and the content
// script's measurements of the page decide alone (content/menu_guard.js).

export const MIN_VISIBLE_MS = 400;
// The smallest delay IntersectionObserver v2 accepts.
const DELAY_MS = 100;

// target: the element drawn; now(): the document's clock (performance.now).
export function createSight(target, { now = () => performance.now() } = {}) {
  const supported =
    typeof IntersectionObserverEntry !== 'undefined' &&
    'isVisible' in IntersectionObserverEntry.prototype;
  let visibleSince = null;
  if (supported) {
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1);
        if (!last.isVisible) visibleSince = null;
        else if (visibleSince === null) visibleSince = last.time;
      },
      { trackVisibility: true, delay: DELAY_MS, threshold: [0, 1] },
    );
    observer.observe(target);
  }
  return {
    supported,
    // {ok: true, checked} or {ok: false, reason: 'not_visible' | 'too_soon'}.
    verdict() {
      if (!supported) return { ok: true, checked: false };
      if (visibleSince === null) return { ok: false, reason: 'not_visible' };
      if (now() - visibleSince < MIN_VISIBLE_MS) return { ok: false, reason: 'too_soon' };
      return { ok: true, checked: true };
    },
  };
}
