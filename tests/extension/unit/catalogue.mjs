// The extension's catalogues (extension/src/_locales) read as the browser reads them: getMessage
// with Chrome's rules (keys are case-insensitive, named placeholders hold their content, $1..$9
// are the substitutions, $$ is a dollar, a key missing in a language falls back to English).
// For the unit tests (i18n_stub.mjs) and the browser suites, which check what pages show.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../extension/src/_locales',
);
export const DEFAULT_LOCALE = 'en';

export function languages() {
  return readdirSync(LOCALES).sort();
}

const cache = new Map();
// The catalogue of `lang` as written: {key: {message, description?, placeholders?}}.
export function catalogue(lang) {
  if (!cache.has(lang)) {
    cache.set(lang, JSON.parse(readFileSync(path.join(LOCALES, lang, 'messages.json'), 'utf8')));
  }
  return cache.get(lang);
}

function lookup(lang, key) {
  const wanted = String(key).toLowerCase();
  for (const [name, entry] of Object.entries(catalogue(lang))) {
    if (name.toLowerCase() === wanted) return entry;
  }
  return null;
}

// The message `key` in `lang` with `substitutions`, as chrome.i18n.getMessage gives it.
export function messageIn(lang, key, substitutions) {
  const entry = lookup(lang, key) ?? lookup(DEFAULT_LOCALE, key);
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [].concat(substitutions).map(String);
  const named = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name) =>
    Object.hasOwn(named, name.toLowerCase()) ? named[name.toLowerCase()] : all,
  );
  return withNamed.replace(/\$(\$|[1-9])/g, (all, what) =>
    what === '$' ? '$' : (subs[Number(what) - 1] ?? ''),
  );
}

export function i18nIn(lang) {
  return {
    getMessage: (key, substitutions) => messageIn(lang, key, substitutions),
    getUILanguage: () => lang,
  };
}
