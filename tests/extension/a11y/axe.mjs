// axe-core (an npm dev dependency) run inside a real browser on an extension page.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { EXT, STEP_MS, printTable, withTimeout } from '../e2e/harness.mjs';

const AXE_SOURCE = readFileSync(path.join(EXT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
// All of axe's WCAG 2.x A and AA rules, and its best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Runs axe on the page as it is now. Evaluated as a string through the driver, which the
// extension pages' Content-Security-Policy does not govern (it would refuse a script tag).
// A frame inside a page (the menu at a field) is audited as a part of it: its page has the
// level-one heading, not the frame.
export async function audit(page, { frame = false } = {}) {
  const rules = frame ? { 'page-has-heading-one': { enabled: false } } : {};
  const run = `${AXE_SOURCE}
    ;axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} },
                         rules: ${JSON.stringify(rules)} })
      .then((r) => r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
      })))`;
  return withTimeout(page.evaluate(run), STEP_MS, 'axe');
}

// A suite's audits: expectClean(kind, state, page, options) checks that axe finds nothing and
// keeps what it found in a table (state -> browser -> rule ids, or 0); report(kinds, title)
// prints that table, the issue note's.
export function createAudits(check) {
  const table = new Map();
  async function expectClean(kind, state, page, options = {}) {
    const violations = await audit(page, options).catch((error) => [
      { id: `axe failed: ${error.message}` },
    ]);
    const ids = violations.map((v) => v.id);
    if (!table.has(state)) table.set(state, new Map());
    table.get(state).set(kind, ids.length ? ids.join(', ') : '0');
    check(
      `${kind}: ${state}: no accessibility violation`,
      ids.length === 0,
      JSON.stringify(violations),
    );
  }
  const report = (kinds, title) =>
    printTable(title, [...table.keys()], kinds, (state, kind) => table.get(state)?.get(kind));
  return { expectClean, report };
}

// The text of the first element matching `selector`, or '' (also when the page is gone).
export const textOf = (page, selector) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector).catch(() => '');
