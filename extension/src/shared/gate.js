// The vault's front door, shared by the popup and the options page: the message when
// pims-host is missing, first-run setup (password + confirm) and unlock. Passwords go straight
// to the host through the background and are cleared from the form at once; nothing keeps them.

import { h, fill, nextId } from './dom.js';
import { ask, errorText, isHostUnavailable } from './gateway.js';

export const MIN_PASSWORD_LENGTH = 8;

// Checks a new password and its confirmation; returns an error sentence or null.
export function newPasswordProblem(password, confirm) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters; a few words make a good password.`;
  }
  if (password !== confirm) return 'The two passwords differ.';
  return null;
}

function passwordField(label, autocomplete) {
  const id = nextId('pw');
  const input = h('input', { id, type: 'password', autocomplete, required: true });
  return { input, row: h('div', { class: 'row' }, h('label', { for: id }, label), input) };
}

function setupForm(container, done) {
  const first = passwordField('Master password', 'new-password');
  const second = passwordField('Confirm master password', 'new-password');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Create vault');
  const form = h(
    'form',
    { class: 'gate', 'aria-labelledby': 'gate-title' },
    h('h2', { id: 'gate-title' }, 'Create your pims vault'),
    h(
      'p',
      {},
      'Your profile is encrypted with this password. pims cannot recover it if you forget it.',
    ),
    first.row,
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
    fill(error, 'Creating the vault…');
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

function unlockForm(container, done) {
  const field = passwordField('Master password', 'current-password');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Unlock');
  const form = h(
    'form',
    { class: 'gate', 'aria-labelledby': 'gate-title' },
    h('h2', { id: 'gate-title' }, 'pims is locked'),
    field.row,
    error,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    fill(error, 'Unlocking…');
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

function hostProblem(container, reply, retry) {
  const title = isHostUnavailable(reply)
    ? 'pims-host is not available'
    : 'The vault cannot be opened';
  fill(
    container,
    h(
      'div',
      { class: 'gate', role: 'alert' },
      h('h2', {}, title),
      h('p', {}, errorText(reply)),
      h('button', { type: 'button', onclick: retry }, 'Try again'),
    ),
  );
}

// Shows what the vault needs in `container` and calls onUnlocked(status) once it is open.
// Resolves with the status reply.
export async function showGate(container, onUnlocked) {
  const again = () => showGate(container, onUnlocked);
  const status = await ask('status');
  if (!status.ok) {
    hostProblem(container, status, again);
    return status;
  }
  if (status.vault === 'unlocked') {
    fill(container);
    onUnlocked(status);
  } else if (status.vault === 'absent') {
    setupForm(container, again);
  } else {
    unlockForm(container, again);
  }
  return status;
}
