// The browser's i18n API for node's tests, installed as globalThis.chrome.i18n when no browser
// API is there, in the language PIMS_TEST_LOCALE (default en), so that modules which call t()
// can be tested as they run in a browser.
import { DEFAULT_LOCALE, i18nIn } from './catalogue.mjs';

export * from './catalogue.mjs';

if (!globalThis.browser && !globalThis.chrome) {
  globalThis.chrome = { i18n: i18nIn(process.env.PIMS_TEST_LOCALE || DEFAULT_LOCALE) };
}
