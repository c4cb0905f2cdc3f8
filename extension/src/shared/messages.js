// Messages between the parts of the extension (not the host's verbs; see protocol.js).

// content script -> background
// {fields, reason, ask, gesture?}: fill what my frame may have. `fields` describes the whole
// frame; `ask` lists the refs to decide now (absent: all); `gesture`: the token of the shopper's
// gesture this frame was handed (background/gesture.js), if any.
export const PAGE_FIELDS = 'page.fields';
export const PAGE_DESCRIBE = 'page.describe'; // {fields}: what my frame asks for, fill nothing

// extension page -> background, besides the host's verbs
export const TAB_SUMMARY = 'tab.summary'; // {tabId}: what the page asks for and what was filled
export const TAB_FILL = 'tab.fill'; // {tabId, frameId?}: the shopper pressed Fill now (in one frame)

// background -> extension pages
export const TAB_CHANGED = 'tab.changed'; // {tabId, totals, frames}
export const VAULT_LOCKED = 'vault.locked'; // {}: the vault locked (idle time, lock, host gone)

// Why a content script sends its fields.
export const REASONS = Object.freeze(['load', 'change', 'gesture']);
