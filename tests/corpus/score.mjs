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

function isLabelled(name) {
  if (LABELLED_NAMES.has(name)) return true;
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

// rows: [{page, corpusId, predicted}]; labels: Map page -> Map corpus_id -> expected.
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
