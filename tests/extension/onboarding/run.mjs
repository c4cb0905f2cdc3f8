// Onboarding, as a new shopper meets it, in real Chromium and Firefox ESR with the real
// pims-host: installing the extension opens the welcome page; with no host registered it shows
// this system's install steps; once the host is registered, "Check again" leads to creating the
// vault (with the strength hint and the warning that the password cannot be recovered), then to
// importing a Bitwarden export (what it holds first, stored only on "Import"), and to the
// explanation of per-shop consent. axe-core audits the page in each of those states.
//
//   node tests/extension/onboarding/run.mjs [chromium|firefox ...]
//
// Environment and exit status: as tests/extension/e2e/run.mjs.

import path from 'node:path';

import {
  PASSWORD,
  REPO,
  STEP_MS,
  createChecks,
  openExtensionPage,
  openGateway,
  poll,
  tabOpened,
  registerHost,
  runSuite,
  withBrowser,
} from '../e2e/harness.mjs';
import { createAudits, textOf } from '../a11y/axe.mjs';

const BUDGET_MS = 150_000;
const EXPORT = path.join(REPO, 'tests', 'data', 'import', 'bitwarden.json');

const checks = createChecks();
const { check } = checks;
const { expectClean, report } = createAudits(check);

function waitForText(page, selector, pattern, label) {
  return poll(
    () => textOf(page, selector),
    (t) => pattern.test(t),
    STEP_MS,
    label,
  );
}

// The welcome tab the extension opened on install (the tabs API says so; Firefox's remote agent
// does not always tell the driver an extension page's URL, so the driver opens it again there).
async function welcomePage(kind, browser, base, call) {
  const url = `${base}welcome/welcome.html`;
  const opened = await tabOpened(call, url, 'the welcome tab');
  check(`${kind}: installing the extension opened the welcome page`, opened === true);
  const page = (await browser.pages()).find((p) => p.url() === url);
  return page ?? openExtensionPage(kind, browser, url);
}

async function scenario(kind, shop) {
  await withBrowser(kind, shop, { budgetMs: BUDGET_MS, hosts: {}, checks }, (b) =>
    scenarioIn(kind, b),
  );
}

async function scenarioIn(kind, { browser, base, run }) {
  const { send, call } = await openGateway(kind, browser, base);
  const page = await welcomePage(kind, browser, base, call);
  await page.bringToFront(); // a hidden tab draws no frames: clicks would wait for one
  const steps = await waitForText(page, '#host', /sudo apt install/, 'install steps').catch(
    () => '',
  );
  check(
    `${kind}: with no host, the welcome page gives this system's install command`,
    /sudo apt install \.\/pims_.*\.deb/.test(steps) && /pims-install install/.test(steps),
    steps,
  );
  check(
    `${kind}: and names no script of the source tree as the only way`,
    !/run \.\/install\.sh/.test(steps),
  );
  await expectClean(kind, 'host missing', page);

  registerHost(kind, run);
  await page.click('#host button');
  await poll(
    () => page.evaluate(() => document.querySelectorAll('#gate input[type=password]').length),
    (n) => n === 2,
    STEP_MS,
    'the setup form',
  );
  const warning = await textOf(page, '#gate .warning');
  check(
    `${kind}: the vault form warns that the password cannot be recovered`,
    /cannot recover/.test(warning),
    warning,
  );
  const [first, second] = await page.$$('#gate input[type=password]');
  await first.type('password');
  const weak = await textOf(page, '#gate .strength');
  await first.type(' with several words 42!');
  const strong = await textOf(page, '#gate .strength');
  check(
    `${kind}: the strength hint moves with the password`,
    /weak/.test(weak) && /strong/.test(strong),
    `${weak} / ${strong}`,
  );
  await expectClean(kind, 'creating the vault', page);
  await first.evaluate((el) => {
    el.value = '';
  });
  await first.type(PASSWORD);
  await second.type(PASSWORD);
  await page.keyboard.press('Enter');
  await poll(
    () => page.evaluate(() => !document.getElementById('step-profile').hidden),
    Boolean,
    STEP_MS,
    'the profile step',
  );

  const file = await page.$('#import input[type=file]');
  await file.uploadFile(EXPORT);
  await page.click('#import button[type=submit]');
  const preview = await waitForText(page, '#import [role=status]', /To import/, 'preview').catch(
    () => '',
  );
  const before = await send({ type: 'profile.get' });
  const [, addresses, cards] = (
    /To import: (\d+) address(?:es)?, (\d+) cards?/.exec(preview) ?? []
  ).map(Number);
  check(
    `${kind}: the import shows what the file holds before storing anything`,
    addresses > 0 && cards > 0 && before?.profile?.addresses?.length === 0,
    `${preview} / ${JSON.stringify(before?.profile?.addresses)}`,
  );
  await expectClean(kind, 'import previewed', page);
  await page.click('#import button.primary');
  const stored = await waitForText(page, '#import [role=status]', /Imported/, 'import').catch(
    () => '',
  );
  const after = await send({ type: 'profile.get' });
  check(
    `${kind}: Import stores it`,
    /Imported/.test(stored) &&
      after?.profile?.addresses?.length === addresses &&
      after.profile.cards.length === cards,
    `${stored} / ${JSON.stringify(after?.profile?.addresses?.map((a) => a.label))}`,
  );
  const consent = await textOf(page, '#step-consent');
  check(
    `${kind}: the page explains per-shop consent`,
    /A shop gets nothing until you allow it/.test(consent),
  );
  await expectClean(kind, 'imported, consent explained', page);
}

runSuite({
  checks,
  shopNames: ['secure.example'],
  scenario,
  report: (kinds) => report(kinds, 'welcome page, state'),
});
