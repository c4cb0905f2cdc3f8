// Field descriptors: what the content script tells the background about a form control. Only
// the control's description leaves the page (never what the shopper typed into it). These
// helpers use a small part of the DOM API (getAttribute, labels, getRootNode().getElementById,
// childNodes), so the unit tests run them on plain objects.

import { parseAutocomplete } from '../shared/protocol.js';

// Input types pims may fill. Passwords, buttons, checkboxes, files and the like are never
// described. `hidden` is described (reported back as refused) only with an autocomplete token.
export const FILLABLE_INPUT_TYPES = Object.freeze(
  new Set(['', 'text', 'email', 'tel', 'number', 'url', 'date', 'month', 'hidden']),
);

export const MAX_TEXT = 200;
export const MAX_OPTIONS = 300;
export const MAX_FIELDS = 500;

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

// Text of a node, leaving out controls inside it (a wrapping label around a select must not
// read as the select's options).
export function textOf(node, depth = 0) {
  if (!node || depth > 20) return '';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  if (SKIPPED_IN_LABELS.has(tagOf(node)) || tagOf(node) === 'input') return '';
  let text = '';
  for (const child of node.childNodes ?? []) {
    text += ' ' + textOf(child, depth + 1);
    if (text.length > MAX_TEXT * 2) break;
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

// The legend of the fieldset around the control ("Shipping address").
export function sectionText(el) {
  const fieldset = el.closest?.('fieldset');
  const legend = fieldset?.querySelector?.('legend');
  return legend ? cleanText(textOf(legend)) : '';
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
export function describeControl(el, ref, visible) {
  const attr = (name, max) => cleanText(el.getAttribute(name), max);
  const descriptor = {
    ref,
    tag: tagOf(el),
    type: tagOf(el) === 'input' ? inputType(el) || 'text' : tagOf(el),
    name: attr('name'),
    id: attr('id'),
    autocomplete: attr('autocomplete'),
    label: labelText(el),
    placeholder: attr('placeholder'),
    inputmode: attr('inputmode', 40),
    section: sectionText(el),
    form: cleanText(el.form?.getAttribute?.('id') || el.form?.getAttribute?.('name')),
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
// such fields alone; a select counts as untouched while its default option is selected.
export function hasValue(el) {
  if (tagOf(el) === 'select') {
    const options = [...(el.options ?? [])];
    const selected = options[el.selectedIndex];
    if (!selected) return false;
    const defaultIndex = options.findIndex((o) => o.defaultSelected);
    return el.selectedIndex !== (defaultIndex === -1 ? 0 : defaultIndex);
  }
  return String(el.value ?? '') !== '';
}
