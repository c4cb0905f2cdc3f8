// What the browser benchmarks share (page-fill.mjs, chromium-menu.mjs): their command line,
// nearest-rank statistics, and the run of one measurement in one browser against one test shop
// that prints the result as JSON on stdout.

import {
  SKIPPED,
  browsersToRun,
  createChecks,
  preflight,
  startShopWithCertificate,
  withBrowser,
} from '../extension/e2e/harness.mjs';

// stdout carries only the result; the harness's progress lines go to stderr.
console.log = (...args) => console.error(...args);

export const WARM_UP = 3;

// --runs N (default 30) and, where `browsers` offers more than one, --browser NAME (default the
// first).
export function parseArguments(argv, browsers = ['chromium']) {
  const options = { runs: 30, browser: browsers[0] };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--runs') options.runs = Number(value);
    else if (flag === '--browser' && browsers.length > 1) options.browser = value;
    else throw new Error(`unknown argument ${argv[i]} (usage: --runs N [--browser NAME])`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    throw new Error('--runs takes a positive integer');
  }
  if (!browsers.includes(options.browser)) {
    throw new Error(`--browser takes ${browsers.join(' or ')}`);
  }
  return options;
}

// Nearest-rank percentile of sorted numbers.
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (ms) => (ms === null || ms === undefined ? null : Math.round(ms * 100) / 100);

// {median, p95, min, max} of the finite values, rounded to 0.01 (nulls when there are none).
export function stats(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return { median: null, p95: null, min: null, max: null };
  return {
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

// Runs measure(launched, check) in `kind` against a shop serving `pages` over https at
// `shopName`, and prints its result. Exit status: 0 measured, 1 a check failed, 77 no host or
// no such browser.
export function runBrowserBench({ kind, shopName, pages, runs, viewport, measure }) {
  const main = async () => {
    if (!preflight() || browsersToRun([kind]).length === 0) {
      process.exitCode = SKIPPED;
      return;
    }
    const checks = createChecks();
    const shop = await startShopWithCertificate([shopName], { pages });
    let result = null;
    try {
      const options = {
        budgetMs: 120_000 + (WARM_UP + runs) * 5_000,
        hosts: { tlsHosts: [shopName] },
        checks,
        viewport,
      };
      await withBrowser(kind, shop, options, async (launched) => {
        result = await measure(launched, checks.check);
      });
    } finally {
      await shop.close();
    }
    if (checks.failed || !result) {
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
