// Injected into each corpus page (linked into one classic script by the extension's own
// tools/bundle.mjs): the extension's REAL descriptor extraction, run the way the content script
// runs it (content.js `controls()` and `snapshot()`), exposed as one function.
//
// It returns {fields, locators}: `fields` are the descriptors as the content script builds them
// (describeControl) for the controls it describes, and also for those it leaves out only
// because they are disabled or read-only (so that the classifier is measured on
// every labelled checkout field; checkboxes, radios and buttons are never sent, as in the
// extension). `locators` pairs each control with its ref (null: not sent) and its
// data-corpus-id, which only the corpus tool reads (the classifier never sees it), and says
// whether the content script would describe it today (`candidate`).

import {
  isCandidate,
  describeControl,
  createScan,
  FILLABLE_INPUT_TYPES,
} from '../../extension/src/content/fields.js';
import { MAX_FIELDS } from '../../extension/src/shared/protocol.js';
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
  const scan = createScan();
  for (const el of all) {
    const corpusId = el.getAttribute('data-corpus-id');
    const candidate = isCandidate(el);
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? String(el.type).toLowerCase() : tag;
    const fillable = tag !== 'input' || (type !== 'hidden' && FILLABLE_INPUT_TYPES.has(type));
    if ((candidate || fillable) && fields.length < MAX_FIELDS) {
      const ref = `f${fields.length + 1}`;
      const verdict = visibilityVerdict(measureVisibility(el));
      fields.push(describeControl(el, ref, verdict.visible, scan));
      locators.push({ ref, corpusId, candidate });
    } else {
      locators.push({ ref: null, corpusId, candidate });
    }
  }
  return { fields, locators };
};
