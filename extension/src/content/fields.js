// Field descriptors: what the content script tells the background about a form control. Only
// the control's description leaves the page (never what the shopper typed into it). These
// helpers use a small part of the DOM API (getAttribute, labels, form, closest, childNodes,
// parentNode and its sibling links, getRootNode, getElementById, querySelectorAll,
// compareDocumentPosition, contains) and never read layout, so the unit tests run them on plain
// objects. Every walk is capped: the page is hostile and may be large.

import { parseAutocomplete, MAX_TEXT, MAX_OPTIONS } from '../shared/protocol.js';

// Input types pims may fill. Buttons, checkboxes, files and the like are never described.
// `hidden` is described (reported back as refused) only with an autocomplete token. A password
// box is described (never its value: no descriptor holds one) because many payment forms put
// the card's security code in one; it takes nothing else (PASSWORD_BOX_FIELDS).
export const FILLABLE_INPUT_TYPES = Object.freeze(
  new Set(['', 'text', 'email', 'tel', 'number', 'url', 'date', 'month', 'hidden', 'password']),
);
export const PASSWORD_BOX_FIELDS = Object.freeze(new Set(['cc-csc']));

// May a value for `field` (an autofill field name) go into this control?
export function takesField(el, field) {
  return inputType(el) !== 'password' || PASSWORD_BOX_FIELDS.has(field);
}

// Collapse whitespace and cap the length, so a hostile page cannot make descriptors huge.
export function cleanText(value, max = MAX_TEXT) {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function tagOf(el) {
  return String(el.tagName ?? '').toLowerCase();
}

// The browser's reading of the type (an unknown type is 'text'), or the attribute on a plain
// object.
function inputType(el) {
  const type = typeof el.type === 'string' ? el.type : el.getAttribute?.('type');
  return cleanText(type ?? '', 40).toLowerCase();
}

// Is this a control pims could fill? Disabled and read-only controls are left alone.
export function isCandidate(el) {
  const tag = tagOf(el);
  if (tag !== 'input' && tag !== 'select' && tag !== 'textarea') return false;
  if (el.disabled || el.readOnly) return false;
  if (tag !== 'input') return true;
  const type = inputType(el);
  if (!FILLABLE_INPUT_TYPES.has(type)) return false;
  if (type === 'hidden') return parseAutocomplete(el.getAttribute('autocomplete')) !== null;
  return true;
}

const SKIPPED_IN_LABELS = new Set(['select', 'option', 'textarea', 'script', 'style', 'button']);

const MAX_TEXT_NODES = 500; // nodes one textOf looks at

// Text of a node, leaving out controls inside it (a wrapping label around a select must not
// read as the select's options).
export function textOf(node, depth = 0, budget = { nodes: MAX_TEXT_NODES }) {
  if (!node || depth > 20 || --budget.nodes < 0) return '';
  if (node.nodeType === 3) return String(node.nodeValue ?? '').slice(0, MAX_TEXT * 4);
  if (node.nodeType !== 1) return '';
  if (SKIPPED_IN_LABELS.has(tagOf(node)) || tagOf(node) === 'input') return '';
  let text = '';
  for (const child of node.childNodes ?? []) {
    text += ' ' + textOf(child, depth + 1, budget);
    if (text.length > MAX_TEXT * 2 || budget.nodes < 0) break;
  }
  return text;
}

function byId(el, id) {
  const root = el.getRootNode?.() ?? el.ownerDocument;
  return root?.getElementById?.(id) ?? el.ownerDocument?.getElementById?.(id) ?? null;
}

// The control's label, in accessible-name order: aria-labelledby, aria-label, then its
// <label>s (label[for] and a wrapping label, both in el.labels).
export function labelText(el) {
  const labelledBy = cleanText(el.getAttribute('aria-labelledby'));
  if (labelledBy) {
    const text = cleanText(
      labelledBy
        .split(' ')
        .map((id) => textOf(byId(el, id)))
        .join(' '),
    );
    if (text) return text;
  }
  const aria = cleanText(el.getAttribute('aria-label'));
  if (aria) return aria;
  const labels = [...(el.labels ?? [])];
  return cleanText(labels.map((label) => textOf(label)).join(' '));
}

// A form's own properties are shadowed by its controls' names (<input name="contains">), so
// methods are called through the DOM's prototypes when there are any (in a browser).
function call(node, method, ...args) {
  const proto = globalThis.Element?.prototype;
  const fn = proto && node instanceof globalThis.Element ? proto[method] : node?.[method];
  return typeof fn === 'function' ? fn.apply(node, args) : undefined;
}

function attrOf(node, name) {
  return call(node, 'getAttribute', name) ?? null;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const MAX_HEADINGS = 1000; // per form (or page) and scan
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

function isHeading(node) {
  return HEADING_TAGS.has(tagOf(node)) || attrOf(node, 'role') === 'heading';
}

// What one scan of the page computes once for all its controls: each form's key, each scope's
// headings. describeControl makes a fresh one when it is not given one.
export function createScan() {
  return { formKeys: new Map(), headings: new Map(), headingTexts: new Map() };
}

// The form the control is in, when it is inside it (a control tied to a distant form by its
// form attribute has no headings of that form before it).
function enclosingForm(el) {
  const form = el.form;
  return form && call(form, 'contains', el) ? form : null;
}

// The document's headings before `el` are found by a binary search of the scope's headings
// (document order) with compareDocumentPosition, so a scan stays cheap on long pages.
function headingText(el, scan) {
  const scope = enclosingForm(el) ?? el.getRootNode?.() ?? el.ownerDocument;
  if (!scope) return '';
  let headings = scan.headings.get(scope);
  if (!headings) {
    headings = [...(call(scope, 'querySelectorAll', HEADINGS) ?? [])].slice(0, MAX_HEADINGS);
    scan.headings.set(scope, headings);
  }
  const before = (h) => (call(h, 'compareDocumentPosition', el) & FOLLOWING) !== 0;
  let lo = 0;
  let hi = headings.length; // headings[0, lo) precede el; headings[hi, ...) do not
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(headings[mid])) lo = mid + 1;
    else hi = mid;
  }
  // The nearest heading with words (an empty one, an icon, is passed over; a few at most).
  for (let i = lo - 1; i >= 0 && i >= lo - 5; i--) {
    let text = scan.headingTexts.get(headings[i]);
    if (text === undefined) {
      text = cleanText(textOf(headings[i]));
      scan.headingTexts.set(headings[i], text);
    }
    if (HAS_WORD.test(text)) return text;
  }
  return '';
}

// The heading or legend around the control: the legend of its fieldset ("Shipping address"),
// else the nearest heading before it in its form (in the page, outside a form).
export function sectionText(el, scan = createScan()) {
  const fieldset = el.closest?.('fieldset');
  for (const child of fieldset?.childNodes ?? []) {
    if (tagOf(child) !== 'legend') continue;
    const legend = cleanText(textOf(child));
    if (legend) return legend;
    break;
  }
  return headingText(el, scan);
}

// Which form the control belongs to: the form's id or name, else `form#N`, N its place among the
// document's forms (from 1); a form in a shadow root `form#sN`, in the order first met.
const shadowFormKeys = new WeakMap();
let shadowForms = 0;
export function formKey(el, scan = createScan()) {
  const form = el.form;
  if (!form) return '';
  const named = cleanText(attrOf(form, 'id') || attrOf(form, 'name'));
  if (named) return named;
  const root = call(form, 'getRootNode');
  const doc = el.ownerDocument;
  if (root && doc && root === doc) {
    if (!scan.formKeys.has(doc)) {
      const index = new Map();
      [...(call(doc, 'querySelectorAll', 'form') ?? [])].forEach((f, i) => index.set(f, i + 1));
      scan.formKeys.set(doc, index);
    }
    const n = scan.formKeys.get(doc).get(form);
    if (n) return `form#${n}`;
  }
  if (!shadowFormKeys.has(form)) shadowFormKeys.set(form, `form#s${++shadowForms}`);
  return shadowFormKeys.get(form);
}

// nearby: the text the shopper reads beside a control that has no label. A few hops up the
// tree at most, never past a form, and never past anything that belongs to another field:
// another control, a label for another control, a heading or legend (the section's).
const MAX_HOPS = 3;
const MAX_SIBLINGS = 6; // per level and direction
const MAX_SCAN_NODES = 100; // per sibling looked into
const CONTROL_TAGS = new Set(['input', 'select', 'textarea', 'button']);
const SILENT_TAGS = new Set(['script', 'style', 'template', 'noscript']);
const STOP_CLIMB_TAGS = new Set(['form', 'fieldset', 'label', 'body', 'html', 'table', 'tbody']);

// Does the node hold a control of another field? Hidden inputs do not count; a subtree too big
// to look through counts as one (the walk stops there rather than read a whole page).
function holdsControl(node) {
  let budget = MAX_SCAN_NODES;
  const visit = (n, depth) => {
    if (--budget < 0 || depth > 20) return true;
    if (n.nodeType !== 1) return false;
    const tag = tagOf(n);
    if (CONTROL_TAGS.has(tag)) return tag !== 'input' || inputType(n) !== 'hidden';
    for (const child of n.childNodes ?? []) if (visit(child, depth + 1)) return true;
    return false;
  };
  return visit(node, 0);
}

// What a sibling of the control (or of one of its ancestors) says: {text}, {stop} when it
// belongs to another field, or null when it says nothing (whitespace, an icon, a '*').
function siblingSays(node, el) {
  if (node.nodeType === 3) {
    const text = cleanText(textOf(node));
    return HAS_WORD.test(text) ? { text } : null;
  }
  if (node.nodeType !== 1) return null;
  const tag = tagOf(node);
  if (SILENT_TAGS.has(tag) || attrOf(node, 'hidden') !== null) return null;
  if (holdsControl(node) || isHeading(node) || tag === 'legend') return { stop: true };
  const target = attrOf(node, 'for');
  if (tag === 'label' && target && target !== attrOf(el, 'id')) return { stop: true };
  const text = cleanText(textOf(node));
  return HAS_WORD.test(text) ? { text } : null;
}

export function nearbyText(el) {
  let node = el;
  let after = ''; // text after the control in its own corner of the page: a floating placeholder
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    let sibling = node.previousSibling;
    for (let n = 0; sibling && n < MAX_SIBLINGS; n++, sibling = sibling.previousSibling) {
      const says = siblingSays(sibling, el);
      if (says?.stop) return after;
      if (says) return says.text;
    }
    if (sibling) return after; // too many silent siblings to look past
    // Going up is safe only when nothing after this node belongs to another field; text after
    // it is a placeholder for this control only then too.
    let following = '';
    sibling = node.nextSibling;
    for (let n = 0; sibling; n++, sibling = sibling.nextSibling) {
      if (n >= MAX_SIBLINGS) return after;
      const says = siblingSays(sibling, el);
      if (says?.stop) return after;
      if (says && !following) following = says.text;
    }
    if (!after && hop <= 1) after = following;
    const parent = node.parentNode;
    if (!parent || parent.nodeType !== 1 || STOP_CLIMB_TAGS.has(tagOf(parent))) break;
    node = parent;
  }
  return after;
}

// A maxlength attribute as the host wants it: a non-negative integer, or absent.
export function parseMaxLength(value) {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (!/^\d{1,7}$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

export function optionsOf(el) {
  if (tagOf(el) !== 'select') return undefined;
  const options = [];
  for (const option of el.options ?? []) {
    if (options.length >= MAX_OPTIONS) break;
    options.push({
      value: cleanText(option.value),
      text: cleanText(option.text ?? textOf(option)),
    });
  }
  return options;
}

// The descriptor of one control. `ref` is the content script's handle for it; `visible` is the
// verdict of visibility.js.
// `scan` (createScan) is shared by the controls of one scan of the page.
export function describeControl(el, ref, visible, scan = createScan()) {
  const attr = (name, max) => cleanText(el.getAttribute(name), max);
  const label = labelText(el);
  const descriptor = {
    ref,
    tag: tagOf(el),
    type: tagOf(el) === 'input' ? inputType(el) || 'text' : tagOf(el),
    name: attr('name'),
    id: attr('id'),
    autocomplete: attr('autocomplete'),
    label,
    nearby: label ? '' : nearbyText(el),
    placeholder: attr('placeholder'),
    inputmode: attr('inputmode', 40),
    section: sectionText(el, scan),
    form: formKey(el, scan),
    visible: Boolean(visible),
  };
  const maxlength = parseMaxLength(el.getAttribute('maxlength'));
  if (maxlength !== undefined) descriptor.maxlength = maxlength;
  const options = optionsOf(el);
  if (options) descriptor.options = options;
  return descriptor;
}

// Is a set of descriptors worth a question to the host? A lone search box is not; a field with
// an autofill field name, or a form of two or more fields, is.
export function worthAsking(descriptors) {
  if (descriptors.some((d) => parseAutocomplete(d.autocomplete) !== null)) return true;
  return descriptors.filter((d) => d.type !== 'search' && d.type !== 'hidden').length >= 2;
}

// Has the shopper (or the page) already put something in this control? Automatic fills leave
// such fields alone. A text box holds what is typed or what the page wrote there (a signed-in
// shopper's email). A select always shows some option: the page's placeholder, the first option
// when the placeholder is disabled, a country the page guessed; only an option the shopper
// picked (`picked`: a trusted input or change event on it) is theirs.
export function hasValue(el, picked = false) {
  if (tagOf(el) === 'select') return picked;
  return String(el.value ?? '') !== '';
}
