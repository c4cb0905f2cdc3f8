// Hostile pages: the built extension with the real pims-host, in Chromium and Firefox ESR, one
// after the other, against test pages that try to get more than their site allows: fields the
// shopper cannot see or read, frames of other sites, an http: page asking for the card,
// lookalike hosts, public-suffix siblings, fields injected after the fill, a form whose action
// changes, forged messages, and a site allowed nothing.
//
// Every page includes pages/hostile.js, which plays the attacker and reports every value it can
// read to the test server (check.mjs). Each case asserts that exactly the values its page's own
// site allows arrived (the allowed ones as a control that the extension did run there), and
// nothing else.
//
//   node tests/extension/hostile/run.mjs            both browsers
//   node tests/extension/hostile/run.mjs firefox    one
//
// Environment and exit status as tests/extension/e2e/run.mjs (0 all passed, 1 a case failed,
// 77 nothing could run). One browser launch per browser, one tab for all the pages.
//
// A visit (visits_*.mjs) is one page load in the case tab. expect: origin -> {control id: value}
// (everything that may reach the page; the rest must stay empty). rows: the table's cases this
// visit decides, each owning some reports (owns) and requiring some of the expected values
// (positives: [origin, id]). ready: when the page's automatic fill is done: by default when
// every expected value arrived (and, with waitFor, a report of that source), 'badge' when the
// badge shows "!", or a function of the visit's reports. afterAuto(ctx, {startSeq, mine}) then
// runs checks of its own; gesture: the shopper then presses Fill now; afterGesture(ctx, {mine})
// then runs checks of its own; aimed: then uses Fill with pims in the frame at that origin; extra(ctx, {startSeq, reports}) runs checks at the
// end; browsers: the browsers it runs in (default both; the others show n/a). Checks are
// [ok, detail] pairs that count for every row of the visit.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  createChecks,
  createTable,
  openGateway,
  registerHost,
  runSuite,
  setUpVault,
  withBrowser,
} from '../e2e/harness.mjs';
import { CATEGORY_IDS } from '../../../extension/src/shared/protocol.js';
import { runVisit } from './check.mjs';
import { PAGE_VISITS } from './visits_page.mjs';
import { SEEN_VISITS } from './visits_seen.mjs';
import { HOMOGRAPH, SITE_VISITS } from './visits_sites.mjs';
import { FRAME_VISITS } from './visits_frames.mjs';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
const BROWSER_BUDGET_MS = 200_000;

const HOSTS = {
  httpHosts: ['shop.example'],
  tlsHosts: [
    'www.shop.example',
    'pay.shop.example',
    'pay.psp.test',
    'pay.cardpsp.test',
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
const everything = (url, site) => ({
  url,
  allow: CATEGORY_IDS,
  auto_card: true,
  site,
});
const POLICIES = [
  everything('https://www.shop.example/', 'https://shop.example'),
  everything('http://shop.example/', 'http://shop.example'),
  { url: 'https://pay.psp.test/', allow: ['email'], site: 'https://psp.test' },
  {
    url: 'https://pay.cardpsp.test/',
    allow: ['email', 'card', 'card_csc'],
    auto_card: true,
    site: 'https://cardpsp.test',
  },
  everything('https://alice.github.io/', 'https://alice.github.io'),
  {
    url: 'https://www.talk.example/',
    allow: ['name', 'card', 'card_csc'],
    auto_card: false,
    site: 'https://talk.example',
  },
];

const VISITS = [...SEEN_VISITS, ...FRAME_VISITS, ...SITE_VISITS, ...PAGE_VISITS];
const ROWS = [...VISITS.flatMap((v) => v.rows.map((r) => r.name)), 'ledger: only allowed sites'];

const checks = createChecks();
const table = createTable();

function record(kind, name, results) {
  const failures = results.filter(([ok]) => !ok).map(([, detail]) => detail);
  checks.check(`${kind}: ${name}`, failures.length === 0, failures.join(' | '));
  table.set(name, kind, failures.length === 0 ? 'pass' : 'FAIL');
}

async function scenario(kind, shop) {
  await withBrowser(
    kind,
    shop,
    { budgetMs: BROWSER_BUDGET_MS, hosts: HOSTS, checks },
    async ({ browser, base, run }) => {
      registerHost(kind, run);
      const { send, call } = await openGateway(kind, browser, base);
      await setUpVault(send, { policies: POLICIES });
      const page = await browser.newPage();
      const ctx = {
        kind,
        browser,
        base,
        send,
        call,
        page,
        shop,
        tabId: undefined,
      };
      let n = 0;
      for (const visit of VISITS) {
        if (visit.browsers && !visit.browsers.includes(kind)) {
          for (const row of visit.rows) table.set(row.name, kind, 'n/a');
          continue;
        }
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
    if (!table.get(name, kind)) record(kind, name, [[false, 'not run']]);
  }
}

runSuite({
  checks,
  shopNames: HOSTS.tlsHosts,
  shopOptions: { pages: PAGES },
  scenario,
  report: (kinds) => table.print('case', ROWS, kinds),
});
