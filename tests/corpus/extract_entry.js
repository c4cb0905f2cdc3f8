// Injected into each corpus page (linked into one classic script by the extension's own
// tools/bundle.mjs): the extension's REAL descriptor extraction, run the way the content script
// runs it (content.js `controls()` and `snapshot()`), exposed as one function.
//
// It returns {fields, locators}: `fields` are the descriptors as the content script builds them
// (describeControl), for EVERY control of the page, so that the classifier is measured on each
// labelled control; `locators` pairs each ref with the control's data-corpus-id, which only the
// corpus tool reads (the classifier never sees it), and says whether the content script would
// describe the control at all (`candidate`: false for disabled and read-only controls,
// passwords, checkboxes, buttons ...).

import { isCandidate, describeControl, MAX_FIELDS } from '../../extension/src/content/fields.js';
import { measureVisibility, visibilityVerdict } from '../../extension/src/content/visibility.js';

globalThis.__pimsCorpusExtract = (stripAutocomplete) => {
  const all = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('input, select, textarea')) all.push(el);
    for (const host of root.querySelectorAll('*')) {
      if (host.shadowRoot) visit(host.shadowRoot);
    }
  };
  visit(document);
  if (stripAutocomplete) {
    for (const el of all) el.removeAttribute('autocomplete');
    for (const form of document.querySelectorAll('form')) form.removeAttribute('autocomplete');
  }
  const fields = [];
  const locators = [];
  for (const el of all) {
    const corpusId = el.getAttribute('data-corpus-id');
    const ref = `f${fields.length + 1}`;
    const verdict = visibilityVerdict(measureVisibility(el));
    fields.push(describeControl(el, ref, verdict.visible));
    locators.push({ ref, corpusId, candidate: isCandidate(el) && fields.length <= MAX_FIELDS });
  }
  return { fields, locators };
};
