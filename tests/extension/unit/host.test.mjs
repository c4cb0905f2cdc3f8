import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const host = await ext('src/background/host.js');

// A fake native port and a fake clock with manual timers.
function harness({ failConnect = false, onEvent = () => {} } = {}) {
  const ports = [];
  let now = 1000;
  const timers = new Map();
  let nextTimer = 1;
  const clock = {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { fn, at: now + ms });
      return id;
    },
    clearTimer: (id) => timers.delete(id),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
  };
  let lastError;
  const connection = new host.HostConnection({
    connect: () => {
      if (failConnect) throw new Error('Specified native messaging host not found.');
      const listeners = { message: [], disconnect: [] };
      const port = {
        sent: [],
        error: null,
        postMessage: (m) => port.sent.push(m),
        disconnect: () => {
          port.closed = true;
        },
        onMessage: { addListener: (fn) => listeners.message.push(fn) },
        onDisconnect: { addListener: (fn) => listeners.disconnect.push(fn) },
        reply: (m) => listeners.message.forEach((fn) => fn(m)),
        die: (message) => {
          lastError = message;
          listeners.disconnect.forEach((fn) => fn(port));
          lastError = undefined;
        },
      };
      ports.push(port);
      return port;
    },
    lastError: () => lastError,
    ...clock,
    timeoutMs: 10_000,
    slowTimeoutMs: 50_000,
    onEvent,
  });
  return { connection, ports, clock };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('requests get ids, replies are matched by id, the reply comes back without its id', async () => {
  const { connection, ports } = harness();
  const a = connection.request('status');
  const b = connection.request('site.get', { url: 'https://a.example' });
  await tick();
  const [port] = ports;
  assert.deepEqual(port.sent, [
    { id: 1, type: 'status' },
    { id: 2, type: 'site.get', url: 'https://a.example' },
  ]);
  port.reply({ id: 2, ok: true, site: 'https://a.example', allow: [] });
  port.reply({ id: 1, ok: true, vault: 'locked', version: '0.1.0' });
  assert.deepEqual(await a, { ok: true, vault: 'locked', version: '0.1.0' });
  assert.deepEqual(await b, { ok: true, site: 'https://a.example', allow: [] });
  assert.equal(connection.state, 'connected');
});

test('the body cannot override the id or the verb', async () => {
  const { connection, ports } = harness();
  connection.request('status', { id: 'x', type: 'fill' });
  await tick();
  assert.deepEqual(ports[0].sent[0], { id: 1, type: 'status' });
});

test('a request without an answer times out; slow verbs get longer', async () => {
  const { connection, clock } = harness();
  const quick = connection.request('status');
  const slow = connection.request('unlock', { password: 'pw' });
  await tick();
  clock.advance(10_000);
  assert.equal((await quick).error.code, 'host_timeout');
  clock.advance(30_000);
  await tick();
  let settled = false;
  slow.then(() => (settled = true));
  await tick();
  assert.equal(settled, false);
  clock.advance(10_000);
  assert.equal((await slow).error.code, 'host_timeout');
});

test('a reply with id null belongs to the oldest request (the host answers in order)', async () => {
  const { connection, ports } = harness();
  const first = connection.request('status');
  const second = connection.request('lock');
  await tick();
  ports[0].reply({ id: null, ok: false, error: { code: 'bad_json', message: 'x' } });
  ports[0].reply({ id: 2, ok: true });
  assert.equal((await first).error.code, 'bad_json');
  assert.equal((await second).ok, true);
});

test('a missing host is reported as such (the pages add the steps for this system)', async () => {
  const { connection, ports } = harness();
  const reply = connection.request('status');
  await tick();
  ports[0].die('Specified native messaging host not found.');
  const r = await reply;
  assert.equal(r.error.code, 'host_missing');
  assert.match(r.error.message, /pims-host is not installed, or not registered/);
  assert.equal(connection.state, 'host_missing');
});

test('a connect that throws is reported, not thrown', async () => {
  const { connection } = harness({ failConnect: true });
  assert.equal((await connection.request('status')).error.code, 'host_missing');
});

test('disconnect texts of both browsers are classified', () => {
  const c = host.classifyDisconnect;
  assert.equal(c('Specified native messaging host not found.'), 'host_missing');
  assert.equal(c('No such native application org.pims.host'), 'host_missing');
  assert.equal(c('Access to the specified native messaging host is forbidden.'), 'host_forbidden');
  assert.equal(
    c('This extension does not have permission to use native application org.pims.host'),
    'host_forbidden',
  );
  assert.equal(c('Native host has exited.'), 'host_exited');
  assert.equal(c(undefined), 'host_exited');
});

test('after the host exits, the next request reconnects after a growing delay', async () => {
  const { connection, ports, clock } = harness();
  const r1 = connection.request('status');
  await tick();
  ports[0].die('Native host has exited.'); // firefox: port.error; chrome: lastError
  assert.equal((await r1).error.code, 'host_exited');

  const r2 = connection.request('status');
  await tick();
  assert.equal(ports.length, 1, 'waits for the back-off before reconnecting');
  clock.advance(host.BACKOFF_INITIAL_MS);
  await tick();
  assert.equal(ports.length, 2);
  ports[1].die('Native host has exited.');
  assert.equal((await r2).error.code, 'host_exited');
  assert.equal(connection.backoffMs(), host.BACKOFF_INITIAL_MS * 2);

  const r3 = connection.request('status');
  clock.advance(host.BACKOFF_INITIAL_MS * 2);
  await tick();
  assert.equal(ports.length, 3);
  ports[2].reply({ id: 3, ok: true, vault: 'absent' });
  assert.equal((await r3).ok, true);
  assert.equal(connection.failures, 0, 'a reply resets the back-off');
});

test('a request that would outwait its timeout in back-off fails at once', async () => {
  const { connection } = harness();
  connection.failures = 10;
  connection.retryAt = connection.now() + connection.backoffMs();
  connection.state = 'host_exited';
  assert.equal((await connection.request('status')).error.code, 'host_exited');
});

test('the back-off is capped', () => {
  const { connection } = harness();
  connection.failures = 50;
  assert.equal(connection.backoffMs(), host.BACKOFF_MAX_MS);
});

test('a request too large for the host fails here', async () => {
  const { connection } = harness();
  const r = await connection.request('profile.put', {
    profile: { x: 'y'.repeat(host.MAX_REQUEST_BYTES) },
  });
  assert.equal(r.error.code, 'too_large');
});

test('a host that stops answering is restarted after three timeouts in a row', async () => {
  const { connection, ports, clock } = harness();
  for (let i = 0; i < 3; i++) {
    const r = connection.request('status');
    await tick();
    clock.advance(10_000);
    await r;
  }
  assert.equal(ports[0].closed, true);
  assert.equal(connection.port, null);
});

test('a reply without an id answers the oldest request not yet answered, never a later one', async () => {
  const { connection, ports, clock } = harness();
  const first = connection.request('status');
  await tick();
  clock.advance(10_000); // the first request times out; its answer is still to come
  assert.equal((await first).error.code, 'host_timeout');
  const second = connection.request('status');
  await tick();
  const [port] = ports;
  // The host's answer to the first (id null: a frame it could not read) arrives now.
  port.reply({ id: null, ok: false, error: { code: 'too_large', message: 'too large' } });
  await tick();
  let settled = false;
  second.then(() => (settled = true));
  await tick();
  assert.equal(settled, false, 'the late answer to the first request went to the second');
  port.reply({ id: port.sent[1].id, ok: true, vault: 'locked' });
  assert.equal((await second).vault, 'locked');
});

test('a reply naming a request answers every older one too: a later id-less reply is dropped', async () => {
  const { connection, ports, clock } = harness();
  const first = connection.request('status');
  await tick();
  clock.advance(10_000);
  await first;
  const second = connection.request('status');
  await tick();
  const [port] = ports;
  port.reply({ id: port.sent[1].id, ok: true, vault: 'unlocked' });
  assert.equal((await second).vault, 'unlocked');
  const third = connection.request('status');
  await tick();
  port.reply({ id: null, ok: false, error: { code: 'bad_json', message: 'x' } });
  assert.equal((await third).error.code, 'bad_json');
});

test('an event answers no request and reaches the listener', async () => {
  const events = [];
  const { connection, ports } = harness({ onEvent: (e) => events.push(e) });
  const pending = connection.request('status');
  await tick();
  const [port] = ports;
  port.reply({ event: 'locked' });
  await tick();
  assert.deepEqual(events, ['locked']);
  port.reply({ id: port.sent[0].id, ok: true, vault: 'locked' });
  assert.equal((await pending).vault, 'locked');
});

test('the size limit counts UTF-8 bytes, as the host does', async () => {
  const { connection, ports } = harness();
  // 400,000 characters of three UTF-8 bytes each: 1.2 MB, though only 400,000 UTF-16 units.
  const reply = await connection.request('profile.put', { note: '€'.repeat(400_000) });
  assert.equal(reply.error.code, 'too_large');
  assert.equal(ports.length === 0 || ports[0].sent.length === 0, true);
  assert.equal(host.utf8Length('€'), 3);
});
