// The one connection to pims-host. Every request gets an id and a timeout; replies are matched
// by id (the host answers in order, so a reply without one answers the oldest request not yet
// answered: if that one timed out, the reply is dropped, never handed to another caller). The
// host may also send events, {event: "locked"}, which answer no request. When the host exits, pending requests fail and the next request reconnects, after a
// delay that doubles with each failure in a row (so a crashing host is not restarted in a
// loop). Nothing sent or received is kept or logged: bodies carry passwords and profile values.

import { HOST_ERRORS, EXTENSION_ERRORS, SLOW_VERBS } from '../shared/protocol.js';

export const DEFAULT_TIMEOUT_MS = 20_000;
// Argon2id with the vault's parameters may take seconds on a slow machine.
export const SLOW_TIMEOUT_MS = 120_000;
export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
// The host's own request limit (docs/protocol.md); larger requests fail here, not there.
export const MAX_REQUEST_BYTES = 1024 * 1024;
// Timeouts in a row after which the host is presumed stuck and restarted.
const MAX_TIMEOUTS_IN_A_ROW = 3;

const encoder = new TextEncoder();
// Bytes of text in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD, as it is sent).
export function utf8Length(text) {
  return encoder.encode(text).length;
}

// An error reply made here: the code is what the pages show (in the shopper's language); the
// message is its text at the time, for logs.
export function errorReply(code) {
  let message = code;
  if (Object.hasOwn(EXTENSION_ERRORS, code)) message = EXTENSION_ERRORS[code];
  else if (Object.hasOwn(HOST_ERRORS, code)) message = HOST_ERRORS[code];
  return { ok: false, error: { code, message } };
}

// What a disconnect means, from the browser's error text (Chrome's runtime.lastError, Firefox's
// port.error). The texts differ between browsers and versions; unknown ones count as an exit.
export function classifyDisconnect(message) {
  const text = String(message ?? '');
  if (/not found|no such native application|failed to start/i.test(text)) return 'host_missing';
  if (/forbidden|does not have permission|not allowed/i.test(text)) return 'host_forbidden';
  return 'host_exited';
}

export class HostConnection {
  // connect(): a new native port (runtime.connectNative bound to the host's name).
  // lastError(): the browser's last error text, read inside onDisconnect (Chrome).
  constructor({
    connect,
    lastError = () => undefined,
    now = () => Date.now(),
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (t) => clearTimeout(t),
    timeoutMs = DEFAULT_TIMEOUT_MS,
    slowTimeoutMs = SLOW_TIMEOUT_MS,
    onStateChange = () => {},
    onEvent = () => {},
  }) {
    Object.assign(this, { connect, lastError, now, setTimer, clearTimer });
    Object.assign(this, { timeoutMs, slowTimeoutMs, onStateChange, onEvent });
    this.port = null;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, timer}, in the order sent
    this.unanswered = []; // ids sent and not yet answered, timed out or not, in the order sent
    this.state = 'idle'; // idle | connected | host_missing | host_forbidden | host_exited
    this.failures = 0;
    this.retryAt = 0;
    this.timeoutsInARow = 0;
  }

  setState(state) {
    if (state !== this.state) {
      this.state = state;
      this.onStateChange(state);
    }
  }

  backoffMs() {
    return Math.min(BACKOFF_INITIAL_MS * 2 ** Math.max(0, this.failures - 1), BACKOFF_MAX_MS);
  }

  open() {
    const port = this.connect();
    this.port = port;
    port.onMessage.addListener((reply) => this.onReply(port, reply));
    port.onDisconnect.addListener(() => this.onDisconnect(port));
    this.setState('connected');
  }

  onReply(port, reply) {
    if (port !== this.port || reply === null || typeof reply !== 'object') return;
    this.failures = 0;
    this.timeoutsInARow = 0;
    if (typeof reply.event === 'string' && !('ok' in reply)) {
      this.onEvent(reply.event);
      return;
    }
    // The host answers in order: a reply answers the oldest request not yet answered (a reply
    // without an id, to a frame the host could not read, too), and every request sent before
    // the one a reply names was answered already.
    let id = reply.id;
    if (id === null || id === undefined) {
      id = this.unanswered.shift();
    } else {
      const at = this.unanswered.indexOf(id);
      if (at >= 0) this.unanswered.splice(0, at + 1);
    }
    const waiter = this.pending.get(id);
    if (!waiter) return; // timed out already
    this.pending.delete(id);
    this.clearTimer(waiter.timer);
    const { id: _omitted, ...rest } = reply;
    waiter.resolve(rest);
  }

  onDisconnect(port) {
    if (port !== this.port) return;
    const message = port.error?.message ?? this.lastError();
    this.port = null;
    this.failures += 1;
    this.retryAt = this.now() + this.backoffMs();
    const code = classifyDisconnect(message);
    this.setState(code);
    this.unanswered = [];
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      this.clearTimer(waiter.timer);
      waiter.resolve(errorReply(code));
    }
  }

  // Closes the port (the host then exits, and its vault locks).
  close() {
    const port = this.port;
    if (!port) return;
    this.port = null;
    port.disconnect();
    this.setState('idle');
    this.unanswered = [];
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      this.clearTimer(waiter.timer);
      waiter.resolve(errorReply('host_exited'));
    }
  }

  // Sends {type, ...body} and resolves with the host's reply without its id:
  // {ok: true, ...} or {ok: false, error: {code, message, field?}}. Never rejects.
  async request(type, body = {}) {
    const started = this.now();
    const limit = SLOW_VERBS.has(type) ? this.slowTimeoutMs : this.timeoutMs;
    if (!this.port) {
      const wait = this.retryAt - this.now();
      if (wait > 0) {
        if (wait >= limit) return errorReply(this.state === 'idle' ? 'host_exited' : this.state);
        await new Promise((resolve) => this.setTimer(resolve, wait));
      }
      if (!this.port) {
        try {
          this.open();
        } catch (error) {
          this.failures += 1;
          this.retryAt = this.now() + this.backoffMs();
          const code = classifyDisconnect(error?.message);
          this.setState(code);
          return errorReply(code);
        }
      }
    }
    const id = this.nextId++;
    const message = { ...body, id, type };
    // The host counts UTF-8 bytes, as the browser sends them, not UTF-16 units.
    if (utf8Length(JSON.stringify(message)) > MAX_REQUEST_BYTES) {
      return errorReply('too_large');
    }
    return new Promise((resolve) => {
      const remaining = Math.max(1, limit - (this.now() - started));
      const timer = this.setTimer(() => this.onTimeout(id), remaining);
      this.pending.set(id, { resolve, timer });
      this.unanswered.push(id);
      try {
        this.port.postMessage(message);
      } catch {
        // The port died between the check and the send; its onDisconnect settles the rest.
        this.pending.delete(id);
        this.unanswered.pop();
        this.clearTimer(timer);
        resolve(errorReply('host_exited'));
      }
    });
  }

  onTimeout(id) {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    waiter.resolve(errorReply('host_timeout'));
    if (++this.timeoutsInARow >= MAX_TIMEOUTS_IN_A_ROW) {
      this.timeoutsInARow = 0;
      this.close();
    }
  }
}
