// What a shopper does when pims-host is missing or not registered, on their system and browser
// (docs/install.md is the long form). Pure: the pages pass what runtime.getPlatformInfo() and
// the extension's own URL say.

import { t } from './i18n.js';

// os: runtime.getPlatformInfo().os ('linux', 'mac', 'win', ...); browser: 'firefox' or 'chrome'.
// Returns {title, steps: [{text, command?}]}.
export function installSteps(os, browser) {
  const register = {
    text: browser === 'firefox' ? t('installRegisterFirefox') : t('installRegisterBrowser'),
    command: 'pims-install install',
  };
  if (os === 'linux') {
    return {
      title: t('installTitleLinux'),
      steps: [
        {
          text: t('installDebian'),
          command: 'sudo apt install ./pims_0.1.0-1_amd64.deb',
        },
        {
          text: t('installFromSource'),
          command: './install.sh',
        },
        {
          text: t('installFlatpak'),
          command: 'pims-install install',
        },
      ],
    };
  }
  if (os === 'mac') {
    return {
      title: t('installTitleMac'),
      steps: [{ text: t('installBuildMac') }, register],
    };
  }
  if (os === 'win') {
    return {
      title: t('installTitleWindows'),
      steps: [
        { text: t('installBuildWindows') },
        { ...register, command: 'pims-install.exe install' },
      ],
    };
  }
  return {
    title: t('installTitleOther'),
    steps: [{ text: t('installOther') }],
  };
}

// 'firefox' or 'chrome', from the extension's own origin.
export function browserOf(extensionUrl) {
  return String(extensionUrl).startsWith('moz-extension:') ? 'firefox' : 'chrome';
}
