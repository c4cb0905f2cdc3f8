// The one browser compatibility layer: Firefox exposes promise-based `browser`, Chrome `chrome`
// (promise-based too under Manifest V3). Everything else imports `webext` from here.
export const webext = globalThis.browser ?? globalThis.chrome;
