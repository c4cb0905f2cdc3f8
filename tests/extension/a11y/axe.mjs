// axe-core (an npm dev dependency) run inside a real browser on an extension page.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { EXT, STEP_MS, withTimeout } from '../e2e/harness.mjs';

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
