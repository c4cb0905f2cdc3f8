// Hostile pages: the built extension with the real pims-host, in Chromium and Firefox ESR, one
// after the other, against test pages that try to get more than their site allows: fields the
// shopper cannot see, frames of other sites, an http: page asking for the card, lookalike hosts,
// public-suffix siblings, fields injected after the fill, a form whose action changes, forged
// messages, and a site allowed nothing.
//
// Every page includes pages/hostile.js, which plays the attacker: it reads every control's value
// (on input/change events and by polling) and every message and event it gets, and POSTs all of
// it to the test server. A value "reached the page" when it reached the server that way. Each
// case asserts that exactly the values its page's own site allows arrived (the allowed ones as
// a control that the extension did run there), and nothing else.
//
//   node tests/extension/hostile/run.mjs            both browsers
//   node tests/extension/hostile/run.mjs firefox    one
//
// Environment and exit status as tests/extension/e2e/run.mjs (0 all passed, 1 a case failed,
// 77 nothing could run). One browser launch per browser, one tab for all the pages.

import path from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';

import {
  PASSWORD,
  PROFILE,
  STEP_MS,
  badgeOf,
  createChecks,
  identity,
  openGateway,
  poll,
  printTable,
  registerHost,
  runSuite,
  sleep,
  tabIdOf,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';
import { CATEGORY_IDS } from '../../../extension/src/shared/protocol.js';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
const BROWSER_BUDGET_MS = 150_000;
// After a page's first fill (or its "!" badge), time for anything that should not happen.
const SETTLE_MS = 700;

// "www.shоp.example" with a Cyrillic о (U+043E): a homograph of the shop, its own site.
const HOMOGRAPH = domainToASCII('www.sh\u043ep.example');
const HOSTS = {
  httpHosts: ['shop.example'],
  tlsHosts: [
    'www.shop.example',
    'pay.shop.example',
    'pay.psp.test',
    'shop.example.evil.test',
    HOMOGRAPH,
    'alice.github.io',
    'bob.github.io',
    'www.talk.example',
    'www.none.example',
  ],
};

// What the shopper allowed. Every other site (evil.test, the homograph, bob.github.io,
// none.example) was never configured: it is allowed nothing.
const POLICIES = [
  {
    url: 'https://www.shop.example/',
    allow: CATEGORY_IDS,
    auto_card: true,
    site: 'https://shop.example',
  },
  {
    url: 'http://shop.example/',
    allow: CATEGORY_IDS,
    auto_card: true,
    site: 'http://shop.example',
  },
  { url: 'https://pay.psp.test/', allow: ['email'], site: 'https://psp.test' },
  {
    url: 'https://alice.github.io/',
    allow: CATEGORY_IDS,
    auto_card: true,
    site: 'https://alice.github.io',
  },
  {
    url: 'https://www.talk.example/',
    allow: ['name', 'card', 'card_csc'],
    auto_card: false,
    site: 'https://talk.example',
  },
];

const person = PROFILE.person;
const address = PROFILE.addresses[0];
const card = PROFILE.cards[0];
const V = {
  given: person['given-name'],
  family: person['family-name'],
  email: person.email,
  tel: person.tel,
  city: address['address-level2'],
  postcode: address['postal-code'],
  country: address.country,
  ccname: card['cc-name'],
  ccnum: card['cc-number'],
  ccmonth: String(card['cc-exp-month']),
  csc: card['cc-csc'],
};
// Profile values that must never appear in a message or event the page receives.
const SECRETS = [
  V.given,
  V.family,
  V.email,
  V.tel,
  V.city,
  V.postcode,
  V.ccnum,
  "St James's",
  '2030',
];

const SHOP = 'https://www.shop.example';
const PSP = 'https://pay.psp.test';
const PAY = 'https://pay.shop.example';

// The card page (card.html) filled with everything the profile has.
const CARD_PAGE_ALL = {
  given: V.given,
  family: V.family,
  email: V.email,
  tel: V.tel,
  city: V.city,
  postcode: V.postcode,
  country: V.country,
  ccname: V.ccname,
  ccnum: V.ccnum,
  ccmonth: V.ccmonth,
  csc: V.csc,
};
const NOT_CARD = ['given', 'family', 'email', 'tel', 'city', 'postcode', 'country'];

const TRAPS = [
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

const idIn = (ids) => (r) => ids.includes(r.id);
const idStarts = (prefix) => (r) => String(r.id).startsWith(prefix);
const fromOrigin =
  (origin, test = () => true) =>
  (r) =>
    r.origin === origin && test(r);

// A visit: one page load in the case tab. expect: origin -> {control id: value} (everything that
// may reach the page; the rest must stay empty). rows: the table's cases this visit decides,
// each owning some reports (owns) and requiring some of the expected values (positives:
// [origin, id]). ready: when the page's automatic fill is done: by default when every expected
// value arrived (and, with waitFor, a report of that source), 'badge' when the badge shows "!",
// or a function of the visit's reports. afterAuto(ctx, {startSeq, mine}) then runs checks of
// its own; gesture: the shopper then presses Fill now; extra(ctx, {startSeq, reports}) runs
// checks at the end. Checks are [ok, detail] pairs that count for every row of the visit.
const VISITS = [
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
      ...TRAPS.map(([prefix, name]) => ({
        name,
        owns: fromOrigin(SHOP, idStarts(`${prefix}-`)),
        positives: [],
      })),
    ],
  },
  {
    id: 'frames',
    url: `${SHOP}/frames.html`,
    origins: [SHOP, PSP, PAY],
    expect: {
      [SHOP]: { 'top-given': V.given },
      [PSP]: { 'f-email': V.email },
      [PAY]: {
        'f-given': V.given,
        'f-email': V.email,
        'f-ccname': V.ccname,
        'f-ccnum': V.ccnum,
        'f-csc': V.csc,
      },
    },
    gesture: true,
    rows: [
      {
        name: 'cross-site frame (pay.psp.test, allowed email) asking for the card the shop may have',
        owns: fromOrigin(PSP),
        positives: [[PSP, 'f-email']],
      },
      {
        name: 'same-site frame (pay.shop.example in www.shop.example) gets what the shop allows',
        owns: (r) => r.origin === PAY || r.origin === SHOP,
        positives: [
          [SHOP, 'top-given'],
          ...['f-given', 'f-email', 'f-ccname', 'f-ccnum', 'f-csc'].map((id) => [PAY, id]),
        ],
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
    expect: {
      [SHOP]: { 'top-given': V.given },
      [PAY]: {
        'f-given': V.given,
        'f-email': V.email,
        'f-ccname': V.ccname,
        'f-ccnum': V.ccnum,
        'f-csc': V.csc,
      },
    },
    ready: (rs) => seen(rs, SHOP, 'top-given', V.given) && rs.some((r) => r.origin === PAY),
    gesture: false,
    rows: [
      {
        name: 'control: a same-site frame below the fold is filled once scrolled to',
        owns: () => true,
        positives: ['f-given', 'f-email', 'f-ccname', 'f-ccnum', 'f-csc'].map((id) => [PAY, id]),
      },
    ],
    afterAuto: async ({ page }, { mine }) => {
      const early = mine().filter((r) => r.origin === PAY && r.value);
      await page.evaluate(() => document.getElementById('below').scrollIntoView());
      const filled = await poll(
        mine,
        (rs) => seen(rs, PAY, 'f-ccnum', V.ccnum),
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
  {
    id: 'http',
    url: 'http://shop.example/card.html',
    origins: ['http://shop.example'],
    expect: {
      'http://shop.example': Object.fromEntries(NOT_CARD.map((id) => [id, CARD_PAGE_ALL[id]])),
    },
    gesture: true,
    rows: [
      {
        name: 'http: page asking for the card (its site allows card): no card data, even on a gesture',
        owns: () => true,
        positives: NOT_CARD.map((id) => ['http://shop.example', id]),
      },
    ],
  },
  nothingAllowed({
    id: 'evil',
    host: 'shop.example.evil.test',
    site: 'https://evil.test',
    name: 'lookalike host shop.example.evil.test (site evil.test, allowed nothing)',
  }),
  nothingAllowed({
    id: 'homograph',
    host: HOMOGRAPH,
    site: `https://${HOMOGRAPH.replace(/^www\./, '')}`,
    name: `punycode homograph ${HOMOGRAPH} (Cyrillic о, allowed nothing)`,
  }),
  {
    id: 'alice',
    url: 'https://alice.github.io/card.html',
    origins: ['https://alice.github.io'],
    expect: { 'https://alice.github.io': CARD_PAGE_ALL },
    gesture: true,
    rows: [
      {
        name: 'public-suffix sibling alice.github.io (allowed everything) is filled',
        owns: () => true,
        positives: Object.keys(CARD_PAGE_ALL).map((id) => ['https://alice.github.io', id]),
      },
    ],
  },
  nothingAllowed({
    id: 'bob',
    host: 'bob.github.io',
    site: 'https://bob.github.io',
    name: 'public-suffix sibling bob.github.io (not allowed) gets nothing',
  }),
  {
    id: 'injected',
    url: `${SHOP}/injected.html`,
    origins: [SHOP],
    expect: {
      [SHOP]: {
        'a-given': V.given,
        'a-email': V.email,
        'inj-family': V.family,
        'inj-ccnum': V.ccnum,
      },
    },
    gesture: true,
    rows: [
      {
        name: 'fields injected after the first fill: the visible ones are filled',
        owns: fromOrigin(SHOP, (r) => !String(r.id).startsWith('injh-')),
        positives: ['a-given', 'a-email', 'inj-family', 'inj-ccnum'].map((id) => [SHOP, id]),
      },
      {
        name: 'fields injected after the first fill: the invisible ones are not',
        owns: fromOrigin(SHOP, idStarts('injh-')),
        positives: [],
      },
    ],
  },
  {
    id: 'action',
    url: `${SHOP}/action.html`,
    origins: [SHOP],
    expect: { [SHOP]: { given: V.given, email: V.email, ccnum: V.ccnum, tel: V.tel } },
    waitFor: 'action-changed',
    settle: 1500, // the page's mutations go through the content script's 400 ms debounce
    gesture: true,
    rows: [
      {
        name: "form action changed after the fill: no refill for it, the ledger names the page's site",
        owns: () => true,
        positives: ['given', 'email', 'ccnum', 'tel'].map((id) => [SHOP, id]),
      },
    ],
    afterAuto: async ({ send }, { startSeq }) => {
      const entries = await ledgerSince(send, startSeq);
      return [
        [
          entries.length === 1 && entries[0].site === 'https://shop.example',
          `one entry, for the page's site, before the gesture: ${JSON.stringify(entries)}`,
        ],
      ];
    },
    extra: async ({ send }, { startSeq, reports }) => {
      const entries = await ledgerSince(send, startSeq);
      const evil = await send({ type: 'ledger.list', url: 'https://collect.evil.test/' });
      const changed = reports.find((r) => r.source === 'action-changed');
      return [
        [
          changed?.action === 'https://collect.evil.test/steal',
          `the page changed its action: ${JSON.stringify(changed)}`,
        ],
        [
          entries.length === 2 && entries.every((e) => e.site === 'https://shop.example'),
          `the gesture's entry names the page's site too: ${JSON.stringify(entries)}`,
        ],
        [
          (evil?.ok && evil.entries.length === 0) || evil?.error?.code === 'not_found',
          `nothing recorded for the action's site: ${JSON.stringify(evil)}`,
        ],
      ];
    },
  },
  {
    id: 'messages',
    url: `https://www.talk.example/messages.html?ext=${identity.chrome_id}`,
    origins: ['https://www.talk.example'],
    expect: {
      'https://www.talk.example': {
        'm-given': V.given,
        'm-family': V.family,
        'm-ccname': V.ccname,
      },
    },
    waitFor: 'asked',
    settle: 1500,
    gesture: false,
    rows: [
      {
        name: 'forged postMessage / CustomEvent / fake chrome.runtime requests: nothing more filled or sent',
        owns: () => true,
        positives: ['m-given', 'm-family', 'm-ccname'].map((id) => [
          'https://www.talk.example',
          id,
        ]),
      },
    ],
    extra: async ({ send }, { startSeq, reports }) => {
      const entries = await ledgerSince(send, startSeq);
      const policy = await send({ type: 'site.get', url: 'https://www.talk.example/' });
      const given = reports.filter((r) => r.id === 'm-given' && r.source === 'poll');
      const asked = reports.filter((r) => r.source === 'message' || r.source === 'event');
      return [
        [
          entries.length === 1 &&
            entries[0].site === 'https://talk.example' &&
            !entries[0].fields.some((f) => ['cc-number', 'cc-csc', 'email'].includes(f)),
          `one fill only, the automatic one: ${JSON.stringify(entries)}`,
        ],
        [
          given.at(-1)?.value === '',
          `the field the page emptied is not filled again: ${JSON.stringify(given)}`,
        ],
        [asked.length > 0, `the page's forged requests were seen by the page: ${asked.length}`],
        [
          policy?.ok &&
            !policy.auto_card &&
            [...policy.allow].sort().join() === 'card,card_csc,name',
          `the forged site.set changed nothing: ${JSON.stringify(policy)}`,
        ],
      ];
    },
  },
  nothingAllowed({
    id: 'none',
    host: 'www.none.example',
    site: 'https://none.example',
    name: 'a site with nothing allowed: nothing filled, badge "!"',
  }),
];

function nothingAllowed({ id, host, site, name }) {
  const origin = `https://${host}`;
  return {
    id,
    url: `${origin}/card.html`,
    origins: [origin],
    expect: {},
    ready: 'badge',
    gesture: true,
    rows: [{ name, owns: () => true, positives: [] }],
    extra: async ({ send, call, tabId }) => {
      const policy = await send({ type: 'site.get', url: `${origin}/card.html` });
      const badge = await badgeOf(call, tabId);
      return [
        [
          policy?.ok && policy.site === site && policy.allow.length === 0,
          `the host's site for ${host}: ${JSON.stringify(policy)}`,
        ],
        [badge === '!', `the badge after the gesture: ${JSON.stringify(badge)}`],
      ];
    },
  };
}

// Ledger entries newer than seq (newest first).
async function ledgerSince(send, seq) {
  const reply = await send({ type: 'ledger.list', limit: 100 });
  if (!reply?.ok) throw new Error(`ledger.list: ${JSON.stringify(reply)}`);
  return reply.entries.filter((e) => e.seq > seq);
}

async function ledgerTop(send) {
  const reply = await send({ type: 'ledger.list', limit: 1 });
  if (!reply?.ok) throw new Error(`ledger.list: ${JSON.stringify(reply)}`);
  return reply.entries[0]?.seq ?? 0;
}

const VALUE_SOURCES = new Set(['poll', 'input', 'change']);
const TEXT_SOURCES = new Set(['message', 'event', 'runtime-error']);

// Values that reached the page beyond `expect`, and messages or events carrying a profile value.
function leaksIn(reports, expect) {
  const leaks = [];
  for (const r of reports) {
    if (VALUE_SOURCES.has(r.source)) {
      if (r.value !== '' && expect[r.origin]?.[r.id] !== r.value) leaks.push(r);
    } else if (TEXT_SOURCES.has(r.source)) {
      if (SECRETS.some((s) => String(r.data ?? '').includes(s))) leaks.push(r);
    }
  }
  return leaks;
}

function seen(reports, origin, id, value) {
  return reports.some(
    (r) => VALUE_SOURCES.has(r.source) && r.origin === origin && r.id === id && r.value === value,
  );
}

const brief = (r) =>
  r.source === 'message' || r.source === 'event'
    ? `${r.origin} ${r.source}: ${String(r.data).slice(0, 120)}`
    : `${r.origin}${r.frame ? ` (${r.frame})` : ''} #${r.id} (${r.source}) = ${JSON.stringify(r.value)}`;

// Loads one visit in the case tab and decides its rows: {row name: [[ok, detail], ...]}.
async function runVisit(kind, ctx, visit, n) {
  const { send, call, page, shop } = ctx;
  const token = `${kind}-${visit.id}-${n}`;
  const url = `${visit.url}${visit.url.includes('?') ? '&' : '?'}visit=${token}`;
  const mine = () => shop.reports.filter((r) => r.visit === token);
  const startSeq = await ledgerTop(send);
  const outcome = new Map(visit.rows.map((row) => [row.name, []]));
  const all = (ok, detail) => {
    for (const list of outcome.values()) list.push([ok, detail]);
  };

  await withTimeout(page.goto(url), STEP_MS, `load ${url}`);
  ctx.tabId ??= await tabIdOf(call, visit.url);
  const expected = Object.entries(visit.expect).flatMap(([origin, values]) =>
    Object.entries(values).map(([id, value]) => [origin, id, value]),
  );
  try {
    if (typeof visit.ready === 'function') {
      await poll(mine, visit.ready, STEP_MS, 'the page ready', 100);
    } else if (visit.ready === 'badge') {
      await poll(
        () => badgeOf(call, ctx.tabId),
        (b) => b === '!',
        STEP_MS,
        'the "!" badge',
      );
    } else {
      await poll(
        mine,
        (rs) =>
          expected.every(([origin, id, value]) => seen(rs, origin, id, value)) &&
          (!visit.waitFor || rs.some((r) => r.source === visit.waitFor)),
        STEP_MS,
        'the allowed values',
        100,
      );
    }
  } catch (error) {
    all(false, String(error.message).slice(0, 600));
  }
  await sleep(visit.settle ?? SETTLE_MS);
  if (visit.afterAuto) {
    for (const result of await visit.afterAuto(ctx, { startSeq, mine })) all(...result);
  }
  if (visit.gesture) {
    const filled = await send({ type: 'tab.fill', tabId: ctx.tabId });
    all(filled?.ok === true, `Fill now: ${JSON.stringify(filled)}`);
    await sleep(SETTLE_MS);
  }

  const reports = mine();
  // The page (and each frame) loaded at exactly the expected origin, and nowhere else.
  const loaded = [...new Set(reports.filter((r) => r.source === 'loaded').map((r) => r.origin))];
  all(
    visit.origins.every((o) => loaded.includes(o)) &&
      loaded.every((o) => visit.origins.includes(o)),
    `loaded at ${JSON.stringify(loaded)}, expected ${JSON.stringify(visit.origins)}`,
  );
  const leaks = leaksIn(reports, visit.expect);
  const owned = new Set();
  for (const row of visit.rows) {
    const list = outcome.get(row.name);
    const mineLeaks = leaks.filter((r) => row.owns(r) || TEXT_SOURCES.has(r.source));
    for (const r of mineLeaks) owned.add(r);
    list.push([mineLeaks.length === 0, `reached the page: ${mineLeaks.map(brief).join('; ')}`]);
    const missing = row.positives.filter(
      ([origin, id]) => !seen(reports, origin, id, visit.expect[origin][id]),
    );
    list.push([
      missing.length === 0,
      `allowed values missing (control): ${missing.map(([o, id]) => `${o} #${id}`).join(', ')}`,
    ]);
  }
  const stray = leaks.filter((r) => !owned.has(r));
  all(stray.length === 0, `reached the page (unattributed): ${stray.map(brief).join('; ')}`);
  if (visit.extra) {
    for (const result of await visit.extra(ctx, { startSeq, reports })) all(...result);
  }
  return outcome;
}

const checks = createChecks();
// row name -> {chromium: 'pass' | 'FAIL', firefox: ...}
const table = new Map();
const ROWS = [...VISITS.flatMap((v) => v.rows.map((r) => r.name)), 'ledger: only allowed sites'];

function record(kind, name, results) {
  const failures = results.filter(([ok]) => !ok).map(([, detail]) => detail);
  checks.check(`${kind}: ${name}`, failures.length === 0, failures.join(' | '));
  if (!table.has(name)) table.set(name, {});
  table.get(name)[kind] = failures.length === 0 ? 'pass' : 'FAIL';
}

async function must(label, promise, ok) {
  const reply = await promise;
  if (!ok(reply)) throw new Error(`${label}: ${JSON.stringify(reply)}`);
  return reply;
}

async function scenario(kind, shop) {
  await withBrowser(
    kind,
    shop,
    { budgetMs: BROWSER_BUDGET_MS, hosts: HOSTS, checks },
    async ({ browser, base, run }) => {
      registerHost(kind, run);
      const { send, call } = await openGateway(kind, browser, base);
      await must('setup', send({ type: 'setup', password: PASSWORD }), (r) => r?.ok);
      await must('profile.put', send({ type: 'profile.put', profile: PROFILE }), (r) => r?.ok);
      for (const { url, allow, auto_card: autoCard, site } of POLICIES) {
        const body = { type: 'site.set', url, allow };
        if (autoCard !== undefined) body.auto_card = autoCard;
        await must(`site.set ${url}`, send(body), (r) => r?.ok && r.site === site);
      }
      const page = await browser.newPage();
      const ctx = { send, call, page, shop, tabId: undefined };
      let n = 0;
      for (const visit of VISITS) {
        let outcome;
        try {
          outcome = await runVisit(kind, ctx, visit, ++n);
        } catch (error) {
          outcome = new Map(visit.rows.map((row) => [row.name, [[false, String(error)]]]));
        }
        for (const [name, results] of outcome) record(kind, name, results);
      }
      // Over the whole run: the ledger names only sites that allow something.
      const allowed = new Set(POLICIES.map((p) => p.site));
      const ledger = await send({ type: 'ledger.list', limit: 1000 });
      const others = (ledger?.entries ?? []).filter((e) => !allowed.has(e.site));
      record(kind, ROWS.at(-1), [
        [ledger?.ok && ledger.entries.length > 0, JSON.stringify(ledger).slice(0, 300)],
        [others.length === 0, `entries for other sites: ${JSON.stringify(others)}`],
      ]);
    },
  );
  // A case the run never reached (the browser failed) fails.
  for (const name of ROWS) {
    if (!table.get(name)?.[kind]) record(kind, name, [[false, 'not run']]);
  }
}

runSuite({
  checks,
  shopNames: HOSTS.tlsHosts,
  shopOptions: { pages: PAGES },
  scenario,
  report: (kinds) => printTable('case', ROWS, kinds, (name, kind) => table.get(name)?.[kind]),
});
