// End-to-end: the built extension with the real pims-host, in Chromium and Firefox ESR, one
// after the other. For each browser, in a fresh temporary directory (profile, HOME, vault):
// register pims-host for that browser, set up a vault through the extension's own page (the
// background's gateway), store a profile, allow the shop's site some categories, load a
// checkout page and check that the allowed visible fields were filled and nothing else.
//
//   npm --prefix extension run e2e             both browsers (builds first)
//   node tests/extension/e2e/run.mjs firefox   one
//
// Environment: PIMS_HOST_BIN (default build/host/pims-host), PIMS_INSTALL_BIN (default
// build/installer/pims-install, which registers the host), CHROMIUM_BIN, FIREFOX_BIN,
// Exit status: 0 all passed, 1 a check failed, 77 nothing could run (no pims-host or browser).
// E2E_KEEP=1 keeps the run directories for a look at host.log; E2E_SCREENSHOTS=DIR saves the
// popup and the options page as PNGs there.
// Recipe: /work/shared/browser-testing.md (headless, no display, loopback only).

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
  PASSWORD,
  PROFILE,
  STEP_MS,
  LOCALE,
  notInLanguage,
  say,
  badgeOf,
  createChecks,
  openExtensionPage,
  openGateway,
  poll,
  registerHost,
  runSuite,
  sleep,
  tabIdOf,
  withBrowser,
  withTimeout,
} from './harness.mjs';

const BROWSER_BUDGET_MS = 120_000;
const SHOP = 'http://shop.example';
const HOSTS = { httpHosts: ['shop.example', 'pay.example'], tlsHosts: ['secure.example'] };
const ALLOW = ['name', 'email', 'shipping_address'];

const checks = createChecks();
const { check } = checks;

async function scenario(kind, shopServer) {
  await withBrowser(kind, shopServer, { budgetMs: BROWSER_BUDGET_MS, hosts: HOSTS, checks }, (b) =>
    scenarioIn(kind, b),
  );
}

async function scenarioIn(kind, { browser, base, run }) {
  const { send, call } = await openGateway(kind, browser, base);

  // Not registered yet: the shopper is told how to install it.
  const missing = await send({ type: 'status' });
  check(
    `${kind}: a missing host is reported with the install hint`,
    missing?.ok === false &&
      missing.error.code === 'host_missing' &&
      missing.error.message === say('error_host_missing'),
    JSON.stringify(missing),
  );
  registerHost(kind, run);
  // The next request reconnects (after the back-off) and finds it.
  const status = await send({ type: 'status' });
  check(
    `${kind}: once registered, the host answers status through the background`,
    status?.ok && status.vault === 'absent',
    JSON.stringify(status),
  );
  const setup = await send({ type: 'setup', password: PASSWORD });
  check(`${kind}: setup through the popup gateway`, setup?.ok, JSON.stringify(setup));
  const put = await send({ type: 'profile.put', profile: PROFILE });
  check(`${kind}: profile.put`, put?.ok, JSON.stringify(put?.error));
  const policy = await send({ type: 'site.set', url: `${SHOP}/checkout.html`, allow: ALLOW });
  check(
    `${kind}: site.set for the shop`,
    policy?.ok && policy.site === SHOP,
    JSON.stringify(policy),
  );
  const refused = await send({
    type: 'fill',
    url: `${SHOP}/`,
    fields: [{ ref: 'x', autocomplete: 'email' }],
  });
  check(
    `${kind}: extension pages cannot send fill themselves`,
    refused?.ok === false && refused.error.code === 'forbidden',
    JSON.stringify(refused),
  );

  const shop = await browser.newPage();
  await withTimeout(shop.goto(`${SHOP}/checkout.html`), STEP_MS, 'checkout page');
  const report = () => shop.evaluate(() => window.__report());
  await poll(
    report,
    (r) => r.values.family && r.values.fullname && r.values['late-postcode'] && r.cleared,
    STEP_MS,
    'filled checkout',
  );
  await sleep(1500); // time for anything that should not happen
  const r = await report();
  const v = r.values;
  console.log(`# ${kind}: page ready -> first field filled: ${r.readyToFilledMs} ms`);
  const expect = {
    family: 'Lovelace',
    email: 'ada@example.org',
    street: "12 St James's Square\nFlat 3",
    city: 'London',
    postcode: 'SW1Y 4JH',
    country: 'GB',
    fullname: 'Ada Lovelace',
    'late-postcode': 'SW1Y 4JH',
  };
  for (const [id, value] of Object.entries(expect)) {
    check(`${kind}: allowed field ${id} filled`, v[id] === value, `got ${JSON.stringify(v[id])}`);
  }
  check(
    `${kind}: the page's listeners saw the fill (input event)`,
    r.seen.given === 'Ada' && r.seen.email === 'ada@example.org',
    JSON.stringify(r.seen),
  );
  check(`${kind}: change events fired`, r.events.includes('change:email'), r.events.join(' '));
  check(
    `${kind}: a field the shopper cleared is not filled again on its own`,
    v.given === '',
    `got ${JSON.stringify(v.given)}`,
  );
  check(`${kind}: denied category (phone) stays empty`, v.tel === '', v.tel);
  check(`${kind}: card number stays empty (not allowed, and http)`, v.ccnum === '', v.ccnum);
  for (const id of [
    'trap-hidden',
    'trap-display',
    'trap-opacity',
    'trap-offscreen',
    'trap-tiny',
    'trap-clipped',
    'trap-covered',
  ]) {
    check(
      `${kind}: invisible field ${id} stays empty`,
      v[id] === '',
      `got ${JSON.stringify(v[id])}`,
    );
  }

  const tabId = await tabIdOf(call, 'http://shop.example/');
  check(`${kind}: the shop's tab is found`, Number.isInteger(tabId), String(tabId));
  const badge = await badgeOf(call, tabId);
  check(
    `${kind}: the badge counts the fills and marks categories not allowed`,
    /^\d+!$/.test(badge) && Number.parseInt(badge, 10) >= 7,
    JSON.stringify(badge),
  );

  const summary = await send({ type: 'tab.summary', tabId });
  const top = summary?.frames?.find((f) => f.frameId === 0);
  const pay = summary?.frames?.find((f) => f.site === 'http://pay.example');
  check(
    `${kind}: the tab summary says what the page asks for and what is not allowed`,
    summary?.ok &&
      ['name', 'email', 'phone', 'shipping_address', 'card'].every((c) =>
        summary.asked.includes(c),
      ) &&
      top?.site === SHOP &&
      top.notAllowed.includes('phone') &&
      top.notAllowed.includes('card') &&
      !top.notAllowed.includes('email'),
    JSON.stringify(summary),
  );
  check(
    `${kind}: per frame, with the frame's own site`,
    pay?.notAllowed.includes('email') && summary.sites.includes('http://pay.example'),
    JSON.stringify(summary?.frames),
  );

  const fillNow = await send({ type: 'tab.fill', tabId });
  check(
    `${kind}: Fill now (a shopper gesture) fills again`,
    fillNow?.ok && fillNow.filled > 0,
    JSON.stringify(fillNow),
  );
  const after = await poll(report, (x) => x.values.given === 'Ada', STEP_MS, 'refill').catch(
    () => null,
  );
  check(
    `${kind}: the cleared field is filled when the shopper asks`,
    after?.values.given === 'Ada',
  );
  check(
    `${kind}: Fill now still leaves invisible fields empty`,
    after && after.values['trap-opacity'] === '' && after.values['trap-covered'] === '',
  );

  await frameChecks(kind, shop, send, tabId);
  await popupChecks(kind, browser, base, send, tabId);
  await optionsChecks(kind, browser, base);
  await cardChecks(kind, browser, send, call);

  const ledger = await send({ type: 'ledger.list', url: SHOP });
  const fieldsShared = new Set((ledger?.entries ?? []).flatMap((e) => e.fields));
  check(
    `${kind}: the ledger records what was shared, by field name`,
    ledger?.ok &&
      fieldsShared.has('given-name') &&
      fieldsShared.has('email') &&
      !fieldsShared.has('tel') &&
      !fieldsShared.has('cc-number'),
    JSON.stringify(ledger),
  );
  check(`${kind}: the ledger holds no values`, !JSON.stringify(ledger).includes('Lovelace'));

  const lock = await send({ type: 'lock' });
  const locked = await send({ type: 'status' });
  check(`${kind}: lock`, lock?.ok && locked?.vault === 'locked', JSON.stringify(locked));
  const hostLog = existsSync(path.join(run, 'host.log'))
    ? readFileSync(path.join(run, 'host.log'), 'utf8')
    : '';
  check(
    `${kind}: the host saw a verified caller`,
    /start caller=/.test(hostLog),
    hostLog.split('\n')[0],
  );
}

async function frameValues(shop) {
  const frame = shop.frames().find((f) => f.url().startsWith('http://pay.example/'));
  return frame ? frame.evaluate(() => window.__report().values) : null;
}

// A frame from another site gets nothing the shop was allowed; its own site's permissions
// decide, and only Fill with pims aimed at that frame reaches into it (Fill now is for the tab).
async function frameChecks(kind, shop, send, tabId) {
  const before = await frameValues(shop);
  check(
    `${kind}: the cross-site frame is not filled with the shop's permissions`,
    before && before['pay-email'] === '' && before['pay-name'] === '',
    JSON.stringify(before),
  );
  const allowed = await send({ type: 'site.set', url: 'http://pay.example/', allow: ['email'] });
  check(`${kind}: site.set for the frame's site`, allowed?.ok, JSON.stringify(allowed));
  await send({ type: 'tab.fill', tabId });
  await sleep(700);
  const tabWide = await frameValues(shop);
  check(
    `${kind}: Fill now for the tab does not reach into another site's frame`,
    tabWide && tabWide['pay-email'] === '',
    JSON.stringify(tabWide),
  );
  const summary = await send({ type: 'tab.summary', tabId });
  const frame = (summary?.frames ?? []).find((f) =>
    String(f.url).startsWith('http://pay.example/'),
  );
  await send({ type: 'tab.fill', tabId, frameId: frame?.frameId ?? -1 });
  const after = await poll(
    () => frameValues(shop),
    (v) => v?.['pay-email'],
    STEP_MS,
    'frame fill',
  ).catch(() => null);
  check(
    `${kind}: the frame gets what its own site allows`,
    after?.['pay-email'] === 'ada@example.org',
    JSON.stringify(after),
  );
  check(
    `${kind}: and not what only the shop allows`,
    after?.['pay-name'] === '',
    JSON.stringify(after),
  );
}

async function screenshot(page, name) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await withTimeout(
    page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true }),
    STEP_MS,
    'screenshot',
  );
}

// A date as the extension writes it for the run's language (shared/i18n.js formatTime).
function dateIn(iso) {
  const language = LOCALE || 'en';
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

// The page speaks the run's language: its lang, the words of a few elements, and no English
// message or missing key anywhere on it.
async function languageChecks(kind, page, name, words) {
  const shown = await page.evaluate(
    (selectors) => ({
      lang: document.documentElement.lang,
      words: Object.fromEntries(
        selectors.map((sel) => [sel, document.querySelector(sel)?.textContent?.trim()]),
      ),
    }),
    Object.keys(words),
  );
  const language = LOCALE || 'en';
  check(
    `${kind}: the ${name} says its language is the browser's (${language})`,
    shown.lang === language || shown.lang.startsWith(`${language}-`),
    shown.lang,
  );
  for (const [selector, key] of Object.entries(words)) {
    check(
      `${kind}: the ${name} shows "${say(key)}" (${selector})`,
      shown.words[selector] === say(key),
      String(shown.words[selector]),
    );
  }
  const stray = await notInLanguage(page);
  check(
    `${kind}: nothing on the ${name} is left in English`,
    stray.length === 0,
    stray.join(' | '),
  );
}

// The popup, driven with the keyboard: the page's site, what it asks for, and a switch that
// writes the site's policy.
async function popupChecks(kind, browser, base, send, tabId) {
  const page = await openExtensionPage(kind, browser, `${base}popup/popup.html?tab=${tabId}`);
  const state = () =>
    page.evaluate(() => ({
      site: document.getElementById('site-name')?.textContent,
      asks: document.getElementById('asks')?.textContent,
      phone: document.getElementById('allow-phone')?.checked,
      phoneBusy: document.getElementById('allow-phone')?.disabled,
      cardDisabled: document.getElementById('allow-card')?.disabled,
      email: document.getElementById('allow-email')?.checked,
      ledger: document.getElementById('ledger')?.textContent,
      host: document.getElementById('host-line')?.textContent,
      birthdayAsked: document
        .getElementById('allow-birthday')
        ?.closest('li')
        ?.classList.contains('asked'),
      others: document.getElementById('other-sites')?.hidden
        ? ''
        : document.getElementById('other-frames')?.textContent,
    }));
  const shown = await poll(state, (s) => s.site && s.email !== undefined, STEP_MS, 'popup').catch(
    (e) => ({ error: String(e) }),
  );
  check(
    `${kind}: the popup shows the tab's site and its switches`,
    shown.site === SHOP && shown.email === true && shown.phone === false,
    JSON.stringify(shown),
  );
  check(
    `${kind}: the popup says what the page asks for`,
    (shown.asks ?? '').includes(say('category_phone')),
    shown.asks,
  );
  check(`${kind}: card switches are off-limits on an http page`, shown.cardDisabled === true);
  // What the other site's frame asks for stands under that site, not by the shop's switches.
  check(
    `${kind}: the popup shows the shop's switches only what the shop's own frames ask for`,
    !(shown.asks ?? '').includes(say('category_birthday')) && shown.birthdayAsked === false,
    JSON.stringify(shown),
  );
  check(
    `${kind}: the popup lists the other site's frame under its own site, with what it asks for`,
    /http:\/\/pay\.example/.test(shown.others ?? '') &&
      (shown.others ?? '').includes(say('category_birthday')),
    shown.others,
  );
  check(
    `${kind}: the popup shows the exact address the page's fills go to`,
    (shown.host ?? '').startsWith(say('popupThisPage', 'shop.example')),
    shown.host,
  );
  // The history loads after the switches: wait for it.
  const ledger = await poll(
    () => page.evaluate(() => document.getElementById('ledger')?.textContent ?? ''),
    (text) => text.includes(say('category_name')),
    STEP_MS,
    'popup history',
  ).catch(() => shown.ledger);
  check(
    `${kind}: the popup lists what was shared before`,
    (ledger ?? '').includes(say('category_name')),
    ledger,
  );
  await languageChecks(kind, page, 'popup', { '#fill-now': 'fillNow', '#lock': 'lock' });
  const when = await page.evaluate(() => {
    const time = document.querySelector('#ledger time');
    return time && { datetime: time.getAttribute('datetime'), text: time.textContent };
  });
  check(
    `${kind}: the popup writes dates in the shopper's language`,
    when?.text === dateIn(when?.datetime),
    JSON.stringify({ when, expected: dateIn(when?.datetime) }),
  );
  await screenshot(page, `${kind}-popup`);
  await page.focus('#allow-phone');
  await page.keyboard.press(' ');
  const toggled = await poll(
    state,
    (s) => s.phone === true && s.phoneBusy === false,
    STEP_MS,
    'toggle',
  ).catch(() => null);
  const policy = await send({ type: 'site.get', url: SHOP });
  check(
    `${kind}: a switch (pressed with the keyboard) writes the site's policy`,
    toggled && policy?.allow?.includes('phone'),
    JSON.stringify(policy),
  );
  await page.close();
}

// The options page: card numbers masked, host validation errors next to their field.
async function optionsChecks(kind, browser, base) {
  const page = await openExtensionPage(kind, browser, `${base}options/options.html`);
  const selector = '[data-path="cards[0].cc-number"]';
  const field = await poll(
    () => page.evaluate((sel) => document.querySelector(sel)?.placeholder ?? null, selector),
    (p) => p !== null,
    STEP_MS,
    'options profile',
  ).catch(() => null);
  check(
    `${kind}: the options page shows the card number masked`,
    field?.startsWith('•••• 1111'),
    String(field),
  );
  const leaked = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')]
      .map((el) => el.value)
      .join(' ');
    return (
      document.documentElement.outerHTML.includes('4111111111111111') ||
      values.includes('4111111111111111')
    );
  });
  check(`${kind}: the full card number is nowhere on the page`, leaked === false);
  // The sites load apart from the profile: wait for them.
  const listed = (text) => text.includes(SHOP) && text.includes('http://pay.example');
  const sites = await poll(
    () => page.evaluate(() => document.getElementById('site-rows')?.textContent ?? ''),
    listed,
    STEP_MS,
    'options sites',
  ).catch(() => '');
  check(`${kind}: the options page lists the allowed sites`, listed(sites), sites);
  check(
    `${kind}: and the exact addresses each fills by itself on`,
    sites.includes(say('siteFillsOn', 'shop.example')) &&
      sites.includes(say('siteFillsOn', 'pay.example')),
    sites,
  );
  await languageChecks(kind, page, 'options page', {
    'a[href="#profile"]': 'navProfile',
    '#add-address': 'addAddress',
    '#profile-form button[type=submit]': 'saveProfile',
  });
  await screenshot(page, `${kind}-options`);
  await page.type(selector, '4111111111111112');
  await page.click('#profile-form button[type=submit]');
  const error = await poll(
    () =>
      page.evaluate((sel) => {
        const input = document.querySelector(sel);
        return {
          invalid: input.getAttribute('aria-invalid'),
          text: document.getElementById(`${input.id}-error`).textContent,
        };
      }, selector),
    (e) => e.invalid === 'true' && e.text,
    STEP_MS,
    'validation error',
  ).catch(() => null);
  check(
    `${kind}: a host validation error shows next to its field`,
    Boolean(error?.text),
    JSON.stringify(error),
  );
  await page.close();
}

// Card data on an https page: holder and expiry fill automatically, the number and security
// code only after the shopper's gesture (the host withholds them with needs_gesture).
async function cardChecks(kind, browser, send, call) {
  const allowed = await send({
    type: 'site.set',
    url: 'https://secure.example/',
    allow: ['name', 'card', 'card_csc'],
  });
  check(`${kind}: site.set allows cards for an https site`, allowed?.ok, JSON.stringify(allowed));
  const page = await browser.newPage();
  await withTimeout(page.goto('https://secure.example/pay.html'), STEP_MS, 'https page');
  const values = () => page.evaluate(() => window.__report().values);
  const auto = await poll(values, (v) => v.ccname, STEP_MS, 'card holder').catch(() => null);
  await sleep(1000);
  const v = (await values()) ?? {};
  check(
    `${kind}: card holder and expiry fill without a gesture`,
    auto && v.ccname === 'Ada Lovelace' && v.ccmonth === '12' && v.given === 'Ada',
    JSON.stringify(v),
  );
  check(
    `${kind}: card number and code wait for the shopper's gesture`,
    v.ccnum === '' && v.cccsc === '',
    JSON.stringify(v),
  );
  const tabId = await tabIdOf(call, 'https://secure.example/');
  const filled = await send({ type: 'tab.fill', tabId });
  const after = await poll(values, (x) => x.ccnum && x.cccsc, STEP_MS, 'card after gesture').catch(
    () => null,
  );
  check(
    `${kind}: Fill now (a gesture) fills the card number and code`,
    after?.ccnum === '4111111111111111' && after?.cccsc === '123',
    JSON.stringify({ filled, after }),
  );
  await page.close();
}

runSuite({ checks, shopNames: ['secure.example'], scenario });
