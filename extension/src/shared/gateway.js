// How the extension's pages talk to pims-host: through the background, with the host's own
// verbs ({type: 'unlock', password}). Replies are the host's ({ok, ...} or {ok: false, error}).

import { webext } from './webext.js';
import { HOST_ERRORS, EXTENSION_ERRORS } from './protocol.js';

export async function ask(type, body = {}) {
  try {
    const reply = await webext.runtime.sendMessage({ ...body, type });
    return reply ?? { ok: false, error: { code: 'internal', message: 'No answer.' } };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: String(error?.message ?? error) } };
  }
}

// A reply's error as a sentence for the shopper: the host's message where it has one (it never
// contains a password or a profile value), else the text for the code.
export function errorText(reply) {
  const error = reply?.error ?? {};
  return (
    error.message ||
    HOST_ERRORS[error.code] ||
    EXTENSION_ERRORS[error.code] ||
    'Something went wrong.'
  );
}

export function isHostUnavailable(reply) {
  const code = reply?.error?.code;
  return code === 'host_missing' || code === 'host_forbidden' || code === 'host_exited';
}
