// The welcome page, opened when pims is installed: checks that pims-host answers (and says how
// to install it on this system when it does not), creates or unlocks the vault, offers an
// import from another manager, and explains per-shop consent. Each step appears once the one
// before it is done. Like the other pages it keeps nothing: the vault is the only store.

import { h, fill } from '../shared/dom.js';
import { ask, errorText, isHostUnavailable } from '../shared/gateway.js';
import { showGate, installHelp } from '../shared/gate.js';
import { importPanel } from '../shared/transfer.js';
import { t, localize } from '../shared/i18n.js';

const $ = (id) => document.getElementById(id);

async function checkHost() {
  const status = await ask('status');
  if (!status.ok && isHostUnavailable(status)) {
    fill(
      $('host'),
      h('p', { class: 'error' }, errorText(status)),
      await installHelp(),
      h('button', { type: 'button', class: 'primary', onclick: checkHost }, t('checkAgain')),
    );
    return;
  }
  fill($('host'), h('p', { class: 'ok' }, t('welcomeHostOk')));
  $('step-vault').hidden = false;
  await showGate($('gate'), vaultOpen);
}

function vaultOpen() {
  $('vault-open').hidden = false;
  $('step-profile').hidden = false;
  $('step-consent').hidden = false;
  importPanel($('import'));
  // The form that had the focus is gone: the shopper goes on at the next step, whose heading a
  // screen reader reads out.
  $('profile-title').focus();
}

localize();
checkHost();
