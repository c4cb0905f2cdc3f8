// The vault's front door, shared by the popup and the options page: the message when
// pims-host is missing, first-run setup (password + confirm) and unlock. Passwords go straight
// to the host through the background and are cleared from the form at once; nothing keeps them.

import { h, fill, nextId } from './dom.js';
import { ask, errorText, isHostUnavailable } from './gateway.js';
import { webext } from './webext.js';
import { installSteps, browserOf } from './install_help.js';
import { t, formatNumber } from './i18n.js';

export const MIN_PASSWORD_LENGTH = 8;

// Checks a new password and its confirmation; returns an error sentence or null.
export function newPasswordProblem(password, confirm) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return t('passwordTooShort', formatNumber(MIN_PASSWORD_LENGTH));
  }
  if (password !== confirm) return t('passwordsDiffer');
  return null;
}

// A rough strength of a new password, from its length and the kinds of characters in it (an
// estimate of the bits a guesser must cover; repeated characters count once). 'weak' under 45
// bits, 'fair' under 65, else 'strong'. A hint for the shopper, not a rule: only the length is.
export function passwordStrength(password) {
  const distinct = new Set(password).size;
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
  const bits = Math.min(password.length, distinct * 2) * Math.log2(Math.max(pool, 1));
  const level = bits < 45 ? 'weak' : bits < 65 ? 'fair' : 'strong';
  return { bits: Math.round(bits), level };
}

function strengthMeter(input) {
  const id = nextId('strength');
  const meter = h('meter', { id, min: 0, max: 100, low: 45, high: 65, optimum: 100, value: 0 });
  const words = h('span', { 'aria-live': 'polite' });
  input.addEventListener('input', () => {
    const { bits, level } = passwordStrength(input.value);
    meter.value = Math.min(bits, 100);
    fill(words, input.value ? t(`passwordStrength_${level}`) : '');
  });
  return h(
    'div',
    { class: 'row strength' },
    h('label', { for: id }, t('passwordStrengthLabel')),
    meter,
    words,
  );
}

function passwordField(label, autocomplete) {
  const id = nextId('pw');
  const input = h('input', { id, type: 'password', autocomplete, required: true });
  return { input, row: h('div', { class: 'row' }, h('label', { for: id }, label), input) };
}

function setupForm(container, done) {
  const first = passwordField(t('masterPassword'), 'new-password');
  const second = passwordField(t('masterPasswordConfirm'), 'new-password');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('createVault'));
  const form = h(
    'form',
    { class: 'gate', 'aria-labelledby': 'gate-title' },
    h('h2', { id: 'gate-title' }, t('createVaultTitle')),
    h('p', {}, t('createVaultLead')),
    h('p', { class: 'warning' }, t('createVaultWarning')),
    first.row,
    strengthMeter(first.input),
    second.row,
    error,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = first.input.value;
    const problem = newPasswordProblem(password, second.input.value);
    if (problem) {
      fill(error, problem);
      first.input.focus();
      return;
    }
    button.disabled = true;
    fill(error, t('creatingVault'));
    const reply = await ask('setup', { password });
    first.input.value = '';
    second.input.value = '';
    button.disabled = false;
    if (!reply.ok) {
      fill(error, errorText(reply));
      first.input.focus();
      return;
    }
    done();
  });
  fill(container, form);
  first.input.focus();
}

// note: a sentence under the title saying what waits for the unlock (a page to fill, edits to
// save), or nothing.
function unlockForm(container, done, note = '') {
  const field = passwordField(t('masterPassword'), 'current-password');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('unlock'));
  const form = h(
    'form',
    { class: 'gate', 'aria-labelledby': 'gate-title' },
    h('h2', { id: 'gate-title' }, t('lockedTitle')),
    note ? h('p', { class: 'waiting', id: 'gate-note' }, note) : null,
    field.row,
    error,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    fill(error, t('unlocking'));
    const reply = await ask('unlock', { password: field.input.value });
    field.input.value = '';
    button.disabled = false;
    if (!reply.ok) {
      fill(error, errorText(reply));
      field.input.focus();
      return;
    }
    done();
  });
  fill(container, form);
  field.input.focus();
}

// The steps to install and register pims-host on this system, for this browser.
export async function installHelp() {
  const os = await webext.runtime
    .getPlatformInfo()
    .then((info) => info.os)
    .catch(() => 'unknown');
  const { title, steps } = installSteps(os, browserOf(webext.runtime.getURL('')));
  return [
    h('h3', {}, title),
    h(
      'ol',
      {},
      steps.map((step) =>
        h('li', {}, step.text, step.command ? h('pre', {}, h('code', {}, step.command)) : null),
      ),
    ),
  ];
}

async function hostProblem(container, reply, retry) {
  const missing = isHostUnavailable(reply);
  const title = missing ? t('hostUnavailableTitle') : t('vaultUnavailableTitle');
  fill(
    container,
    h(
      'div',
      { class: 'gate', role: 'alert' },
      h('h2', {}, title),
      h('p', {}, errorText(reply)),
      missing ? await installHelp() : null,
      h('button', { type: 'button', onclick: retry }, t('tryAgain')),
    ),
  );
}

// Shows what the vault needs in `container` and calls onUnlocked(status) once it is open.
// Resolves with the status reply. note: shown with the unlock form (see unlockForm).
export async function showGate(container, onUnlocked, { note = '' } = {}) {
  const again = () => showGate(container, onUnlocked);
  const status = await ask('status');
  if (!status.ok) {
    await hostProblem(container, status, again);
    return status;
  }
  if (status.vault === 'unlocked') {
    fill(container);
    onUnlocked(status);
  } else if (status.vault === 'absent') {
    setupForm(container, again);
  } else {
    unlockForm(container, again, note);
  }
  return status;
}
