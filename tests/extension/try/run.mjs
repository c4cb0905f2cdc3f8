// pims' practice shop, as a new shopper reaches it, in real Chromium and Firefox ESR with the
// real pims-host: the welcome page's link opens the practice shop (an extension page running
// the real content script); the real popup shows it as the site pims.invalid and its switches
// allow name and shipping address; Fill now fills exactly those (card, email and phone stay
// empty, and the fields without an autocomplete attribute are classified); the menu at a field
// fills the address again after "Empty the form"; the ledger has the practice site's fills;
// "Place order" shows what the form holds on the page. Checks read the pages in the run's
// language (PIMS_E2E_LOCALE=de: the practice shop's German labels are what the classifier reads).
//
//   node tests/extension/try/run.mjs [chromium|firefox ...]
//
// Environment and exit status: as tests/extension/e2e/run.mjs.

import {
  STEP_MS,
  clickSelector,
  createChecks,
  say,
  openExtensionPage,
  openGateway,
  poll,
  tabOpened,
  registerHost,
  runSuite,
  setUpVault,
  sleep,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';
import { waitMenu } from '../menu/menu_page.mjs';
import { MIN_VISIBLE_MS } from '../../../extension/src/menu/sight.js';

const BUDGET_MS = 150_000;
const SITE = 'https://pims.invalid';

const checks = createChecks();
const { check } = checks;

// The name and the address, as the practice shop's fields hold them once filled.
const ALLOWED = {
  given: 'Ada',
  family: 'Lovelace',
  line1: "12 St James's Square",
  line2: 'Flat 3',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
};
const WITHHELD = ['email', 'phone', 'cc-name', 'cc-number', 'cc-exp', 'cc-csc'];

function fieldValues(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('#checkout input, #checkout select')].map((el) => [
        el.id,
        el.value,
      ]),
    ),
  );
}

function expectFilled(kind, label, got) {
  const wrong = Object.entries(ALLOWED).filter(([id, v]) => got?.[id] !== v);
  check(
    `${kind}: ${label}: name and shipping address filled`,
    wrong.length === 0,
    JSON.stringify(got),
  );
  const leaked = WITHHELD.filter((id) => got?.[id] !== '');
  check(
    `${kind}: ${label}: email, phone and card stay empty (not allowed)`,
    leaked.length === 0,
    JSON.stringify(got),
  );
}

// The practice shop's tab, which the welcome page's link opened: the driver's page for it.
// Firefox's remote agent does not tell the driver about an extension page that a link opened
// (as for the welcome page in tests/extension/onboarding): there the tabs API must show the tab,
// and the driver opens the page again.
async function practicePage(kind, browser, url, call) {
  const find = async () => {
    for (const page of await browser.pages()) {
      const href = await withTimeout(
        page.evaluate(() => location.href),
        2_000,
        'href',
      ).catch(() => '');
      if (href === url) return page;
    }
    return null;
  };
  const found = await poll(find, Boolean, kind === 'firefox' ? 3_000 : STEP_MS, 'the tab').catch(
    () => null,
  );
  const opened = await tabOpened(call, url, 'the practice shop tab');
  check(`${kind}: the welcome page's link opened the practice shop in a tab`, opened === true);
  return found ?? openExtensionPage(kind, browser, url);
}

async function scenario(kind, shop) {
  await withBrowser(kind, shop, { budgetMs: BUDGET_MS, hosts: {}, checks }, (b) =>
    scenarioIn(kind, b),
  );
}

async function scenarioIn(kind, { browser, base, run }) {
  registerHost(kind, run);
  const { send, call } = await openGateway(kind, browser, base);
  await send({ type: 'status' }); // reconnects to the host just registered
  await setUpVault(send);

  // The welcome page, with the vault open: the consent step and its link.
  const welcome = await openExtensionPage(kind, browser, `${base}welcome/welcome.html`);
  await poll(
    () => welcome.evaluate(() => !document.getElementById('step-consent').hidden),
    Boolean,
    STEP_MS,
    'the consent step',
  );
  const link = await welcome.evaluate(() => {
    const a = document.getElementById('try-shop');
    return { text: a?.textContent, href: a?.href, lead: a?.closest('section')?.textContent };
  });
  const url = `${base}try/shop.html`;
  check(
    `${kind}: the welcome page links to pims' practice shop after explaining consent`,
    link.text === say('welcomeTryLink') &&
      link.href === url &&
      link.lead.includes(say('welcomeTryLead')),
    JSON.stringify(link),
  );
  await welcome.bringToFront();
  await welcome.click('#try-shop');
  const page = await practicePage(kind, browser, url, call);
  await page.bringToFront();
  await poll(
    () =>
      page.evaluate(() => document.readyState === 'complete' && Boolean(globalThis.__pimsContent)),
    Boolean,
    STEP_MS,
    'the practice shop loaded with the content script',
  );
  const about = await page.evaluate(() => document.querySelector('.about')?.textContent ?? '');
  check(
    `${kind}: the practice shop says it is pims' own page and that nothing leaves the browser`,
    about.includes(say('tryLead')) && about.includes(say('tryAboutTitle')),
    about,
  );
  // Nothing is filled before the shopper allows it.
  await sleep(1_500);
  const before = await fieldValues(page);
  check(
    `${kind}: nothing is filled before the practice site is allowed anything`,
    Object.values(before).every((v) => v === ''),
    JSON.stringify(before),
  );

  // The real popup, on the practice shop's tab: the reserved site and its switches.
  // The tab the driver has (tabs.getCurrent in the page itself: Firefox may have two).
  const tabId = await page.evaluate(() =>
    (globalThis.browser ?? globalThis.chrome).tabs.getCurrent().then((tab) => tab.id),
  );
  const popup = await openExtensionPage(kind, browser, `${base}popup/popup.html?tab=${tabId}`);
  const shown = await poll(
    () =>
      popup.evaluate(() => ({
        site: document.getElementById('site-name')?.textContent,
        host: document.getElementById('host-line')?.textContent,
        name: document.getElementById('allow-name')?.checked,
        asks: document.getElementById('asks')?.textContent,
      })),
    (s) => s.site && s.name !== undefined && (s.asks ?? '').includes(say('category_card')),
    STEP_MS,
    'the popup on the practice shop',
  ).catch((e) => ({ error: String(e) }));
  check(
    `${kind}: the popup shows the practice shop as the site pims.invalid, with its switches`,
    shown.site === SITE && /try\.pims\.invalid/.test(shown.host ?? '') && shown.name === false,
    JSON.stringify(shown),
  );
  check(
    `${kind}: the popup says what the practice shop asks for (the classifier read it)`,
    ['name', 'phone', 'card'].every((c) => (shown.asks ?? '').includes(say(`category_${c}`))),
    shown.asks,
  );
  for (const category of ['name', 'shipping_address']) {
    await clickSelector(popup, `#allow-${category}`);
    await poll(
      () => send({ type: 'site.get', url: 'https://try.pims.invalid/' }),
      (r) => r?.allow?.includes(category),
      STEP_MS,
      `allow ${category}`,
    ).catch(() => undefined);
  }
  const policy = await send({ type: 'site.get', url: 'https://try.pims.invalid/' });
  check(
    `${kind}: the popup's switches allowed the practice site's name and shipping address`,
    policy?.site === SITE &&
      policy.allow.includes('name') &&
      policy.allow.includes('shipping_address') &&
      !policy.allow.includes('card'),
    JSON.stringify(policy),
  );

  // Fill now, in the popup.
  await clickSelector(popup, '#fill-now');
  const filled = await poll(
    () => fieldValues(page),
    (v) => v.given === 'Ada' && v.city === 'London',
    STEP_MS,
    'Fill now',
  ).catch(() => null);
  expectFilled(kind, 'Fill now', filled ?? (await fieldValues(page)));
  const result = await popup
    .evaluate(() => document.getElementById('fill-result')?.textContent)
    .catch(() => '');
  check(
    `${kind}: the popup says what Fill now filled`,
    (result ?? '').includes(say('filledFields_other', [7])),
    result,
  );
  const badge = await call(
    `(globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: ${tabId} })`,
  );
  check(
    `${kind}: the practice shop's tab has pims' badge`,
    typeof badge === 'string' && badge !== '',
    badge,
  );
  await popup.close();

  // "Place order" shows, on the page, what a shop would have received.
  await page.click('button[type=submit]');
  const received = await page.evaluate(() => ({
    shown: !document.getElementById('received').hidden,
    text: document.getElementById('received-list').textContent,
  }));
  check(
    `${kind}: Place order shows on the page what a shop would have received`,
    received.shown && received.text.includes('Lovelace') && received.text.includes('SW1Y 4JH'),
    JSON.stringify(received),
  );

  // The menu at a field, after emptying the form. Chromium's driver sees the menu's frame and
  // clicks the address in it; Firefox's remote agent lists no frame of an extension page, so
  // there the shopper's keyboard picks it: ArrowDown into the menu, Enter on its first entry.
  await page.click('button[type=reset]');
  await page.click('#line1');
  if (kind === 'chromium') {
    const menu = await waitMenu(page, 'the menu at the practice shop', (m) =>
      m.options.some((o) => /Home/.test(o.text)),
    ).catch(() => null);
    check(`${kind}: the menu at a field opens on the practice shop`, menu !== null);
    const option = menu?.state.options.find((o) => /Home/.test(o.text));
    // As a person would: a menu that has only just appeared takes no pick (menu/sight.js).
    await sleep(MIN_VISIBLE_MS + 200);
    if (option) {
      await withTimeout(menu.frame.click(`[id="${option.id}"]`), STEP_MS, 'pick').catch((e) =>
        console.log(`# pick: ${e.message}`),
      );
    }
  } else {
    await sleep(1_000); // the menu appears
    await page.keyboard.press('ArrowDown');
    await sleep(MIN_VISIBLE_MS + 200);
    await page.keyboard.press('Enter');
  }
  const picked = await poll(
    () => fieldValues(page),
    (v) => v.line1 === ALLOWED.line1 && v.city === 'London',
    STEP_MS,
    'the pick',
  ).catch(() => null);
  const got = picked ?? (await fieldValues(page));
  check(
    `${kind}: a pick in the menu at a field fills the practice shop's address, and no card`,
    got.line1 === ALLOWED.line1 &&
      got.postcode === ALLOWED.postcode &&
      WITHHELD.every((id) => got[id] === ''),
    JSON.stringify(got),
  );

  // The ledger: the practice site's fills, with field names and no value.
  const ledger = await send({ type: 'ledger.list', url: 'https://try.pims.invalid/' });
  const entries = ledger?.entries ?? [];
  check(
    `${kind}: the ledger has the practice site's fills`,
    ledger?.ok && entries.length >= 1 && entries.every((e) => e.site === SITE),
    JSON.stringify(ledger),
  );
  const fields = new Set(entries.flatMap((e) => e.fields ?? []));
  check(
    `${kind}: the ledger names what went there, no card and no value`,
    fields.has('given-name') &&
      fields.has('address-line1') &&
      ![...fields].some((f) => f.startsWith('cc-')) &&
      !JSON.stringify(ledger).includes('Lovelace'),
    JSON.stringify([...fields]),
  );
  const sites = await send({ type: 'site.list' });
  check(
    `${kind}: the practice site is listed like any site, to see and forget`,
    (sites?.sites ?? []).some((s) => s.site === SITE),
    JSON.stringify(sites?.sites?.map((s) => s.site)),
  );
}

runSuite({
  checks,
  shopNames: ['secure.example'],
  scenario,
});
