// The one browser compatibility layer: Firefox exposes promise-based `browser`, Chrome `chrome`
// (promise-based too under Manifest V3). Everything else imports `webext` from here.
export const webext = globalThis.browser ?? globalThis.chrome;

// Whether a runtime message comes from the extension's own background or pages, not from a
// content script (whose messages reach extension pages too, carrying sender.tab).
export function fromBackground(sender) {
  return (
    sender?.id === webext.runtime.id &&
    !sender.tab &&
    String(sender.url ?? '').startsWith(webext.runtime.getURL(''))
  );
}
