// What the corpus tools share (classify-corpus, real-fill): a corpus folder's pages and labels,
// and libpims' classifier run on the descriptors the extension's extractor read from them.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parseLabels } from './score.mjs';

// The .html pages directly inside `dir`, sorted.
export function pageNames(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

// Map page -> Map corpus_id -> expected, from each page's .labels.tsv where there is one.
export function loadLabels(dir, names) {
  const labels = new Map();
  for (const name of names) {
    const file = path.join(dir, name.replace(/\.html$/, '.labels.tsv'));
    if (existsSync(file)) labels.set(name, parseLabels(readFileSync(file, 'utf8')));
  }
  return labels;
}

// pims-classify (the test tool built beside pims-host) on extracted pages
// ([{page, fields, locators}], browser_extract.mjs): one row {page, corpusId, predicted,
// candidate} per located control, predicted before visibility and consent rules.
export function classifyPages(binary, pages) {
  const input = JSON.stringify(pages.map((p) => ({ page: p.page, fields: p.fields })));
  const run = spawnSync(binary, [], { input, maxBuffer: 64 << 20, timeout: 60_000 });
  if (run.status !== 0) {
    throw new Error(`pims-classify failed (${run.status ?? run.signal}): ${run.stderr}`);
  }
  const predictions = JSON.parse(run.stdout.toString());
  const rows = [];
  pages.forEach((page, i) => {
    const byRef = new Map(page.fields.map((f, k) => [f.ref, predictions[i][k]]));
    for (const { ref, corpusId, candidate } of page.locators) {
      if (corpusId === null) continue;
      rows.push({ page: page.page, corpusId, predicted: byRef.get(ref) ?? '-', candidate });
    }
  });
  return rows;
}
