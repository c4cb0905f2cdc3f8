// "Save what you typed", in real Chromium and Firefox ESR with the real pims-host: the shopper
// types a new address into a checkout (tests/extension/save/pages/) and submits it; the offer
// appears in pims' own frame on the next page; Save stores it (profile.get shows it); the same
// address again offers nothing; a changed postcode offers an update of that record; a page that
// sets the address by script and submits it itself offers nothing; a form sent to another site
// gets an offer naming the page's site, while pims sends nothing over the network; a page that
// covers the offer gets no save; a card is saved masked in the offer and without its security
// code unless ticked; "Never for this shop" stops the offers; a page that goes on by script
// (no submission) gets the offer on its next page. axe audits the offer's frame.
//
//   node tests/extension/save/run.mjs            both browsers (after a build)
//   node tests/extension/save/run.mjs firefox    one
//
// Environment and exit status as tests/extension/e2e/run.mjs.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PASSWORD,
  PROFILE,
  STEP_MS,
  createChecks,
  openGateway,
  poll,
  registerHost,
  runSuite,
  runSteps,
  sleep,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';
import { createAudits } from '../a11y/axe.mjs';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
const BROWSER_BUDGET_MS = 200_000;
const NAMES = ['shop.test', 'other.test'];
const HOSTS = { tlsHosts: NAMES };
// A choice counts once the offer has been on screen, unchanged, for 400 ms: the shopper's pace,
// with room for a busy machine.
const STEADY_MS = 900;
// How long an offer that should not come is waited for.
const QUIET_MS = 2_500;

const checks = createChecks();
const { check } = checks;
const { expectClean, report } = createAudits(check);
const timings = {};

// The offer's frame in a page, or null.
async function findOffer(page) {
  for (const frame of page.frames()) {
    if (frame.detached) continue;
    let href = '';
    try {
      href = await frame.evaluate(() => location.href);
    } catch {
      continue;
    }
    if (href.includes('/menu/save.html')) return frame;
  }
  return null;
}

function readOffer(frame) {
  return frame.evaluate(() => ({
    title: document.getElementById('title')?.textContent ?? '',
    site: document.getElementById('site')?.textContent ?? '',
    lines: [...document.querySelectorAll('.record li')].map((li) => li.textContent),
    button: document.getElementById('save')?.textContent ?? '',
    csc: !document.getElementById('csc-row')?.hidden,
    status: document.getElementById('status')?.textContent ?? '',
    answered: document.documentElement.dataset.answered ?? null,
    shownAt: Number(document.documentElement.dataset.shownAt ?? 0),
    refusedBy: document.documentElement.dataset.refusedBy ?? null,
  }));
}

async function waitOffer(page, label) {
  return poll(
    async () => {
      const frame = await findOffer(page);
      if (!frame) return null;
      const state = await readOffer(frame).catch(() => null);
      return state?.title ? { frame, state } : null;
    },
    Boolean,
    STEP_MS,
    label,
    100,
  );
}

async function noOffer(page) {
  await sleep(QUIET_MS);
  return (await findOffer(page)) === null;
}

async function typeInto(page, values) {
  for (const [id, value] of Object.entries(values)) {
    await page.click(`#${id}`);
    await page.type(`#${id}`, value);
  }
}

// Opens `url`, types `values` as the shopper, submits with a click on #go and waits for the
// page the form goes to.
async function submitTyped(browser, url, values) {
  const page = await browser.newPage();
  await withTimeout(page.goto(url), STEP_MS, url);
  await sleep(300); // the content script's first scan
  await typeInto(page, values);
  page.submittedAt = Date.now();
  await Promise.all([withTimeout(page.waitForNavigation(), STEP_MS, 'submit'), page.click('#go')]);
  return page;
}

function clickIn(frame, selector) {
  return withTimeout(frame.click(selector), STEP_MS, `click ${selector}`).catch((e) => {
    console.log(`# ${selector}: ${e.message}`);
  });
}

const NAVY_YARD = {
  name: 'Grace Hopper',
  street: '1 Navy Yard',
  city: 'Arlington',
  postcode: '22202',
  country: 'United States',
  tel: '(202) 555-0100',
};

async function addresses(send) {
  const reply = await send({ type: 'profile.get' });
  return reply?.profile?.addresses ?? [];
}

async function newAddress(kind, browser, send) {
  const page = await submitTyped(browser, 'https://shop.test/address.html', NAVY_YARD);
  const { frame, state } = await waitOffer(page, 'offer to save a new address');
  check(
    `${kind}: a new address typed and submitted: the offer asks to save it`,
    state.title === 'Save this address to pims?' && state.button === 'Save',
    JSON.stringify(state),
  );
  check(
    `${kind}: the offer names the site it was typed on`,
    state.site === 'Typed on shop.test',
    state.site,
  );
  check(
    `${kind}: the offer shows the address as pims would store it`,
    ['Grace Hopper', '1 Navy Yard', '22202 Arlington', 'United States', '+12025550100'].every((l) =>
      state.lines.includes(l),
    ),
    JSON.stringify(state.lines),
  );
  // From the click on the form's button to the offer drawn on the next page (one clock).
  timings[`${kind} submit→offer shown`] = state.shownAt - page.submittedAt;
  check(`${kind}: nothing stored before the shopper answers`, (await addresses(send)).length === 1);
  await expectClean(kind, 'the offer to save an address', frame, { frame: true });
  await sleep(STEADY_MS);
  await clickIn(frame, '#save');
  const stored = await poll(
    () => addresses(send),
    (a) => a.length === 2,
    STEP_MS,
    'saved',
  ).catch(() => null);
  const added = stored?.[1] ?? {};
  check(
    `${kind}: Save stores it, normalised (profile.get)`,
    added['street-address'] === '1 Navy Yard' &&
      added['postal-code'] === '22202' &&
      added.country === 'US' &&
      added.tel === '+12025550100' &&
      added.name === 'Grace Hopper' &&
      added.label === '1 Navy Yard',
    JSON.stringify(stored),
  );
  const closed = await poll(
    () => findOffer(page),
    (f) => f === null,
    STEP_MS,
    'closed',
  ).catch(() => 'open');
  check(`${kind}: the offer closes after saving`, closed === null);
  await page.close();

  const again = await submitTyped(browser, 'https://shop.test/address.html', NAVY_YARD);
  check(`${kind}: the same address again: no offer`, await noOffer(again));
  await again.close();

  const moved = await submitTyped(browser, 'https://shop.test/address.html', {
    ...NAVY_YARD,
    postcode: '22203',
  });
  const update = await waitOffer(moved, 'offer to update');
  check(
    `${kind}: a changed postcode: the offer updates that record`,
    update.state.title === 'Update 1 Navy Yard with this address?' &&
      update.state.button === 'Update',
    JSON.stringify(update.state),
  );
  await sleep(STEADY_MS);
  await clickIn(update.frame, '#save');
  const updated = await poll(
    () => addresses(send),
    (a) => a[1]?.['postal-code'] === '22203',
    STEP_MS,
    'updated',
  ).catch(() => null);
  check(
    `${kind}: Update changes the record, adds none`,
    updated?.length === 2 && updated[1].id === added.id,
    JSON.stringify(updated),
  );
  await moved.close();
}

async function scripted(kind, browser) {
  const page = await browser.newPage();
  await withTimeout(page.goto('https://shop.test/scripted.html'), STEP_MS, 'scripted');
  await sleep(300);
  await page.click('#coupon');
  await page.type('#coupon', 'SOCKS10');
  await Promise.all([
    withTimeout(page.waitForNavigation(), STEP_MS, 'scripted submit'),
    page.keyboard.press('Tab'), // the coupon's change: the page fills the address and submits
  ]);
  check(
    `${kind}: a page that sets the address by script and submits: no offer`,
    page.url().startsWith('https://shop.test/thanks.html?') &&
      page.url().includes('Junk') &&
      (await noOffer(page)),
    page.url(),
  );
  await page.close();
}

async function elsewhere(kind, browser, send, shop) {
  const before = shop.requests.length;
  const page = await submitTyped(browser, 'https://shop.test/elsewhere.html', {
    name: 'Alan Turing',
    street: '2 Hampton Road',
    city: 'Teddington',
    postcode: 'TW11 0LW',
  });
  const { frame, state } = await waitOffer(page, 'offer after a form sent elsewhere');
  check(
    `${kind}: a form sent to another site: the offer (on that site's page) names the page's site`,
    page.url().startsWith('https://other.test/collect.html') && state.site === 'Typed on shop.test',
    `${page.url()} ${state.site}`,
  );
  await sleep(STEADY_MS);
  await clickIn(frame, '#not-now');
  await poll(
    () => findOffer(page),
    (f) => f === null,
    STEP_MS,
    'not now closes',
  ).catch(() => null);
  check(`${kind}: Not now stores nothing`, (await addresses(send)).length === 2);
  // Every request the shop's servers saw in this step is a page the browser loaded: pims sent
  // nothing (what the shopper typed went only where the page's own form sent it).
  const seen = shop.requests
    .slice(before)
    .filter((r) => !r.endsWith('/favicon.ico'))
    // The browser's own services (Firefox's remote settings go through the test proxy too).
    .filter((r) => !/^\S+ [^/]*\.(mozilla\.com|mozilla\.net|googleapis\.com)\//.test(r))
    .map((r) => r.replace(/\?.*$/, ''));
  check(
    `${kind}: pims sends nothing over the network`,
    seen.every((r) => r === 'GET shop.test/elsewhere.html' || r === 'GET other.test/collect.html'),
    JSON.stringify(seen),
  );
  await page.close();
}

// The page draws a bait over the offer that lets clicks through: the click reaches Save, and
// the guard refuses it.
async function covered(kind, browser, send) {
  const page = await submitTyped(browser, 'https://shop.test/address.html', {
    name: 'Hedy Lamarr',
    street: '5 Frequency Lane',
    city: 'Vienna',
    postcode: '1010',
    country: 'Austria',
  });
  const { frame } = await waitOffer(page, 'offer to be covered');
  await page.evaluate(() => {
    const bait = document.createElement('div');
    bait.textContent = 'Claim your prize';
    bait.style.cssText =
      'position:fixed;top:0;right:0;width:420px;height:400px;background:#fc0;' +
      'z-index:2147483647;pointer-events:none;font-size:40px';
    document.documentElement.append(bait); // after pims' host: drawn over it
  });
  await sleep(STEADY_MS);
  await clickIn(frame, '#save');
  const state = await poll(
    () => readOffer(frame),
    (s) => s.status !== '',
    STEP_MS,
    'refusal',
  ).catch(() => ({}));
  check(
    `${kind}: an offer the page covers: Save stores nothing, and says why`,
    /hid or covered this offer/.test(state.status ?? '') && (await addresses(send)).length === 2,
    JSON.stringify(state),
  );
  await page.close();
}

async function cards(kind, browser, send) {
  const page = await submitTyped(browser, 'https://shop.test/card.html', {
    ccname: 'Grace Hopper',
    ccnum: '5555 5555 5555 4444',
    ccexp: '07/31',
    cccsc: '987',
  });
  const { frame, state } = await waitOffer(page, 'offer to save a card');
  check(
    `${kind}: a new card: the offer shows it masked, with a security-code box`,
    state.title === 'Save this card to pims?' &&
      state.lines.includes('•••• 4444') &&
      state.lines.includes('Expires 07/2031') &&
      !state.lines.some((l) => l.includes('5555')) &&
      state.csc,
    JSON.stringify(state),
  );
  await expectClean(kind, 'the offer to save a card', frame, { frame: true });
  await sleep(STEADY_MS);
  await clickIn(frame, '#save');
  const stored = await poll(
    () => send({ type: 'profile.get' }),
    (r) => r?.profile?.cards?.length === 2,
    STEP_MS,
    'card saved',
  ).catch(() => null);
  const card = stored?.profile?.cards?.[1] ?? {};
  check(
    `${kind}: Save stores the card without its security code (not ticked)`,
    card['cc-number'] === '5555555555554444' &&
      card['cc-exp-month'] === 7 &&
      card['cc-exp-year'] === 2031 &&
      card['cc-csc'] === '',
    JSON.stringify(card),
  );
  await page.close();

  const ticked = await submitTyped(browser, 'https://shop.test/card.html', {
    ccnum: '4012 8888 8888 1881',
    ccexp: '01/32',
    cccsc: '456',
  });
  const offer = await waitOffer(ticked, 'offer to save a second card');
  await offer.frame.click('#csc');
  await sleep(STEADY_MS);
  await clickIn(offer.frame, '#save');
  const withCode = await poll(
    () => send({ type: 'profile.get' }),
    (r) => r?.profile?.cards?.length === 3,
    STEP_MS,
    'second card saved',
  ).catch(() => null);
  check(
    `${kind}: the security code is saved when the shopper ticks it`,
    withCode?.profile?.cards?.[2]?.['cc-csc'] === '456',
    JSON.stringify(withCode?.profile?.cards?.[2]),
  );
  await ticked.close();
}

async function never(kind, browser, send) {
  const page = await submitTyped(browser, 'https://shop.test/address.html', {
    street: '7 Never Street',
    postcode: '99999',
    city: 'Nowhere',
  });
  const { frame } = await waitOffer(page, 'offer before never');
  await sleep(STEADY_MS);
  await clickIn(frame, '#never');
  const site = await poll(
    () => send({ type: 'site.get', url: 'https://shop.test/' }),
    (r) => r?.never_save === true,
    STEP_MS,
    'never stored',
  ).catch((e) => ({ error: e.message }));
  check(
    `${kind}: "Never for this shop" is stored in the vault's site record`,
    site?.never_save === true && (await addresses(send)).length === 2,
    JSON.stringify(site),
  );
  await page.close();
  const after = await submitTyped(browser, 'https://shop.test/address.html', {
    street: '8 Never Street',
    postcode: '99998',
    city: 'Nowhere',
  });
  check(`${kind}: after "Never for this shop": no offer there`, await noOffer(after));
  await after.close();
}

// A page that goes on by script, without a form submission: the values go when it is hidden.
async function leaving(kind, browser, send) {
  const page = await submitTyped(browser, 'https://other.test/spa.html', {
    street: '3 Rue de la Paix',
    city: 'Paris',
    postcode: '75002',
  });
  const { frame, state } = await waitOffer(page, 'offer after the page went on by script');
  check(
    `${kind}: typed, then the page went on by script: the next page offers to save`,
    page.url() === 'https://other.test/thanks.html' && state.site === 'Typed on other.test',
    `${page.url()} ${JSON.stringify(state)}`,
  );
  await sleep(STEADY_MS);
  await clickIn(frame, '#save');
  const stored = await poll(
    () => addresses(send),
    (a) => a.some((x) => x['postal-code'] === '75002'),
    STEP_MS,
    'saved',
  ).catch(() => null);
  check(`${kind}: ... and Save stores it`, Boolean(stored));
  await page.close();
}

async function scenario(kind, shop) {
  await withBrowser(
    kind,
    shop,
    { budgetMs: BROWSER_BUDGET_MS, hosts: HOSTS, checks, viewport: { width: 1280, height: 800 } },
    async ({ browser, base, run }) => {
      registerHost(kind, run);
      const { send } = await openGateway(kind, browser, base);
      check(`${kind}: setup`, (await send({ type: 'setup', password: PASSWORD }))?.ok);
      check(`${kind}: profile`, (await send({ type: 'profile.put', profile: PROFILE }))?.ok);
      // The menu at a field would open under each field the test types in: off here.
      check(`${kind}: menu off`, (await send({ type: 'settings.set', menu: false }))?.ok);
      await runSteps(
        checks,
        kind,
        [
          ['new, same, changed address', () => newAddress(kind, browser, send)],
          ['set by script', () => scripted(kind, browser)],
          ['sent elsewhere', () => elsewhere(kind, browser, send, shop)],
          ['covered', () => covered(kind, browser, send)],
          ['cards', () => cards(kind, browser, send)],
          ['never', () => never(kind, browser, send)],
          ['page going away', () => leaving(kind, browser, send)],
        ],
        'SAVE_ONLY',
      );
    },
  );
}

runSuite({
  checks,
  shopNames: NAMES,
  shopOptions: { pages: PAGES },
  scenario,
  report: (kinds) => {
    report(kinds, 'offer frame');
    for (const [name, ms] of Object.entries(timings))
      console.log(`# ${name}: ${Math.round(ms)} ms`);
  },
});
