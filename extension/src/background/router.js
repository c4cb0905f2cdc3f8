// Who may ask the background for what. Pure decisions on the browser's `sender` and the
// message; background.js acts on them.
//
// Tiers:
//   'extension': the extension's own pages (popup, options). They may send the host's verbs,
//                which the background forwards, and ask about or fill a tab.
//   'content':   a content script in an http(s) frame. It may only describe its frame's fields
//                or ask for them to be filled; the site is the frame's, as the browser reports it.
//                Also pims' practice shop (try/shop.html), which runs the same content script:
//                exactly that extension URL, as the top frame of a tab, is a content script whose
//                frame is PRACTICE_URL, a name that can never be a real shop (RFC 2606 reserves
//                .invalid). The practice page anywhere else (in a frame, with a query) and every
//                other extension page keep their own tier. practiceUrlOf is the one place of
//                that mapping; frameUrlOf and tabUrlOf read it.
//   'menu':      the menu at a field (menu/menu.html), an extension page in a frame of a web
//                page. It may only speak about its own menu session (menu.js in the background).
//   'save':      the offer to save what the shopper typed (menu/save.html), an extension page in
//                a frame of a web page. It may only speak about its own offer (save.js).
//   null:        anyone else; refused.

import {
  VERBS,
  DESCRIPTOR_TEXT_KEYS,
  MAX_TEXT,
  MAX_OPTIONS,
  MAX_FIELDS,
  MAX_VALUE,
} from '../shared/protocol.js';
import {
  PAGE_FIELDS,
  PAGE_DESCRIBE,
  PAGE_MENU,
  PAGE_MENU_CLOSED,
  PAGE_MENU_FOCUS,
  MENU_STATE,
  MENU_ANSWER,
  MENU_PICK,
  MENU_CLOSE,
  PAGE_SUBMIT,
  SAVE_STATE,
  SAVE_ANSWER,
  SAVE_RESIZE,
  SAVE_CLOSE,
  SAVE_ANSWERS,
  TAB_SUMMARY,
  TAB_FILL,
  TAB_WAITING,
  REASONS,
} from '../shared/messages.js';
import { ANSWERS } from '../shared/menu_view.js';

// Host verbs the extension's pages may send. `fill`, `offer`, `record.match` and `record.save`
// are not: the background sends them itself with the URL of the frame the fields are in, and
// saves a record only after the shopper confirmed in the offer's own frame. (`record.never` is
// theirs too: a page may lift a site's "never".)
const BACKGROUND_VERBS = new Set(['fill', 'offer', 'record.match', 'record.save']);
export const PAGE_VERBS = Object.freeze(new Set(VERBS.filter((v) => !BACKGROUND_VERBS.has(v))));
// The menu at a field's page.
export const MENU_PAGE = 'menu/menu.html';
// The offer to save what the shopper typed.
export const SAVE_PAGE = 'menu/save.html';
// pims' practice shop (the welcome page links to it), and the site its fills are for.
export const PRACTICE_PAGE = 'try/shop.html';
export const PRACTICE_URL = 'https://try.pims.invalid/';

export function isWebUrl(url) {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

// The practice shop's site URL when `url` (a tab's or a frame's, as the browser reports it) is
// exactly the practice page of this extension, else null.
export function practiceUrlOf(url, { extensionOrigin }) {
  return typeof url === 'string' && url === `${extensionOrigin}${PRACTICE_PAGE}`
    ? PRACTICE_URL
    : null;
}

// Whether `sender` is the practice page, from this extension, as the top frame of a tab.
function isPracticeSender(sender, self) {
  return (
    sender?.id === self.runtimeId &&
    practiceUrlOf(sender.url, self) !== null &&
    (sender.origin === undefined || `${sender.origin}/` === self.extensionOrigin) &&
    Number.isInteger(sender.tab?.id) &&
    sender.frameId === 0
  );
}

// self: {runtimeId: runtime.id, extensionOrigin: runtime.getURL('') ("chrome-extension://ID/")}.
export function senderTier(sender, self) {
  const { runtimeId, extensionOrigin } = self;
  if (!sender || sender.id !== runtimeId || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(extensionOrigin)) {
    // Chrome also reports the origin; when it does, it must agree.
    if (sender.origin !== undefined && `${sender.origin}/` !== extensionOrigin) return null;
    if (isPracticeSender(sender, self)) return 'content';
    const page = sender.url.slice(extensionOrigin.length).split(/[?#]/)[0];
    if (page === MENU_PAGE) return sender.tab && Number.isInteger(sender.frameId) ? 'menu' : null;
    if (page === SAVE_PAGE) return sender.tab && Number.isInteger(sender.frameId) ? 'save' : null;
    return 'extension';
  }
  if (sender.tab && Number.isInteger(sender.tab.id) && Number.isInteger(sender.frameId)) {
    return frameUrlOf(sender, self) ? 'content' : null;
  }
  return null;
}

// The URL of the frame a content script runs in, from what the browser reports (never from the
// message): sender.url, checked against sender.origin where the browser gives one; PRACTICE_URL
// for the practice page (see the tiers above). Null when the frame is not an http(s) page.
export function frameUrlOf(sender, self) {
  if (isPracticeSender(sender, self)) return PRACTICE_URL;
  const url = sender?.url;
  if (!isWebUrl(url)) return null;
  if (typeof sender.origin === 'string' && sender.origin !== 'null') {
    if (originOf(url) !== sender.origin) return null;
  }
  return url;
}

// The URL a tab's page counts as (tab.url as the browser reports it): PRACTICE_URL for the
// practice page, else the tab's own.
export function tabUrlOf(url, self) {
  return practiceUrlOf(url, self) ?? url;
}

// What to do with a message from a sender of `tier`:
//   {action: 'host', verb}            forward to the host
//   {action: 'fields' | 'describe'}   a content script's fields
//   {action: 'summary' | 'fill-tab' | 'waiting'}  an extension page asks about / fills a tab /
//                                     asks whether the tab waits for the vault
//   {action: 'menu-open' | 'menu-closed' | 'menu-focus'}          a content script's field menu
//   {action: 'menu-state' | 'menu-answer' | 'menu-pick' | 'menu-close'}  the menu page
//   {action: 'refuse', code}
export function route(message, tier) {
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
    return { action: 'refuse', code: 'bad_message' };
  }
  const { type } = message;
  if (tier === 'menu') return routeMenu(message);
  if (tier === 'save') return routeSave(message);
  if (tier === 'extension') {
    if (PAGE_VERBS.has(type)) return { action: 'host', verb: type };
    if (type === TAB_WAITING) {
      if (!Number.isInteger(message.tabId)) return { action: 'refuse', code: 'bad_message' };
      return { action: 'waiting' };
    }
    if (type === TAB_SUMMARY || type === TAB_FILL) {
      if (!Number.isInteger(message.tabId)) return { action: 'refuse', code: 'bad_message' };
      if (
        message.frameId !== undefined &&
        !(Number.isInteger(message.frameId) && message.frameId >= 0)
      )
        return { action: 'refuse', code: 'bad_message' };
      return { action: type === TAB_SUMMARY ? 'summary' : 'fill-tab' };
    }
    return { action: 'refuse', code: 'forbidden' };
  }
  if (tier === 'content') {
    if (type === PAGE_MENU || type === PAGE_MENU_CLOSED || type === PAGE_MENU_FOCUS) {
      return routeFieldMenu(message);
    }
    if (type === PAGE_SUBMIT) {
      const ok = Array.isArray(message.fields) && Array.isArray(message.values);
      return ok ? { action: 'save-submit' } : { action: 'refuse', code: 'bad_message' };
    }
    if (type !== PAGE_FIELDS && type !== PAGE_DESCRIBE)
      return { action: 'refuse', code: 'forbidden' };
    if (type === PAGE_FIELDS && message.reason === 'pick' && typeof message.menu !== 'string') {
      return { action: 'refuse', code: 'bad_message' };
    }
    if (!Array.isArray(message.fields)) return { action: 'refuse', code: 'bad_message' };
    if (type === PAGE_FIELDS && !REASONS.includes(message.reason)) {
      return { action: 'refuse', code: 'bad_message' };
    }
    if (type === PAGE_FIELDS && message.ask !== undefined && !Array.isArray(message.ask)) {
      return { action: 'refuse', code: 'bad_message' };
    }
    if (message.gesture !== undefined && !/^[0-9a-f-]{36}$/.test(String(message.gesture))) {
      return { action: 'refuse', code: 'bad_message' };
    }
    return { action: type === PAGE_FIELDS ? 'fields' : 'describe' };
  }
  return { action: 'refuse', code: 'forbidden' };
}

const MENU_ACTIONS = Object.freeze({
  [MENU_STATE]: 'menu-state',
  [MENU_ANSWER]: 'menu-answer',
  [MENU_PICK]: 'menu-pick',
  [MENU_CLOSE]: 'menu-close',
});

// The menu page speaks only about its session.
function routeMenu(message) {
  const action = MENU_ACTIONS[message.type];
  if (!action) return { action: 'refuse', code: 'forbidden' };
  const bad =
    typeof message.session !== 'string' ||
    (action === 'menu-answer' && !ANSWERS.includes(message.answer)) ||
    (action === 'menu-pick' && !(Number.isInteger(message.index) && message.index >= 0));
  return bad ? { action: 'refuse', code: 'bad_message' } : { action };
}

const SAVE_ACTIONS = Object.freeze({
  [SAVE_STATE]: 'save-state',
  [SAVE_ANSWER]: 'save-answer',
  [SAVE_RESIZE]: 'save-resize',
  [SAVE_CLOSE]: 'save-close',
});

// The offer frame speaks only about its offer.
function routeSave(message) {
  const action = SAVE_ACTIONS[message.type];
  if (!action) return { action: 'refuse', code: 'forbidden' };
  const bad =
    typeof message.session !== 'string' ||
    (action === 'save-answer' && !SAVE_ANSWERS.includes(message.answer)) ||
    (action === 'save-resize' && !Number.isFinite(message.height));
  return bad ? { action: 'refuse', code: 'bad_message' } : { action };
}

// A content script's field menu: a focused field (with its frame's fields), or a closed menu.
function routeFieldMenu(message) {
  if (message.type !== PAGE_MENU) {
    if (typeof message.session !== 'string') return { action: 'refuse', code: 'bad_message' };
    return { action: message.type === PAGE_MENU_CLOSED ? 'menu-closed' : 'menu-focus' };
  }
  if (!Array.isArray(message.fields) || typeof message.focus !== 'string') {
    return { action: 'refuse', code: 'bad_message' };
  }
  return { action: 'menu-open' };
}

// The values of a submitted form from a content script (messages.js PAGE_SUBMIT), reduced to
// the refs of `fields` (sanitised) and bounded sizes: [{ref, value, text?, typed}].
export function sanitizeValues(values, fields) {
  const refs = new Set(fields.map((f) => f.ref));
  const out = [];
  const seen = new Set();
  for (const v of Array.isArray(values) ? values.slice(0, MAX_FIELDS) : []) {
    if (!v || typeof v !== 'object' || typeof v.ref !== 'string' || typeof v.value !== 'string')
      continue;
    if (!refs.has(v.ref) || seen.has(v.ref) || v.value.length > MAX_VALUE) continue;
    seen.add(v.ref);
    const clean = { ref: v.ref, value: v.value, typed: v.typed === true };
    if (typeof v.text === 'string' && v.text) clean.text = v.text.slice(0, MAX_TEXT);
    out.push(clean);
  }
  return out;
}

// The body of a host verb from an extension page: the message without its routing keys. An
// `id` from the page is dropped; the connection assigns ids.
export function hostBody(message) {
  const { type: _type, id: _id, ...body } = message;
  return body;
}

function str(value) {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : '';
}

// Field descriptors from a content script, reduced to the keys and sizes the host expects: the
// content script runs in the page's process, so its messages are checked like any input.
// Descriptors without a usable ref are dropped.
export function sanitizeFields(fields) {
  const out = [];
  const refs = new Set();
  for (const field of Array.isArray(fields) ? fields.slice(0, MAX_FIELDS) : []) {
    if (!field || typeof field !== 'object') continue;
    const ref = str(field.ref);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(ref) || refs.has(ref)) continue;
    refs.add(ref);
    const clean = { ref };
    for (const key of DESCRIPTOR_TEXT_KEYS) clean[key] = str(field[key]);
    if (Number.isInteger(field.maxlength) && field.maxlength >= 0)
      clean.maxlength = field.maxlength;
    if (Array.isArray(field.options)) {
      clean.options = field.options
        .slice(0, MAX_OPTIONS)
        .filter((o) => o && typeof o === 'object')
        .map((o) => ({ value: str(o.value), text: str(o.text) }));
    }
    clean.visible = field.visible === true;
    out.push(clean);
  }
  return out;
}
