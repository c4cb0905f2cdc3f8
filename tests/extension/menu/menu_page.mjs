// What the menu tests and the menu benchmark (tests/bench/chromium-menu.mjs) share: the
// profile with two addresses and two cards, and reading the menu at a field from a page.

import { PROFILE, STEP_MS, poll } from '../e2e/harness.mjs';

// Two addresses and two cards; the defaults are the first of each.
export const MENU_PROFILE = {
  ...PROFILE,
  addresses: [
    ...PROFILE.addresses,
    {
      id: 'work',
      label: 'Work',
      name: 'Ada Lovelace',
      'street-address': '1 Babbage Street',
      'address-level2': 'Cambridge',
      'postal-code': 'CB2 1TN',
      country: 'GB',
    },
  ],
  cards: [
    ...PROFILE.cards,
    {
      id: 'mc',
      label: 'Work card',
      'cc-name': 'A Lovelace',
      'cc-number': '5555555555554444',
      'cc-exp-month': 3,
      'cc-exp-year': 2029,
      'cc-csc': '737',
    },
  ],
};

// The menu's frame in a page (in any of its frames), or null. A frame removed meanwhile (the
// menu closing) is not the menu: puppeteer throws at once for it, before any promise.
export async function findMenu(page) {
  for (const frame of page.frames()) {
    if (frame.detached) continue;
    let href = '';
    try {
      href = await frame.evaluate(() => location.href);
    } catch {
      continue;
    }
    if (href.includes('/menu/menu.html')) return frame;
  }
  return null;
}

export function readMenu(frame) {
  return frame.evaluate(() => ({
    options: [...document.querySelectorAll('[role=option]')].map((o) => ({
      id: o.id,
      text: o.textContent,
      selected: o.getAttribute('aria-selected') === 'true',
    })),
    question: document.getElementById('question')?.textContent ?? null,
    status: document.getElementById('status')?.textContent ?? '',
    role: document.getElementById('list')?.getAttribute('role'),
    focused: document.hasFocus() && document.activeElement?.id === 'list',
    shownAt: Number(document.documentElement.dataset.shownAt ?? 0),
    refusedBy: document.documentElement.dataset.refusedBy ?? null,
  }));
}

// Waits for the menu with at least one option (and `until` true of what it shows).
export async function waitMenu(page, label, until = () => true) {
  return poll(
    async () => {
      const frame = await findMenu(page);
      if (!frame) return null;
      const state = await readMenu(frame).catch(() => null);
      return state && state.options.length && until(state) ? { frame, state } : null;
    },
    Boolean,
    STEP_MS,
    label,
    50,
  );
}

// In the page: from the press in the menu (when the field lost the focus to the menu's frame)
// to the last input event of the fill.
export function pickToLastField(field) {
  const { blur, input } = window.__times;
  return input.length && blur[field] ? input.at(-1)[1] - blur[field] : null;
}
