// shared/i18n.js: counts, nodes inside sentences, tables of codes and the language for Intl,
// over the real catalogues (through the stub of chrome.i18n, switched between languages).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';
import { i18nIn } from './catalogue.mjs';

const i18n = await ext('src/shared/i18n.js');

function inLanguage(lang, fn, uiLanguage = lang) {
  const saved = globalThis.chrome.i18n;
  globalThis.chrome.i18n = { ...i18nIn(lang), getUILanguage: () => uiLanguage };
  try {
    return fn();
  } finally {
    globalThis.chrome.i18n = saved;
  }
}

test('a count picks its plural form by the language, and is written as the language writes it', () => {
  assert.equal(i18n.tn('filledFields', 1), 'Filled 1 field.');
  assert.equal(i18n.tn('filledFields', 1200), 'Filled 1,200 fields.');
  assert.equal(
    inLanguage('de', () => i18n.tn('filledFields', 1200)),
    '1.200 Felder ausgefüllt.',
  );
  // French counts 0 as singular.
  assert.equal(
    inLanguage('fr', () => i18n.tn('filledFields', 0)),
    '0 champ rempli.',
  );
  assert.equal(
    inLanguage('fr', () => i18n.tn('filledFields', 2)),
    '2 champs remplis.',
  );
});

test('a node goes where the translation puts it', () => {
  const strong = { tag: 'strong' };
  const parts = i18n.tParts('popupOtherSiteAsks', [strong, 'pay.example', 'Email address']);
  assert.deepEqual(parts, [strong, ' (pay.example) asks for: Email address.']);
  const de = inLanguage('de', () =>
    i18n.tParts('welcomeOrEnter', [{ tag: 'a' }]).map((p) => (typeof p === 'string' ? p : '<a>')),
  );
  assert.deepEqual(de, ['Oder ', '<a>', ' (dort können Sie es jederzeit ändern).']);
});

test('a table of codes speaks the language of the moment, and a missing key is seen', () => {
  const table = i18n.catalogueTable(['locked'], 'error_');
  assert.equal(table.locked, 'The vault is locked.');
  assert.equal(
    inLanguage('nl', () => table.locked),
    'De kluis is vergrendeld.',
  );
  assert.deepEqual(Object.keys(table), ['locked']);
  assert.equal(i18n.t('noSuchKey'), '⟦noSuchKey⟧');
});

test("Intl formats in the catalogue's language, or the browser's where it is that language", () => {
  assert.equal(
    inLanguage('en', () => i18n.uiLanguage(), 'en-GB'),
    'en-GB',
  );
  // Chromium without its German resources: German messages, en-US from getUILanguage.
  assert.equal(
    inLanguage('de', () => i18n.uiLanguage(), 'en-US'),
    'de',
  );
  assert.equal(
    inLanguage('pt_BR', () => i18n.uiLanguage(), 'pt-BR'),
    'pt-BR',
  );
  const time = '2026-03-12T14:05:00Z';
  assert.equal(
    inLanguage('de', () => i18n.formatTime(time), 'en-US'),
    new Date(time).toLocaleString('de', { dateStyle: 'medium', timeStyle: 'short' }),
  );
  assert.equal(i18n.formatTime('not a date'), 'not a date');
  assert.equal(
    inLanguage('es', () => i18n.joinList(['a', 'b', 'c'])),
    'a, b y c',
  );
});
