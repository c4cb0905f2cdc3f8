// Real checkout forms: the built extension with the real pims-host, in Chromium and Firefox ESR,
// one after the other, on six shop pages that say what their fields are in the ways real shops
// do: only autocomplete attributes (names f1, f2 ...), only English labels and names, values
// split over several boxes, selects for everything (countries, states, months, years), a German
// and a French checkout. Each page also has boxes that are no part of a checkout (search,
// login, coupon, newsletter, quantity, how did you hear about us ...).
//
// For every control of every page the test asserts exactly what it holds after the automatic
// fill: the value from the test profile that belongs there, in the shop's own format (a
// select's option value, a slice of the card number, MM/YY ...), or, for everything else, what
// the page loaded with. The site is allowed every category, with automatic card fills, so
// everything the classifier understands is filled.
//
//   node tests/extension/forms/run.mjs            both browsers
//   node tests/extension/forms/run.mjs firefox    one
//
// Environment and exit status as tests/extension/e2e/run.mjs (0 all passed, 1 a check failed,
// 77 nothing could run). One browser launch per browser, one tab for all six pages.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PROFILE,
  STEP_MS,
  createChecks,
  createTable,
  openGateway,
  poll,
  registerHost,
  runSuite,
  setUpVault,
  sleep,
  tabIdOf,
  withBrowser,
  withTimeout,
} from '../e2e/harness.mjs';
import { CATEGORY_IDS } from '../../../extension/src/shared/protocol.js';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
const BROWSER_BUDGET_MS = 120_000;
// After the expected values arrived: time for a late (wrong) fill, past the content script's
// 400 ms debounce.
const SETTLE_MS = 800;
const SHOP = 'https://www.shop.example';
const HOSTS = { httpHosts: [], tlsHosts: ['www.shop.example'] };

// The harness's profile, plus a billing address in New York: the pages with a billing section
// then show which address a field was filled from, and a US address is what a state select and
// a phone number in three boxes (area code, prefix, line) need.
const person = PROFILE.person;
const home = PROFILE.addresses[0];
const card = PROFILE.cards[0];
const OFFICE = {
  id: 'office',
  label: 'Office',
  name: `${person['given-name']} ${person['family-name']}`,
  'street-address': '350 Fifth Avenue\nSuite 2100',
  'address-level2': 'New York',
  'address-level1': 'NY',
  'postal-code': '10118',
  country: 'US',
  tel: '+12125550123',
};
const SHOPPER = {
  ...PROFILE,
  addresses: [...PROFILE.addresses, OFFICE],
  defaults: { ...PROFILE.defaults, billing: OFFICE.id },
};

const two = (n) => String(n).padStart(2, '0');
const [homeLine1, homeLine2] = home['street-address'].split('\n');
const officeNational = OFFICE.tel.slice(2); // +1 and ten digits
const V = {
  given: person['given-name'],
  family: person['family-name'],
  fullName: `${person['given-name']} ${person['family-name']}`,
  email: person.email,
  tel: person.tel,
  // The profile's number is British: +44, then the national number with its trunk prefix 0.
  telCountry: person.tel.slice(1, 3),
  telNational: `0${person.tel.slice(3)}`,
  line1: homeLine1,
  line2: homeLine2,
  city: home['address-level2'],
  postcode: home['postal-code'],
  country: home.country,
  ccName: card['cc-name'],
  ccNumber: card['cc-number'],
  month: two(card['cc-exp-month']),
  year: String(card['cc-exp-year']),
  yy: String(card['cc-exp-year']).slice(2),
  csc: card['cc-csc'],
  officeName: OFFICE.name,
  officeStreet: OFFICE['street-address'].split('\n').join(', '),
  officeCity: OFFICE['address-level2'],
  officeState: OFFICE['address-level1'],
  officePostcode: OFFICE['postal-code'],
  officeCountry: OFFICE.country,
};
const quarters = [0, 4, 8, 12].map((i) => V.ccNumber.slice(i, i + 4));

// Each page: the controls (by id) that must hold a value, and that value; every other control
// must keep what the page loaded with. Option values are the shop's: a select gets the value of
// the option that names the profile's value.
const VISITS = [
  {
    id: 'autocomplete only',
    path: '/autocomplete-only.html',
    expect: {
      f1: V.given,
      f2: V.family,
      f3: V.email,
      f4: V.tel,
      f5: V.line1,
      f6: V.line2,
      f7: V.city,
      f8: V.postcode,
      f9: V.country,
      f10: V.officePostcode, // billing postal-code
      f11: V.ccName,
      f12: V.ccNumber,
      f13: `${V.month}/${V.yy}`, // cc-exp in a box of 5
      f14: V.csc,
      f18: `+${V.telCountry}`,
      f19: V.telNational,
      f20: OFFICE['street-address'], // a textarea keeps the lines
      f21: V.officeCity,
    },
  },
  {
    id: 'English labels, no autocomplete',
    path: '/labels-en.html',
    expect: {
      email: V.email,
      email2: V.email, // "Confirm email address"
      phone: V.tel,
      first: V.given,
      last: V.family,
      addr1: V.line1,
      addr2: V.line2,
      city: V.city,
      zip: V.postcode,
      country: '222', // United Kingdom, the shop's own number
      ccname: V.ccName,
      ccnum: V.ccNumber,
      'exp-mm': V.month,
      'exp-yy': V.yy,
      cvv: V.csc,
    },
  },
  {
    id: 'split fields',
    path: '/split.html',
    expect: {
      fname: V.given,
      lname: V.family,
      phone1: officeNational.slice(0, 3), // the billing section's phone: the office's
      phone2: officeNational.slice(3, 6),
      phone3: officeNational.slice(6),
      card1: quarters[0],
      card2: quarters[1],
      card3: quarters[2],
      card4: quarters[3],
      expmonth: String(card['cc-exp-month']), // "12 - December", valued 12
      expyear: V.yy, // "2030", valued 30
      cvc: V.csc,
      'x-name': V.fullName,
      'x-email': V.email,
      'x-ccnum': V.ccNumber,
      'x-ccexp': `${V.month}/${V.yy}`,
      'x-cvc': V.csc,
    },
  },
  {
    id: 'selects',
    path: '/selects.html',
    expect: {
      email: V.email,
      's-city': V.city,
      's-zip': V.postcode,
      's-country': '22', // United Kingdom; the state select has nothing for a UK address
      'b-name': V.officeName,
      'b-street': V.officeStreet,
      'b-city': V.officeCity,
      'b-state': V.officeState,
      'b-zip': V.officePostcode,
      'b-phone': officeNational, // national, as the placeholder "(201) 555-0123" shows
      'b-country': V.officeCountry,
      ccnum: V.ccNumber,
      'exp-m': String(card['cc-exp-month']), // "December", value 12
      'exp-y': V.yy,
      cvv: V.csc,
    },
  },
  {
    id: 'German',
    path: '/de.html',
    expect: {
      vorname: V.given,
      nachname: V.family,
      strasse: V.line1,
      zusatz: V.line2,
      plz: V.postcode,
      ort: V.city,
      land: 'Großbritannien', // what German shops call it, rather than "Vereinigtes Königreich"
      vorwahl: V.telCountry, // "+44 Vereinigtes Königreich", valued 44
      telefon: V.telNational,
      mail: V.email,
      mail2: V.email, // "E-Mail wiederholen"
      inhaber: V.ccName,
      kartennr: V.ccNumber,
      monat: V.month,
      jahr: V.year,
      pruef: V.csc,
    },
  },
  {
    id: 'French',
    path: '/fr.html',
    expect: {
      prenom: V.given,
      nom: V.family,
      adresse: V.line1,
      complement: V.line2,
      cp: V.postcode,
      ville: V.city,
      pays: '10', // Royaume-Uni
      tel: V.tel,
      courriel: V.email,
      titulaire: V.ccName,
      numcarte: V.ccNumber,
      expiration: `${V.month}/${V.yy}`, // MM/AA
      crypto: V.csc,
    },
  },
];

// Pages whose fields are asked about as the shopper scrolls (`scroll: true`): the test scrolls
// to the bottom with the mouse wheel, a step at a time, quicker than the content script's
// debounce, as a shopper flicking down the page does.
VISITS.push(
  {
    id: 'a name pair split by the fold',
    path: '/fold-name.html',
    scroll: true,
    expect: { prenom: V.given, nom: V.family, courriel: V.email },
  },
  {
    id: 'groups scrolled past',
    path: '/long.html',
    scroll: true,
    expect: {
      email: V.email,
      first: V.given,
      last: V.family,
      street: `${V.line1}, ${V.line2}`,
      city: V.city,
      zip: V.postcode,
    },
  },
  {
    id: 'selects the page fills, boxes with a maxlength',
    path: '/late-selects.html',
    expect: {
      's-name': V.fullName,
      's-country': V.country, // the browser showed Canada: the first option after a disabled one
      'b-country': V.officeCountry, // the page guessed Canada
      'b-state': V.officeState, // the page loads the states once the country is chosen
      'b-zip': V.officePostcode,
      'b-phone': officeNational,
      ccnum: V.ccNumber,
      ccexp: `${V.month}/${V.yy}`,
      cvv: V.csc,
    },
  },
  {
    id: 'security code in a password box',
    path: '/password-csc.html',
    expect: { email: V.email, ccnum: V.ccNumber, ccexp: `${V.month}/${V.yy}`, cvv: V.csc },
  },
  // The shopper presses Fill now (`gesture: true`) without scrolling.
  {
    id: 'Fill now, form below the window',
    path: '/gesture.html',
    gesture: true,
    expect: { name: V.fullName, email: V.email, phone: V.tel, city: V.city },
  },
);

const WHEEL_STEP = 300;
const WHEEL_PAUSE_MS = 120;

async function scrollToBottom(page) {
  await page.mouse.move(300, 300);
  for (let step = 0; step < 40; step++) {
    const atBottom = await page.evaluate(
      () => scrollY + innerHeight >= document.documentElement.scrollHeight - 1,
    );
    if (atBottom) return;
    await page.mouse.wheel({ deltaY: WHEEL_STEP });
    await sleep(WHEEL_PAUSE_MS);
  }
}

// Every control of the page: its id, its value now and the value it loaded with.
function readControls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')].map((el) => {
      let initial = el.defaultValue ?? '';
      if (el.tagName === 'SELECT') {
        const options = [...el.options];
        initial = (options.find((o) => o.defaultSelected) ?? options[0])?.value ?? '';
      }
      return { id: el.id, value: el.value, initial };
    }),
  );
}

const checks = createChecks();
const table = createTable(); // page id -> {chromium: 'n/m', firefox: ...}

async function visitPage(kind, page, visit, { send, call }) {
  const started = Date.now();
  await withTimeout(page.goto(`${SHOP}${visit.path}`), STEP_MS, `load ${visit.path}`);
  if (visit.scroll) await scrollToBottom(page);
  if (visit.gesture) {
    // What loaded in view is filled first; then the shopper's Fill now, for the whole form.
    await poll(
      () => readControls(page),
      (c) => c.some((x) => x.value !== x.initial),
      5_000,
      'auto',
    );
    const tabId = await tabIdOf(call, `${SHOP}${visit.path}`);
    const reply = await send({ type: 'tab.fill', tabId });
    if (!reply?.ok) throw new Error(`tab.fill: ${JSON.stringify(reply)}`);
  }
  const expected = Object.entries(visit.expect);
  const arrived = (controls) =>
    expected.every(([id, value]) => controls.some((c) => c.id === id && c.value === value));
  const ready = await poll(() => readControls(page), arrived, 10_000, visit.id, 100)
    .then(() => true)
    .catch(() => false);
  const readyMs = Date.now() - started;
  await sleep(SETTLE_MS);
  const controls = await readControls(page);

  let passed = 0;
  const ids = new Set(controls.map((c) => c.id));
  for (const [id] of expected) {
    if (!ids.has(id)) checks.check(`${kind}: ${visit.id}: #${id} is on the page`, false);
  }
  for (const { id, value, initial } of controls) {
    const want = id in visit.expect ? visit.expect[id] : initial;
    const what = id in visit.expect ? `= ${JSON.stringify(want)}` : 'left alone';
    if (
      checks.check(
        `${kind}: ${visit.id}: #${id} ${what}`,
        value === want,
        `got ${JSON.stringify(value)}`,
      )
    ) {
      passed += 1;
    }
  }
  console.log(
    `# ${kind}: ${visit.id}: ${passed}/${controls.length} controls right` +
      (ready ? `, filled in ${readyMs} ms` : ', some expected values never arrived'),
  );
  table.set(visit.id, kind, `${passed}/${controls.length}`);
}

async function scenario(kind, shop) {
  const started = Date.now();
  await withBrowser(
    kind,
    shop,
    { budgetMs: BROWSER_BUDGET_MS, hosts: HOSTS, checks },
    async ({ browser, base, run }) => {
      registerHost(kind, run);
      const gateway = await openGateway(kind, browser, base);
      await setUpVault(gateway.send, {
        profile: SHOPPER,
        policies: [
          { url: `${SHOP}/`, allow: CATEGORY_IDS, auto_card: true, site: 'https://shop.example' },
        ],
      });
      const page = await browser.newPage();
      for (const visit of VISITS) {
        try {
          await visitPage(kind, page, visit, gateway);
        } catch (error) {
          checks.check(`${kind}: ${visit.id}: page ran to the end`, false, String(error));
        }
      }
    },
  );
  for (const visit of VISITS) {
    if (!table.get(visit.id, kind)) {
      checks.check(`${kind}: ${visit.id}: visited`, false, 'not run');
    }
  }
  console.log(`# ${kind}: ${Math.round((Date.now() - started) / 1000)} s`);
}

runSuite({
  checks,
  shopNames: HOSTS.tlsHosts,
  shopOptions: { pages: PAGES },
  scenario,
  report: (kinds) =>
    table.print(
      'page',
      VISITS.map((v) => v.id),
      kinds,
    ),
});
