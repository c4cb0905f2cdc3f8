// What a shopper does when pims-host is missing or not registered, on their system and browser
// (docs/install.md is the long form). Pure: the pages pass what runtime.getPlatformInfo() and
// the extension's own URL say.

// os: runtime.getPlatformInfo().os ('linux', 'mac', 'win', ...); browser: 'firefox' or 'chrome'.
// Returns {title, steps: [{text, command?}]}.
export function installSteps(os, browser) {
  const browserName = browser === 'firefox' ? 'Firefox' : 'this browser';
  const register = {
    text: `Register pims-host with ${browserName} (every browser found, for your user):`,
    command: 'pims-install install',
  };
  if (os === 'linux') {
    return {
      title: 'Install pims-host on Linux',
      steps: [
        {
          text: 'On Debian or Ubuntu, install the pims package (it registers the host for every browser):',
          command: 'sudo apt install ./pims_0.1.0-1_amd64.deb',
        },
        {
          text: 'Or, from a checkout of the pims source, build, install and register in one go:',
          command: './install.sh',
        },
        {
          text: 'A browser installed as a Flatpak or Snap needs the host registered after its first start:',
          command: 'pims-install install',
        },
      ],
    };
  }
  if (os === 'mac') {
    return {
      title: 'Install pims-host on macOS',
      steps: [{ text: 'Build pims from its source (docs/install.md, "macOS"), then:' }, register],
    };
  }
  if (os === 'win') {
    return {
      title: 'Install pims-host on Windows',
      steps: [
        { text: 'Build pims from its source (docs/install.md, "Windows"), then, in a terminal:' },
        { ...register, command: 'pims-install.exe install' },
      ],
    };
  }
  return {
    title: 'Install pims-host',
    steps: [{ text: 'pims-host runs on Linux, macOS and Windows: see docs/install.md.' }],
  };
}

// 'firefox' or 'chrome', from the extension's own origin.
export function browserOf(extensionUrl) {
  return String(extensionUrl).startsWith('moz-extension:') ? 'firefox' : 'chrome';
}
