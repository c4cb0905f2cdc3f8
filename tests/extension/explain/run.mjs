// Issue 14, "every fill explains itself" and its defects, in real Chromium and Firefox ESR with
// the real pims-host, on a shop without autocomplete attributes (pages/plain.html):
//   - the toolbar's title follows the vault: host missing, unlocked, locked;
//   - the host's classification keeps "asks for" and the "!" after the popup asks about the tab;
//   - Fill now keeps what the shopper typed, and says why fields were not filled (popup and the
//     toolbar's title);
//   - a fill asked while the vault is locked: a lock on the badge, the popup's unlock form says
//     the page waits, and after unlocking the page is filled and the popup says so;
//   - the options page keeps unsaved profile edits through a lock and saves them after the
//     password; its Sites list edits categories and auto_card, and forgets with confirmation.
//
//   node tests/extension/explain/run.mjs [chromium|firefox ...]
//
// Environment and exit status: as tests/extension/e2e/run.mjs.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PASSWORD,
  STEP_MS,
  badgeOf,
  createChecks,
  openExtensionPage,
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

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
const SHOP = 'http://plain.example';
const HOSTS = { httpHosts: ['plain.example'] };
const BUDGET_MS = 150_000;
const LOCK = '\u{1F512}';

const checks = createChecks();

// E2E_SCREENSHOTS=DIR: the popup's explanation and the options page's Sites editor as PNGs.
async function screenshot(page, name, selector) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  const part = selector ? await page.$(selector) : null;
  await withTimeout(
    part ? part.screenshot({ path: file }) : page.screenshot({ path: file, fullPage: true }),
    STEP_MS,
    'screenshot',
  );
}
const { check } = checks;

async function scenario(kind, shop) {
  await withBrowser(kind, shop, { budgetMs: BUDGET_MS, hosts: HOSTS, checks }, (b) =>
    scenarioIn(kind, b),
  );
}

const textOf = (page, selector) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', selector).catch(() => '');

async function scenarioIn(kind, { browser, base, run }) {
  const { send, call } = await openGateway(kind, browser, base);
  const title = (tabId) =>
    call(
      `(globalThis.browser ?? globalThis.chrome).action.getTitle(${
        tabId === undefined ? '{}' : `{ tabId: ${tabId} }`
      })`,
    );

  // The toolbar: host missing, then unlocked.
  await send({ type: 'status' });
  const missing = await poll(title, (t) => /pims-host is missing/.test(t), STEP_MS, 'title').catch(
    (e) => String(e),
  );
  check(
    `${kind}: the toolbar says pims-host is missing`,
    /pims-host is missing/.test(missing),
    missing,
  );
  registerHost(kind, run);
  await send({ type: 'status' });
  await setUpVault(send, {
    policies: [{ url: `${SHOP}/plain.html`, allow: ['name', 'email'], site: SHOP }],
  });
  const unlocked = await poll(title, (t) => /unlocked/.test(t), STEP_MS, 'title').catch(String);
  check(`${kind}: the toolbar says unlocked`, /pims: unlocked/.test(unlocked), unlocked);
  const icons = await call(`Promise.all(['locked', 'unlocked', 'missing'].map((s) =>
    fetch('/icons/' + s + '-16.png').then((r) => r.ok && r.headers.get('content-type'))))`);
  check(`${kind}: the toolbar's three icons are in the build`, icons.every(Boolean), String(icons));
  // The browser takes them (setIcon rejects an image it cannot load), at the background's paths.
  const { iconPaths } = await import('../../../extension/src/background/toolbar.js');
  const set = await call(`(globalThis.browser ?? globalThis.chrome).action
    .setIcon({ path: ${JSON.stringify(iconPaths('unlocked'))} }).then(() => 'ok', (e) => String(e))`);
  check(`${kind}: the browser accepts the toolbar icon`, set === 'ok', set);

  // A shop without autocomplete attributes: the host classifies by label and name.
  const shop = await browser.newPage();
  await withTimeout(shop.goto(`${SHOP}/plain.html`), STEP_MS, 'plain page');
  const values = () => shop.evaluate(() => window.__report().values);
  const filled = await poll(values, (v) => v.first && v.mail, STEP_MS, 'plain fill').catch(
    () => null,
  );
  check(
    `${kind}: the shop without autocomplete is filled (name, email), not the phone`,
    filled?.first === 'Ada' && filled.mail === 'ada@example.org' && filled.phone === '',
    JSON.stringify(filled),
  );
  const tabId = await tabIdOf(call, `${SHOP}/plain.html`);
  const before = await poll(
    () => badgeOf(call, tabId),
    (b) => b.endsWith('!'),
    STEP_MS,
    'badge',
  ).catch(() => '');
  check(`${kind}: the badge marks the phone the page asks for`, before.endsWith('!'), before);
  // What the popup does when it opens: ask about the tab (describe + the site's policy).
  const summary = await send({ type: 'tab.summary', tabId });
  const after = await badgeOf(call, tabId);
  check(
    `${kind}: after the popup asked, the page still asks for the phone (host's categories)`,
    summary?.asked?.includes('phone') && summary.notAllowed?.includes('phone'),
    JSON.stringify({ asked: summary?.asked, notAllowed: summary?.notAllowed }),
  );
  check(`${kind}: and the badge keeps its "!"`, after.endsWith('!'), after);

  // The shopper types their own last name; Fill now keeps it.
  await shop.evaluate(() => {
    document.getElementById('last').value = '';
  });
  await shop.type('#last', 'Byron');
  await shop.keyboard.press('Escape'); // the menu at the field, if it opened
  const fillNow = await send({ type: 'tab.fill', tabId });
  await sleep(500);
  const kept = await values();
  check(
    `${kind}: Fill now keeps what the shopper typed`,
    kept.last === 'Byron' && kept.first === 'Ada',
    JSON.stringify({ kept, fillNow }),
  );
  const reasons = (fillNow?.explanation?.groups ?? []).map((g) => `${g.reason}:${g.categories}`);
  check(
    `${kind}: Fill now says why: the phone not allowed, the typed name kept`,
    reasons.includes('not_allowed:phone') && reasons.includes('not_empty:name'),
    JSON.stringify(fillNow),
  );
  const tabTitle = await title(tabId);
  check(
    `${kind}: the toolbar's title on the tab says what was not filled and why`,
    /2 fields not filled: Phone number not allowed for this shop; Name kept as you typed it/.test(
      tabTitle,
    ),
    tabTitle,
  );

  // The popup's Fill now says it in words.
  const popup = await openExtensionPage(kind, browser, `${base}popup/popup.html?tab=${tabId}`);
  await poll(() => textOf(popup, '#site-name'), Boolean, STEP_MS, 'popup site').catch(() => '');
  // Opened after a fill the popup did not make (as after the shortcut or the context menu).
  const onOpen = await poll(
    () => textOf(popup, '#fill-result'),
    (t) => /not filled/.test(t),
    STEP_MS,
    'popup on open',
  ).catch(() => textOf(popup, '#fill-result'));
  check(
    `${kind}: the popup, opened after a shortcut or menu fill, says what it left out and why`,
    /Filled \d+ fields? on this page\. 2 fields not filled: Phone number not allowed/.test(onOpen),
    onOpen,
  );
  await popup.click('#fill-now');
  const said = await poll(
    () => textOf(popup, '#fill-result'),
    (t) => /not filled/.test(t),
    STEP_MS,
    'popup fill result',
  ).catch(() => textOf(popup, '#fill-result'));
  await screenshot(popup, `${kind}-popup-explained`);
  check(
    `${kind}: the popup's Fill now groups the reasons readably`,
    /fields not filled: Phone number not allowed for this shop; Name kept as you typed it/.test(
      said,
    ),
    said,
  );
  await popup.close();

  // Locked: a page that asks waits, with a lock on its badge.
  await send({ type: 'lock' });
  const lockedTitle = await poll(title, (t) => /locked/.test(t), STEP_MS, 'title').catch(String);
  check(`${kind}: the toolbar says locked`, /pims: locked/.test(lockedTitle), lockedTitle);
  const waitingPage = await browser.newPage();
  await withTimeout(waitingPage.goto(`${SHOP}/plain.html?waiting`), STEP_MS, 'waiting page');
  const waitingTab = await tabIdOf(call, `${SHOP}/plain.html?waiting`);
  const lockBadge = await poll(
    () => badgeOf(call, waitingTab),
    (b) => b === LOCK,
    STEP_MS,
    'lock',
  ).catch(() => badgeOf(call, waitingTab));
  check(
    `${kind}: a fill asked while locked puts a lock on the badge`,
    lockBadge === LOCK,
    lockBadge,
  );
  const waitTitle = await title(waitingTab);
  check(`${kind}: with a title`, /waiting to be filled/.test(waitTitle), waitTitle);
  const gate = await openExtensionPage(kind, browser, `${base}popup/popup.html?tab=${waitingTab}`);
  const note = await poll(() => textOf(gate, '#gate-note'), Boolean, STEP_MS, 'gate note').catch(
    () => '',
  );
  await screenshot(gate, `${kind}-popup-waiting`);
  check(
    `${kind}: the popup's unlock form says the page is waiting to be filled`,
    /waiting to be filled/.test(note),
    note,
  );
  await gate.type('.gate input[type="password"]', PASSWORD);
  await gate.keyboard.press('Enter');
  const refilled = await poll(
    () => waitingPage.evaluate(() => window.__report().values),
    (v) => v.first === 'Ada',
    STEP_MS,
    'waiting page filled',
  ).catch(() => null);
  check(`${kind}: after unlocking, the waiting page is filled`, refilled?.first === 'Ada');
  const told = await poll(
    () => textOf(gate, '#fill-result'),
    (t) => /Filled \d+ fields? on this page/.test(t),
    STEP_MS,
    'popup says filled',
  ).catch(() => textOf(gate, '#fill-result'));
  check(`${kind}: and the popup says so`, /Filled [1-9]\d* fields? on this page/.test(told), told);
  const cleared = await badgeOf(call, waitingTab);
  check(`${kind}: the lock leaves the badge`, cleared !== LOCK, cleared);
  await gate.close();
  await waitingPage.close();
  await shop.close();

  await optionsChecks(kind, browser, base, send);
}

// The options page: unsaved edits survive a lock; the Sites list edits and forgets.
async function optionsChecks(kind, browser, base, send) {
  const page = await openExtensionPage(kind, browser, `${base}options/options.html`);
  const given = '[data-path="person.given-name"]';
  await poll(
    () => page.evaluate((sel) => Boolean(document.querySelector(sel)), given),
    Boolean,
    STEP_MS,
    'options profile',
  );
  await page.evaluate((sel) => {
    document.querySelector(sel).value = '';
  }, given);
  await page.type(given, 'Augusta');
  // The vault locks while the shopper types (as its idle time would).
  await send({ type: 'lock' });
  const note = await poll(() => textOf(page, '#gate-note'), Boolean, STEP_MS, 'options gate').catch(
    () => '',
  );
  check(
    `${kind}: options: a lock while editing asks for the password and says the edits wait`,
    /unsaved changes are kept/.test(note),
    note,
  );
  const shown = await page.evaluate(() => document.body.innerText.includes('Augusta'));
  check(`${kind}: options: nothing of the profile stays on screen while locked`, !shown);
  await page.type('.gate input[type="password"]', PASSWORD);
  await page.keyboard.press('Enter');
  const saved = await poll(
    () => send({ type: 'profile.get' }),
    (r) => r?.profile?.person?.['given-name'] === 'Augusta',
    STEP_MS,
    'edits saved',
  ).catch(() => null);
  check(
    `${kind}: options: after unlocking, the edits are saved`,
    saved?.profile.person['given-name'] === 'Augusta' &&
      saved.profile.person['family-name'] === 'Lovelace',
    JSON.stringify(saved?.profile?.person),
  );
  const savedText = await poll(
    () => textOf(page, '#profile-saved'),
    Boolean,
    STEP_MS,
    'saved',
  ).catch(() => '');
  check(`${kind}: options: and says so`, /changes were saved/.test(savedText), savedText);

  // Sites: a category switch, auto_card, and Forget with confirmation.
  const phone = `[data-site="${SHOP}"][data-category="phone"]`;
  await poll(
    () => page.evaluate((sel) => Boolean(document.querySelector(sel)), phone),
    Boolean,
    STEP_MS,
    'site switches',
  );
  await page.focus(phone);
  await page.keyboard.press(' ');
  const policy = await poll(
    () => send({ type: 'site.get', url: SHOP }),
    (r) => r?.allow?.includes('phone'),
    STEP_MS,
    'phone allowed',
  ).catch(() => null);
  const focus = () =>
    page.evaluate(() => ({
      category: document.activeElement?.dataset?.category,
      action: document.activeElement?.dataset?.action,
      text: document.activeElement?.textContent,
      status: document.getElementById('sites-status')?.textContent,
    }));
  const afterSwitch = await poll(focus, (f) => f.category === 'phone', STEP_MS, 'focus').catch(
    () => null,
  );
  check(
    `${kind}: options: a site's category switch writes its policy, the focus stays on it`,
    policy?.allow?.includes('phone') &&
      policy.allow.includes('name') &&
      afterSwitch?.category === 'phone' &&
      /Saved for/.test(afterSwitch.status),
    JSON.stringify({ policy, afterSwitch }),
  );
  check(
    `${kind}: options: the edit adds no address where it fills by itself`,
    JSON.stringify(policy?.hosts) === JSON.stringify(['plain.example']),
    JSON.stringify(policy?.hosts),
  );
  await page.click(`[data-site="${SHOP}"][data-action="auto-card"]`);
  const autoCard = await poll(
    () => send({ type: 'site.get', url: SHOP }),
    (r) => r?.auto_card === true,
    STEP_MS,
    'auto card',
  ).catch(() => null);
  check(`${kind}: options: card without asking is switched per site`, autoCard?.auto_card === true);
  await page.click(`[data-site="${SHOP}"][data-action="forget"]`);
  const asked = await poll(focus, (f) => f.action === 'forget-cancel', STEP_MS, 'confirm').catch(
    () => null,
  );
  check(
    `${kind}: options: Forget asks first, announced, with the focus on Cancel`,
    asked && /Forget http:\/\/plain\.example\?/.test(asked.status),
    JSON.stringify(asked),
  );
  await screenshot(page, `${kind}-options-sites`, '#sites');
  const stillThere = await send({ type: 'site.get', url: SHOP });
  check(
    `${kind}: options: nothing is forgotten before the confirmation`,
    stillThere?.allow?.length > 0,
  );
  await page.click(`[data-site="${SHOP}"][data-action="forget-yes"]`);
  const forgotten = await poll(
    () => send({ type: 'site.list' }),
    (r) => r?.ok && !r.sites.some((s) => s.site === SHOP),
    STEP_MS,
    'forgotten',
  ).catch(() => null);
  const afterForget = await focus();
  check(
    `${kind}: options: confirmed, the site is forgotten and that is announced`,
    forgotten && /was forgotten/.test(afterForget.status),
    JSON.stringify(afterForget),
  );
  const focused = await page.evaluate(
    () => document.activeElement?.id || document.activeElement?.tagName,
  );
  check(`${kind}: options: the focus is kept on the page`, focused && focused !== 'BODY', focused);
  await page.close();
}

runSuite({ checks, shopNames: ['secure.example'], shopOptions: { pages: PAGES }, scenario });
