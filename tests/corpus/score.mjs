// Scoring exactly as ../shared/corpus/README.md says. Pure functions over rows and labels.

// Field names the labels have a word for (README "Label mapping used"); a prediction outside
// this set on a `-` row is not counted as a false fill.
export const LABELLED_NAMES = new Set([
  'given-name',
  'additional-name',
  'family-name',
  'name',
  'email',
  'tel',
  'address-line1',
  'street-address',
  'address-line2',
  'address-level2',
  'address-level1',
  'postal-code',
  'country',
  'country-name',
  'cc-name',
  'cc-number',
  'cc-csc',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'bday',
  'bday-day',
  'bday-month',
  'bday-year',
]);

// Is `predicted` one of the accepted names? For tel any tel-* part counts.
export function accepted(expected, predicted) {
  const names = expected.split('|');
  if (names.includes(predicted)) return true;
  return names.includes('tel') && predicted.startsWith('tel-');
}

// UNNAMED: a value was written that no profile field gives (the real-fill tool's reading of a
// control); it counts as a false fill on a `-` row and as a miss elsewhere.
export const UNNAMED = '?';

function isLabelled(name) {
  if (LABELLED_NAMES.has(name) || name === UNNAMED) return true;
  return name.startsWith('tel-') && name !== 'tel-extension';
}

// Parses a .labels.tsv text: Map corpus_id -> expected.
export function parseLabels(text) {
  const labels = new Map();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [id, expected] = line.split('\t');
    labels.set(id.trim(), expected.trim());
  }
  return labels;
}

// rows: [{page, corpusId, predicted, scored?}]; labels: Map page -> Map corpus_id -> expected.
// A row with `scored: false` (a control the shopper cannot use) counts only if it is a false
// fill.
// Returns {accuracy: {correct, total}, falseFills: [...rows], perField: Map, misses: [...rows],
//          unfound: [...{page, corpusId, expected}]}.
export function score(rows, labels) {
  const result = {
    correct: 0,
    total: 0,
    falseFills: [],
    misses: [],
    unfound: [],
    perField: new Map(), // expected -> {total, correct, falseFills}
  };
  const field = (name) => {
    if (!result.perField.has(name)) {
      result.perField.set(name, { total: 0, correct: 0, falseFills: 0 });
    }
    return result.perField.get(name);
  };
  const seen = new Set();
  for (const row of rows) {
    const expected = labels.get(row.page)?.get(row.corpusId);
    if (expected === undefined) continue;
    seen.add(`${row.page}\t${row.corpusId}`);
    const predicted = row.predicted;
    if (expected === '-' || expected === 'email|-') {
      const allowed = expected === 'email|-' && predicted === 'email';
      if (predicted !== '-' && !allowed && isLabelled(predicted)) {
        result.falseFills.push({ ...row, expected });
        field(predicted).falseFills += 1;
      }
      continue;
    }
    if (row.scored === false) continue;
    result.total += 1;
    const stats = field(expected);
    stats.total += 1;
    if (accepted(expected, predicted)) {
      result.correct += 1;
      stats.correct += 1;
    } else {
      result.misses.push({ ...row, expected });
    }
  }
  for (const [page, map] of labels) {
    for (const [corpusId, expected] of map) {
      if (!seen.has(`${page}\t${corpusId}`)) result.unfound.push({ page, corpusId, expected });
    }
  }
  return result;
}

export function pct(n, d) {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)} %`;
}

// The report of a score (classify-corpus and real-fill print the same): accuracy, false fills,
// one row per field name, then every false fill, miss and label not found on its page.
export function reportLines(s) {
  const lines = [
    `accuracy: ${s.correct}/${s.total} = ${pct(s.correct, s.total)}`,
    `false fills: ${s.falseFills.length}`,
    '',
    'field\trows\tcorrect\taccuracy\tfalse fills',
  ];
  for (const name of [...s.perField.keys()].sort()) {
    const f = s.perField.get(name);
    lines.push(`${name}\t${f.total}\t${f.correct}\t${pct(f.correct, f.total)}\t${f.falseFills}`);
  }
  for (const f of s.falseFills) {
    lines.push(`false fill: ${f.page}\t${f.corpusId}\tpredicted ${f.predicted}`);
  }
  for (const m of s.misses) {
    lines.push(`miss: ${m.page}\t${m.corpusId}\texpected ${m.expected}\tpredicted ${m.predicted}`);
  }
  for (const u of s.unfound) {
    lines.push(`not on the page (not scored): ${u.page}\t${u.corpusId}\t${u.expected}`);
  }
  return lines;
}
