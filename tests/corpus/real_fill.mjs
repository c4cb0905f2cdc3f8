// real-fill: what a shopper gets on the corpus pages. The built extension and the real
// pims-host, in headless Chromium and Firefox ESR, fill each page of a corpus folder as a
// shopper would see it: the pages are served over https at one test site that is allowed every
// category (card fields without a gesture), each is loaded in a laptop-sized window and scrolled
// down with the mouse wheel, pausing as a reader does, then every labelled control is read
// back. Each value is mapped to the profile field it came from (fill_values.mjs: a test profile
// whose values are all distinct) and scored with the corpus README's rules (score.mjs), counting
// only the controls a shopper can see and type in. The same pages' descriptors, read in the
// same browser by the corpus tool's extractor and classified by pims-classify, give the lab's
// figure on the same controls: where the two differ, the extension's path loses something.
//
//   tests/corpus/real-fill [--build-dir DIR] [--strip-autocomplete] [--viewport WxH]
//                          [--browser chromium|firefox]... [--page NAME]...
//                          [--scroll-step PX] [--scroll-pause MS] [--windows N] [--rows]
//                          [--max-gap POINTS] [--max-false-fills N] PAGES_DIR
//
// Rows: `browser<TAB>page<TAB>corpus_id<TAB>filled<TAB>lab` (filled: the field the value came
// from, `-` nothing, `?` a value no profile field gives, `x WHY` a control not scored: `unseen`
// (the shopper cannot see or type in it), `no_option` (a select with no option for the test
// profile's value), `loaded_with` (a box holding the page's own value when it loaded, which an
// automatic fill rightly keeps)).
// --max-gap: exit status 1 when, in a browser, the real fill's accuracy is more than POINTS
// below the lab's on the same controls; --max-false-fills likewise. Exit status 77: nothing
// could run (no pims-host, pims-classify, browser or pages).
//
// Page scripts are off (a Content-Security-Policy of `script-src 'none'`; the extension's
// content script is not the page's), as in the corpus tool: the captures are the DOM the
// shopper saw. Nothing leaves the machine: the test site is the only name that resolves.
// data-corpus-id only locates controls; no descriptor carries it.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { extractorSource } from './browser_extract.mjs';
import { classifyPages, loadLabels, pageNames } from './corpus.mjs';
import { PROFILE, fieldOfControl, selectCanHold } from './fill_values.mjs';
import { accepted, pct, reportLines, score } from './score.mjs';
import { stripAutocomplete } from './strip.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const SKIPPED = 77;
const SITE_HOST = 'www.shop.example';
const PAGE_MS = 15_000;
// After a page loads or the shopper stops scrolling: the content script's debounce (400 ms) and
// a host round trip, then values that no longer change.
const SETTLE_MIN_MS = 700;
// After the last scroll step the debounce starts again, and a busy machine answers late.
const SETTLE_SCROLLED_MS = 1_000;
const SETTLE_QUIET_MS = 300;
const SETTLE_MAX_MS = 6_000;
const MAX_STEPS = 60;

function usage(message) {
  if (message) console.error(`real-fill: ${message}`);
  console.error(
    'usage: real-fill [--build-dir DIR] [--strip-autocomplete] [--viewport WxH] ' +
      '[--browser chromium|firefox]... [--page NAME]... [--scroll-step PX] [--scroll-pause MS] ' +
      '[--windows N] [--rows] [--max-gap POINTS] [--max-false-fills N] PAGES_DIR',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    buildDir: path.join(REPO, 'build'),
    strip: false,
    viewport: { width: 1280, height: 800 },
    browsers: [],
    pages: [],
    step: 400,
    pause: 250,
    windows: 5,
    rows: false,
    dir: null,
  };
  const value = (i, name) => argv[i] ?? usage(`${name} needs a value`);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--strip-autocomplete') opts.strip = true;
    else if (a === '--rows') opts.rows = true;
    else if (a === '--build-dir') opts.buildDir = path.resolve(value(++i, a));
    else if (a === '--browser') opts.browsers.push(value(++i, a));
    else if (a === '--page') opts.pages.push(value(++i, a));
    else if (a === '--scroll-step') opts.step = Number(value(++i, a));
    else if (a === '--scroll-pause') opts.pause = Number(value(++i, a));
    else if (a === '--windows') opts.windows = Math.max(1, Number(value(++i, a)));
    else if (a === '--max-gap') opts.maxGap = Number(value(++i, a));
    else if (a === '--max-false-fills') opts.maxFalseFills = Number(value(++i, a));
    else if (a === '--viewport') {
      const m = /^(\d+)x(\d+)$/.exec(value(++i, a));
      if (!m) usage('--viewport is WIDTHxHEIGHT');
      opts.viewport = { width: Number(m[1]), height: Number(m[2]) };
    } else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.dir === null) opts.dir = path.resolve(a);
    else usage('one PAGES_DIR only');
  }
  if (opts.dir === null) usage('PAGES_DIR is missing');
  return opts;
}

// --- in the page (evaluated by puppeteer; page scripts are off, so these globals are ours) ---

// Marks the labelled controls a shopper can see and type in right now: enabled, editable, drawn
// (not display:none, visibility:hidden or opacity 0), at least 2x2 px, its text drawn (a font of
// a few px, in a colour that is not transparent and not the very colour behind it: a capture
// that lost a page's dark background shows white text on white), its centre in the window and,
// there, on top (or under its own label). Returns where the form ends relative to the window,
// and the controls' positions (to tell whether the wheel moved anything).
function probeInPage() {
  const state = (globalThis.__pimsRealFill ??= { seen: new Set() });
  const rgb = (colour) => /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(colour);
  const textDrawn = (el) => {
    const style = getComputedStyle(el);
    const ink = rgb(style.webkitTextFillColor || style.color);
    if (Number.parseFloat(style.fontSize) < 4 || (ink && ink[4] === '0')) return false;
    let behind = ['', '255', '255', '255'];
    for (let node = el; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (getComputedStyle(node).backgroundImage !== 'none') return true;
      if (colour && colour[4] === undefined) {
        behind = colour;
        break;
      }
    }
    return !ink || ink.slice(1, 4).join() !== behind.slice(1, 4).join();
  };
  const width = innerWidth;
  const height = innerHeight;
  let lowest = -Infinity;
  const tops = [];
  for (const el of document.querySelectorAll('[data-corpus-id]')) {
    const id = el.getAttribute('data-corpus-id');
    const r = el.getBoundingClientRect();
    tops.push(Math.round(r.top));
    const drawn =
      r.width >= 2 &&
      r.height >= 2 &&
      (el.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) ?? true);
    if (!drawn) continue;
    lowest = Math.max(lowest, r.bottom);
    if (state.seen.has(id) || el.disabled || el.readOnly || el.type === 'hidden') continue;
    if (!textDrawn(el)) continue;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= width || y >= height) continue;
    const hit = el.getRootNode().elementFromPoint(x, y);
    const onTop =
      hit &&
      (hit === el || el.contains(hit) || [...(el.labels ?? [])].some((l) => l.contains(hit)));
    if (onTop) state.seen.add(id);
  }
  return { below: lowest - height, tops: tops.join(',') };
}

function valuesInPage() {
  return [...document.querySelectorAll('[data-corpus-id]')].map((el) => el.value).join('\u0001');
}

function readInPage() {
  const seen = globalThis.__pimsRealFill?.seen ?? new Set();
  return [...document.querySelectorAll('[data-corpus-id]')].map((el) => {
    const tag = el.tagName.toLowerCase();
    const corpusId = el.getAttribute('data-corpus-id');
    let changed;
    let text = '';
    let options;
    if (tag === 'select') {
      // The option the page loaded with: what the browser selects in a fresh copy of the list
      // (the first enabled option when none is marked selected).
      const copy = document.createElement('select');
      copy.multiple = el.multiple;
      for (const o of el.options) {
        const option = document.createElement('option');
        option.disabled = o.disabled || Boolean(o.parentElement?.closest('optgroup[disabled]'));
        option.defaultSelected = o.defaultSelected;
        copy.append(option);
      }
      changed = el.selectedIndex !== copy.selectedIndex;
      text = el.selectedOptions[0]?.text ?? '';
      options = [...el.options].map((o) => ({ value: o.value, text: o.text }));
    } else if (el.type === 'checkbox' || el.type === 'radio') {
      changed = el.checked !== el.defaultChecked;
    } else {
      changed = el.value !== el.defaultValue;
    }
    return {
      corpusId,
      tag,
      value: String(el.value ?? ''),
      text,
      changed,
      seen: seen.has(corpusId),
      options,
      // A box that held a value when the page loaded: an automatic fill never overwrites it.
      loadedWith: tag !== 'select' && String(el.defaultValue ?? '') !== '',
    };
  });
}

// --- one page ------------------------------------------------------------------------------

async function settle(page, sleep, minMs) {
  const started = Date.now();
  let last = await page.evaluate(valuesInPage);
  let changedAt = started;
  for (;;) {
    await sleep(100);
    const now = await page.evaluate(valuesInPage);
    if (now !== last) {
      last = now;
      changedAt = Date.now();
    }
    const t = Date.now();
    if (t - started >= minMs && t - changedAt >= SETTLE_QUIET_MS) return;
    if (t - started >= SETTLE_MAX_MS) return;
  }
}

// Loads the page, lets the extension fill what shows, scrolls down to the end of the form with
// the wheel (pausing after each step), lets it settle, reads every labelled control back, and
// runs the corpus tool's extractor on the same document.
async function visit(page, name, { opts, sleep, withTimeout, extractor }) {
  const url = `https://${SITE_HOST}/${encodeURIComponent(name)}`;
  await withTimeout(page.goto(url, { waitUntil: 'load', timeout: PAGE_MS }), PAGE_MS + 1000, name);
  await settle(page, sleep, SETTLE_MIN_MS);
  const { width, height } = opts.viewport;
  await page.mouse.move(Math.round(width / 2), Math.round(height / 2));
  let probe = await page.evaluate(probeInPage);
  for (let step = 0; step < MAX_STEPS && probe.below > 0; step++) {
    await page.mouse.wheel({ deltaY: opts.step });
    await sleep(opts.pause);
    const next = await page.evaluate(probeInPage);
    const moved = next.tops !== probe.tops;
    probe = next;
    if (!moved) {
      // Smooth scrolling may still be under way: one more look before giving up.
      await sleep(opts.pause);
      probe = await page.evaluate(probeInPage);
      if (probe.tops === next.tops) break;
    }
  }
  await settle(page, sleep, SETTLE_SCROLLED_MS);
  await page.evaluate(probeInPage);
  const controls = await page.evaluate(readInPage);
  await page.evaluate(extractor);
  const extracted = await page.evaluate(() => globalThis.__pimsCorpusExtract(false));
  return { page: name, controls, ...extracted };
}

// --- a browser run -------------------------------------------------------------------------

async function runBrowser(kind, shop, names, h, opts, extractor) {
  const checks = h.createChecks();
  const visited = new Map(); // page -> visit
  await h.withBrowser(
    kind,
    shop,
    {
      budgetMs: 60_000 + names.length * 20_000,
      hosts: { tlsHosts: [SITE_HOST], isolate: true },
      checks,
      viewport: opts.viewport,
    },
    async ({ browser, base, run }) => {
      h.registerHost(kind, run);
      const { send } = await h.openGateway(kind, browser, base);
      const must = async (label, message) => {
        const reply = await send(message);
        if (!reply?.ok) throw new Error(`${label}: ${JSON.stringify(reply)}`);
      };
      await must('setup', { type: 'setup', password: h.PASSWORD });
      await must('profile.put', { type: 'profile.put', profile: PROFILE });
      await must('site.set', {
        type: 'site.set',
        url: `https://${SITE_HOST}/`,
        allow: h.CATEGORY_IDS,
        auto_card: true,
      });
      // A few pages at once, each in a window of its own (a background tab is not drawn, so
      // it would see no scrolling): most of a visit is waiting for the shopper's pauses.
      const queue = [...names];
      const worker = async () => {
        const page = await browser.newPage({ type: 'window' });
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
          const started = Date.now();
          try {
            visited.set(name, await visit(page, name, { opts, extractor, ...h }));
          } catch (error) {
            console.error(`real-fill: ${kind}: ${name}: ${error.message}`);
            visited.set(name, { page: name, error: error.message });
          }
          if (process.env.REAL_FILL_VERBOSE) {
            console.error(`real-fill: ${kind}: ${name} ${Date.now() - started} ms`);
          }
        }
        await page.close().catch(() => undefined);
      };
      await Promise.all(Array.from({ length: Math.min(opts.windows, names.length) }, worker));
    },
  );
  if (checks.failed > 0) throw new Error(`${kind}: the run broke`);
  return names.map((name) => visited.get(name) ?? { page: name, error: 'not visited' });
}

// Why a labelled checkout field is not scored (null: it is): the shopper cannot see or type
// in it; it cannot hold the test profile's value (a select without the option); or it held the
// page's own value at load, which an automatic fill rightly keeps.
function unscored(c, expected) {
  if (!c.seen) return 'unseen';
  if (!expected || expected === '-' || expected === 'email|-') return null;
  if (c.options && !selectCanHold(c.options, expected, accepted)) return 'no_option';
  if (c.loadedWith) return 'loaded_with';
  return null;
}

// Rows of the real fill: one per labelled control, `scored` when a shopper could use it.
function realRows(visited, labels) {
  const rows = [];
  for (const v of visited) {
    for (const c of v.controls ?? []) {
      if (c.corpusId === null) continue;
      const expected = labels.get(v.page)?.get(c.corpusId);
      let predicted = fieldOfControl(c);
      // What the page loaded with was not pims' doing: it is no false fill, and it counts only
      // when it is the right value (a country the page selects for the shopper).
      if (!c.changed && !(expected && expected !== '-' && accepted(expected, predicted))) {
        predicted = '-';
      }
      rows.push({
        page: v.page,
        corpusId: c.corpusId,
        predicted,
        scored: unscored(c, expected) === null,
        why: unscored(c, expected),
        changed: c.changed,
        holds: JSON.stringify(c.tag === 'select' ? `${c.value} (${c.text})` : c.value).slice(0, 60),
      });
    }
  }
  return rows;
}

function report(kind, visited, labels, binary, opts) {
  const loaded = visited.filter((v) => !v.error);
  const rows = realRows(loaded, labels);
  const lab = classifyPages(binary, loaded);
  const labOf = new Map(lab.map((r) => [`${r.page}\t${r.corpusId}`, r.predicted]));
  const key = (r) => `${r.page}\t${r.corpusId}`;
  if (opts.rows) {
    for (const r of rows) {
      const filled = r.scored ? r.predicted : `x ${r.why}`;
      console.log(`${kind}\t${r.page}\t${r.corpusId}\t${filled}\t${labOf.get(key(r))}`);
    }
  }
  const real = score(rows, labels);
  const scoredKeys = new Set(rows.filter((r) => r.scored).map(key));
  const labAll = score(lab, labels);
  const labSame = score(
    lab.map((r) => ({ ...r, scored: scoredKeys.has(key(r)) })),
    labels,
  );
  const unscoredBy = (why) =>
    rows.filter((r) => {
      const e = labels.get(r.page)?.get(r.corpusId);
      return r.why === why && e !== undefined && e !== '-' && e !== 'email|-';
    }).length;
  const filledUnseen = rows.filter(
    (r) => r.why === 'unseen' && r.changed && r.predicted !== '-',
  ).length;

  const mode = opts.strip ? 'autocomplete removed' : 'autocomplete kept';
  const { width, height } = opts.viewport;
  console.log('');
  console.log(
    `# ${path.basename(opts.dir)} (${mode}), ${kind} ${width}x${height}: ${loaded.length} pages, ` +
      `${rows.length} labelled controls`,
  );
  console.log(
    `not scored: ${unscoredBy('unseen')} checkout fields a shopper cannot see or type in, ` +
      `${unscoredBy('no_option')} selects with no option for the test profile's value, ` +
      `${unscoredBy('loaded_with')} boxes holding the page's own value at load`,
  );
  for (const line of reportLines(real)) console.log(line);
  console.log(
    `lab (corpus tool's extractor and pims-classify in ${kind}): ` +
      `${labSame.correct}/${labSame.total} = ${pct(labSame.correct, labSame.total)} on the same ` +
      `controls; ${labAll.correct}/${labAll.total} = ${pct(labAll.correct, labAll.total)} on ` +
      `every labelled control; false fills ${labAll.falseFills.length}`,
  );
  if (filledUnseen > 0) {
    console.log(`filled though a shopper could not see or type in it: ${filledUnseen}`);
  }
  const realMiss = new Set(real.misses.map(key));
  const labMiss = new Set(labSame.misses.map(key));
  for (const m of real.misses) {
    if (!labMiss.has(key(m))) {
      console.log(
        `lost on the way: ${m.page}\t${m.corpusId}\texpected ${m.expected}\t` +
          `lab ${labOf.get(key(m))}\tfilled ${m.predicted}\tholds ${m.holds}`,
      );
    }
  }
  for (const m of labSame.misses) {
    if (!realMiss.has(key(m))) {
      console.log(
        `lab missed, real right: ${m.page}\t${m.corpusId}\texpected ${m.expected}\t` +
          `lab ${m.predicted}`,
      );
    }
  }
  for (const v of visited.filter((x) => x.error)) console.log(`page failed: ${v.page}: ${v.error}`);

  let failed = visited.some((v) => v.error);
  const accuracy = (s) => (s.total === 0 ? 100 : (100 * s.correct) / s.total);
  const gap = accuracy(labSame) - accuracy(real);
  if (opts.maxGap !== undefined && gap > opts.maxGap) failed = true;
  if (opts.maxFalseFills !== undefined && real.falseFills.length > opts.maxFalseFills)
    failed = true;
  if (opts.maxGap !== undefined || opts.maxFalseFills !== undefined) {
    console.log(
      `${failed ? 'FAIL: below the bar' : 'ok: at or above the bar'} (${kind}: ` +
        `${gap.toFixed(1)} points below the lab, ${real.falseFills.length} false fills)`,
    );
  }
  return !failed;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  process.env.PIMS_HOST_BIN ??= path.join(opts.buildDir, 'host/pims-host');
  process.env.PIMS_INSTALL_BIN ??= path.join(opts.buildDir, 'installer/pims-install');
  const h = {
    ...(await import('../extension/e2e/harness.mjs')),
    CATEGORY_IDS: (await import('../../extension/src/shared/protocol.js')).CATEGORY_IDS,
  };
  const binary = path.join(opts.buildDir, 'tests/corpus/pims-classify');
  if (!existsSync(binary)) {
    console.error(`real-fill: no ${binary} (build the pims-classify target)`);
    return SKIPPED;
  }
  if (!h.preflight()) return SKIPPED;
  if (!existsSync(opts.dir)) {
    console.error(`real-fill: no folder ${opts.dir}`);
    return SKIPPED;
  }
  let names = pageNames(opts.dir);
  if (opts.pages.length) names = names.filter((n) => opts.pages.includes(n.replace(/\.html$/, '')));
  if (names.length === 0) {
    console.error(`real-fill: no .html pages in ${opts.dir}`);
    return SKIPPED;
  }
  const kinds = h.browsersToRun(opts.browsers);
  if (kinds.length === 0) return SKIPPED;
  const labels = loadLabels(opts.dir, names);
  const extractor = await extractorSource();
  const shop = await h.startShopWithCertificate([SITE_HOST], {
    pages: opts.dir,
    hosts: [SITE_HOST],
    // The captures are UTF-8, and not all of them say so.
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "script-src 'none'",
    },
    rewrite: opts.strip ? stripAutocomplete : undefined,
  });
  let ok = true;
  try {
    for (const kind of kinds) {
      const started = Date.now();
      const visited = await runBrowser(kind, shop, names, h, opts, extractor);
      ok = report(kind, visited, labels, binary, opts) && ok;
      console.log(`(${kind}: ${Math.round((Date.now() - started) / 1000)} s)`);
    }
  } finally {
    await shop.close();
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`real-fill: ${error.stack ?? error}`);
    process.exit(1);
  },
);
