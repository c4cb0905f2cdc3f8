import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const fields = await ext('src/content/fields.js');

// Minimal stand-ins for DOM nodes: text nodes, elements with attributes and children.
const text = (value) => ({ nodeType: 3, nodeValue: value });
function el(tagName, attrs = {}, children = [], props = {}) {
  return {
    nodeType: 1,
    tagName: tagName.toUpperCase(),
    childNodes: children,
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    ...props,
  };
}
function doc(byId = {}) {
  return { getElementById: (id) => byId[id] ?? null };
}
function control(tag, attrs = {}, props = {}) {
  const d = props.doc ?? doc();
  return el(tag, attrs, [], { ownerDocument: d, getRootNode: () => d, labels: [], ...props });
}

test('cleanText collapses whitespace and caps the length', () => {
  assert.equal(fields.cleanText('  a \n\t b  '), 'a b');
  assert.equal(fields.cleanText(null), '');
  assert.equal(fields.cleanText('x'.repeat(500)).length, fields.MAX_TEXT);
});

test('maxlength is a non-negative integer or absent', () => {
  assert.equal(fields.parseMaxLength('20'), 20);
  assert.equal(fields.parseMaxLength(' 5 '), 5);
  assert.equal(fields.parseMaxLength(null), undefined);
  assert.equal(fields.parseMaxLength(''), undefined);
  assert.equal(fields.parseMaxLength('-1'), undefined);
  assert.equal(fields.parseMaxLength('abc'), undefined);
  assert.equal(fields.parseMaxLength('99999999999'), undefined);
});

test('candidates: text-like inputs, selects and textareas; never passwords or disabled ones', () => {
  const c = fields.isCandidate;
  assert.ok(c(control('input', {}, { type: 'text' })));
  assert.ok(c(control('input', {}, { type: 'email' })));
  assert.ok(c(control('input', {}, { type: 'tel' })));
  assert.ok(c(control('select')));
  assert.ok(c(control('textarea')));
  assert.ok(!c(control('input', {}, { type: 'password' })));
  assert.ok(!c(control('input', {}, { type: 'checkbox' })));
  assert.ok(!c(control('input', {}, { type: 'submit' })));
  assert.ok(!c(control('input', {}, { type: 'search' })));
  assert.ok(!c(control('input', {}, { type: 'text', disabled: true })));
  assert.ok(!c(control('input', {}, { type: 'text', readOnly: true })));
  assert.ok(!c(control('div')));
  // Hidden inputs are described (then refused) only when they claim an autofill field.
  assert.ok(c(control('input', { autocomplete: 'cc-number' }, { type: 'hidden' })));
  assert.ok(!c(control('input', { name: 'csrf' }, { type: 'hidden' })));
});

test('label text in accessible-name order: aria-labelledby, aria-label, <label>', () => {
  const d = doc({
    a: el('span', {}, [text('Street')]),
    b: el('span', {}, [text(' address ')]),
  });
  const byIds = control('input', { 'aria-labelledby': 'a b', 'aria-label': 'ignored' }, { doc: d });
  assert.equal(fields.labelText(byIds), 'Street address');
  const aria = control('input', { 'aria-label': ' Postcode ' });
  assert.equal(fields.labelText(aria), 'Postcode');
  const forLabel = control(
    'input',
    {},
    { labels: [el('label', {}, [text('E-mail'), el('b', {}, [text('*')])])] },
  );
  assert.equal(fields.labelText(forLabel), 'E-mail *');
  // A wrapping label around a select reads its own text, not the options'.
  const wrapping = el('label', {}, [
    text('Country'),
    el('select', {}, [el('option', {}, [text('France')]), el('option', {}, [text('Germany')])]),
  ]);
  assert.equal(fields.labelText(control('select', {}, { labels: [wrapping] })), 'Country');
  // aria-labelledby naming nothing falls back to the next source.
  assert.equal(
    fields.labelText(control('input', { 'aria-labelledby': 'zz', 'aria-label': 'Name' })),
    'Name',
  );
});

test('a descriptor carries what the host reads, capped, and never the value', () => {
  const input = control(
    'input',
    {
      type: 'email',
      name: 'mail',
      id: 'e1',
      autocomplete: 'shipping email',
      placeholder: 'you@example.org',
      maxlength: '64',
      inputmode: 'email',
    },
    {
      type: 'email',
      value: 'typed-by-shopper@example.org',
      labels: [el('label', {}, [text('Email')])],
    },
  );
  const d = fields.describeControl(input, 'f7', true);
  assert.deepEqual(d, {
    ref: 'f7',
    tag: 'input',
    type: 'email',
    name: 'mail',
    id: 'e1',
    autocomplete: 'shipping email',
    label: 'Email',
    placeholder: 'you@example.org',
    inputmode: 'email',
    section: '',
    form: '',
    visible: true,
    maxlength: 64,
  });
  assert.ok(!JSON.stringify(d).includes('typed-by-shopper'));
});

test('a select lists its options (capped); an invalid maxlength is left out', () => {
  const options = Array.from({ length: 400 }, (_, i) => ({
    value: `v${i}`,
    text: ` Option ${i} `,
  }));
  const select = control('select', { name: 'country', maxlength: 'x' }, { options });
  const d = fields.describeControl(select, 'f1', false);
  assert.equal(d.type, 'select');
  assert.equal(d.visible, false);
  assert.equal(d.options.length, fields.MAX_OPTIONS);
  assert.deepEqual(d.options[0], { value: 'v0', text: 'Option 0' });
  assert.ok(!('maxlength' in d));
});

test('a lone search box is not worth asking the host about; a form is', () => {
  const d = (over) => ({ type: 'text', autocomplete: '', ...over });
  assert.equal(fields.worthAsking([d({ type: 'search' })]), false);
  assert.equal(fields.worthAsking([d()]), false);
  assert.equal(fields.worthAsking([d({ autocomplete: 'email' })]), true);
  assert.equal(fields.worthAsking([d(), d()]), true);
  assert.equal(fields.worthAsking([d({ autocomplete: 'off' })]), false);
});

test('hasValue: typed text counts; a select on its default option does not', () => {
  assert.equal(fields.hasValue(control('input', {}, { value: '' })), false);
  assert.equal(fields.hasValue(control('input', {}, { value: 'x' })), true);
  const opts = [{ defaultSelected: false }, { defaultSelected: true }, { defaultSelected: false }];
  assert.equal(fields.hasValue(control('select', {}, { options: opts, selectedIndex: 1 })), false);
  assert.equal(fields.hasValue(control('select', {}, { options: opts, selectedIndex: 2 })), true);
  const plain = [{}, {}];
  assert.equal(fields.hasValue(control('select', {}, { options: plain, selectedIndex: 0 })), false);
});
