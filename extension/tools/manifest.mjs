// Per-browser manifests from the one source (src/manifest.base.json). Pure: the build and the
// unit tests both call it.

// Chrome: a module service worker needs 92, storage.session 102, badge text colour 110.
export const MIN_CHROME_VERSION = '110';
// Firefox: Manifest V3 with native messaging and module background scripts came earlier; 140
// (an ESR) is the first that knows data_collection_permissions, which AMO now requires.
export const MIN_FIREFOX_VERSION = '140.0';
export const MIN_FIREFOX_ANDROID_VERSION = '142.0';

export const BROWSERS = Object.freeze(['chrome', 'firefox']);

// base: the parsed manifest.base.json; identity: the parsed identity.json; version: the
// package's version.
export function makeManifest(base, { browser, identity, version }) {
  if (!BROWSERS.includes(browser)) throw new Error(`unknown browser ${browser}`);
  for (const key of browser === 'chrome' ? ['chrome_key'] : ['gecko_id']) {
    if (typeof identity?.[key] !== 'string' || !identity[key]) {
      throw new Error(`identity.json: ${key} is missing`);
    }
  }
  const manifest = structuredClone(base);
  manifest.version = version;
  const entry = manifest.background.entry;
  if (browser === 'chrome') {
    manifest.background = { service_worker: entry, type: 'module' };
    manifest.key = identity.chrome_key;
    manifest.minimum_chrome_version = MIN_CHROME_VERSION;
  } else {
    manifest.background = { scripts: [entry], type: 'module' };
    // Firefox gives each installation its own random moz-extension:// host already, and does
    // not know use_dynamic_url.
    for (const resource of manifest.web_accessible_resources ?? []) delete resource.use_dynamic_url;
    manifest.browser_specific_settings = {
      gecko: {
        id: identity.gecko_id,
        strict_min_version: MIN_FIREFOX_VERSION,
        // pims sends nothing anywhere but to the shopper's own pims-host.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android learnt data_collection_permissions in 142. (pims does not run there:
      // Android has no native messaging; the key only keeps the manifest consistent.)
      gecko_android: { strict_min_version: MIN_FIREFOX_ANDROID_VERSION },
    };
  }
  return manifest;
}
