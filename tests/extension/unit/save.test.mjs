// "Save what you typed", from plain data: which values count as typed, who may speak about an
// offer, the offers in the background (nothing stored before the guard says the offer was
// seen; the security code only when ticked), and what the offer shows.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const { TypedValues } = await ext('src/content/typed.js');
const { SaveOffers, saveBody, shownRecord } = await ext('src/background/save.js');
const view = await ext('src/shared/save_view.js');
const router = await ext('src/background/router.js');

const ID = 'pimolfoaenmpnnffagccgenemjhlonda';
const self = { runtimeId: ID, extensionOrigin: `chrome-extension://${ID}/` };

function input(value = '', type = 'text') {
  return { tagName: 'INPUT', type, value, form: null };
}

test('typed values: the shopper’s trusted input counts, a script’s change or pims’ write does not', () => {
  const typed = new TypedValues();
  const street = input();
  const postcode = input();
  const scripted = input();
  const filled = input();
  const password = input('', 'password');
  const entries = [street, postcode, scripted, filled, password].map((el, i) => ({
    el,
    ref: `f${i + 1}`,
  }));
  assert.deepEqual(typed.collect(entries), []);
  street.value = '1 Navy Yard';
  typed.noteInput(street);
  postcode.value = '22202';
  typed.noteInput(postcode);
  postcode.value = '99999'; // a script changed it after the shopper typed
  scripted.value = 'set by the page'; // never typed
  filled.value = 'Arlington';
  typed.noteWrite(filled);
  password.value = 'secret';
  typed.noteInput(password);
  assert.deepEqual(typed.collect(entries), [
    { ref: 'f1', value: '1 Navy Yard', typed: true },
    { ref: 'f4', value: 'Arlington', typed: false },
  ]);
  // pims' values alone send nothing.
  const onlyFilled = new TypedValues();
  onlyFilled.noteWrite(filled);
  assert.deepEqual(onlyFilled.collect(entries), []);
});

test('the offer frame may speak only about its offer; record.match and record.save are the background’s', () => {
  const sender = {
    id: ID,
    url: `chrome-extension://${ID}/menu/save.html#abc`,
    tab: { id: 3 },
    frameId: 7,
  };
  assert.equal(router.senderTier(sender, self), 'save');
  assert.equal(router.senderTier({ ...sender, tab: undefined }, self), null);
  const route = (m) => router.route(m, 'save');
  assert.deepEqual(route({ type: 'save.state', session: 'a' }), { action: 'save-state' });
  assert.deepEqual(route({ type: 'save.answer', session: 'a', answer: 'save' }), {
    action: 'save-answer',
  });
  assert.equal(route({ type: 'save.answer', session: 'a', answer: 'store' }).code, 'bad_message');
  assert.equal(route({ type: 'record.save', session: 'a' }).code, 'forbidden');
  assert.equal(route({ type: 'menu.pick', session: 'a', index: 0 }).code, 'forbidden');
  // A content script may report a submission, never save.
  assert.deepEqual(router.route({ type: 'page.submit', fields: [], values: [] }, 'content'), {
    action: 'save-submit',
  });
  assert.equal(router.route({ type: 'record.save' }, 'content').code, 'forbidden');
  assert.equal(router.route({ type: 'record.save' }, 'extension').code, 'forbidden');
  assert.equal(router.route({ type: 'record.match' }, 'extension').code, 'forbidden');
  assert.equal(router.route({ type: 'record.never' }, 'extension').action, 'host');
});

test('submitted values are bounded and only for the described fields', () => {
  const fields = [{ ref: 'f1' }, { ref: 'f2' }];
  const clean = router.sanitizeValues(
    [
      { ref: 'f1', value: 'a', typed: true, extra: 1 },
      { ref: 'f1', value: 'again', typed: true },
      { ref: 'f9', value: 'not a field', typed: true },
      { ref: 'f2', value: 'x'.repeat(1001), typed: true },
      { ref: 'f2', value: 3 },
      'junk',
    ],
    fields,
  );
  assert.deepEqual(clean, [{ ref: 'f1', value: 'a', typed: true }]);
});

const ADDRESS = {
  kind: 'address',
  section: 'shipping',
  action: 'new',
  record: { 'street-address': '1 Navy Yard', 'postal-code': '22202', country: 'US' },
  shown: { 'street-address': '1 Navy Yard', 'postal-code': '22202', country: 'US' },
  typed: ['street-address', 'postal-code'],
  csc: false,
};
const CARD = {
  kind: 'card',
  action: 'update',
  id: 'visa',
  label: 'Visa',
  record: {
    'cc-number': '4111111111111111',
    'cc-exp-month': 1,
    'cc-exp-year': 2032,
    'cc-csc': '123',
  },
  shown: { 'cc-number': '•••• 1111', 'cc-exp-month': 1, 'cc-exp-year': 2032 },
  changed: ['cc-exp-month', 'cc-exp-year'],
  csc: true,
};

function offers({ match, seen = { ok: true } } = {}) {
  const calls = [];
  const commands = [];
  const saves = new SaveOffers({
    request: async (verb, body) => {
      calls.push({ verb, body });
      if (verb === 'record.match')
        return match ?? { ok: true, site: 'https://shop.example', records: [ADDRESS, CARD] };
      if (verb === 'record.save') return { ok: true, kind: body.kind, label: 'x' };
      return { ok: true };
    },
    command: async (tabId, frameId, message) => {
      commands.push({ tabId, frameId, ...message });
      return message.action === 'check' ? seen : { ok: true };
    },
  });
  return { saves, calls, commands };
}

const frame = { id: ID, tab: { id: 4 }, frameId: 9 };
const submission = {
  tabId: 4,
  frameId: 0,
  url: 'https://shop.example/checkout',
  fields: [],
  values: [{ ref: 'f1', value: 'v', typed: true }],
};

test('an offer is shown in the tab’s top frame, and nothing is stored before the shopper answers there', async () => {
  const { saves, calls, commands } = offers();
  const { offer } = await saves.submitted(submission);
  assert.ok(offer);
  assert.deepEqual(
    calls.map((c) => c.verb),
    ['record.match'],
  );
  assert.equal(saves.toShow(4), offer);
  assert.equal(await saves.show(offer), true);
  assert.deepEqual(commands.at(-1), {
    tabId: 4,
    frameId: 0,
    type: 'save.command',
    action: 'show',
    session: offer,
  });
  const state = saves.state(offer, frame);
  assert.equal(state.view.site, 'https://shop.example');
  // The frame never sees a clear card number or the code.
  assert.doesNotMatch(JSON.stringify(state.view), /4111111111111111|"123"/);
  // Another frame of the tab is not heard once the first asked.
  assert.equal(saves.state(offer, { ...frame, frameId: 10 }).ok, false);
  const answered = await saves.answer(offer, { answer: 'save', csc: false }, frame);
  assert.equal(answered.ok, true);
  const stored = calls.filter((c) => c.verb === 'record.save').map((c) => c.body);
  assert.deepEqual(stored[0], { kind: 'address', record: ADDRESS.record });
  assert.deepEqual(stored[1], {
    kind: 'card',
    update: 'visa',
    record: { 'cc-number': '4111111111111111', 'cc-exp-month': 1, 'cc-exp-year': 2032 },
  });
  // Answered: the values are gone, a second answer is refused.
  assert.equal((await saves.answer(offer, { answer: 'save' }, frame)).ok, false);
});

test('a choice the guard refuses stores nothing; "never" stores the site’s refusal', async () => {
  const refused = offers({ seen: { ok: false, reason: 'not_visible' } });
  const { offer } = await refused.saves.submitted(submission);
  await refused.saves.show(offer);
  const answer = await refused.saves.answer(offer, { answer: 'save', csc: true }, frame);
  assert.deepEqual(answer, { ok: false, reason: 'not_visible' });
  assert.ok(!refused.calls.some((c) => c.verb === 'record.save'));

  const never = offers();
  const made = await never.saves.submitted(submission);
  await never.saves.show(made.offer);
  assert.equal((await never.saves.answer(made.offer, { answer: 'never' }, frame)).ok, true);
  assert.deepEqual(never.calls.at(-1), {
    verb: 'record.never',
    body: { url: 'https://shop.example/checkout', never: true },
  });
});

test('the code is saved only when ticked; a site that said never, or nothing new, makes no offer', async () => {
  assert.equal(saveBody(CARD, true).record['cc-csc'], '123');
  assert.equal(saveBody(CARD, false).record['cc-csc'], undefined);
  assert.equal(shownRecord(CARD).shown['cc-csc'], undefined);
  const never = offers({ match: { ok: true, never: true, records: [ADDRESS] } });
  assert.equal((await never.saves.submitted(submission)).offer, null);
  const same = offers({ match: { ok: true, never: false, records: [], same: 1 } });
  assert.equal((await same.saves.submitted(submission)).offer, null);
});

test('a submission that found the vault locked is matched after the unlock', async () => {
  let locked = true;
  const saves = new SaveOffers({
    request: async () =>
      locked
        ? { ok: false, error: { code: 'locked' } }
        : { ok: true, site: 'https://shop.example', records: [ADDRESS] },
    command: async () => ({ ok: true }),
  });
  assert.equal((await saves.submitted(submission)).ok, false);
  locked = false;
  const made = await saves.unlocked();
  assert.equal(made.length, 1);
  assert.deepEqual(await saves.unlocked(), []);
});

test('an offer shown on a page that went away is shown on the next one, at most twice', async () => {
  const { saves } = offers();
  const { offer } = await saves.submitted(submission);
  assert.equal(await saves.show(offer), true);
  assert.equal(saves.toShow(4), null);
  saves.navigated(4);
  assert.equal(saves.toShow(4), offer);
  assert.equal(await saves.show(offer), true);
  saves.navigated(4);
  assert.equal(saves.toShow(4), null);
});

const tr = (key, sub) => (sub === undefined ? key : `${key}(${sub})`);

test('what the offer says: its title, headings, lines and button', () => {
  assert.equal(view.saveTitle([ADDRESS], tr), 'saveTitleNewAddress');
  assert.equal(
    view.saveTitle([{ ...ADDRESS, action: 'update', label: 'Home' }], tr),
    'saveTitleUpdateAddress(Home)',
  );
  assert.equal(view.saveTitle([CARD], tr), 'saveTitleUpdateCard(Visa)');
  assert.equal(view.saveTitle([ADDRESS, CARD], tr), 'saveTitleSeveral');
  assert.equal(view.recordHeading({ ...ADDRESS, section: 'billing' }, tr), 'saveHeadingNewBilling');
  assert.equal(view.primaryLabel([CARD], tr), 'saveButtonUpdate');
  assert.equal(view.primaryLabel([ADDRESS, CARD], tr), 'saveButtonSave');
  assert.deepEqual(view.recordLines(shownRecord(CARD), tr), [
    { text: '•••• 1111', changed: false },
    { text: 'saveExpires(01/2032)', changed: true },
  ]);
  assert.deepEqual(
    view
      .recordLines(shownRecord(ADDRESS), tr, (c) => (c === 'US' ? 'United States' : c))
      .map((l) => l.text),
    ['1 Navy Yard', '22202', 'United States'],
  );
  assert.equal(view.siteLabel('https://shop.example'), 'shop.example');
  assert.equal(view.siteLabel('http://shop.example'), 'http://shop.example');
});
