// A benchmark, not a test (never registered in ctest): the menu at a field, in real headless
// Chromium (1280×800) with the built extension and the real pims-host. How long a shopper
// waits from focusing a checkout field to seeing the menu, and from picking a record in it to
// the last field of the form filled, on the menu tests' shop (tests/extension/menu/pages/),
// with two addresses and two cards, the shop allowed every category and automatic filling off
// (so that every value written comes from the pick).
//
//   node tests/bench/chromium-menu.mjs [--runs N]      (N measured rounds, default 30)
//
// Each round is a fresh load of the page in the same tab: a click in the street field (the
// page notes the trusted focus), the menu's page notes when it has drawn the records
// (`data-shown-at`); after the menu has been steady long enough for the clickjacking guard,
// a click on the second address (the field loses the focus to the menu's frame at the press:
// the page notes it) and the page's last input event of the fill. Both ends of each span are
// epoch times from two processes' clocks (performance.timeOrigin + now), so a span is good to
// about a millisecond. Every round checks that the second address was filled, field by field.
// Prints one JSON object on stdout:
//   {"runs", "browser", "focus_to_menu_ms": {median, p95, min, max},
//    "pick_to_filled_ms": {median, p95, min, max}}
//
// Environment: as tests/extension/e2e/run.mjs (PIMS_HOST_BIN, PIMS_INSTALL_BIN, CHROMIUM_BIN).
// Exit status: 0 measured, 1 a round failed, 77 no pims-host or no Chromium. The extension must
// be built (npm --prefix extension run build).

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PASSWORD,
  STEP_MS,
  openGateway,
  poll,
  registerHost,
  sleep,
  withTimeout,
} from '../extension/e2e/harness.mjs';
import { MENU_PROFILE, pickToLastField, waitMenu } from '../extension/menu/menu_page.mjs';
import { WARM_UP, parseArguments, runBrowserBench, stats } from './browser_bench.mjs';
import { CATEGORY_IDS } from '../../extension/src/shared/protocol.js';

const PAGES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'extension',
  'menu',
  'pages',
);
const SHOP = 'https://shop.test';
const PAGE_URL = `${SHOP}/shop.html`;
// A pick counts once the menu has been visible and unchanged for 400 ms (menu/sight.js,
// content/menu_guard.js); the shopper's pace, with room for a busy machine.
const STEADY_MS = 700;
const EXPECTED = {
  given: 'Ada',
  family: 'Lovelace',
  email: 'ada@example.org',
  street: '1 Babbage Street',
  city: 'Cambridge',
  postcode: 'CB2 1TN',
  country: 'GB',
};

// One round on a fresh load: {focusToMenu, pickToFilled}; throws with what went wrong.
async function roundOnce(page) {
  await withTimeout(page.goto(PAGE_URL, { waitUntil: 'load' }), STEP_MS, 'page');
  await poll(
    () => page.evaluate(() => typeof window.__report),
    (t) => t === 'function',
    STEP_MS,
    'page script',
  );
  await sleep(300); // the content script's first scan, as a shopper's first look
  await page.click('#street');
  const menu = await waitMenu(page, 'the menu', (s) => s.shownAt > 0 && s.options.length >= 2);
  const focusedAt = await page.evaluate(() => window.__times.focus.street);
  const focusToMenu = menu.state.shownAt - focusedAt;
  await sleep(STEADY_MS);
  await menu.frame.click('#entry-1');
  const values = await poll(
    () => page.evaluate(() => window.__report().values),
    (v) => Object.entries(EXPECTED).every(([id, want]) => v[id] === want),
    STEP_MS,
    'the pick filled',
  ).catch(() => page.evaluate(() => window.__report().values));
  const wrong = Object.entries(EXPECTED).filter(([id, want]) => values[id] !== want);
  if (wrong.length) throw new Error(`not the second address: ${JSON.stringify(values)}`);
  await sleep(200); // the last fields' events
  const pickToFilled = await page.evaluate(pickToLastField, 'street');
  if (!Number.isFinite(focusToMenu) || !Number.isFinite(pickToFilled)) {
    throw new Error(`not measured: ${JSON.stringify({ focusToMenu, pickToFilled })}`);
  }
  return { focusToMenu, pickToFilled };
}

async function measure({ browser, base, run }, runs, check) {
  registerHost('chromium', run);
  const { page: gateway, send } = await openGateway('chromium', browser, base);
  const setup = await send({ type: 'setup', password: PASSWORD });
  const put = await send({ type: 'profile.put', profile: MENU_PROFILE });
  const allowed = await send({ type: 'site.set', url: PAGE_URL, allow: CATEGORY_IDS });
  const settings = await send({ type: 'settings.set', autofill: false });
  const ready = setup?.ok && put?.ok && allowed?.ok && settings?.ok;
  if (!check('vault set up, the shop allowed everything, automatic filling off', ready)) {
    throw new Error(JSON.stringify({ setup, put, allowed, settings }));
  }
  await gateway.close();
  const page = await browser.newPage();
  const samples = [];
  for (let i = 0; i < WARM_UP + runs; i += 1) {
    const sample = await roundOnce(page);
    const label = i < WARM_UP ? `warm-up ${i + 1}/${WARM_UP}` : `run ${i - WARM_UP + 1}/${runs}`;
    console.error(
      `# ${label}: focus→menu ${sample.focusToMenu.toFixed(1)} ms, pick→filled ${sample.pickToFilled.toFixed(1)} ms`,
    );
    if (i >= WARM_UP) samples.push(sample);
  }
  check(`${runs} rounds measured`, samples.length === runs);
  return {
    runs,
    browser: `chromium ${(await browser.version()).replace(/^[^/]*\//, '')}`,
    focus_to_menu_ms: stats(samples.map((s) => s.focusToMenu)),
    pick_to_filled_ms: stats(samples.map((s) => s.pickToFilled)),
  };
}

const { runs } = parseArguments(process.argv.slice(2));
runBrowserBench({
  kind: 'chromium',
  shopName: 'shop.test',
  pages: PAGES,
  runs,
  viewport: { width: 1280, height: 800 },
  measure: (launched, check) => measure(launched, runs, check),
});
