// What the browser runs share (tests/extension/e2e/run.mjs, tests/extension/hostile/run.mjs):
// the paths and the test profile, bounded waits, host registration with pims-install, browser
// launch with the built extension, the extension-page gateway to the background, the test shop
// with a throwaway certificate, and killing a browser by its process group.
// Recipe: /work/shared/browser-testing.md (headless, no display, loopback only).

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startShop } from './server.mjs';
import { catalogue, messageIn, DEFAULT_LOCALE } from '../unit/catalogue.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXT = path.join(REPO, 'extension');
const require = createRequire(path.join(EXT, 'package.json'));
const puppeteer = require('puppeteer-core');

export const identity = JSON.parse(readFileSync(path.join(EXT, 'identity.json'), 'utf8'));
export const HOST_BIN = path.resolve(
  process.env.PIMS_HOST_BIN ?? path.join(REPO, 'build/host/pims-host'),
);
export const INSTALL_BIN = path.resolve(
  process.env.PIMS_INSTALL_BIN ?? path.join(path.dirname(HOST_BIN), '../installer/pims-install'),
);
export const BROWSERS = {
  chromium: process.env.CHROMIUM_BIN ?? '/usr/lib/chromium/chromium',
  firefox: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
};
// Firefox gives a temporary add-on a random UUID; a fixed one makes its pages addressable.
const FIREFOX_UUID = '7d1c9a52-4c3e-4f55-9d7b-3a1f0e2b6c11';
export const STEP_MS = 15_000;
// The browsers' UI language for a run (PIMS_E2E_LOCALE=de); empty: what the machine says.
export const LOCALE = process.env.PIMS_E2E_LOCALE ?? '';

// The message `key` in the run's language, as the extension shows it: checks read the pages
// in the language they speak.
export function say(key, substitutions) {
  return messageIn(LOCALE || DEFAULT_LOCALE, key, substitutions);
}

// What of a page is not in the run's language: text or a UI attribute that is exactly an English
// message the run's language words otherwise, or a key the catalogue lacks (⟦key⟧). Empty in an
// English run.
export async function notInLanguage(page) {
  if (!LOCALE || LOCALE === DEFAULT_LOCALE) return [];
  const english = new Set();
  for (const [key, entry] of Object.entries(catalogue(DEFAULT_LOCALE))) {
    if (!entry.message.includes('$') && entry.message !== say(key)) english.add(entry.message);
  }
  const shown = await page.evaluate(() => {
    const texts = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!['SCRIPT', 'STYLE'].includes(node.parentElement?.tagName)) texts.push(node.data);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
        if (el.hasAttribute(attr)) texts.push(el.getAttribute(attr));
      }
    }
    return texts.map((text) => text.trim()).filter(Boolean);
  });
  // The ledger lists the autofill field names a fill wrote (given-name, email): not language.
  const { AUTOFILL_FIELDS } = await import(path.join(EXT, 'src/shared/vocabulary.js'));
  const fieldNames = (text) => text.split(', ').every((token) => AUTOFILL_FIELDS.includes(token));
  return shown.filter((text) => (english.has(text) && !fieldNames(text)) || text.includes('⟦'));
}

// The environment that sets a browser's UI language on Linux: Chromium takes it from LANGUAGE
// (its --lang flag is ignored there), Firefox from its prefs (see launch()).
function localeEnv(locale) {
  return locale ? { LANGUAGE: locale, LANG: `${locale}_${locale.toUpperCase()}.UTF-8` } : {};
}
// The exit code when nothing could run (no host binary, no browser): ctest's SKIP_RETURN_CODE.
export const SKIPPED = 77;
export const PASSWORD = 'correct horse battery staple';
export const PROFILE = {
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

// A pass/fail tally that prints one line per check.
export function createChecks() {
  const tally = { passed: 0, failed: 0 };
  tally.check = (label, ok, detail = '') => {
    if (ok) tally.passed += 1;
    else tally.failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok || !detail ? '' : `: ${detail}`}`);
    return Boolean(ok);
  };
  return tally;
}

export function withTimeout(promise, ms, label) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
    }),
  ]);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Clicks the element `selector` names, as a person would click what is there: a page that drew
// the element again between the query and the click (the popup re-renders as its data arrives)
// gets the click on the new one. Up to 3 tries.
export async function clickSelector(page, selector) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.click(selector);
      return;
    } catch (error) {
      if (attempt >= 3 || !/detached/i.test(String(error?.message))) throw error;
      await sleep(100);
    }
  }
}

export async function poll(read, done, ms, label, every = 200) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await sleep(every);
  }
  throw new Error(`${label}: not reached in ${ms} ms; last ${JSON.stringify(last)}`);
}

// Whether a tab shows `url`, as the extension's tabs API says (Firefox's remote agent does not
// always tell the driver an extension page's URL): true, or false after STEP_MS.
// call: evaluates an expression in an extension page (openGateway's `call`).
export function tabOpened(call, url, label) {
  return poll(
    () =>
      call(`(globalThis.browser ?? globalThis.chrome).tabs.query({}).then((tabs) =>
        tabs.some((t) => t.url === ${JSON.stringify(url)}))`),
    Boolean,
    STEP_MS,
    label,
  ).catch(() => false);
}

// Exits 77 (skipped) when there is nothing to run with; throws when the extension is not built.
export function preflight() {
  if (!existsSync(HOST_BIN) || !existsSync(INSTALL_BIN)) {
    console.log(`pims-host or pims-install not found (${HOST_BIN}, ${INSTALL_BIN}): build first`);
    return false;
  }
  for (const dist of ['chrome', 'firefox']) {
    if (!existsSync(path.join(EXT, 'dist', dist, 'manifest.json'))) {
      throw new Error('extension/dist is missing: run npm --prefix extension run build');
    }
  }
  return true;
}

// The browsers asked for on the command line (default both), installed ones only.
export function browsersToRun(argv) {
  const wanted = argv.length ? argv : Object.keys(BROWSERS);
  const kinds = [];
  for (const kind of wanted) {
    if (!BROWSERS[kind]) throw new Error(`unknown browser ${kind}`);
    if (!existsSync(BROWSERS[kind])) {
      console.log(`# ${kind}: ${BROWSERS[kind]} not installed, skipped`);
      continue;
    }
    kinds.push(kind);
  }
  return kinds;
}

// The test shop (server.mjs) with a throwaway self-signed certificate for `names` (DNS names,
// already in ASCII). options go to startShop (e.g. pages).
export async function startShopWithCertificate(names, options = {}) {
  const certs = mkdtempSync(path.join(os.tmpdir(), 'pims-e2e-cert-'));
  try {
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
        `/CN=${names[0]}`,
        '-addext',
        `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
        '-keyout',
        path.join(certs, 'key.pem'),
        '-out',
        path.join(certs, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    return await startShop({
      ...options,
      tls: {
        key: readFileSync(path.join(certs, 'key.pem')),
        cert: readFileSync(path.join(certs, 'cert.pem')),
      },
    });
  } finally {
    rmSync(certs, { recursive: true, force: true });
  }
}

// Registers pims-host for this run's browser with the project's own installer, exactly as a
// shopper's install does: Chromium reads <user-data-dir>/NativeMessagingHosts, Firefox
// $HOME/.mozilla/native-messaging-hosts. XDG_DATA_HOME is pointed into the run too, so the
// installer's record of folders it created stays in the run.
export function registerHost(kind, run) {
  const home = path.join(run, 'home');
  mkdirSync(home, { recursive: true });
  const args = ['install', '--browser', kind, '--host-path', HOST_BIN];
  if (kind === 'chromium') args.push('--profile-dir', path.join(run, 'udd'));
  execFileSync(INSTALL_BIN, args, {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share') },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 30_000,
  });
}

// Launches `kind` with the built extension. Pages reach the shop under realistic host names:
// Chromium maps each name to the shop's port (httpHosts to the plain port, tlsHosts to the
// TLS port), and with `isolate` every other name to nothing; Firefox uses the shop as its proxy
// for every name (a shop started with `hosts` answers no other). `viewport` is the window's
// size (default 1000x900).
// Resolves to {browser, base} (base: the extension's own URL prefix).
export async function launch(
  kind,
  run,
  shop,
  { httpHosts = [], tlsHosts = [], isolate = false } = {},
  { viewport = { width: 1000, height: 900 }, locale = LOCALE } = {},
) {
  const { port, tlsPort } = shop;
  const env = {
    ...process.env,
    ...localeEnv(locale),
    HOME: path.join(run, 'home'),
    PIMS_HOME: path.join(run, 'vault'),
    PIMS_KDF: 'minimum', // the weakest password hashing, for test speed only
    PIMS_HOST_LOG: path.join(run, 'host.log'),
  };
  mkdirSync(env.HOME, { recursive: true });
  if (kind === 'chromium') {
    const dist = path.join(EXT, 'dist', 'chrome');
    const rules = [
      ...httpHosts.map((h) => `MAP ${h} 127.0.0.1:${port}`),
      ...tlsHosts.map((h) => `MAP ${h} 127.0.0.1:${tlsPort}`),
      ...(isolate ? ['MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'] : []),
    ];
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
        `--host-resolver-rules=${rules.join(', ')}`,
        '--password-store=basic',
        ...(locale ? [`--lang=${locale}`] : []),
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
      ...(locale ? { 'intl.locale.requested': locale, 'intl.accept_languages': locale } : {}),
    },
  });
  // Firefox speaks only the languages it has a language pack for (Debian: the
  // firefox-esr-l10n-* packages), and an extension's messages follow Firefox's own language,
  // chosen when the extension starts: the test's language pack goes in first.
  if (locale) {
    await withTimeout(
      browser.installExtension(testLanguagePack(run, locale)),
      STEP_MS,
      'language pack',
    );
  }
  await withTimeout(
    browser.installExtension(path.join(EXT, 'dist', 'firefox')),
    STEP_MS,
    'install',
  );
  return { browser, base: `moz-extension://${FIREFOX_UUID}/` };
}

// A language pack that makes `locale` one of Firefox's available UI languages and translates
// nothing (the browser's own words stay English, which no test reads). A real one
// (firefox-esr-l10n-de) does the same for the extension; this one needs no package. Language
// packs are tied to the browser's major version, read from `firefox --version`.
function testLanguagePack(run, locale) {
  const version = execFileSync(BROWSERS.firefox, ['--version'], { encoding: 'utf8' });
  const major = version.match(/(\d+)\.\d+/)?.[1] ?? '0';
  const dir = path.join(run, `langpack-${locale}`);
  mkdirSync(path.join(dir, 'browser'), { recursive: true });
  const manifest = {
    manifest_version: 2,
    name: `Language: ${locale} (pims tests)`,
    version: `${major}.0`,
    langpack_id: locale,
    languages: { [locale]: { chrome_resources: {}, version: '20260101000000' } },
    sources: { browser: { base_path: 'browser/' } },
    browser_specific_settings: {
      gecko: {
        id: `langpack-${locale}@pims.test`,
        strict_min_version: `${major}.0`,
        strict_max_version: `${major}.*`,
      },
    },
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

// An extension page of `kind`, loaded (Firefox's remote agent sends no load events for
// extension pages: readyState is polled).
export async function openExtensionPage(kind, browser, url) {
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

// An extension page, through which the test talks to the background like the popup does:
// send(message) goes to the background, call(code) runs in the extension page.
export async function openGateway(kind, browser, base) {
  const page = await openExtensionPage(kind, browser, `${base}popup/popup.html`);
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

// The id of the first tab whose URL starts with `prefix`, asked through the gateway.
export function tabIdOf(call, prefix) {
  return call(
    `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tabs = await api.tabs.query({});
      return tabs.find((t) => String(t.url).startsWith(${JSON.stringify(prefix)}))?.id;
    })()`,
  );
}

export function badgeOf(call, tabId) {
  return call(`(globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: ${tabId} })`);
}

// The browser runs in its own process group (puppeteer starts it detached): end all of it.
export function killGroup(browser) {
  const pid = browser?.process()?.pid;
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// Runs body({browser, base, run}) with `kind` launched in a fresh temporary directory, within
// budgetMs (past it the browser is killed and the process exits 1); closes the browser and
// deletes the directory (unless E2E_KEEP is set) afterwards. Errors are reported as a failed
// check.
export async function withBrowser(kind, shop, { budgetMs, hosts, checks, viewport }, body) {
  const run = mkdtempSync(path.join(os.tmpdir(), `pims-e2e-${kind}-`));
  console.log(`# ${kind} (${run})`);
  let browser;
  const watchdog = setTimeout(() => {
    console.log(`FAIL ${kind}: over its ${budgetMs} ms budget, killed`);
    killGroup(browser);
    if (!process.env.E2E_KEEP) rmSync(run, { recursive: true, force: true });
    process.exit(1);
  }, budgetMs);
  try {
    const launched = await withTimeout(
      launch(kind, run, shop, hosts, { viewport }),
      60_000,
      `${kind} launch`,
    );
    browser = launched.browser;
    await body({ browser, base: launched.base, run });
  } catch (error) {
    checks.check(`${kind}: scenario ran to the end`, false, error?.stack ?? String(error));
  } finally {
    clearTimeout(watchdog);
    if (browser) {
      await withTimeout(browser.close(), 10_000, 'close').catch(() => undefined);
      killGroup(browser);
    }
    if (!process.env.E2E_KEEP) rmSync(run, { recursive: true, force: true });
  }
}

// Awaits a reply that must satisfy ok (default: {ok: true}); throws with the reply otherwise.
export async function must(label, promise, ok = (reply) => reply?.ok) {
  const reply = await promise;
  if (!ok(reply)) throw new Error(`${label}: ${JSON.stringify(reply)}`);
  return reply;
}

// A new vault through the gateway: setup, the profile, and each policy ({url, allow,
// auto_card?, site}: site.set on url must answer for that site).
export async function setUpVault(send, { profile = PROFILE, policies = [] } = {}) {
  await must('setup', send({ type: 'setup', password: PASSWORD }));
  await must('profile.put', send({ type: 'profile.put', profile }));
  for (const { url, allow, auto_card: autoCard, site } of policies) {
    const body = { type: 'site.set', url, allow };
    if (autoCard !== undefined) body.auto_card = autoCard;
    await must(`site.set ${url}`, send(body), (r) => r?.ok && r.site === site);
  }
}

// A results table, one cell per row name and browser: set(name, kind, text), get(name, kind),
// print(firstColumn, names, kinds).
export function createTable() {
  const cells = new Map();
  return {
    set(name, kind, text) {
      if (!cells.has(name)) cells.set(name, {});
      cells.get(name)[kind] = text;
    },
    get: (name, kind) => cells.get(name)?.[kind],
    print(firstColumn, names, kinds) {
      printTable(firstColumn, names, kinds, (name, kind) => cells.get(name)?.[kind]);
    },
  };
}

// Prints a results table: one row per name, one column per browser; cell(name, kind) is what
// the run recorded ('-' when nothing).
export function printTable(firstColumn, names, kinds, cell) {
  console.log('');
  console.log(`${firstColumn} | ${kinds.join(' | ')}`);
  console.log(`--- | ${kinds.map(() => '---').join(' | ')}`);
  for (const name of names) {
    console.log(`${name} | ${kinds.map((kind) => cell(name, kind) ?? '-').join(' | ')}`);
  }
  console.log('');
}

// Runs a browser's named steps ([name, async () => ...]) in order, each to its end: a step that
// throws is one failed check, and the next step still runs. With the environment variable
// `only` set, just the steps whose names contain its value run (a quicker loop while working).
// Prints each step's time.
export async function runSteps(checks, kind, steps, only) {
  const wanted = only ? process.env[only] : undefined;
  for (const [name, step] of steps) {
    if (wanted && !name.includes(wanted)) continue;
    const started = Date.now();
    await step().catch((error) =>
      checks.check(`${kind}: ${name} ran to the end`, false, error?.stack ?? String(error)),
    );
    console.log(`# ${kind}: ${name}: ${Date.now() - started} ms`);
  }
}

// The main of a browser suite: exits SKIPPED when nothing can run; else starts one test shop
// (startShopWithCertificate(shopNames, shopOptions)), runs scenario(kind, shop) for each browser
// asked for on the command line, calls report(kinds) and prints the counts. The exit code is 1
// when a check failed (or the run broke), SKIPPED when no check ran.
export function runSuite({ checks, shopNames, shopOptions = {}, scenario, report = () => {} }) {
  // A suite whose event loop runs dry before it reports (a promise nobody settles) must not
  // pass by exiting 0 in silence.
  let reported = false;
  process.on('exit', () => {
    if (reported) return;
    console.log('FAIL the suite ended before its report (a step never finished)');
    process.exitCode = 1;
  });
  const main = async () => {
    if (!preflight()) {
      reported = true;
      process.exitCode = SKIPPED;
      return;
    }
    const kinds = browsersToRun(process.argv.slice(2));
    const started = Date.now();
    const shop = await startShopWithCertificate(shopNames, shopOptions);
    try {
      for (const kind of kinds) await scenario(kind, shop);
    } finally {
      await withTimeout(shop.close(), 10_000, 'closing the test shop').catch((error) =>
        console.log(`# ${error.message}`),
      );
    }
    report(kinds);
    const { passed, failed } = checks;
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`${passed} passed, ${failed} failed (${seconds} s)`);
    reported = true;
    process.exitCode = failed ? 1 : passed ? 0 : SKIPPED;
  };
  main().catch((error) => {
    console.error(error);
    reported = true;
    process.exit(1);
  });
}
