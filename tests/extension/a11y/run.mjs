// Accessibility, measured: axe-core (an npm dev dependency) runs inside the real browsers on
// the built extension's pages, in each state a shopper meets them, with the real pims-host:
//   popup: host missing, no vault yet, the setup form's error, locked, a wrong password's error,
//          unlocked on a shop's tab, locked with the shop's page waiting to be filled, and that
//          page filled after unlocking;
//   options: locked, unlocked (profile, sites, ledger, settings), a site's Forget asking for
//          confirmation, validation errors shown;
//   the menu at a field: open on a shop's street field (an address, and the shop's request for
//          a phone number), then with the keyboard's focus in it;
//   the practice shop (try/shop.html): as it opens, filled, and showing what a shop would have
//          received.
// Every page must have 0 violations (all of axe's WCAG 2.x A and AA rules, and its best
// practices), in Chromium and Firefox ESR. The table printed at the end is the issue note's.
//
//   node tests/extension/a11y/run.mjs [chromium|firefox ...]
//
// Environment and exit status: as tests/extension/e2e/run.mjs.

import {
  PASSWORD,
  PROFILE,
  STEP_MS,
  createChecks,
  openExtensionPage,
  openGateway,
  poll,
  registerHost,
  runSuite,
  tabIdOf,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';
import { createAudits, textOf } from './axe.mjs';
import { waitMenu } from '../menu/menu_page.mjs';

const SHOP = 'http://shop.example';
const HOSTS = { httpHosts: ['shop.example'] };
const BUDGET_MS = 150_000;

const checks = createChecks();
const { check } = checks;
const { expectClean, report } = createAudits(check);

async function waitFor(page, test, label) {
  await poll(() => page.evaluate(test).catch(() => false), Boolean, STEP_MS, label);
}

// Types into the gate's password fields and submits: the setup form's two, or unlock's one.
async function submitGate(page, password) {
  const fields = await page.$$('.gate input[type="password"]');
  for (const field of fields) await field.type(password);
  await page.keyboard.press('Enter');
}

async function scenario(kind, shop) {
  await withBrowser(kind, shop, { budgetMs: BUDGET_MS, hosts: HOSTS, checks }, (b) =>
    scenarioIn(kind, b),
  );
}

async function scenarioIn(kind, { browser, base, run }) {
  const popupUrl = `${base}popup/popup.html`;
  let popup = await openExtensionPage(kind, browser, popupUrl);
  await waitFor(popup, () => Boolean(document.querySelector('.gate')), 'popup: host missing');
  await expectClean(kind, 'popup, host missing', popup);
  await popup.close();

  registerHost(kind, run);
  const { send, page: gateway } = await openGateway(kind, browser, base);
  await send({ type: 'status' }); // reconnects to the host just registered
  popup = await openExtensionPage(kind, browser, popupUrl);
  await waitFor(popup, () => document.querySelectorAll('.gate input').length === 2, 'setup form');
  await expectClean(kind, 'popup, no vault yet', popup);
  await submitGate(popup, 'short'); // refused by the page itself: too short, or not matching
  await poll(() => textOf(popup, '.gate .error'), Boolean, STEP_MS, 'setup error');
  await expectClean(kind, 'popup, setup error shown', popup);
  await popup.close();

  check(`${kind}: setup`, (await send({ type: 'setup', password: PASSWORD }))?.ok);
  check(`${kind}: profile.put`, (await send({ type: 'profile.put', profile: PROFILE }))?.ok);
  const allow = ['name', 'email', 'shipping_address'];
  check(
    `${kind}: site.set`,
    (await send({ type: 'site.set', url: `${SHOP}/checkout.html`, allow }))?.ok,
  );
  await send({ type: 'lock' });

  popup = await openExtensionPage(kind, browser, popupUrl);
  await waitFor(popup, () => document.querySelectorAll('.gate input').length === 1, 'unlock');
  await expectClean(kind, 'popup, locked', popup);
  await submitGate(popup, 'not the password');
  await poll(
    () => textOf(popup, '.gate .error'),
    (t) => t && !t.includes('…'),
    STEP_MS,
    'unlock error',
  );
  await expectClean(kind, 'popup, wrong password shown', popup);
  await popup.close();

  const options = await openExtensionPage(kind, browser, `${base}options/options.html`);
  await waitFor(options, () => Boolean(document.querySelector('.gate input')), 'options gate');
  await expectClean(kind, 'options, locked', options);
  await submitGate(options, PASSWORD);
  await poll(
    () => textOf(options, '#site-rows'),
    (t) => t.includes(SHOP),
    STEP_MS,
    'sites',
  );
  await expectClean(kind, 'options, unlocked', options);
  // The Sites editor's Forget asks first, in the row.
  await options.click(`[data-site="${SHOP}"][data-action="forget"]`);
  await waitFor(
    options,
    () => document.activeElement?.dataset?.action === 'forget-cancel',
    'forget confirmation',
  );
  await expectClean(kind, 'options, sites editor: Forget asks', options);
  await options.keyboard.press('Enter'); // Cancel: the site stays
  await waitFor(options, () => document.activeElement?.dataset?.action === 'forget', 'cancelled');
  // The address editor fits the country: a country select, and for the US a state select and
  // "ZIP code"; the focus stays on the country select while the address is drawn again.
  const country = '[data-path="addresses[0].country"]';
  const editor = () =>
    options.evaluate((sel) => {
      const label = (path) =>
        document.querySelector(
          `label[for="${document.querySelector(`[data-path="${path}"]`)?.id}"]`,
        )?.textContent;
      return {
        tag: document.querySelector(sel)?.tagName,
        value: document.querySelector(sel)?.value,
        region: document.querySelector('[data-path="addresses[0].address-level1"]')?.tagName,
        california: [
          ...(document.querySelector('[data-path="addresses[0].address-level1"]')?.options ?? []),
        ].some((o) => o.value === 'CA' && o.textContent === 'California'),
        postcode: label('addresses[0].postal-code'),
        focused: document.activeElement?.dataset?.path,
      };
    }, country);
  const gb = await editor();
  check(
    `${kind}: the address's country is a select, set to the stored country`,
    gb.tag === 'SELECT' && gb.value === 'GB' && gb.postcode === 'Postcode',
    JSON.stringify(gb),
  );
  await options.focus(country);
  await options.select(country, 'US');
  const us = await poll(editor, (e) => e.region === 'SELECT', STEP_MS, 'US layout').catch(
    () => null,
  );
  check(
    `${kind}: a US address gets a state select and a ZIP code, the focus stays`,
    us?.california && us.postcode === 'ZIP code' && us.focused === 'addresses[0].country',
    JSON.stringify(us),
  );
  await expectClean(kind, 'options, a US address', options);
  // Validation errors from the host, every one at its field at once.
  for (const [path, value] of [
    ['person.tel', 'not a number'],
    ['person.email', 'not an address'],
  ]) {
    const input = await options.$(`[data-path="${path}"]`);
    await input.evaluate((el) => {
      el.value = '';
    });
    await input.type(value);
  }
  await options.evaluate(() => document.getElementById('profile-form').requestSubmit());
  const invalid = await poll(
    () =>
      options.evaluate(() =>
        [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => el.dataset.path),
      ),
    (paths) => paths.length >= 2,
    STEP_MS,
    'options errors',
  ).catch(() => []);
  check(
    `${kind}: the options page shows every validation error at its field at once`,
    invalid.includes('person.tel') && invalid.includes('person.email'),
    JSON.stringify(invalid),
  );
  await expectClean(kind, 'options, validation errors shown', options);
  await options.close();

  const shopPage = await browser.newPage();
  await withTimeout(shopPage.goto(`${SHOP}/checkout.html`), STEP_MS, 'checkout page');
  const call = (code) => withTimeout(gateway.evaluate(code), STEP_MS, 'extension call');
  const tabId = await tabIdOf(call, `${SHOP}/checkout.html`);
  popup = await openExtensionPage(kind, browser, `${popupUrl}?tab=${tabId}`);
  await poll(
    () => textOf(popup, '#ledger'),
    (t) => /Name/.test(t),
    STEP_MS,
    'popup unlocked',
  );
  await expectClean(kind, 'popup, unlocked on a shop', popup);
  await popup.close();

  // A page that asks while the vault is locked waits; the popup says so at the unlock form.
  await send({ type: 'lock' });
  const waitingPage = await browser.newPage();
  await withTimeout(waitingPage.goto(`${SHOP}/checkout.html?waiting`), STEP_MS, 'waiting page');
  const waitingTab = await tabIdOf(call, `${SHOP}/checkout.html?waiting`);
  popup = await openExtensionPage(kind, browser, `${popupUrl}?tab=${waitingTab}`);
  await poll(() => textOf(popup, '#gate-note'), Boolean, STEP_MS, 'waiting note');
  await expectClean(kind, 'popup, locked, a page waiting to be filled', popup);
  await submitGate(popup, PASSWORD);
  await poll(
    () => textOf(popup, '#fill-result'),
    (t) => /Filled/.test(t),
    STEP_MS,
    'waiting page filled',
  );
  await expectClean(kind, 'popup, the waiting page filled', popup);
  await popup.close();
  await waitingPage.close();

  await shopPage.bringToFront();
  await shopPage.click('#street');
  const menu = await waitMenu(shopPage, 'the menu at a field', (m) => m.question !== null);
  await expectClean(kind, 'the menu at a field', menu.frame, { frame: true });
  await shopPage.keyboard.press('ArrowDown');
  const focused = await waitMenu(shopPage, 'focus in the menu', (m) => m.focused);
  await expectClean(kind, 'the menu at a field, keyboard focus in it', focused.frame, {
    frame: true,
  });
  await shopPage.close();

  // pims' practice shop, where the welcome page sends a new shopper.
  const practice = await openExtensionPage(kind, browser, `${base}try/shop.html`);
  await waitFor(practice, () => Boolean(globalThis.__pimsContent), 'the practice shop');
  await expectClean(kind, 'practice shop', practice);
  const practiceTab = await practice.evaluate(() =>
    (globalThis.browser ?? globalThis.chrome).tabs.getCurrent().then((tab) => tab.id),
  );
  check(
    `${kind}: site.set for the practice site`,
    (await send({ type: 'site.set', url: 'https://try.pims.invalid/', allow: ['name'] }))?.ok,
  );
  await send({ type: 'tab.fill', tabId: practiceTab });
  await waitFor(practice, () => document.getElementById('given').value !== '', 'practice filled');
  await expectClean(kind, 'practice shop, filled', practice);
  await practice.click('button[type=submit]');
  await waitFor(practice, () => !document.getElementById('received').hidden, 'received shown');
  await expectClean(kind, 'practice shop, what a shop would have received', practice);
  await practice.close();
}

runSuite({
  checks,
  shopNames: ['secure.example'],
  scenario,
  report: (kinds) => report(kinds, 'page, state'),
});
