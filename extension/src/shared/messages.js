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
// {tabId}: does the tab wait for the vault (a fill was asked there while it was locked)?
// Answer {ok, waiting}; asked by the popup before it shows the unlock form.
export const TAB_WAITING = 'tab.waiting';

// background -> pims' practice shop (try/shop.js, tabs.sendMessage to its top frame):
// {command}: what runInTab would run in a web page's content script (content.js run()).
export const PRACTICE_RUN = 'practice.run';

// background -> extension pages
export const TAB_CHANGED = 'tab.changed'; // {tabId, totals, frames}
export const VAULT_LOCKED = 'vault.locked'; // {}: the vault locked (idle time, lock, host gone)

// Why a content script sends its fields ('pick': the shopper picked a record in the menu).
export const REASONS = Object.freeze(['load', 'change', 'gesture', 'pick']);

// The menu at a field (docs/protocol.md, `offer`; src/menu/).
// content script -> background: {fields, focus}: the shopper focused the field `focus` (a ref);
// the answer is {ok, session, size} when there is something to offer there, else {ok, session: null}.
export const PAGE_MENU = 'page.menu';
// content script -> background: {session}: the menu was closed at the page (moved, blurred).
export const PAGE_MENU_CLOSED = 'page.menu.closed';
// content script -> background -> menu frame: {session}: the field's ArrowDown moves the focus
// into the menu (only the menu's own document can take it, in Firefox).
export const PAGE_MENU_FOCUS = 'page.menu.focus';
export const MENU_FOCUS = 'menu.focus';
// menu frame -> background, each {session}: what to show; the shopper's answer to the page's
// request ({answer: 'once' | 'always' | 'never'}); a pick ({index}); close ({refocus}).
export const MENU_STATE = 'menu.state';
export const MENU_ANSWER = 'menu.answer';
export const MENU_PICK = 'menu.pick';
export const MENU_CLOSE = 'menu.close';
// background -> the content script of the menu's frame (tabs.sendMessage): {action, session}:
// 'check' (was the menu really visible?), 'pick' (check, then fill the pick), 'resize' ({size}),
// 'close' ({refocus}).
export const MENU_COMMAND = 'menu.command';

// Saving what the shopper typed (docs/protocol.md, `record.match`; background/save.js).
// content script -> background: {fields, values: [{ref, value, text?, typed}]}: a form was
// submitted (or the page is going away) after the shopper typed in it. `fields` describes the
// whole frame; `values` holds only fields the shopper typed in (typed: true) or that still hold
// what pims filled (typed: false).
export const PAGE_SUBMIT = 'page.submit';
// background -> the top frame's content script (tabs.sendMessage): {action, session}: 'show'
// (put the offer's frame on the page), 'check' (was it really visible?), 'resize' ({height}),
// 'close'.
export const SAVE_COMMAND = 'save.command';
// the offer's frame (menu/save.html) -> background, each {session}: what to show; the
// shopper's answer ({answer: 'save' | 'not_now' | 'never', csc}); its height; close.
export const SAVE_STATE = 'save.state';
export const SAVE_ANSWER = 'save.answer';
export const SAVE_RESIZE = 'save.resize';
export const SAVE_CLOSE = 'save.close';
export const SAVE_ANSWERS = Object.freeze(['save', 'not_now', 'never']);
