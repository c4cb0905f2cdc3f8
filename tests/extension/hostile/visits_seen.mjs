// Hostile visits about what the shopper can see (docs/security.md, "What the shopper can see"):
// fields hidden in the page, fields shown but not readable, fields of frames their page hides,
// and controls that a stricter check must still fill. See run.mjs for what a visit is.

import { STEP_MS, poll } from '../e2e/harness.mjs';
import { V, brief, fromOrigin, idStarts, seen } from './check.mjs';

export const SHOP = 'https://www.shop.example';
export const PAY = 'https://pay.shop.example';

// invisible.html: each trap holds a card number and an email field the shopper cannot see.
const HIDDEN_TRAPS = [
  ['hidden', 'hidden input (type=hidden)'],
  ['dnone', 'display:none ancestor'],
  ['vhidden', 'visibility:hidden ancestor'],
  ['op0', 'opacity 0 on the field'],
  ['op0a', 'opacity 0 on an ancestor'],
  ['op05', 'opacity 0.05 on the field'],
  ['op05a', 'opacity 0.05 on an ancestor'],
  ['tiny', '1x1 px field'],
  ['offscreen', 'off-screen (position absolute, left -9999px)'],
  ['zerobox', 'clipped: overflow:hidden zero-size container'],
  ['clipf', 'clipped: clip-path on the field'],
  ['clipa', 'clipped: clip-path on an ancestor'],
  ['covered', 'covered by another element'],
  ['coverpe', 'covered by an element with pointer-events:none'],
  ['cliprect', 'clipped: clip rect(0 0 0 0)'],
  ['filter', 'filter: opacity(0) on an ancestor'],
  ['scale', 'transform: scale(0.01) on an ancestor'],
  ['coverpi', 'covered, the cover has inline pointer-events:none !important'],
  ['coverps', 'covered by a ::after pseudo-element with pointer-events:none'],
  ['svgfilter', 'SVG filter (alpha to 0) on an ancestor'],
];

// unreadable.html: each trap shows something where its fields are, but nothing readable.
const UNREADABLE_TRAPS = [
  ['box3', 'shown 3 px high: a field in an overflow:hidden box of 3 px'],
  ['clear', 'shown, unreadable: transparent text on a transparent box'],
  ['clipfew', 'shown a few px: clip-path leaving a few pixels at the centre'],
  ['slit', 'covered but a slit: opaque covers leave 2 px at the centre'],
  ['border', 'covered by a border (cover with pointer-events:none)'],
  ['shadow', 'covered by a box-shadow'],
  ['outline', 'covered by an outline'],
  ['textcover', 'covered by text (cover with pointer-events:none)'],
  ['backdrop', 'covered by a backdrop filter (cover with pointer-events:none)'],
  ['tinytext', 'unreadable: font-size 1px'],
  ['op15', 'near-zero opacity: 0.15 on the field'],
  ['op4x4', 'near-zero opacity: 0.4 on the field and 0.4 on an ancestor'],
  ['sametext', 'unreadable: text the colour of its background'],
  ['indent', 'unreadable: text indented out of the box'],
];

// The traps of a page as rows: nothing of theirs may reach the page.
const trapRows = (traps) =>
  traps.map(([prefix, name]) => ({
    name,
    owns: fromOrigin(SHOP, idStarts(`${prefix}-`)),
    positives: [],
  }));

const FRAME_VALUES = {
  'f-given': V.given,
  'f-email': V.email,
  'f-ccname': V.ccname,
  'f-ccnum': V.ccnum,
  'f-csc': V.csc,
};

export const SEEN_VISITS = [
  {
    id: 'invisible',
    url: `${SHOP}/invisible.html`,
    origins: [SHOP],
    expect: {
      [SHOP]: { 'ok-given': V.given, 'ok-email': V.email, 'ok-ccnum': V.ccnum, 'ok-csc': V.csc },
    },
    gesture: true,
    rows: [
      {
        name: 'control: the visible fields beside the traps are filled (under a click-through layer)',
        owns: fromOrigin(SHOP, idStarts('ok-')),
        positives: ['ok-given', 'ok-email', 'ok-ccnum', 'ok-csc'].map((id) => [SHOP, id]),
      },
      ...trapRows(HIDDEN_TRAPS),
    ],
  },
  {
    id: 'unreadable',
    url: `${SHOP}/unreadable.html`,
    origins: [SHOP],
    expect: { [SHOP]: { 'ok-given': V.given, 'ok-email': V.email } },
    gesture: true,
    rows: trapRows(UNREADABLE_TRAPS),
  },
  {
    id: 'visible',
    url: `${SHOP}/visible.html`,
    origins: [SHOP],
    expect: {
      [SHOP]: {
        'v-given': V.given,
        'v-family': V.family,
        'v-tel': V.tel,
        'v-country': V.country,
        'v-city': V.city,
        'v-email': V.email,
        'v-postcode': V.postcode,
      },
    },
    gesture: false,
    rows: [
      {
        name: 'control: floating labels, a field partly scrolled, a custom-styled select are filled',
        owns: () => true,
        positives: ['v-given', 'v-family', 'v-tel', 'v-country', 'v-city', 'v-email'].map((id) => [
          SHOP,
          id,
        ]),
      },
      {
        name: 'control: a field 60 % in the window as the page loads is filled',
        owns: () => false,
        positives: [[SHOP, 'v-postcode']],
      },
    ],
  },
  {
    id: 'hidden-frames',
    url: `${SHOP}/hidden-frames.html`,
    origins: [SHOP, PAY],
    expect: { [SHOP]: { 'top-given': V.given } },
    gesture: true,
    rows: [
      ['offscreen', 'same-site frame placed off-screen by the page'],
      ['zerobox', 'same-site frame clipped to nothing by its zero-size container'],
      ['gone', 'same-site frame in a display:none container'],
      ['below', 'same-site frame below the fold (not scrolled to)'],
    ].map(([frame, name]) => ({
      name,
      owns: (r) => r.origin === PAY && r.frame === frame,
      positives: [],
    })),
    extra: async (ctx, { reports }) => {
      const frames = new Set(reports.filter((r) => r.source === 'loaded').map((r) => r.frame));
      return [
        [
          ['offscreen', 'zerobox', 'gone', 'below'].every((f) => frames.has(f)),
          `every frame loaded: ${[...frames].join(' ')}`,
        ],
        [seen(reports, SHOP, 'top-given', V.given), 'the top document is filled (control)'],
      ];
    },
  },
  {
    id: 'frame-below',
    url: `${SHOP}/frame-below.html`,
    origins: [SHOP, PAY],
    expect: { [SHOP]: { 'top-given': V.given }, [PAY]: FRAME_VALUES },
    ready: (rs) => seen(rs, SHOP, 'top-given', V.given) && rs.some((r) => r.origin === PAY),
    gesture: false,
    rows: [
      {
        name: 'control: a same-site frame below the fold is filled once scrolled to',
        owns: () => true,
        positives: Object.keys(FRAME_VALUES).map((id) => [PAY, id]),
      },
    ],
    afterAuto: async ({ page }, { mine }) => {
      const early = mine().filter((r) => r.origin === PAY && r.value);
      await page.evaluate(() => document.getElementById('below').scrollIntoView());
      const filled = await poll(
        mine,
        (rs) => Object.entries(FRAME_VALUES).every(([id, value]) => seen(rs, PAY, id, value)),
        STEP_MS,
        'the frame, scrolled to',
        100,
      ).catch(() => null);
      return [
        [early.length === 0, `filled before it was scrolled to: ${early.map(brief).join('; ')}`],
        [filled !== null, 'filled once scrolled to'],
      ];
    },
  },
];
