// A shopper without a pointer, in real Chromium and Firefox ESR with the real pims-host: from
// the welcome page the extension opens on install to a filled checkout, with key presses only
// (Tab, Shift+Tab, Enter, Space and typing; the driver never clicks and never moves the focus in
// a page under test; it only reads where the focus is and what is shown).
//
// 1. Welcome page: "Check again" once the host is registered, the master password twice, Enter;
//    the focus goes on to the next step.
// 2. Options page: "Add an address" (the focus lands in the new record), its fields, a country
//    chosen by typing its name into the closed select, Enter to save (announced, and the focus
//    stays in the field); a second address added with Space and removed again (the focus goes to
//    "Add an address", not to the page's start).
// 3. Popup for the test checkout: two switches turned on with Space (the focus stays on each),
//    Fill now with Enter (the shop's fields fill), Forget this site: the "Press again" step is
//    announced in a status, and a second Enter forgets.
//
//   node tests/extension/keyboard/run.mjs [chromium|firefox ...]
//
// Environment and exit status: as tests/extension/e2e/run.mjs.

import {
  PASSWORD,
  STEP_MS,
  createChecks,
  openExtensionPage,
  openGateway,
  poll,
  registerHost,
  runSuite,
  say,
  sleep,
  tabIdOf,
  tabOpened,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';

const BUDGET_MS = 150_000;
const SHOP = 'http://shop.example';
const HOSTS = { httpHosts: ['shop.example', 'pay.example'] };

const checks = createChecks();
const { check } = checks;

// What has the focus: enough to recognise it, read without touching the page.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      path: el.dataset?.path ?? null,
      text: (el.textContent ?? '').trim().slice(0, 100),
      name: el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent?.trim() ?? '',
      value: 'value' in el ? String(el.value) : null,
    };
  });
}

async function press(page, key, { shift = false } = {}) {
  if (shift) await page.keyboard.down('Shift');
  await page.keyboard.press(key);
  if (shift) await page.keyboard.up('Shift');
}

// Presses Tab (or Shift+Tab) until what has the focus is `want`; fails after `max` presses.
async function tabTo(page, want, label, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await press(page, 'Tab', { shift: back });
    const now = await focused(page);
    if (now && want(now)) return now;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${label}`);
}

const waitFocus = (page, want, label) =>
  poll(
    () => focused(page),
    (f) => f && want(f),
    STEP_MS,
    label,
  );

// Whether `text` is shown in a live region (role=status or alert, or aria-live), which screen
// readers announce when it changes.
function announced(page, text) {
  return page.evaluate((wanted) => {
    const live = document.querySelectorAll('[role=status], [role=alert], [aria-live]');
    return [...live].some(
      (el) => !el.closest('[hidden]') && (el.textContent ?? '').includes(wanted),
    );
  }, text);
}

// A wait that may time out: null then, and the check that follows says what was seen.
const step = (label, promise) =>
  withTimeout(promise, STEP_MS * 2, label).catch((error) => {
    console.log(`# ${label}: ${error?.message ?? error}`);
    return null;
  });

// The welcome tab the extension opened on install.
async function welcomePage(kind, browser, base, call) {
  const url = `${base}welcome/welcome.html`;
  await tabOpened(call, url, 'the welcome tab');
  const page = (await browser.pages()).find((p) => p.url() === url);
  return page ?? openExtensionPage(kind, browser, url);
}

async function welcome(kind, browser, base, call, run) {
  const page = await welcomePage(kind, browser, base, call);
  await page.bringToFront();
  await poll(
    () => page.evaluate(() => Boolean(document.querySelector('#host button'))),
    Boolean,
    STEP_MS,
    'the install steps',
  );
  registerHost(kind, run);
  await tabTo(page, (f) => f.tag === 'button' && f.text === say('checkAgain'), 'Check again');
  await press(page, 'Enter');
  // The setup form puts the focus in its first field by itself.
  const first = await step(
    `${kind}: welcome: after Check again, the focus is in the new password field`,
    waitFocus(page, (f) => f.type === 'password', 'the password field'),
  );
  check(
    `${kind}: welcome: after Check again, the focus is in the new password field`,
    first?.type === 'password',
    JSON.stringify(first),
  );
  await page.keyboard.type(PASSWORD);
  const second = await tabTo(page, (f) => f.type === 'password', 'the confirmation');
  check(
    `${kind}: welcome: Tab goes from the password to its confirmation`,
    second.id !== first?.id,
  );
  await page.keyboard.type(PASSWORD);
  await press(page, 'Enter');
  const next = await step(
    `${kind}: welcome: the vault is created with Enter`,
    waitFocus(page, (f) => f.id === 'profile-title', 'the next step'),
  );
  check(
    `${kind}: welcome: once the vault is created, the focus goes on to "${say('welcomeStepProfile')}"`,
    next?.text === say('welcomeStepProfile'),
    JSON.stringify(next),
  );
  await page.close();
}

async function options(kind, browser, base, send) {
  const page = await openExtensionPage(kind, browser, `${base}options/options.html`);
  await page.bringToFront();
  await poll(
    () => page.evaluate(() => !document.getElementById('content')?.hidden),
    Boolean,
    STEP_MS,
    'the profile editor',
  );
  await tabTo(page, (f) => f.id === 'add-address', 'Add an address');
  await press(page, 'Enter');
  const label = await step(
    `${kind}: options: Add an address`,
    waitFocus(page, (f) => f.path === 'addresses[0].label', 'the new address'),
  );
  check(
    `${kind}: options: after "${say('addAddress')}", the focus is in the new address's first field`,
    label?.path === 'addresses[0].label',
    JSON.stringify(label),
  );
  await page.keyboard.type('Home');
  await press(page, 'Tab');
  check(
    `${kind}: options: Tab goes on to the address's name`,
    (await focused(page))?.path === 'addresses[0].name',
  );
  await page.keyboard.type('Ada Lovelace');
  await tabTo(page, (f) => f.path === 'addresses[0].country', 'the country');
  await page.keyboard.type('United Kingdom');
  // The address is drawn again for its country; the focus stays on the country.
  const country = await step(
    `${kind}: options: a country typed into the select`,
    poll(
      () =>
        page.evaluate(() => ({
          focus: document.activeElement?.dataset?.path,
          value: document.activeElement?.value,
          postcode: document.querySelector('[data-path="addresses[0].postal-code"]')?.labels?.[0]
            ?.textContent,
        })),
      (s) => s.value === 'GB' && s.postcode === 'Postcode',
      STEP_MS,
      'the British layout',
    ),
  );
  check(
    `${kind}: options: typing a country's name chooses it, and the address takes its layout with the focus kept`,
    country?.focus === 'addresses[0].country',
    JSON.stringify(country),
  );
  // The country comes first: the street, town and postcode follow it, in the British order.
  await press(page, 'Tab');
  check(
    `${kind}: options: Tab goes on from the country to the street`,
    (await focused(page))?.path === 'addresses[0].street-address',
  );
  await page.keyboard.type('10 Downing Street');
  await tabTo(page, (f) => f.path === 'addresses[0].postal-code', 'the postcode');
  await page.keyboard.type('SW1A 2AA');
  await tabTo(page, (f) => f.path === 'addresses[0].address-level2', 'the town', { back: true });
  await page.keyboard.type('London');
  await press(page, 'Enter'); // submits the profile form
  const saved = await step(
    `${kind}: options: Enter saves the profile`,
    poll(() => announced(page, say('saved')), Boolean, STEP_MS, 'saved'),
  );
  check(`${kind}: options: "${say('saved')}" is announced (a status)`, saved === true);
  const after = await focused(page);
  check(
    `${kind}: options: after saving, the focus is still in the field where Enter was pressed`,
    after?.path === 'addresses[0].address-level2',
    JSON.stringify(after),
  );
  const stored = await send({ type: 'profile.get' });
  const home = stored?.profile?.addresses?.[0];
  check(
    `${kind}: options: the address typed with the keyboard is stored`,
    home?.label === 'Home' &&
      home.country === 'GB' &&
      home['postal-code'] === 'SW1A 2AA' &&
      home['address-level2'] === 'London',
    JSON.stringify(home),
  );

  // A second address, added with Space and removed again.
  await tabTo(page, (f) => f.id === 'add-address', 'Add an address');
  await press(page, ' ');
  const added = await step(
    `${kind}: options: Space adds an address`,
    waitFocus(page, (f) => f.path === 'addresses[1].label', 'the second address'),
  );
  check(
    `${kind}: options: Space on "${say('addAddress')}" adds one, the focus in it`,
    added?.path === 'addresses[1].label',
    JSON.stringify(added),
  );
  const remove = await tabTo(
    page,
    (f) => f.tag === 'button' && f.text === say('recordRemove_address'),
    'the new address Remove button',
  );
  await press(page, 'Enter');
  const kept = await step(
    `${kind}: options: Remove`,
    waitFocus(page, (f) => f.id === 'add-address', 'after removing'),
  );
  const count = await page.evaluate(() => document.querySelectorAll('#addresses fieldset').length);
  check(
    `${kind}: options: after removing an address, the focus is on "${say('addAddress')}", not lost`,
    kept?.id === 'add-address' && count === 1,
    JSON.stringify({ remove, kept, count }),
  );
  await page.close();
}

async function popup(kind, browser, base, send, call) {
  const shop = await browser.newPage();
  await withTimeout(shop.goto(`${SHOP}/checkout.html`), STEP_MS, 'checkout page');
  const tabId = await tabIdOf(call, `${SHOP}/`);
  const page = await openExtensionPage(kind, browser, `${base}popup/popup.html?tab=${tabId}`);
  await page.bringToFront();
  await poll(
    () => page.evaluate(() => Boolean(document.getElementById('allow-shipping_address'))),
    Boolean,
    STEP_MS,
    'the switches',
  );
  for (const category of ['name', 'shipping_address']) {
    const id = `allow-${category}`;
    await tabTo(page, (f) => f.id === id, `the ${category} switch`);
    await press(page, ' ');
    // The switch is drawn again once the host took the change, and whenever the page tells
    // the popup something new: the focus must come back to it each time.
    const on = await step(
      `${kind}: popup: Space on the ${category} switch`,
      poll(
        async () =>
          (await send({ type: 'site.get', url: SHOP }))?.allow?.includes(category) &&
          (await page.evaluate((sel) => document.getElementById(sel)?.checked, id)),
        Boolean,
        STEP_MS,
        category,
      ),
    );
    await step(
      `${kind}: popup: the focus back on ${id}`,
      waitFocus(page, (f) => f.id === id, id),
    );
    await sleep(500);
    const still = await focused(page);
    check(
      `${kind}: popup: Space turns on "${say(`category_${category}`)}" and the focus stays on it`,
      on === true && still?.id === id,
      JSON.stringify(still),
    );
  }
  const policy = await send({ type: 'site.get', url: SHOP });
  check(
    `${kind}: popup: the switches wrote the site's policy`,
    ['name', 'shipping_address'].every((c) => policy?.allow?.includes(c)),
    JSON.stringify(policy),
  );

  await tabTo(page, (f) => f.id === 'fill-now', 'Fill now');
  await press(page, 'Enter');
  const values = () => shop.evaluate(() => window.__report().values);
  const filled = await step(
    `${kind}: popup: Fill now`,
    poll(values, (v) => v.city && v.postcode, STEP_MS, 'the checkout filled'),
  );
  check(
    `${kind}: popup: Enter on "${say('fillNow')}" fills the checkout with the address`,
    filled?.city === 'London' && filled.postcode === 'SW1A 2AA' && filled.country === 'GB',
    JSON.stringify(filled),
  );
  const result = await page.evaluate(() => document.getElementById('fill-result')?.textContent);
  check(
    `${kind}: popup: how many fields were filled is announced`,
    await announced(page, result || '\u0000'),
    String(result),
  );

  await tabTo(page, (f) => f.id === 'forget', 'Forget this site');
  await press(page, 'Enter');
  const confirm = say('popupForgetConfirm', SHOP);
  const asked = await step(
    `${kind}: popup: the first Enter on Forget`,
    poll(() => announced(page, confirm), Boolean, STEP_MS, 'the confirmation'),
  );
  const stillForget = await focused(page);
  check(
    `${kind}: popup: "${confirm}" is announced, the focus still on the button`,
    asked === true && stillForget?.id === 'forget' && stillForget.text === confirm,
    JSON.stringify(stillForget),
  );
  await press(page, 'Enter');
  const forgot = await step(
    `${kind}: popup: the second Enter forgets`,
    poll(() => announced(page, say('popupForgotten')), Boolean, STEP_MS, 'forgotten'),
  );
  const none = await send({ type: 'site.get', url: SHOP });
  check(
    `${kind}: popup: the second Enter forgets the site, and says so`,
    forgot === true && none?.allow?.length === 0,
    JSON.stringify(none),
  );
  await page.close();
  await shop.close();
}

async function scenario(kind, shop) {
  await withBrowser(kind, shop, { budgetMs: BUDGET_MS, hosts: HOSTS, checks }, async (b) => {
    const { send, call } = await openGateway(kind, b.browser, b.base);
    await welcome(kind, b.browser, b.base, call, b.run);
    await options(kind, b.browser, b.base, send);
    await popup(kind, b.browser, b.base, send, call);
  });
}

runSuite({ checks, shopNames: ['secure.example'], scenario });
