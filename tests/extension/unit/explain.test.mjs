// Issue 14, "every fill explains itself": the refusals of a fill grouped by reason, in words;
// the badge of a tab that waits for the vault; the toolbar's state from the host's replies.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ext, SRC } from './paths.mjs';

const { explainFill, explanationText, filledText, REASON_KEYS } =
  await ext('src/shared/explain.js');
const { badgeFor, WAITING_BADGE, BADGE_COLOURS } = await ext('src/background/badge.js');
const { vaultStateAfter, iconPaths, TOOLBAR_STATES } = await ext('src/background/toolbar.js');

// The English catalogue, as the browser's i18n.getMessage reads it ($1.. substitutions).
const catalogue = JSON.parse(readFileSync(path.join(SRC, '_locales/en/messages.json'), 'utf8'));
function say(key, subs = []) {
  const list = Array.isArray(subs) ? subs : [subs];
  const entry = catalogue[key];
  assert.ok(entry, `catalogue has ${key}`);
  return entry.message.replace(/\$(\d)/g, (_, n) => String(list[Number(n) - 1]));
}
const labels = { phone: 'Phone number', card: 'Payment card', name: 'Name', email: 'Email' };
const label = (id) => labels[id] ?? id;

test('refusals are grouped by reason, each with its categories, what the shopper can change first', () => {
  const categories = {
    '0:f2': 'phone',
    '0:f3': 'card',
    '0:f4': 'card',
    '0:f5': 'name',
    '2:g1': 'email',
  };
  const explanation = explainFill(
    [
      {
        frameId: 0,
        filled: 4,
        refused: [
          { ref: 'f5', reason: 'not_visible' },
          { ref: 'f2', reason: 'not_allowed' },
          { ref: 'f3', reason: 'insecure_origin' },
          { ref: 'f4', reason: 'insecure_origin' },
          { ref: 'f9', reason: 'empty' },
          { ref: 'f2', reason: 'not_visible' }, // one field, one reason
        ],
      },
      { frameId: 2, filled: 0, refused: [{ ref: 'g1', reason: 'cross_site_frame' }] },
      { frameId: 3, error: 'no_background' },
    ],
    (frame, ref) => categories[`${frame}:${ref}`],
  );
  assert.equal(explanation.filled, 4);
  assert.equal(explanation.notFilled, 6);
  assert.deepEqual(
    explanation.groups.map((g) => [g.reason, g.categories, g.count]),
    [
      ['not_allowed', ['phone'], 1],
      ['insecure_origin', ['card'], 2],
      ['cross_site_frame', ['email'], 1],
      ['empty', [], 1],
      ['not_visible', ['name'], 1],
    ],
  );
  assert.equal(
    explanationText(explanation, say, label),
    '6 fields not filled: Phone number not allowed for this shop; Payment card never on http pages; ' +
      'Email in a frame of another site: use Fill with pims on a field inside it; ' +
      'nothing stored for other fields; Name not visible on the page.',
  );
});

test('every reason the host or the content script gives has words', () => {
  for (const reason of [
    'not_allowed',
    'insecure_origin',
    'needs_gesture',
    'not_visible',
    'empty',
    'too_long',
    'cross_site_frame',
    'top_not_allowed',
    'other_host',
    'refused',
    'autofill_off',
    'not_empty',
  ]) {
    assert.ok(REASON_KEYS[reason], reason);
    assert.ok(catalogue[REASON_KEYS[reason]], REASON_KEYS[reason]);
  }
  // The content script's own (gone, read_only, password_box, no_option) are told as one.
  const e = explainFill([{ frameId: 0, refused: [{ ref: 'a', reason: 'read_only' }] }]);
  assert.equal(
    explanationText(e, say, label),
    '1 field not filled: other fields could not be written into the page.',
  );
  assert.equal(explanationText(explainFill([{ frameId: 0, filled: 2, refused: [] }]), say), '');
  assert.equal(filledText(1, say), 'Filled 1 field on this page.');
  assert.equal(filledText(3, say), 'Filled 3 fields on this page.');
});

test('a tab waiting for the vault shows a lock; a gesture fill that filled nothing says 0', () => {
  assert.deepEqual(badgeFor({ filled: 3, notAllowed: [] }, { waiting: true }), {
    text: WAITING_BADGE,
    colour: BADGE_COLOURS.attention,
  });
  assert.deepEqual(badgeFor({ filled: 3, notAllowed: [] }, {}), {
    text: '3',
    colour: BADGE_COLOURS.filled,
  });
  const nothing = { filled: 0, notFilled: 2, groups: [] };
  assert.deepEqual(badgeFor({ filled: 0, notAllowed: [] }, { lastFill: nothing }), {
    text: '0',
    colour: BADGE_COLOURS.attention,
  });
  assert.equal(badgeFor({ filled: 5, notAllowed: ['card'] }, { lastFill: nothing }).text, '5!');
});

test('the toolbar follows the vault: locked, unlocked, no vault, host missing', () => {
  assert.equal(vaultStateAfter('status', { ok: true, vault: 'unlocked' }), 'unlocked');
  assert.equal(vaultStateAfter('status', { ok: true, vault: 'locked' }), 'locked');
  assert.equal(vaultStateAfter('status', { ok: true, vault: 'absent' }), 'absent');
  assert.equal(vaultStateAfter('unlock', { ok: true }), 'unlocked');
  assert.equal(vaultStateAfter('setup', { ok: true }), 'unlocked');
  assert.equal(vaultStateAfter('lock', { ok: true }), 'locked');
  assert.equal(vaultStateAfter('site.get', { ok: true }), null);
  assert.equal(vaultStateAfter('fill', { ok: false, error: { code: 'locked' } }), 'locked');
  assert.equal(
    vaultStateAfter('status', { ok: false, error: { code: 'host_missing' } }),
    'missing',
  );
  assert.equal(
    vaultStateAfter('status', { ok: false, error: { code: 'host_forbidden' } }),
    'missing',
  );
  assert.equal(vaultStateAfter('unlock', { ok: false, error: { code: 'bad_password' } }), null);
  // Distinct icons and words for each state a shopper must tell apart.
  const icons = new Set(['locked', 'unlocked', 'missing'].map((s) => iconPaths(s)[16]));
  assert.equal(icons.size, 3);
  for (const state of Object.values(TOOLBAR_STATES)) assert.ok(catalogue[state.titleKey]);
});
