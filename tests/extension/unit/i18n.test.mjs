// The shopper's language: the catalogues in extension/src/_locales agree with each other, and
// the extension's pages and scripts take every word they show from them.
//
// - every language has exactly the keys of English, with the same $1..$9 placeholders, and
//   every message renders (no key falls through, no stray `$`);
// - every key the sources name (t('key'), data-i18n="key", __MSG_key__) exists, and every key
//   of the catalogue is used;
// - the HTML has no text and no title/aria-label/placeholder/alt outside data-i18n;
// - no string literal reaches the screen from the JS: the children of h() and fill(), what is
//   assigned to textContent or a UI attribute, and any literal that reads as a sentence.
//   A short allowlist holds what is not language (the name pims, bullets, a key cap).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EXT, SRC, ext } from './paths.mjs';
import { catalogue, languages, messageIn, DEFAULT_LOCALE } from './i18n_stub.mjs';

// The languages the classifier reads (tests/corpus); the extension speaks each of them. Chrome
// has no plain Portuguese UI: a Brazilian Chrome reads pt_BR (and Firefox any Portuguese, pt).
const LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pt', 'pt_BR'];

// Text on screen that is not in any language.
const NOT_LANGUAGE = new Set(['pims', '•', '•••', 'F']);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}
const FILES = walk(SRC);
const JS = FILES.filter((f) => f.endsWith('.js') && !f.endsWith('vocabulary.js'));
const HTML = FILES.filter((f) => f.endsWith('.html'));
const rel = (file) => path.relative(SRC, file);

const en = catalogue(DEFAULT_LOCALE);
const EN_KEYS = Object.keys(en);
// The substitutions a message takes: its $1..$9, directly or through a named placeholder
// ($SITE$ whose content is "$1"), and the names of those it uses.
function placeholders(entry) {
  const named = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase());
  const text = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (all, name) => named[name.toLowerCase()] ?? all,
  );
  return [...new Set([...(text.match(/\$[1-9]/g) ?? []), ...used.map((n) => `$${n}$`)])].sort();
}

test('the extension speaks the seven languages, English by default', () => {
  assert.deepEqual(languages(), LANGUAGES);
  const manifest = JSON.parse(readFileSync(path.join(SRC, 'manifest.base.json'), 'utf8'));
  assert.equal(manifest.default_locale, DEFAULT_LOCALE);
});

test('every key names one message: valid, unique without case, described for translators', () => {
  const lower = new Set();
  for (const [key, entry] of Object.entries(en)) {
    assert.match(key, /^[A-Za-z0-9_@]+$/, `${key}: a message name is letters, digits, _ and @`);
    assert.ok(!key.startsWith('@@'), `${key}: @@ names are the browser's`);
    assert.ok(!lower.has(key.toLowerCase()), `${key}: browsers read names without case`);
    lower.add(key.toLowerCase());
    assert.ok(entry.message, `${key}: an empty message`);
    assert.ok(
      !/\$[1-9]/.test(entry.message) || /\$[1-9]/.test(entry.description ?? ''),
      `${key}: the description must say what each $n is`,
    );
  }
});

for (const lang of LANGUAGES.filter((l) => l !== DEFAULT_LOCALE)) {
  test(`${lang}: the keys of English, each with the same placeholders`, () => {
    const messages = catalogue(lang);
    const missing = EN_KEYS.filter((k) => !Object.hasOwn(messages, k));
    const extra = Object.keys(messages).filter((k) => !Object.hasOwn(en, k));
    assert.deepEqual(missing, [], `${lang} lacks keys`);
    assert.deepEqual(extra, [], `${lang} has keys English has not`);
    // The catalogue says which language it is, for Intl (shared/i18n.js uiLanguage).
    assert.equal(messages.locale.message, lang.replace('_', '-'));
    for (const key of EN_KEYS) {
      assert.ok(messages[key].message, `${lang}.${key}: empty`);
      assert.deepEqual(
        placeholders(messages[key]),
        placeholders(en[key]),
        `${lang}.${key}: placeholders differ from English`,
      );
    }
  });
}

test('every message renders in every language: substitutions in, no `$` or key left', () => {
  for (const lang of LANGUAGES) {
    for (const key of EN_KEYS) {
      const text = messageIn(lang, key, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
      assert.ok(text, `${lang}.${key}: no message`);
      assert.doesNotMatch(text, /\$/, `${lang}.${key}: an unresolved $ in "${text}"`);
    }
  }
});

// --- the sources use the catalogue ---------------------------------------------------------

const require = createRequire(path.join(EXT, 'package.json'));
const acorn = require('acorn'); // a dependency of the dev tools (web-ext's linter)

function parse(file) {
  return acorn.parse(readFileSync(file, 'utf8'), {
    ecmaVersion: 'latest',
    sourceType: 'module',
    locations: true,
  });
}

// Every node of an AST, with its parent.
function* nodes(node, parent = null) {
  if (!node || typeof node.type !== 'string') return;
  yield [node, parent];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) {
      for (const child of value) yield* nodes(child, node);
    } else if (value && typeof value === 'object') {
      yield* nodes(value, node);
    }
  }
}

// tr: a translator handed in as a parameter (a pure module's tr = t).
const I18N_CALLS = new Set(['t', 'tn', 'tParts', 'tr', 'getMessage']);
const calleeName = (call) => call.callee.name ?? call.callee.property?.name;

// The keys the JS names: literal keys, and the prefixes of keys made at run time
// (t(`field_${key}`), catalogueTable(codes, 'error_')).
function keysInJs() {
  const literal = new Map(); // key -> where
  const prefixes = new Map();
  for (const file of JS) {
    for (const [node] of nodes(parse(file))) {
      if (node.type !== 'CallExpression') continue;
      const name = calleeName(node);
      const where = `${rel(file)}:${node.loc.start.line}`;
      const arg = name === 'catalogueTable' ? node.arguments[1] : node.arguments[0];
      if (!I18N_CALLS.has(name) && name !== 'catalogueTable') continue;
      if (!arg) continue;
      if (arg.type === 'Literal' && typeof arg.value === 'string') {
        if (name === 'catalogueTable') prefixes.set(arg.value, where);
        else if (name === 'tn') {
          // A count's message is two: key_one and key_other.
          for (const form of ['one', 'other']) literal.set(`${arg.value}_${form}`, where);
        } else literal.set(arg.value, where);
      } else if (arg.type === 'TemplateLiteral') {
        prefixes.set(arg.quasis[0].value.cooked, where);
        if (name === 'tn' && arg.quasis.length === 1) {
          for (const form of ['one', 'other'])
            literal.set(`${arg.quasis[0].value.cooked}_${form}`, where);
        }
      } else if (arg.type === 'ConditionalExpression') {
        for (const branch of [arg.consequent, arg.alternate]) {
          if (branch.type === 'Literal') literal.set(branch.value, where);
          else if (branch.type === 'TemplateLiteral') {
            prefixes.set(branch.quasis[0].value.cooked, where);
          }
        }
      }
    }
  }
  return { literal, prefixes };
}

const HTML_KEYS = new Map();
for (const file of HTML) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/data-i18n="([^"]*)"/g)) HTML_KEYS.set(m[1], rel(file));
  for (const m of text.matchAll(/data-i18n-attr="([^"]*)"/g)) {
    for (const pair of m[1].split(',')) HTML_KEYS.set(pair.split(':')[1].trim(), rel(file));
  }
}
const MANIFEST_KEYS = [
  ...readFileSync(path.join(SRC, 'manifest.base.json'), 'utf8').matchAll(/__MSG_(\w+)__/g),
].map((m) => m[1]);

test('every key the JS, the HTML and the manifest name is in the catalogue', () => {
  const { literal, prefixes } = keysInJs();
  assert.ok(literal.size > 100, 'the scan finds the t() calls');
  for (const [key, where] of literal) assert.ok(Object.hasOwn(en, key), `${where}: ${key}`);
  for (const [prefix, where] of prefixes) {
    assert.ok(
      EN_KEYS.some((k) => k.startsWith(prefix)),
      `${where}: no key starts with ${prefix}`,
    );
  }
  for (const [key, where] of HTML_KEYS) assert.ok(Object.hasOwn(en, key), `${where}: ${key}`);
  assert.ok(MANIFEST_KEYS.length >= 3);
  for (const key of MANIFEST_KEYS) assert.ok(Object.hasOwn(en, key), `manifest: __MSG_${key}__`);
});

// Every string literal of the JS: a key kept in a table ({locked: {titleKey: 'toolbarLocked'}})
// and read with t(entry.titleKey) is used too.
function stringsInJs() {
  const strings = new Set();
  for (const file of JS) {
    for (const [node] of nodes(parse(file))) {
      if (node.type === 'Literal' && typeof node.value === 'string') strings.add(node.value);
    }
  }
  return strings;
}

test('every key of the catalogue is used', () => {
  const { literal, prefixes } = keysInJs();
  const strings = stringsInJs();
  const unused = EN_KEYS.filter(
    (k) =>
      !literal.has(k) &&
      !strings.has(k) &&
      !HTML_KEYS.has(k) &&
      !MANIFEST_KEYS.includes(k) &&
      ![...prefixes.keys()].some((p) => p && k.startsWith(p)),
  );
  assert.deepEqual(unused, []);
});

test('the tables of codes have a message for every code', async () => {
  const protocol = await ext('src/shared/protocol.js');
  const menuView = await ext('src/shared/menu_view.js');
  const popup = await ext('src/popup/model.js');
  const transfer = await ext('src/shared/transfer.js');
  const layout = await ext('src/options/address_layout.js');
  const tables = {
    HOST_ERRORS: protocol.HOST_ERRORS,
    EXTENSION_ERRORS: protocol.EXTENSION_ERRORS,
    MENU_REFUSALS: menuView.MENU_REFUSALS,
    ANSWER_LABELS: menuView.ANSWER_LABELS,
    STATE_WORDS: popup.STATE_WORDS,
  };
  for (const [name, table] of Object.entries(tables)) {
    assert.ok(Object.keys(table).length > 0, name);
    for (const [code, text] of Object.entries(table)) {
      assert.doesNotMatch(text, /⟦/, `${name}.${code}`);
    }
  }
  for (const category of protocol.CATEGORIES) assert.doesNotMatch(category.label, /⟦/);
  for (const format of transfer.IMPORT_FORMATS) assert.doesNotMatch(format.label, /⟦/);
  for (const country of [
    'US',
    'CA',
    'AU',
    'GB',
    'IE',
    'IT',
    'ES',
    'MX',
    'BR',
    'JP',
    'KR',
    'CN',
    'DE',
    '',
  ]) {
    const { fields, label } = layout.addressLayout(country);
    for (const key of fields) assert.doesNotMatch(label(key, key), /⟦/, `${country} ${key}`);
  }
});

// --- nothing on screen bypasses the catalogue ----------------------------------------------

const VOID = new Set(['meta', 'link', 'input', 'br', 'img', 'hr', 'source', 'col', 'wbr']);
const UI_ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt', 'aria-description'];

// Text nodes and UI attributes of an HTML file that are not under a data-i18n element.
function htmlBypasses(text) {
  const found = [];
  const stack = []; // {tag, localized}
  const localized = () => stack.some((e) => e.localized);
  const tokens = text.replace(/<!--[\s\S]*?-->/g, '').split(/(<[^>]+>)/);
  for (const token of tokens) {
    if (token.startsWith('<!')) continue;
    const tag = token.match(/^<(\/?)([a-zA-Z0-9-]+)([^>]*)>$/);
    if (!tag) {
      const words = token.replace(/&[a-z]+;/g, ' ').trim();
      const inScript = stack.some((e) => e.tag === 'script' || e.tag === 'style');
      if (words && !inScript && !localized() && !NOT_LANGUAGE.has(words)) found.push(words);
      continue;
    }
    const [, closing, name, attrs] = tag;
    const lower = name.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(lower);
      if (at >= 0) stack.length = at;
      continue;
    }
    for (const attr of UI_ATTRIBUTES) {
      const value = attrs.match(new RegExp(`(?:^|\\s)${attr}="([^"]*)"`))?.[1];
      if (value && !NOT_LANGUAGE.has(value)) found.push(`${attr}="${value}"`);
    }
    if (!VOID.has(lower) && !attrs.trim().endsWith('/')) {
      stack.push({ tag: lower, localized: /\sdata-i18n="/.test(attrs) });
    }
  }
  return found;
}

test('the HTML shows no text and no UI attribute that is not from the catalogue', () => {
  assert.ok(HTML.length >= 4);
  for (const file of HTML) {
    assert.deepEqual(htmlBypasses(readFileSync(file, 'utf8')), [], rel(file));
  }
  // The check finds what it looks for.
  assert.deepEqual(htmlBypasses('<p>Hello <b>you</b></p><p data-i18n="x"><a></a></p>'), [
    'Hello',
    'you',
  ]);
  assert.deepEqual(htmlBypasses('<input placeholder="Search"><h1>pims</h1>'), [
    'placeholder="Search"',
  ]);
});

// A string written in the JS that reads as words for a person: at least two words of letters,
// most of the string, starting with a capital or ending in punctuation.
function readsAsProse(text) {
  const tokens = text.trim().split(/\s+/);
  const words = tokens.filter((w) => /^[A-Za-z][a-z']+[,.;:!?…]?$/.test(w));
  return (
    tokens.length >= 2 &&
    words.length >= 2 &&
    words.length * 2 >= tokens.length &&
    (/^[A-Z]/.test(text.trim()) || /[.!?…:]$/.test(text.trim()))
  );
}

// Whether a literal's text is language (letters that are not on the allowlist).
function isLanguage(text) {
  const trimmed = text.trim();
  return /\p{L}{2,}/u.test(trimmed) && !NOT_LANGUAGE.has(trimmed);
}

// The literal texts an expression may evaluate to, as directly written in it.
function literalTexts(expr) {
  if (!expr) return [];
  switch (expr.type) {
    case 'Literal':
      return typeof expr.value === 'string' ? [expr.value] : [];
    case 'TemplateLiteral':
      return expr.quasis.map((q) => q.value.cooked);
    case 'ConditionalExpression':
      return [...literalTexts(expr.consequent), ...literalTexts(expr.alternate)];
    case 'LogicalExpression':
    case 'BinaryExpression':
      return [...literalTexts(expr.left), ...literalTexts(expr.right)];
    case 'ArrayExpression':
      return expr.elements.flatMap(literalTexts);
    case 'SpreadElement':
      return literalTexts(expr.argument);
    default:
      return []; // a call (t(), a formatter), a name: not written here
  }
}

const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt']);

// What in a module's AST puts a literal on screen: [line, text].
function jsBypasses(source) {
  const found = [];
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  const add = (node, exprs) => {
    for (const text of exprs.flatMap(literalTexts)) {
      if (isLanguage(text)) found.push([node.loc.start.line, text]);
    }
  };
  for (const [node, parent] of nodes(ast)) {
    if (node.type === 'CallExpression') {
      const name = calleeName(node);
      if (name === 'h') add(node, node.arguments.slice(2));
      if (name === 'fill') add(node, node.arguments.slice(1));
      if (['append', 'prepend', 'replaceChildren', 'createTextNode'].includes(name)) {
        add(node, node.arguments);
      }
      if (
        name === 'setAttribute' &&
        node.arguments[0]?.type === 'Literal' &&
        UI_ATTRIBUTES.includes(node.arguments[0].value)
      ) {
        add(node, [node.arguments[1]]);
      }
      if (I18N_CALLS.has(name)) continue;
    }
    if (
      node.type === 'AssignmentExpression' &&
      node.left.type === 'MemberExpression' &&
      TEXT_PROPERTIES.has(node.left.property.name)
    ) {
      add(node, [node.right]);
    }
    if (node.type === 'Property') {
      const key = node.key.name ?? node.key.value;
      if (UI_ATTRIBUTES.includes(key) || key === 'message') add(node, [node.value]);
    }
    // Any sentence written as a literal, wherever it goes (a table of messages, a return).
    if (node.type === 'Literal' && typeof node.value === 'string' && readsAsProse(node.value)) {
      const isKey = parent?.type === 'CallExpression' && I18N_CALLS.has(calleeName(parent));
      const isImport = parent?.type?.startsWith('Import') || parent?.type?.startsWith('Export');
      if (!isKey && !isImport) found.push([node.loc.start.line, node.value]);
    }
    if (node.type === 'TemplateLiteral') {
      const text = node.quasis.map((q) => q.value.cooked).join('x');
      if (readsAsProse(text)) found.push([node.loc.start.line, text]);
    }
  }
  const unique = new Map(found.map(([line, text]) => [`${line}\u0000${text}`, [line, text]]));
  return [...unique.values()];
}

test('no string literal in the JS reaches the screen', () => {
  const all = [];
  for (const file of JS) {
    for (const [line, text] of jsBypasses(readFileSync(file, 'utf8'))) {
      all.push(`${rel(file)}:${line}: ${JSON.stringify(text)}`);
    }
  }
  assert.deepEqual(all, []);
});

test('the JS check finds what it looks for', () => {
  const found = (source) => jsBypasses(source).map(([, text]) => text);
  assert.deepEqual(found("h('button', {}, 'Save');"), ['Save']);
  assert.deepEqual(found("fill(el, ok ? 'Saved.' : t('x'));"), ['Saved.']);
  assert.deepEqual(found("h('b', { 'aria-label': `Remove ${name}` }, t('x'));"), ['Remove ']);
  assert.deepEqual(found("el.textContent = 'Checking';"), ['Checking']);
  assert.deepEqual(found("el.setAttribute('title', 'Fill with pims');"), ['Fill with pims']);
  assert.deepEqual(found("const E = { locked: 'The vault is locked.' };"), [
    'The vault is locked.',
  ]);
  assert.deepEqual(found("h('p', {}, t('key'), '•', 'pims'); select('#a input, #b');"), []);
  assert.deepEqual(found("fill(el, t('Press again', [x]));"), []);
});
