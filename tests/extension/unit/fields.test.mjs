import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const fields = await ext('src/content/fields.js');
const protocol = await ext('src/shared/protocol.js');

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

// A linked document for the helpers that walk the tree: parent and sibling links, document
// order (compareDocumentPosition, contains), querySelectorAll and closest for lists of tag names
// and [attr="value"], and each control's form.
function page(...children) {
  const d = { nodeType: 9, childNodes: children };
  const order = [];
  const link = (node, parent) => {
    node.parentNode = parent;
    order.push(node);
    node.childNodes ??= [];
    node.childNodes.forEach((child, i, all) => {
      child.previousSibling = all[i - 1] ?? null;
      child.nextSibling = all[i + 1] ?? null;
      link(child, node);
    });
  };
  link(d, null);
  const position = new Map(order.map((n, i) => [n, i]));
  const inside = (outer, node) => {
    for (let n = node; n; n = n.parentNode) if (n === outer) return true;
    return false;
  };
  const matches = (n, selector) =>
    n.nodeType === 1 &&
    selector.split(',').some((part) => {
      const attr = /^\[(\w+)="([^"]*)"\]$/.exec(part.trim());
      return attr ? n.getAttribute(attr[1]) === attr[2] : n.tagName.toLowerCase() === part.trim();
    });
  for (const n of order) {
    n.ownerDocument = n === d ? null : d;
    n.getRootNode = () => d;
    n.contains = (other) => inside(n, other);
    n.compareDocumentPosition = (other) => {
      if (inside(n, other)) return 16 | 4;
      if (inside(other, n)) return 8 | 2;
      return position.get(other) > position.get(n) ? 4 : 2;
    };
    n.querySelectorAll = (selector) =>
      order.filter((o) => o !== n && inside(n, o) && matches(o, selector));
    n.closest = (selector) => {
      for (let x = n; x && x !== d; x = x.parentNode) if (matches(x, selector)) return x;
      return null;
    };
  }
  for (const n of order) {
    if (['input', 'select', 'textarea'].includes(String(n.tagName).toLowerCase())) {
      n.form ??= n.closest('form');
      n.labels ??= [];
    }
  }
  d.getElementById = (id) => order.find((o) => o.nodeType === 1 && o.getAttribute('id') === id);
  return d;
}
const input = (attrs = {}, props = {}) => el('input', attrs, [], { type: 'text', ...props });

test('cleanText collapses whitespace and caps the length', () => {
  assert.equal(fields.cleanText('  a \n\t b  '), 'a b');
  assert.equal(fields.cleanText(null), '');
  assert.equal(fields.cleanText('x'.repeat(500)).length, protocol.MAX_TEXT);
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

test('candidates: text-like inputs, selects, textareas and password boxes; never disabled ones', () => {
  const c = fields.isCandidate;
  assert.ok(c(control('input', {}, { type: 'text' })));
  assert.ok(c(control('input', {}, { type: 'email' })));
  assert.ok(c(control('input', {}, { type: 'tel' })));
  assert.ok(c(control('select')));
  assert.ok(c(control('textarea')));
  // A password box is described (the card's security code may hide there) and takes nothing
  // but that.
  const password = control('input', {}, { type: 'password' });
  assert.ok(c(password));
  assert.ok(fields.takesField(password, 'cc-csc'));
  for (const field of ['email', 'cc-number', 'given-name', 'tel']) {
    assert.ok(!fields.takesField(password, field), field);
    assert.ok(fields.takesField(control('input', {}, { type: 'text' }), field), field);
  }
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
    nearby: '',
    placeholder: 'you@example.org',
    inputmode: 'email',
    section: '',
    form: '',
    visible: true,
    maxlength: 64,
  });
  assert.ok(!JSON.stringify(d).includes('typed-by-shopper'));
  // Every key is one the background passes on to the host (shared/protocol.js).
  for (const key of Object.keys(d)) assert.ok(protocol.DESCRIPTOR_KEYS.includes(key), key);
  for (const key of protocol.DESCRIPTOR_TEXT_KEYS) assert.equal(typeof d[key], 'string', key);
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
  assert.equal(d.options.length, protocol.MAX_OPTIONS);
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

test('hasValue: typed text counts; a select counts only when the shopper picked it', () => {
  assert.equal(fields.hasValue(control('input', {}, { value: '' })), false);
  assert.equal(fields.hasValue(control('input', {}, { value: 'x' })), true);
  const opts = [{ defaultSelected: false }, { defaultSelected: true }, { defaultSelected: false }];
  assert.equal(fields.hasValue(control('select', {}, { options: opts, selectedIndex: 1 })), false);
  // A disabled placeholder shows the first real option; a page guesses a country: not the
  // shopper's choice.
  assert.equal(fields.hasValue(control('select', {}, { options: opts, selectedIndex: 2 })), false);
  assert.equal(
    fields.hasValue(control('select', {}, { options: opts, selectedIndex: 2 }), true),
    true,
  );
});

test('nearby: the text before an unlabelled control, a previous cell, a floating placeholder', () => {
  const nearby = (tree, target) => {
    page(tree);
    return fields.nearbyText(target);
  };
  let box = input();
  assert.equal(nearby(el('div', {}, [text(' Card number: '), box]), box), 'Card number:');
  box = input();
  assert.equal(nearby(el('div', {}, [el('span', {}, [text('E-mail')]), box]), box), 'E-mail');
  // Past whitespace, a required marker, an icon and a hidden input, up through a wrapper.
  box = input();
  const tree = el('div', {}, [
    el('span', {}, [text('Postcode')]),
    text('\n  '),
    el('span', { 'aria-hidden': 'true' }, [text('*')]),
    el('div', { class: 'wrap' }, [el('i', { class: 'icon' }), input({}, { type: 'hidden' }), box]),
  ]);
  assert.equal(nearby(tree, box), 'Postcode');
  // The cell before it in a table row (the row holds other pairs).
  const first = input();
  const second = input();
  const row = el('tr', {}, [
    el('td', {}, [text('First name')]),
    el('td', {}, [first]),
    el('th', {}, [text('Last name')]),
    el('td', {}, [second]),
  ]);
  page(el('table', {}, [el('tbody', {}, [row])]));
  assert.equal(fields.nearbyText(first), 'First name');
  assert.equal(fields.nearbyText(second), 'Last name');
  // A floating placeholder after the control, in its own wrapper.
  box = input();
  const floating = el('div', { class: 'field' }, [box, el('span', {}, [text('City')])]);
  assert.equal(nearby(el('form', {}, [floating]), box), 'City');
  // Capped at 200 characters.
  box = input();
  assert.equal(nearby(el('div', {}, [text('x '.repeat(300)), box]), box).length, protocol.MAX_TEXT);
  // Bounded on hostile pages: a huge text, a sibling too big to look through (taken as holding
  // another field, so the walk stops there).
  box = input();
  assert.equal(nearby(el('div', {}, [text('y'.repeat(1e6)), box]), box).length, protocol.MAX_TEXT);
  box = input();
  const wide = el(
    'div',
    {},
    Array.from({ length: 10000 }, () => el('span')),
  );
  assert.equal(nearby(el('div', {}, [text('Email'), wide, box]), box), '');
});

test('nearby never reads another field: its control, its label, its options, a heading', () => {
  const a = input();
  const b = input();
  page(el('div', {}, [el('span', {}, [text('First name')]), a, b]));
  assert.equal(fields.nearbyText(a), 'First name');
  assert.equal(fields.nearbyText(b), '', 'the text before a belongs to a');
  // Text between two controls is the second one's, never the first one's placeholder.
  const c = input();
  const d = input();
  page(el('div', {}, [c, el('span', {}, [text('Last name')]), d]));
  assert.equal(fields.nearbyText(c), '');
  assert.equal(fields.nearbyText(d), 'Last name');
  // Not past an ancestor that holds another control (month and year under one text).
  const month = el('select', {}, [el('option', {}, [text('January')])]);
  const year = el('select', {}, [el('option', {}, [text('2030')])]);
  page(el('div', {}, [text('Expiry'), el('div', {}, [month, year])]));
  assert.equal(fields.nearbyText(month), '');
  assert.equal(fields.nearbyText(year), '', 'never the month select or its options');
  // A label for another control, a heading or a legend ends the walk.
  const e = input();
  page(el('div', {}, [el('label', { for: 'other' }, [text('Email')]), e]));
  assert.equal(fields.nearbyText(e), '');
  const f = input();
  page(el('div', {}, [el('h3', {}, [text('Billing address')]), f]));
  assert.equal(fields.nearbyText(f), '');
  // Never past the form, and never more than a few levels up.
  const g = input();
  page(el('div', {}, [text('Search'), el('form', {}, [g])]));
  assert.equal(fields.nearbyText(g), '');
  const deep = input();
  let wrapped = deep;
  for (let i = 0; i < 6; i++) wrapped = el('div', {}, [wrapped]);
  page(el('section', {}, [text('Phone'), wrapped]));
  assert.equal(fields.nearbyText(deep), '');
});

test('a descriptor has nearby text only when the control has no label', () => {
  const labelled = input({}, { labels: [el('label', {}, [text('Street')])] });
  const bare = input();
  const d = page(
    el('form', {}, [
      el('div', {}, [text('Company'), labelled]),
      el('div', {}, [text('Street'), bare]),
    ]),
  );
  const one = fields.describeControl(labelled, 'f1', true);
  assert.equal(one.label, 'Street');
  assert.equal(one.nearby, '');
  const two = fields.describeControl(bare, 'f2', true);
  assert.equal(two.label, '');
  assert.equal(two.nearby, 'Street');
  assert.ok(d);
});

test('section: the fieldset legend first, else the nearest heading before it in its form', () => {
  const inFieldset = input();
  const afterHeading = input();
  const later = input();
  const outside = input();
  page(
    el('h1', {}, [text('Checkout')]),
    el('form', {}, [
      el('h2', {}, [text('Contact')]),
      el('fieldset', {}, [el('legend', {}, [text(' Shipping address ')]), inFieldset]),
      el('div', { role: 'heading' }, [text('Payment')]),
      el('div', {}, [afterHeading]),
      el('h3', {}, [el('span', { class: 'icon' })]),
      later,
    ]),
    el('h2', {}, [text('Newsletter')]),
    el('form', {}, [el('div', {}, [el('input', {}, [], { type: 'text' })])]),
    outside,
  );
  const scan = fields.createScan();
  assert.equal(fields.sectionText(inFieldset, scan), 'Shipping address');
  assert.equal(fields.sectionText(afterHeading, scan), 'Payment');
  assert.equal(fields.sectionText(later, scan), 'Payment', 'an empty heading is passed over');
  assert.equal(fields.sectionText(outside, scan), 'Newsletter', 'outside a form: the page');
  // Only its own form's headings: the first control of a form with no heading has none.
  const lone = input();
  page(el('h2', {}, [text('Sign in')]), el('form', {}, [lone]));
  assert.equal(fields.sectionText(lone), '');
});

test('form: its id or name, else form#N (its place among the page forms), "" outside', () => {
  const controls = Array.from({ length: 5 }, () => input());
  page(
    el('form', { id: 'checkout' }, [controls[0]]),
    el('form', {}, [controls[1]]),
    el('form', { name: 'signup' }, [controls[2]]),
    el('form', {}, [controls[3]]),
    controls[4],
  );
  const scan = fields.createScan();
  const keys = controls.map((c) => fields.formKey(c, scan));
  assert.deepEqual(keys, ['checkout', 'form#2', 'signup', 'form#4', '']);
  // The same without a shared scan.
  assert.equal(fields.describeControl(controls[3], 'f4', true).form, 'form#4');
  // Forms in shadow roots (not among the document's forms) are told apart too, and keep a key.
  const shadowed = [input(), input()];
  for (const box of shadowed) {
    const shadow = { nodeType: 11, querySelectorAll: () => [] };
    const form = el('form', {}, [box], { getRootNode: () => shadow });
    box.form = form;
    box.ownerDocument = doc();
  }
  const shadowKeys = shadowed.map((box) => fields.formKey(box));
  assert.match(shadowKeys[0], /^form#s\d+$/);
  assert.notEqual(shadowKeys[0], shadowKeys[1]);
  assert.equal(fields.formKey(shadowed[0]), shadowKeys[0]);
});
