import test from 'node:test';
import assert from 'node:assert/strict';
import { ext } from './paths.mjs';

const router = await ext('src/background/router.js');
const { DESCRIPTOR_KEYS, DESCRIPTOR_TEXT_KEYS } = await ext('src/shared/protocol.js');
const ID = 'pimolfoaenmpnnffagccgenemjhlonda';
const self = { runtimeId: ID, extensionOrigin: `chrome-extension://${ID}/` };

const popup = {
  id: ID,
  url: `chrome-extension://${ID}/popup/popup.html`,
  origin: `chrome-extension://${ID}`,
};
const content = {
  id: ID,
  url: 'https://www.shop.example/checkout?step=2',
  origin: 'https://www.shop.example',
  tab: { id: 7, url: 'https://www.shop.example/checkout?step=2' },
  frameId: 0,
};

test('extension pages are the extension tier, also when opened in a tab', () => {
  assert.equal(router.senderTier(popup, self), 'extension');
  assert.equal(router.senderTier({ ...popup, tab: { id: 3 } }, self), 'extension');
  // Firefox reports no origin.
  const moz = { id: ID, url: 'moz-extension://1234/options/options.html' };
  assert.equal(
    router.senderTier(moz, {
      runtimeId: ID,
      extensionOrigin: 'moz-extension://1234/',
    }),
    'extension',
  );
});

test('content scripts in http(s) frames are the content tier', () => {
  assert.equal(router.senderTier(content, self), 'content');
  assert.equal(
    router.senderTier(
      {
        ...content,
        frameId: 4,
        url: 'https://pay.example/frame',
        origin: 'https://pay.example',
      },
      self,
    ),
    'content',
  );
});

test('anyone else is refused', () => {
  assert.equal(router.senderTier({ ...popup, id: 'another-extension' }, self), null);
  assert.equal(router.senderTier({ ...content, id: 'another-extension' }, self), null);
  assert.equal(router.senderTier(null, self), null);
  assert.equal(router.senderTier({ id: ID }, self), null);
  // An extension URL with a foreign origin claim.
  assert.equal(router.senderTier({ ...popup, origin: 'https://evil.example' }, self), null);
  // A content script in a non-web frame.
  assert.equal(
    router.senderTier({ ...content, url: 'file:///etc/passwd', origin: 'null' }, self),
    null,
  );
  // No tab or frame: not a content script.
  assert.equal(router.senderTier({ ...content, tab: undefined }, self), null);
});

test('the frame URL comes from the sender and must agree with its origin', () => {
  assert.equal(router.frameUrlOf(content, self), content.url);
  assert.equal(router.frameUrlOf({ url: 'http://shop.example/' }, self), 'http://shop.example/');
  assert.equal(router.frameUrlOf({ ...content, origin: 'https://evil.example' }, self), null);
  assert.equal(
    router.frameUrlOf({ url: 'about:blank', origin: 'https://shop.example' }, self),
    null,
  );
  assert.equal(router.frameUrlOf({ url: 'javascript:alert(1)' }, self), null);
  assert.equal(router.frameUrlOf({}, self), null);
});

// pims' practice shop: the content script in an extension page, with a reserved site.
const practice = {
  id: ID,
  url: `chrome-extension://${ID}/try/shop.html`,
  origin: `chrome-extension://${ID}`,
  tab: { id: 9, url: `chrome-extension://${ID}/try/shop.html` },
  frameId: 0,
};

test('the practice shop, as the top frame of a tab, is a content script of a reserved site', () => {
  assert.equal(router.PRACTICE_URL, 'https://try.pims.invalid/');
  assert.equal(router.senderTier(practice, self), 'content');
  assert.equal(router.frameUrlOf(practice, self), router.PRACTICE_URL);
  assert.equal(router.tabUrlOf(practice.tab.url, self), router.PRACTICE_URL);
  // Firefox: a moz-extension:// origin of its own.
  const moz = { runtimeId: ID, extensionOrigin: 'moz-extension://1234/' };
  const mozPractice = {
    id: ID,
    url: 'moz-extension://1234/try/shop.html',
    tab: { id: 2 },
    frameId: 0,
  };
  assert.equal(router.senderTier(mozPractice, moz), 'content');
  assert.equal(router.frameUrlOf(mozPractice, moz), router.PRACTICE_URL);
  // What it may send is what a content script may send.
  assert.deepEqual(router.route({ type: 'unlock', password: 'x' }, 'content'), {
    action: 'refuse',
    code: 'forbidden',
  });
});

test('nothing else gets the practice mapping', () => {
  const not = (sender, tier, label) => {
    assert.equal(router.senderTier(sender, self), tier, label);
    assert.notEqual(router.frameUrlOf(sender, self), router.PRACTICE_URL, label);
  };
  // Another extension page in a tab keeps the extension tier.
  not({ ...practice, url: `chrome-extension://${ID}/popup/popup.html` }, 'extension', 'popup');
  not({ ...practice, url: `chrome-extension://${ID}/try/other.html` }, 'extension', 'other page');
  // The practice page in a frame, with no tab, or not exactly its URL: today's tiers.
  not({ ...practice, frameId: 3 }, 'extension', 'in a sub-frame');
  not({ ...practice, frameId: undefined }, 'extension', 'no frame id');
  not({ ...practice, tab: undefined }, 'extension', 'no tab');
  not({ ...practice, url: `${practice.url}?x=1` }, 'extension', 'with a query');
  not({ ...practice, url: `${practice.url}#x` }, 'extension', 'with a fragment');
  // Another extension's practice page, or this one with a foreign origin claim.
  not({ ...practice, id: 'another-extension' }, null, 'another extension');
  not({ ...practice, origin: 'https://try.pims.invalid' }, null, 'a foreign origin');
  const otherId = 'abcdefghijklmnopabcdefghijklmnop';
  not(
    { ...practice, url: `chrome-extension://${otherId}/try/shop.html`, origin: undefined },
    null,
    'another extension URL',
  );
  // A web page that claims the practice URL or serves a page at the same path: its own site.
  const claim = {
    ...content,
    url: 'https://try.pims.invalid/',
    origin: 'https://try.pims.invalid',
  };
  assert.equal(router.senderTier(claim, self), 'content');
  assert.equal(router.frameUrlOf(claim, self), 'https://try.pims.invalid/'); // its own URL, as any page
  const lookalike = {
    ...content,
    url: 'https://evil.example/try/shop.html',
    origin: 'https://evil.example',
  };
  assert.equal(router.frameUrlOf(lookalike, self), lookalike.url);
  assert.equal(router.tabUrlOf(lookalike.url, self), lookalike.url);
  assert.equal(
    router.tabUrlOf(`chrome-extension://${ID}/welcome/welcome.html`, self),
    `chrome-extension://${ID}/welcome/welcome.html`,
  );
  assert.equal(router.tabUrlOf(`${practice.url}#x`, self), `${practice.url}#x`);
  assert.equal(router.tabUrlOf(undefined, self), undefined);
});

test('extension pages may send host verbs except fill, and tab requests', () => {
  assert.deepEqual(router.route({ type: 'unlock', password: 'x' }, 'extension'), {
    action: 'host',
    verb: 'unlock',
  });
  assert.deepEqual(
    router.route({ type: 'site.set', url: 'https://a.example', allow: [] }, 'extension'),
    { action: 'host', verb: 'site.set' },
  );
  assert.equal(
    router.route({ type: 'fill', url: 'https://a.example', fields: [] }, 'extension').action,
    'refuse',
  );
  assert.deepEqual(router.route({ type: 'tab.summary', tabId: 3 }, 'extension'), {
    action: 'summary',
  });
  assert.deepEqual(router.route({ type: 'tab.fill', tabId: 3 }, 'extension'), {
    action: 'fill-tab',
  });
  assert.equal(router.route({ type: 'tab.fill' }, 'extension').code, 'bad_message');
  // One frame of the tab (Fill with pims on a field in it).
  assert.equal(
    router.route({ type: 'tab.fill', tabId: 3, frameId: 4 }, 'extension').action,
    'fill-tab',
  );
  assert.equal(
    router.route({ type: 'tab.fill', tabId: 3, frameId: '4' }, 'extension').code,
    'bad_message',
  );
  assert.equal(
    router.route({ type: 'tab.fill', tabId: 3, frameId: -1 }, 'extension').code,
    'bad_message',
  );
  assert.equal(router.route({ type: 'nope' }, 'extension').code, 'forbidden');
  // Import and export, for the welcome and options pages; never for a content script.
  assert.deepEqual(
    router.route({ type: 'import.preview', format: 'csv', data: 'YQ==' }, 'extension'),
    { action: 'host', verb: 'import.preview' },
  );
  assert.equal(router.route({ type: 'export.bitwarden' }, 'content').code, 'forbidden');
});

test('content scripts may only describe or ask to fill their own fields', () => {
  assert.deepEqual(router.route({ type: 'page.fields', reason: 'load', fields: [] }, 'content'), {
    action: 'fields',
  });
  assert.deepEqual(router.route({ type: 'page.describe', fields: [] }, 'content'), {
    action: 'describe',
  });
  for (const verb of [
    'unlock',
    'profile.get',
    'site.set',
    'fill',
    'lock',
    'tab.fill',
    'tab.summary',
  ]) {
    assert.deepEqual(
      router.route({ type: verb, tabId: 1 }, 'content'),
      { action: 'refuse', code: 'forbidden' },
      verb,
    );
  }
  assert.equal(
    router.route({ type: 'page.fields', reason: 'load' }, 'content').code,
    'bad_message',
  );
  assert.equal(
    router.route({ type: 'page.fields', reason: 'please', fields: [] }, 'content').code,
    'bad_message',
  );
  assert.equal(
    router.route({ type: 'page.fields', reason: 'load', fields: [], ask: ['f1'] }, 'content')
      .action,
    'fields',
  );
  assert.equal(
    router.route({ type: 'page.fields', reason: 'load', fields: [], ask: 'f1' }, 'content').code,
    'bad_message',
  );
});

test('messages from unknown senders or of no shape are refused', () => {
  assert.equal(router.route({ type: 'status' }, null).action, 'refuse');
  assert.equal(router.route(null, 'extension').code, 'bad_message');
  assert.equal(router.route('status', 'extension').code, 'bad_message');
});

test('the host body drops the routing keys', () => {
  assert.deepEqual(router.hostBody({ type: 'unlock', id: 99, password: 'pw' }), { password: 'pw' });
});

test('descriptors from a content script are reduced to known keys and sizes', () => {
  const fields = router.sanitizeFields([
    {
      ref: 'f1',
      autocomplete: 'email',
      label: 'x'.repeat(1000),
      visible: true,
      maxlength: 20,
      extra: 'dropped',
      value: 'secret',
    },
    { ref: 'f1', autocomplete: 'tel' }, // duplicate ref
    { ref: 'bad ref!', autocomplete: 'tel' },
    {
      ref: 'f2',
      options: [{ value: 'FR', text: 'France', selected: true }, null],
      maxlength: -1,
      visible: 'yes',
    },
    null,
    'junk',
  ]);
  assert.equal(fields.length, 2);
  assert.equal(fields[0].label.length, 200);
  assert.equal(fields[0].maxlength, 20);
  assert.equal(fields[0].visible, true);
  assert.ok(!('extra' in fields[0]) && !('value' in fields[0]));
  assert.deepEqual(fields[1].options, [{ value: 'FR', text: 'France' }]);
  assert.ok(!('maxlength' in fields[1]));
  assert.equal(fields[1].visible, false);
  assert.deepEqual(router.sanitizeFields('nope'), []);
  assert.equal(
    router.sanitizeFields(Array.from({ length: 900 }, (_, i) => ({ ref: `f${i}` }))).length,
    500,
  );
});

test('every key of a descriptor reaches the host, as the content script wrote it', () => {
  const full = {
    ref: 'f1',
    maxlength: 5,
    options: [{ value: 'NY', text: 'New York' }],
  };
  for (const key of DESCRIPTOR_TEXT_KEYS) full[key] = `${key} text`;
  full.visible = true;
  assert.deepEqual(Object.keys(full).sort(), [...DESCRIPTOR_KEYS].sort());
  const [clean] = router.sanitizeFields([full]);
  assert.deepEqual(clean, full);
  // A field labelled only by the text beside it keeps that text.
  const [bare] = router.sanitizeFields([{ ref: 'f2', label: '', nearby: 'Postcode' }]);
  assert.equal(bare.nearby, 'Postcode');
});

test('a content script may present a gesture token, shaped as the background makes them', () => {
  const fields = { type: 'page.fields', reason: 'gesture', fields: [] };
  const token = '0b5c3f3e-8d9a-4c1e-9f00-123456789abc';
  assert.equal(router.route({ ...fields, gesture: token }, 'content').action, 'fields');
  assert.equal(
    router.route({ ...fields, gesture: 'x'.repeat(5000) }, 'content').code,
    'bad_message',
  );
  assert.equal(router.route({ ...fields, gesture: { token } }, 'content').code, 'bad_message');
});

test('an extension page may ask whether a tab waits for the vault; nobody else may', () => {
  assert.deepEqual(router.route({ type: 'tab.waiting', tabId: 3 }, 'extension'), {
    action: 'waiting',
  });
  assert.equal(router.route({ type: 'tab.waiting' }, 'extension').code, 'bad_message');
  assert.equal(router.route({ type: 'tab.waiting', tabId: 3 }, 'content').action, 'refuse');
});
