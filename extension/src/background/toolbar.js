// The toolbar button's look for the vault's state, at a glance: locked, unlocked, no vault yet,
// or pims-host missing (icons drawn by tools/icons.mjs, each its own shape and colour), with a
// title that says it in words. Pure: background.js learns the state from the host's replies and
// events, and sets the icon and the title.

// state -> {icon: the icons/<icon>-<size>.png files, titleKey: the catalogue's words}
export const TOOLBAR_STATES = Object.freeze({
  locked: { icon: 'locked', titleKey: 'toolbarLocked' },
  absent: { icon: 'locked', titleKey: 'toolbarAbsent' },
  unlocked: { icon: 'unlocked', titleKey: 'toolbarUnlocked' },
  missing: { icon: 'missing', titleKey: 'toolbarHostMissing' },
});

export function iconPaths(state) {
  const { icon } = TOOLBAR_STATES[state] ?? TOOLBAR_STATES.locked;
  return { 16: `/icons/${icon}-16.png`, 32: `/icons/${icon}-32.png` };
}

// The vault's state after the host answered `verb` with `reply`, or null when the reply says
// nothing about it (most verbs answer the same either way).
export function vaultStateAfter(verb, reply) {
  if (!reply) return null;
  if (reply.ok) {
    if (verb === 'status') {
      if (reply.vault === 'unlocked') return 'unlocked';
      return reply.vault === 'absent' ? 'absent' : 'locked';
    }
    if (verb === 'unlock' || verb === 'setup' || verb === 'fill') return 'unlocked';
    if (verb === 'lock') return 'locked';
    return null;
  }
  switch (reply.error?.code) {
    case 'locked':
      return 'locked';
    case 'vault_absent':
      return 'absent';
    case 'host_missing':
    case 'host_forbidden':
    case 'caller_refused':
      return 'missing';
    default:
      return null;
  }
}
