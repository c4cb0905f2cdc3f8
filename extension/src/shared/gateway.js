// How the extension's pages talk to pims-host: through the background, with the host's own
// verbs ({type: 'unlock', password}). Replies are the host's ({ok, ...} or {ok: false, error}).

import { webext } from './webext.js';
import { HOST_ERRORS, EXTENSION_ERRORS } from './protocol.js';
import { t } from './i18n.js';

export async function ask(type, body = {}) {
  try {
    const reply = await webext.runtime.sendMessage({ ...body, type });
    return reply ?? { ok: false, error: { code: 'internal', message: HOST_ERRORS.internal } };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: String(error?.message ?? error) } };
  }
}

// A reply's error as a sentence for the shopper, in their language: the catalogue's message for
// its stable code. The host's own message is English and for logs; it is shown only for a code
// this extension does not know (a newer host), where it is better than nothing.
export function errorText(reply) {
  const error = reply?.error ?? {};
  const code = String(error.code ?? '');
  if (Object.hasOwn(HOST_ERRORS, code)) return HOST_ERRORS[code];
  if (Object.hasOwn(EXTENSION_ERRORS, code)) return EXTENSION_ERRORS[code];
  return error.message || t('error_generic');
}

export function isHostUnavailable(reply) {
  const code = reply?.error?.code;
  return code === 'host_missing' || code === 'host_forbidden' || code === 'host_exited';
}
