// classify-corpus: runs the extension's real descriptor extraction on every page of a corpus
// folder in headless Chromium, classifies the descriptors with libpims' real classifier
// (pims-classify), prints one row per control and scores the rows against the labels.
//
//   tests/corpus/classify-corpus [--build-dir DIR] [--rows] [--strip-autocomplete]
//                                [--min-accuracy PCT] [--max-false-fills N] PAGES_DIR
//
// Rows: `page<TAB>corpus_id<TAB>predicted` (predicted: the autofill field name the classifier
// assigns before visibility and consent rules, or `-`). Then, unless --rows, the accuracy and
// false fills overall and per field name (../shared/corpus/README.md, "Scoring"), from the
// .labels.tsv files where they exist. --strip-autocomplete removes every autocomplete
// attribute before extraction. --min-accuracy / --max-false-fills make the exit status 1 when
// the run is below the bar (for ctest). Exit status 77: nothing could run (no pims-classify,
// no Chromium, no pages).
//
// The data-corpus-id attribute is read here only to locate rows; the classifier never sees it
// (it is not part of any descriptor).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { extractPages } from './browser_extract.mjs';
import { classifyPages, loadLabels, pageNames } from './corpus.mjs';
import { pct, reportLines, score } from './score.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const SKIPPED = 77;

function usage(message) {
  if (message) console.error(`classify-corpus: ${message}`);
  console.error(
    'usage: classify-corpus [--build-dir DIR] [--rows] [--strip-autocomplete] ' +
      '[--min-accuracy PCT] [--max-false-fills N] PAGES_DIR',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { buildDir: path.join(REPO, 'build'), rows: false, strip: false, dir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') opts.rows = true;
    else if (a === '--strip-autocomplete') opts.strip = true;
    else if (a === '--build-dir')
      opts.buildDir = path.resolve(argv[++i] ?? usage('--build-dir needs a value'));
    else if (a === '--min-accuracy') opts.minAccuracy = Number(argv[++i]);
    else if (a === '--max-false-fills') opts.maxFalseFills = Number(argv[++i]);
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.dir === null) opts.dir = path.resolve(a);
    else usage('one PAGES_DIR only');
  }
  if (opts.dir === null) usage('PAGES_DIR is missing');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const binary = path.join(opts.buildDir, 'tests/corpus/pims-classify');
  const chromium = process.env.CHROMIUM_BIN ?? '/usr/lib/chromium/chromium';
  if (!existsSync(binary)) {
    console.error(`classify-corpus: no ${binary} (build the pims-classify target)`);
    process.exit(SKIPPED);
  }
  if (!existsSync(chromium)) {
    console.error(`classify-corpus: no Chromium at ${chromium}`);
    process.exit(SKIPPED);
  }
  if (!existsSync(opts.dir)) {
    console.error(`classify-corpus: no folder ${opts.dir}`);
    process.exit(SKIPPED);
  }
  const names = pageNames(opts.dir);
  if (names.length === 0) {
    console.error(`classify-corpus: no .html pages in ${opts.dir}`);
    process.exit(SKIPPED);
  }

  const extracted = await extractPages(opts.dir, names, {
    stripAutocomplete: opts.strip,
    chromium,
    log: (m) => console.error(`classify-corpus: ${m}`),
  });
  const loaded = extracted.filter((p) => !p.error);
  const rows = classifyPages(binary, loaded);
  let notDescribed = 0;
  for (const row of rows) console.log(`${row.page}\t${row.corpusId}\t${row.predicted}`);
  if (opts.rows) return 0;

  const labels = loadLabels(opts.dir, names);
  const s = score(rows, labels);
  for (const row of rows) {
    const expected = labels.get(row.page)?.get(row.corpusId);
    if (expected !== undefined && expected !== '-' && !row.candidate) notDescribed += 1;
  }

  const mode = opts.strip ? 'autocomplete removed' : 'autocomplete kept';
  console.log('');
  console.log(
    `# ${path.basename(opts.dir)} (${mode}): ${loaded.length} pages, ${rows.length} controls`,
  );
  for (const line of reportLines(s)) console.log(line);
  if (notDescribed > 0) {
    const today = score(
      rows.map((r) => (r.candidate ? r : { ...r, predicted: '-' })),
      labels,
    );
    console.log(
      `note: ${notDescribed} labelled checkout fields are controls the extension does not ` +
        'describe (disabled or read-only boxes); they are classified here all ' +
        `the same. Counting them as unfilled: ${today.correct}/${today.total} = ` +
        pct(today.correct, today.total),
    );
  }
  for (const p of extracted.filter((x) => x.error))
    console.log(`page failed: ${p.page}: ${p.error}`);

  let failed = extracted.some((p) => p.error);
  if (opts.minAccuracy !== undefined && 100 * s.correct < opts.minAccuracy * s.total) failed = true;
  if (opts.maxFalseFills !== undefined && s.falseFills.length > opts.maxFalseFills) failed = true;
  if (opts.minAccuracy !== undefined || opts.maxFalseFills !== undefined) {
    console.log(failed ? 'FAIL: below the bar' : 'ok: at or above the bar');
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`classify-corpus: ${error.stack ?? error}`);
    process.exit(1);
  },
);
