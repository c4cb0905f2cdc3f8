// The toolbar badge of a tab: how many fields pims filled there, and "!" when the page asks for
// categories its site has not been allowed (the popup says which and offers the toggles).

import { t, tn, joinList } from '../shared/i18n.js';

export const BADGE_COLOURS = Object.freeze({ filled: '#1f5f8b', attention: '#b45309' });

// totals: {filled, notAllowed: [category...]}
export function badgeText({ filled = 0, notAllowed = [] } = {}) {
  const count = filled > 99 ? '99+' : filled > 0 ? String(filled) : '';
  if (notAllowed.length === 0) return count;
  return count.length <= 2 ? `${count}!` : count;
}

export function badgeColour({ notAllowed = [] } = {}) {
  return notAllowed.length ? BADGE_COLOURS.attention : BADGE_COLOURS.filled;
}

// The action's tooltip, which screen readers announce with the button.
export function badgeTitle({ filled = 0, notAllowed = [] } = {}, label = (id) => id) {
  const parts = [];
  if (filled > 0) parts.push(tn('badgeFilled', filled));
  if (notAllowed.length) parts.push(t('badgeAsks', joinList(notAllowed.map(label))));
  return parts.length ? t('badgeTitle', parts.join('; ')) : t('extensionName');
}

// A fill was asked while the vault was locked (the page loaded, the shortcut, the menu): the
// tab waits for the shopper to unlock, and its badge shows a lock until then.
export const WAITING_BADGE = '\u{1F512}';

// The badge of a tab with its waiting state and the outcome of the shopper's latest gesture
// fill (the shortcut, the context menu, Fill now: shared/explain.js's explanation), which says
// "0" when that fill filled nothing at all, so the shopper sees it did something.
export function badgeFor(totals = {}, { waiting = false, lastFill = null } = {}) {
  if (waiting) return { text: WAITING_BADGE, colour: BADGE_COLOURS.attention };
  let text = badgeText(totals);
  let colour = badgeColour(totals);
  if (lastFill && lastFill.filled === 0 && lastFill.notFilled > 0) {
    if (text === '') text = '0';
    colour = BADGE_COLOURS.attention;
  }
  return { text, colour };
}
