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

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startShop } from './server.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXT = path.join(REPO, 'extension');
const require = createRequire(path.join(EXT, 'package.json'));
const puppeteer = require('puppeteer-core');

const identity = JSON.parse(readFileSync(path.join(EXT, 'identity.json'), 'utf8'));
const HOST_BIN = path.resolve(process.env.PIMS_HOST_BIN ?? path.join(REPO, 'build/host/pims-host'));
const INSTALL_BIN = path.resolve(
  process.env.PIMS_INSTALL_BIN ?? path.join(path.dirname(HOST_BIN), '../installer/pims-install'),
);
const BROWSERS = {
  chromium: process.env.CHROMIUM_BIN ?? '/usr/lib/chromium/chromium',
  firefox: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
};
// Firefox gives a temporary add-on a random UUID; a fixed one makes its pages addressable.
const FIREFOX_UUID = '7d1c9a52-4c3e-4f55-9d7b-3a1f0e2b6c11';
const STEP_MS = 15_000;
const BROWSER_BUDGET_MS = 120_000;
const SHOP = 'http://shop.example';
// The exit code when nothing could run (no host binary, no browser): ctest's SKIP_RETURN_CODE.
const SKIPPED = 77;
const PASSWORD = 'correct horse battery staple';
const PROFILE = {
  person: {
    'given-name': 'Ada',
    'family-name': 'Lovelace',
    email: 'ada@example.org',
    tel: '+442079460000',
  },
  addresses: [
    {
      id: 'home',
      label: 'Home',
      name: 'Ada Lovelace',
      'street-address': "12 St James's Square\nFlat 3",
      'address-level2': 'London',
      'postal-code': 'SW1Y 4JH',
      country: 'GB',
    },
  ],
  cards: [
    {
      id: 'visa',
      label: 'Visa',
      'cc-name': 'Ada Lovelace',
      'cc-number': '4111111111111111',
      'cc-exp-month': 12,
      'cc-exp-year': 2030,
      'cc-csc': '123',
    },
  ],
  defaults: { shipping: 'home', billing: 'home', card: 'visa' },
};
const ALLOW = ['name', 'email', 'shipping_address'];

let passed = 0;
let failed = 0;
function check(label, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok || !detail ? '' : `: ${detail}`}`);
}

function withTimeout(promise, ms, label) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
    }),
  ]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(read, done, ms, label) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await sleep(200);
  }
  throw new Error(`${label}: not reached in ${ms} ms; last ${JSON.stringify(last)}`);
}

// Registers pims-host for this run's browser with the project's own installer, exactly as a
// shopper's install does: Chromium reads <user-data-dir>/NativeMessagingHosts, Firefox
// $HOME/.mozilla/native-messaging-hosts. XDG_DATA_HOME is pointed into the run too, so the
// installer's record of folders it created stays in the run.
function registerHost(kind, run) {
  const home = path.join(run, 'home');
  mkdirSync(home, { recursive: true });
  const args = ['install', '--browser', kind, '--host-path', HOST_BIN];
  if (kind === 'chromium') args.push('--profile-dir', path.join(run, 'udd'));
  execFileSync(INSTALL_BIN, args, {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function launch(kind, run, shop) {
  const { port, tlsPort } = shop;
  const env = {
    ...process.env,
    HOME: path.join(run, 'home'),
    PIMS_HOME: path.join(run, 'vault'),
    PIMS_KDF: 'minimum', // the weakest password hashing, for test speed only
    PIMS_HOST_LOG: path.join(run, 'host.log'),
  };
  mkdirSync(env.HOME, { recursive: true });
  const viewport = { width: 1000, height: 900 };
  if (kind === 'chromium') {
    const dist = path.join(EXT, 'dist', 'chrome');
    const browser = await puppeteer.launch({
      executablePath: BROWSERS.chromium,
      headless: true,
      userDataDir: path.join(run, 'udd'),
      enableExtensions: true,
      acceptInsecureCerts: true, // the test shop's self-signed certificate
      defaultViewport: viewport,
      env,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        `--load-extension=${dist}`,
        `--disable-extensions-except=${dist}`,
        `--host-resolver-rules=MAP shop.example 127.0.0.1:${port}, MAP pay.example 127.0.0.1:${port}, MAP secure.example 127.0.0.1:${tlsPort}`,
        '--password-store=basic',
      ],
    });
    await withTimeout(
      browser.waitForTarget(
        (t) =>
          t.type() === 'service_worker' &&
          t.url().startsWith(`chrome-extension://${identity.chrome_id}/`),
      ),
      STEP_MS,
      'the extension service worker',
    );
    return { browser, base: `chrome-extension://${identity.chrome_id}/` };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: BROWSERS.firefox,
    headless: true,
    userDataDir: path.join(run, 'profile'),
    acceptInsecureCerts: true,
    defaultViewport: viewport,
    env,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [identity.gecko_id]: FIREFOX_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'services.settings.server': 'http://127.0.0.1:9/',
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.normandy.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  await withTimeout(
    browser.installExtension(path.join(EXT, 'dist', 'firefox')),
    STEP_MS,
    'install',
  );
  return { browser, base: `moz-extension://${FIREFOX_UUID}/` };
}

// An extension page, through which the test talks to the background like the popup does.
async function openGateway(kind, browser, base) {
  const page = await browser.newPage();
  const url = `${base}popup/popup.html`;
  if (kind === 'firefox') {
    // Firefox's remote agent sends no load events for extension pages: poll readyState.
    await page.goto(url, { waitUntil: [] }).catch(() => undefined);
    await poll(
      () => page.evaluate(() => document.readyState).catch(() => ''),
      (s) => s === 'complete',
      STEP_MS,
      'popup page',
    );
  } else {
    await withTimeout(page.goto(url), STEP_MS, 'popup page');
  }
  const send = (message) =>
    withTimeout(
      page.evaluate(
        (m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m),
        message,
      ),
      STEP_MS,
      `message ${message.type}`,
    );
  const call = (code) => withTimeout(page.evaluate(code), STEP_MS, 'extension page call');
  return { page, send, call };
}

async function scenario(kind, shopServer) {
  const run = mkdtempSync(path.join(os.tmpdir(), `pims-e2e-${kind}-`));
  console.log(`# ${kind} (${run})`);
  let browser;
  const watchdog = setTimeout(() => {
    console.log(`FAIL ${kind}: over its ${BROWSER_BUDGET_MS} ms budget, killed`);
    killGroup(browser);
    process.exit(1);
  }, BROWSER_BUDGET_MS);
  try {
    const launched = await withTimeout(launch(kind, run, shopServer), 60_000, `${kind} launch`);
    browser = launched.browser;
    const { send, call } = await openGateway(kind, browser, launched.base);

    // Not registered yet: the shopper is told how to install it.
    const missing = await send({ type: 'status' });
    check(
      `${kind}: a missing host is reported with the install hint`,
      missing?.ok === false &&
        missing.error.code === 'host_missing' &&
        missing.error.message.includes('pims-host is not installed: run ./install.sh'),
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

    const tabId = await call(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tabs = await api.tabs.query({});
      return tabs.find((t) => String(t.url).startsWith('http://shop.example/'))?.id;
    });
    check(`${kind}: the shop's tab is found`, Number.isInteger(tabId), String(tabId));
    const badge = await call(
      `(globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: ${tabId} })`,
    );
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
    await popupChecks(kind, browser, launched.base, send, tabId);
    await optionsChecks(kind, browser, launched.base);
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
  } catch (error) {
    check(`${kind}: scenario ran to the end`, false, error?.stack ?? String(error));
  } finally {
    clearTimeout(watchdog);
    if (browser) {
      await withTimeout(browser.close(), 10_000, 'close').catch(() => undefined);
      killGroup(browser);
    }
    if (!process.env.E2E_KEEP) rmSync(run, { recursive: true, force: true });
  }
}

async function frameValues(shop) {
  const frame = shop.frames().find((f) => f.url().startsWith('http://pay.example/'));
  return frame ? frame.evaluate(() => window.__report().values) : null;
}

// A frame from another site gets nothing the shop was allowed; its own site's permissions
// decide, and a shopper's Fill now reaches into it.
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

async function openExtensionPage(kind, browser, url) {
  const page = await browser.newPage();
  if (kind === 'firefox') {
    await page.goto(url, { waitUntil: [] }).catch(() => undefined);
  } else {
    await withTimeout(page.goto(url), STEP_MS, url);
  }
  await poll(
    () => page.evaluate(() => document.readyState).catch(() => ''),
    (s) => s === 'complete',
    STEP_MS,
    url,
  );
  return page;
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
    /Phone number/.test(shown.asks ?? ''),
    shown.asks,
  );
  check(`${kind}: card switches are off-limits on an http page`, shown.cardDisabled === true);
  check(
    `${kind}: the popup lists what was shared before`,
    /Name/.test(shown.ledger ?? ''),
    shown.ledger,
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
  const sites = await page.evaluate(() => document.getElementById('site-rows').textContent);
  check(
    `${kind}: the options page lists the allowed sites`,
    sites.includes(SHOP) && sites.includes('http://pay.example'),
    sites,
  );
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
  const tabId = await call(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => String(t.url).startsWith('https://secure.example/'))?.id;
  });
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

// The browser runs in its own process group (puppeteer starts it detached): end all of it.
function killGroup(browser) {
  const pid = browser?.process()?.pid;
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const kinds = wanted.length ? wanted : Object.keys(BROWSERS);
  if (!existsSync(HOST_BIN) || !existsSync(INSTALL_BIN)) {
    console.log(`pims-host or pims-install not found (${HOST_BIN}, ${INSTALL_BIN}): build first`);
    process.exitCode = SKIPPED;
    return;
  }
  for (const dist of ['chrome', 'firefox']) {
    if (!existsSync(path.join(EXT, 'dist', dist, 'manifest.json'))) {
      throw new Error('extension/dist is missing: run npm --prefix extension run build');
    }
  }
  const certs = mkdtempSync(path.join(os.tmpdir(), 'pims-e2e-cert-'));
  let shop;
  try {
    // A throwaway self-signed certificate for https://secure.example.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=secure.example',
        '-addext',
        'subjectAltName=DNS:secure.example',
        '-keyout',
        path.join(certs, 'key.pem'),
        '-out',
        path.join(certs, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    shop = await startShop({
      tls: {
        key: readFileSync(path.join(certs, 'key.pem')),
        cert: readFileSync(path.join(certs, 'cert.pem')),
      },
    });
  } finally {
    rmSync(certs, { recursive: true, force: true });
  }
  try {
    for (const kind of kinds) {
      if (!BROWSERS[kind]) throw new Error(`unknown browser ${kind}`);
      if (!existsSync(BROWSERS[kind])) {
        console.log(`# ${kind}: ${BROWSERS[kind]} not installed, skipped`);
        continue;
      }
      await scenario(kind, shop);
    }
  } finally {
    await shop.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : passed ? 0 : SKIPPED;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
