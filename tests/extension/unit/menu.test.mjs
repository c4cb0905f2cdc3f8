// The menu at a field, from plain data: what it shows for the host's offer, how big it is,
// where it goes, when a choice counts, who may speak to it, and its sessions in the background.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { menuView, menuSize, joinWords, siteName, MENU_LAYOUT } =
  await ext('src/shared/menu_view.js');
const { menuVerdict } = await ext('src/content/menu_guard.js');
const { placeMenu } = await ext('src/content/menu_anchor.js');
const { MenuSessions } = await ext('src/background/menu.js');
const router = await ext('src/background/router.js');
const { CATEGORY_IDS } = await ext('src/shared/protocol.js');

const ID = 'pimolfoaenmpnnffagccgenemjhlonda';
const self = { runtimeId: ID, extensionOrigin: `chrome-extension://${ID}/` };

const ADDRESSES = [
  { id: 'home', label: 'Home', summary: '12 St James’s Square, London, SW1Y 4JH', default: true },
  { id: 'work', label: 'Work', summary: '1 Babbage Street, Cambridge, CB2 1TN', default: false },
];

function offer(overrides = {}) {
  return {
    ok: true,
    site: 'https://fairsocks.com',
    menu: true,
    role: 'shipping',
    state: 'allowed',
    allow: ['shipping_address'],
    deny: [],
    undecided: [],
    entries: ADDRESSES,
    ...overrides,
  };
}

test('words are joined as a sentence, sites shown without https', () => {
  assert.equal(joinWords(['name']), 'name');
  assert.equal(joinWords(['name', 'email']), 'name and email');
  assert.equal(
    joinWords(['name', 'email', 'shipping address']),
    'name, email, and shipping address',
  );
  assert.equal(siteName('https://fairsocks.com'), 'fairsocks.com');
  assert.equal(siteName('http://plain.example'), 'http://plain.example');
});

test('an allowed category lists its records, the default first, and opens', () => {
  const view = menuView(offer());
  assert.equal(view.open, true);
  assert.equal(view.question, null);
  assert.deepEqual(
    view.entries.map((e) => [e.index, e.label, e.default]),
    [
      [0, 'Home', true],
      [1, 'Work', false],
    ],
  );
  assert.deepEqual(menuSize(view), {
    width: MENU_LAYOUT.width,
    height:
      2 * MENU_LAYOUT.border + 2 * MENU_LAYOUT.pad + MENU_LAYOUT.status + 2 * MENU_LAYOUT.entry,
  });
});

test('an undecided site gets the question in plain words, and no records yet', () => {
  const view = menuView(
    offer({ state: 'undecided', undecided: ['name', 'email', 'shipping_address'], allow: [] }),
  );
  assert.equal(view.open, true);
  assert.equal(
    view.question.text,
    'fairsocks.com asks for your name, email, and shipping address.',
  );
  assert.deepEqual(view.question.categories, ['name', 'email', 'shipping_address']);
  assert.deepEqual(view.entries, []);
  const also = menuView(offer({ undecided: ['email'] }));
  assert.equal(also.question.text, 'fairsocks.com also asks for your email.');
  assert.equal(also.entries.length, 2);
  assert.ok(menuSize(also).height > menuSize(menuView(offer())).height);
});

test('nothing opens at a refused, insecure or unknown field, or with the menu turned off', () => {
  assert.equal(menuView(offer({ state: 'refused', entries: [] })).open, false);
  assert.equal(
    menuView(offer({ state: 'insecure', entries: [], undecided: ['name'] })).open,
    false,
  );
  assert.equal(menuView({ ok: true, role: null, entries: [] }).open, false);
  assert.equal(menuView(offer({ menu: false })).open, false);
  assert.equal(menuView(offer({ entries: [] })).open, false);
});

test('once says nothing is kept', () => {
  const view = menuView(offer({ state: 'once' }));
  assert.match(view.note, /Just this once: nothing is kept for fairsocks\.com/);
});

test('the menu goes under its field, else above it, within the window', () => {
  const size = { width: 320, height: 120 };
  const viewport = { width: 1000, height: 800 };
  assert.deepEqual(placeMenu({ left: 40, top: 100, width: 200, height: 30 }, size, viewport), {
    left: 40,
    top: 132,
  });
  assert.deepEqual(placeMenu({ left: 900, top: 750, width: 90, height: 30 }, size, viewport), {
    left: 680,
    top: 628,
  });
  assert.deepEqual(placeMenu({ left: 0, top: 20, width: 90, height: 760 }, size, viewport), {
    left: 0,
    top: 680,
  });
});

function measured(overrides = {}) {
  const link = {
    opacity: 1,
    filter: 'none',
    display: 'block',
    visibility: 'visible',
    transformed: false,
    clipPath: 'none',
    mask: 'none',
    zoom: '1',
    blend: 'normal',
  };
  return {
    attached: true,
    chain: [{ ...link }, { ...link }],
    rect: { left: 40, top: 132, width: 320, height: 120 },
    expected: { left: 40, top: 132 },
    viewport: { width: 1000, height: 800 },
    covered: [false, false, false, false, false],
    ...overrides,
  };
}

test('a choice counts only when the menu is drawn as it was put, whole and uncovered', () => {
  assert.deepEqual(menuVerdict(measured()), { visible: true });
  const root = (changes) => {
    const m = measured();
    Object.assign(m.chain[1], changes);
    return menuVerdict(m).reason;
  };
  assert.equal(root({ opacity: 0.99 }), 'transparent');
  assert.equal(root({ filter: 'blur(1px)' }), 'filtered');
  assert.equal(root({ transformed: true }), 'transformed');
  assert.equal(root({ clipPath: 'inset(50%)' }), 'clipped');
  assert.equal(root({ mask: 'url(#m)' }), 'clipped');
  assert.equal(root({ zoom: '0.1' }), 'zoomed');
  assert.equal(root({ blend: 'multiply' }), 'blended');
  assert.equal(root({ display: 'none' }), 'hidden');
  const m = measured();
  m.chain[0].visibility = 'hidden';
  assert.equal(menuVerdict(m).reason, 'hidden');
  assert.equal(menuVerdict(measured({ covered: [false, true] })).reason, 'covered');
  assert.equal(
    menuVerdict(measured({ rect: { left: 40, top: 400, width: 320, height: 120 } })).reason,
    'moved',
  );
  assert.equal(menuVerdict(measured({ attached: false })).reason, 'removed');
  assert.equal(menuVerdict(measured({ viewport: { width: 300, height: 800 } })).reason, 'outside');
});

test('the menu page is a tier of its own, heard only about its session', () => {
  const menu = {
    id: ID,
    url: `chrome-extension://${ID}/menu/menu.html#abc`,
    origin: `chrome-extension://${ID}`,
    tab: { id: 7 },
    frameId: 3,
  };
  assert.equal(router.senderTier(menu, self), 'menu');
  assert.equal(router.senderTier({ ...menu, tab: undefined }, self), null);
  const route = (m) => router.route(m, 'menu');
  assert.deepEqual(route({ type: 'menu.state', session: 's' }), { action: 'menu-state' });
  assert.deepEqual(route({ type: 'menu.answer', session: 's', answer: 'never' }), {
    action: 'menu-answer',
  });
  assert.equal(
    route({ type: 'menu.answer', session: 's', answer: 'sometimes' }).code,
    'bad_message',
  );
  assert.deepEqual(route({ type: 'menu.pick', session: 's', index: 1 }), { action: 'menu-pick' });
  assert.equal(route({ type: 'menu.pick', session: 's', index: -1 }).code, 'bad_message');
  assert.equal(route({ type: 'site.set', url: 'https://a.example', allow: [] }).code, 'forbidden');
  assert.equal(route({ type: 'profile.get' }).code, 'forbidden');
  // Pages and content scripts may not send the host's offer.
  assert.equal(router.route({ type: 'offer' }, 'extension').code, 'forbidden');
  assert.equal(
    router.route({ type: 'menu.pick', session: 's', index: 0 }, 'content').code,
    'forbidden',
  );
  assert.deepEqual(router.route({ type: 'page.menu', fields: [], focus: 'f1' }, 'content'), {
    action: 'menu-open',
  });
  assert.equal(
    router.route({ type: 'page.fields', reason: 'pick', fields: [] }, 'content').code,
    'bad_message',
  );
});

// The background's sessions against a fake host and content script.
function sessions({ seen = { ok: true } } = {}) {
  const calls = [];
  let policy = { allow: [], deny: [] };
  const request = async (verb, body) => {
    calls.push([verb, body]);
    if (verb === 'site.set') {
      policy = { allow: body.allow, deny: body.deny ?? policy.deny };
      return { ok: true, site: 'https://fairsocks.com', ...policy };
    }
    const once = body.once ?? [];
    const decided = [...policy.allow, ...policy.deny, ...once];
    const undecided = ['name', 'shipping_address'].filter((c) => !decided.includes(c));
    const state = once.includes('shipping_address')
      ? 'once'
      : policy.allow.includes('shipping_address')
        ? 'allowed'
        : policy.deny.includes('shipping_address')
          ? 'refused'
          : 'undecided';
    return offer({ state, undecided, ...policy, entries: state === 'refused' ? [] : ADDRESSES });
  };
  const commands = [];
  const command = async (tabId, frameId, message) => {
    commands.push({ tabId, frameId, ...message });
    return message.action === 'pick' || message.action === 'check' ? seen : { ok: true };
  };
  const menus = new MenuSessions({ request, command, categories: CATEGORY_IDS });
  return { menus, calls, commands };
}

const focus = {
  tabId: 7,
  frameId: 2,
  url: 'https://www.fairsocks.com/checkout',
  fields: [],
  focus: 'f3',
};
const menuSender = { tab: { id: 7 }, frameId: 9 };

test('a session answers only its own menu frame, in its own tab', async () => {
  const { menus } = sessions();
  const opened = await menus.open(focus);
  assert.match(opened.session, /^[0-9a-f]{32}$/);
  assert.equal((await menus.state(opened.session, menuSender)).view.question.categories.length, 2);
  assert.equal((await menus.state(opened.session, { tab: { id: 7 }, frameId: 10 })).ok, false);
  assert.equal((await menus.state(opened.session, { tab: { id: 8 }, frameId: 9 })).ok, false);
  assert.equal((await menus.state('nope', menuSender)).ok, false);
});

test('always stores the asked categories as allowed, never as refused; once stores nothing', async () => {
  let { menus, calls } = sessions();
  let id = (await menus.open(focus)).session;
  menus.state(id, menuSender);
  const always = await menus.answer(id, 'always', menuSender);
  assert.equal(always.view.state, 'allowed');
  assert.deepEqual(calls.find(([v]) => v === 'site.set')[1], {
    url: focus.url,
    allow: ['name', 'shipping_address'],
  });

  ({ menus, calls } = sessions());
  id = (await menus.open(focus)).session;
  const never = await menus.answer(id, 'never', menuSender);
  assert.equal(never.view.open, false);
  assert.deepEqual(calls.find(([v]) => v === 'site.set')[1].deny, ['name', 'shipping_address']);

  ({ menus, calls } = sessions());
  id = (await menus.open(focus)).session;
  const once = await menus.answer(id, 'once', menuSender);
  assert.equal(once.view.state, 'once');
  assert.equal(
    calls.some(([v]) => v === 'site.set'),
    false,
  );
  // The pick carries the once answer to the frame's fill, once.
  const picked = await menus.pick(id, 1, menuSender);
  assert.equal(picked.ok, true);
});

test("a pick is handed to its own frame's next fill only, as a gesture, once", async () => {
  const { menus, commands } = sessions();
  const id = (await menus.open(focus)).session;
  await menus.answer(id, 'once', menuSender);
  const session = menus.sessions.get(id);
  let body = null;
  // The content script fills while the background waits for the pick's command.
  const fields = [{ ref: 'f3', autocomplete: 'street-address', visible: true }];
  const take = (frameId) =>
    menus.takePick(id, { tabId: 7, frameId, url: focus.url, fields, asked: new Set(['f3']) });
  menus.command = async (tabId, frameId, message) => {
    commands.push(message);
    assert.equal(take(99), null); // another frame of the tab
    body = take(2);
    assert.equal(take(2), null); // used once
    return { ok: true, filled: 1 };
  };
  assert.equal((await menus.pick(id, 1, menuSender)).ok, true);
  assert.deepEqual(body.pick, { role: 'shipping', id: 'work' });
  assert.deepEqual(body.once, ['name', 'shipping_address']);
  assert.equal(body.trigger, 'gesture');
  assert.equal(session.pending, null);
  assert.equal(menus.sessions.has(id), false);
  assert.equal(body.top_url, undefined, 'at the top level: no top_url');
});

test('a pick in a frame is a gesture aimed at that frame, with its top page', async () => {
  const { menus } = sessions();
  const id = (await menus.open(focus)).session;
  await menus.answer(id, 'once', menuSender);
  const fields = [{ ref: 'f3', autocomplete: 'street-address', visible: true }];
  let body = null;
  menus.command = async () => {
    body = menus.takePick(id, {
      tabId: 7,
      frameId: 2,
      url: focus.url,
      topUrl: 'https://shop.example/checkout',
      fields,
      asked: new Set(['f3']),
    });
    return { ok: true, filled: 1 };
  };
  assert.equal((await menus.pick(id, 1, menuSender)).ok, true);
  assert.equal(body.trigger, 'gesture');
  assert.equal(body.top_url, 'https://shop.example/checkout');
  assert.equal(body.aimed, true);
});

test('a choice the content script refuses changes nothing', async () => {
  const { menus, calls } = sessions({ seen: { ok: false, reason: 'not_visible' } });
  const id = (await menus.open(focus)).session;
  assert.deepEqual(await menus.answer(id, 'always', menuSender), {
    ok: false,
    reason: 'not_visible',
  });
  assert.equal(
    calls.some(([v]) => v === 'site.set'),
    false,
  );
});
