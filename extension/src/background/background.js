// The background: the only part of the extension that talks to pims-host. It routes messages by
// sender tier (router.js), takes a request's site from the browser's sender, keeps a per-tab
// summary for the badge and the popup (counts and category names, never a value), and turns
// the shopper's gestures (popup, shortcut, context menu) into fills with trigger "gesture".
//
// Listeners are registered synchronously at the top level, as Manifest V3 requires for a
// background that the browser stops and restarts.

import { webext } from '../shared/webext.js';
import { HOST_NAME, CATEGORY_IDS, categoryLabel } from '../shared/protocol.js';
import { t } from '../shared/i18n.js';
import { TAB_CHANGED, VAULT_LOCKED, PRACTICE_RUN } from '../shared/messages.js';
import { HostConnection, errorReply } from './host.js';
import {
  senderTier,
  route,
  hostBody,
  frameUrlOf,
  tabUrlOf,
  practiceUrlOf,
  PRACTICE_PAGE,
  sanitizeFields,
  sanitizeValues,
  isWebUrl,
} from './router.js';
import { askedRefs, hostFillBody, answerFor } from './fill.js';
import { startGesture, gestureOf, anyGesture } from './gesture.js';
import { frameAfterFill, frameAfterDescribe, frameWithPolicy, tabTotals } from './summary.js';
import { badgeFor, badgeTitle } from './badge.js';
import { TOOLBAR_STATES, iconPaths, vaultStateAfter } from './toolbar.js';
import { explainFill, explanationText } from '../shared/explain.js';
import { MenuSessions } from './menu.js';
import { SaveOffers } from './save.js';

const MENU_ID = 'pims-fill';
const CONTENT_FILE = 'content/content.js';
// Who this extension is, for router.js's decisions on senders and URLs.
const SELF = Object.freeze({
  runtimeId: webext.runtime.id,
  extensionOrigin: webext.runtime.getURL(''),
});

const host = new HostConnection({
  connect: () => webext.runtime.connectNative(HOST_NAME),
  lastError: () => webext.runtime.lastError?.message,
  onEvent: (event) => {
    if (event === 'locked') {
      setVault('locked');
      vaultLocked();
    }
  },
  // A host that is gone took its unlocked vault with it.
  onStateChange: (state) => {
    if (state === 'host_missing' || state === 'host_forbidden') setVault('missing');
    else if (state !== 'connected') setVault('locked');
    if (state !== 'connected') vaultLocked();
  },
});

// The vault's state as the host last said it (toolbar.js), shown by the toolbar's icon and title.
// Unknown (null) when this background starts: the first answer sets the icon even if it says
// "locked", since the icon kept from before this background stopped may say otherwise.
let vault = null;

function setVault(state) {
  if (!state || state === vault) return;
  vault = state;
  webext.action.setIcon({ path: iconPaths(state) }).catch(() => undefined);
  webext.action.setTitle({ title: vaultTitle() }).catch(() => undefined);
  for (const tabId of tabs.keys()) updateBadge(tabId, { notify: false });
}

function vaultTitle() {
  return t(TOOLBAR_STATES[vault ?? 'locked'].titleKey);
}

// Every request to the host goes through here, so that the toolbar follows the vault.
async function hostRequest(verb, body) {
  const reply = await host.request(verb, body);
  setVault(vaultStateAfter(verb, reply));
  return reply;
}

// Tells every open extension page that the vault locked, so that each clears the profile data
// it shows (the idle time ran out, the shopper pressed Lock somewhere, or the host exited).
function vaultLocked() {
  webext.runtime.sendMessage({ type: VAULT_LOCKED }).catch(() => undefined);
}

// tabId -> {frames: Map(frameId -> frame summary), gestures: Map(token -> gesture), waiting,
//           lastFill: the explanation of the shopper's latest fill there (shared/explain.js),
//           retry: the fill after unlocking, resolving to the number of fields it filled}
const tabs = new Map();

// The menus at fields (menu.js).
const menus = new MenuSessions({
  request: (verb, body) => hostRequest(verb, body),
  command: (tabId, frameId, message) => webext.tabs.sendMessage(tabId, message, { frameId }),
  categories: CATEGORY_IDS,
  policyChanged: (site, allow, deny) => policyChanged(site, allow, deny),
});

// The offers to save what the shopper typed (save.js): in memory only.
const saves = new SaveOffers({
  request: (verb, body) => host.request(verb, body),
  command: (tabId, frameId, message) => webext.tabs.sendMessage(tabId, message, { frameId }),
});

// A form was submitted after the shopper typed in it: an offer, shown on the tab's page now
// unless it is loading another (then when that one is complete: tabs.onUpdated).
async function onPageSubmit(message, sender) {
  const fields = sanitizeFields(message.fields);
  const values = sanitizeValues(message.values, fields);
  const url = frameUrlOf(sender, SELF);
  const made = await saves.submitted({
    tabId: sender.tab.id,
    frameId: sender.frameId,
    url,
    fields,
    values,
  });
  if (made.offer) await showSaveOffer(sender.tab.id);
  return { ok: made.ok };
}

async function showSaveOffer(tabId) {
  const id = saves.toShow(tabId);
  if (!id) return;
  const tab = await webext.tabs.get(tabId).catch(() => null);
  if (tab?.status === 'complete') await saves.show(id);
}

function tabState(tabId) {
  let state = tabs.get(tabId);
  if (!state) {
    state = { frames: new Map(), gestures: new Map(), waiting: false, lastFill: null, retry: null };
    tabs.set(tabId, state);
  }
  return state;
}

// Tells an open popup that the tab's summary changed (it is not asked back: no loop).
function notifyPages(tabId, totals, frames) {
  webext.runtime.sendMessage({ type: TAB_CHANGED, tabId, totals, frames }).catch(() => undefined);
}

function frameList(state) {
  return state ? [...state.frames.entries()].map(([frameId, f]) => ({ frameId, ...f })) : [];
}

async function updateBadge(tabId, { notify = true } = {}) {
  const state = tabs.get(tabId);
  const totals = tabTotals(state ? [...state.frames.values()] : []);
  const { text, colour } = badgeFor(totals, state ?? {});
  try {
    await webext.action.setBadgeText({ tabId, text });
    await webext.action.setBadgeBackgroundColor({ tabId, color: colour });
    await webext.action.setTitle({ tabId, title: tabTitle(state, totals) });
  } catch {
    // The tab is gone.
  }
  if (notify) notifyPages(tabId, totals, frameList(state));
}

// The toolbar's title on a tab: the vault's state, then what waits or what the shopper's latest
// fill left out, then what the page asks for and what was filled.
function tabTitle(state, totals) {
  const parts = [vaultTitle()];
  if (state?.waiting) parts.push(t('badgeWaitingTitle'));
  else if (state?.lastFill) {
    const why = explanationText(state.lastFill, t, categoryLabel);
    if (why) parts.push(why);
  }
  const page = badgeTitle(totals, categoryLabel);
  if (page !== 'pims') parts.push(page);
  return parts.join(' — ');
}

function gestureActive(tabId) {
  const state = tabs.get(tabId);
  return state ? anyGesture(state.gestures) : false;
}

// The tab's top-level page, for a frame that is not it (sender.tab.url, as the browser says).
function topUrlOf(sender) {
  if (sender.frameId === 0) return undefined;
  const url = tabUrlOf(sender.tab?.url ?? '', SELF);
  return isWebUrl(url) ? url : undefined;
}

// --- content scripts ---------------------------------------------------------------------

async function onPageFields(message, sender) {
  const url = frameUrlOf(sender, SELF);
  const tabId = sender.tab.id;
  const fields = sanitizeFields(message.fields);
  if (fields.length === 0) return { ok: true, fills: [], refused: [] };
  const state = tabState(tabId);
  // Whether automatic filling is on is the shopper's setting in the vault: the host withholds an
  // automatic fill (autofill_off) when it is off, and still says what the page asks for.
  // A gesture counts only in the frame and document it was handed to (gesture.js).
  const { trigger, aimed } = gestureOf(state.gestures, message.gesture, sender.frameId);
  const asked = askedRefs(message.ask, fields);
  if (asked.size === 0) return { ok: true, fills: [], refused: [] };
  const topUrl = topUrlOf(sender);
  let body = hostFillBody({ url, trigger, fields, asked, topUrl, aimed });
  if (message.reason === 'pick') {
    // A pick in the menu at a field: the shopper's gesture for this one fill, aimed at the
    // frame the menu opened in.
    const frame = { tabId, frameId: sender.frameId, url, topUrl, fields, asked };
    body = menus.takePick(message.menu, frame);
    if (!body) return errorReply('forbidden');
  }
  const answer = await hostRequest('fill', body);
  if (!answer.ok) {
    if (answer.error?.code === 'locked' && !state.waiting) {
      state.waiting = true;
      updateBadge(tabId);
    }
    return { ok: false, error: answer.error };
  }
  const reply = answerFor(answer, asked);
  const previous = state.frames.get(sender.frameId);
  state.frames.set(sender.frameId, {
    ...frameAfterFill(previous, { site: url, fields, reply }),
    url,
  });
  updateBadge(tabId);
  return {
    ok: true,
    fills: (reply.fills ?? []).map(({ ref, value, field }) => ({ ref, value, field })),
    refused: [
      ...(reply.withheld ?? []).map(({ ref, reason }) => ({ ref, reason })),
      ...(reply.empty ?? []).map((ref) => ({ ref, reason: 'empty' })),
    ],
  };
}

async function onPageDescribe(message, sender) {
  const state = tabState(sender.tab.id);
  const fields = sanitizeFields(message.fields);
  const previous = state.frames.get(sender.frameId);
  const url = frameUrlOf(sender, SELF);
  const frame = frameAfterDescribe(previous, { site: url, fields });
  state.frames.set(sender.frameId, { ...frame, url });
  return { ok: true };
}

// --- the shopper's requests about a tab --------------------------------------------------

// Runs a content-script command in the tab's frames (all, or one), injecting the content
// script first where it is missing (a tab opened before pims was installed). Resolves to the
// per-frame results, or an error when the page may not be scripted.
async function runInTab(tabId, command, frameIds) {
  const tab = await webext.tabs.get(tabId).catch(() => null);
  if (practiceUrlOf(tab?.url, SELF)) return runInPractice(tabId, command, frameIds);
  const target = frameIds ? { tabId, frameIds } : { tabId, allFrames: true };
  try {
    await webext.scripting.executeScript({ target, files: [CONTENT_FILE] });
    const results = await webext.scripting.executeScript({
      target,
      func: (cmd) => globalThis.__pimsContent?.run(cmd) ?? { error: 'not_loaded' },
      args: [command],
    });
    return { ok: true, results: results.map((r) => ({ frameId: r.frameId, ...(r.result ?? {}) })) };
  } catch (error) {
    return { ok: false, error: { code: 'no_access', message: String(error?.message ?? error) } };
  }
}

// The practice shop (router.js PRACTICE_PAGE) is an extension page, which scripting cannot
// reach; it loads the content script itself, and its own script (try/shop.js) hands it the
// commands sent here. tabs.sendMessage reaches an extension page in a tab in Chromium and Firefox
// alike (so the menu's and the save offer's commands need nothing of their own). Only its top
// frame runs the content script.
async function runInPractice(tabId, command, frameIds) {
  if (frameIds && !frameIds.includes(0)) return { ok: true, results: [] };
  try {
    const result = await webext.tabs.sendMessage(
      tabId,
      { type: PRACTICE_RUN, command },
      { frameId: 0 },
    );
    return { ok: true, results: [{ frameId: 0, ...(result ?? { error: 'not_loaded' }) }] };
  } catch (error) {
    return { ok: false, error: { code: 'no_access', message: String(error?.message ?? error) } };
  }
}

async function summary(tabId) {
  let tab;
  try {
    tab = await webext.tabs.get(tabId);
  } catch {
    return errorReply('bad_message');
  }
  const url = tabUrlOf(tab.url ?? '', SELF);
  if (!isWebUrl(url)) return { ok: true, url, web: false };
  const state = tabState(tabId);
  const ran = await runInTab(tabId, { action: 'describe' });
  // Apply each site's current policy, so toggles made since the last fill count.
  const sites = new Map();
  for (const [frameId, frame] of state.frames) {
    if (!frame.site) continue;
    if (!sites.has(frame.site))
      sites.set(frame.site, await hostRequest('site.get', { url: frame.site }));
    const policy = sites.get(frame.site);
    if (policy.ok) {
      const withSite = { ...frame, site: policy.site };
      state.frames.set(frameId, frameWithPolicy(withSite, policy.allow, policy.deny));
    }
  }
  // The fill after unlocking, if this tab waited: its count, once (the popup says it).
  let refilled;
  if (state.retry) {
    refilled = await state.retry;
    state.retry = null;
  }
  await updateBadge(tabId, { notify: false });
  const frames = frameList(state);
  return {
    ok: true,
    url,
    web: true,
    access: ran.ok,
    waiting: state.waiting,
    ...(refilled === undefined ? {} : { refilled }),
    // What the shopper's latest gesture fill here left out and why (the shortcut and the
    // context menu have no page of their own to say it).
    lastFill: state.lastFill,
    gesture: gestureActive(tabId),
    ...tabTotals(frames),
    frames,
  };
}

// The shopper asked to fill the tab (Fill now, the shortcut: every frame there is now) or one
// frame of it (Fill with pims on a field: that frame only, and only that kind of gesture fills a
// frame of another site). Card fields there may fill for a while.
async function fillTab(tabId, frameId) {
  const state = tabState(tabId);
  const gesture = startGesture(state.gestures, {
    frameId: frameId ?? null,
    token: crypto.randomUUID(),
  });
  const ran = await runInTab(
    tabId,
    { action: 'fill', gesture },
    frameId === undefined ? undefined : [frameId],
  );
  if (!ran.ok) return ran;
  let filled = 0;
  let refused = 0;
  let error = null;
  for (const r of ran.results) {
    filled += r.filled ?? 0;
    refused += r.refused?.length ?? 0;
    if (r.error && !error) error = r.error;
  }
  // Why the rest was not filled, by the host's category of each field; on the badge's title
  // (the shortcut and the context menu have no other place to say it) and in the popup.
  const explanation = explainFill(
    ran.results,
    (frame, ref) => state.frames.get(frame)?.categories?.[ref],
  );
  if (error !== 'locked') state.lastFill = explanation;
  updateBadge(tabId);
  return { ok: true, filled, refused, error, explanation };
}

// After unlocking, the tabs that found the vault locked try again. Each tab keeps the count of
// that fill until its popup asks (summary: "Filled n fields on this page").
const RETRY_REPORT_MS = 10_000;

function retryWaitingTabs() {
  for (const [tabId, state] of tabs) {
    if (!state.waiting) continue;
    state.waiting = false;
    updateBadge(tabId);
    const ran = runInTab(tabId, { action: 'rescan' }).then((r) =>
      r.ok ? r.results.reduce((sum, x) => sum + (x.filled ?? 0), 0) : 0,
    );
    const late = new Promise((resolve) => setTimeout(() => resolve(0), RETRY_REPORT_MS));
    state.retry = Promise.race([ran, late]);
  }
}

// The policy of a site changed (popup toggles, options revoke, the menu's answers): its
// frames' "!" follow.
function policyChanged(site, allow, deny = []) {
  for (const [tabId, state] of tabs) {
    let touched = false;
    for (const [frameId, frame] of state.frames) {
      if (frame.site === site) {
        state.frames.set(frameId, frameWithPolicy(frame, allow, deny));
        touched = true;
      }
    }
    if (touched) updateBadge(tabId);
  }
}

async function forward(verb, message) {
  const reply = await hostRequest(verb, hostBody(message));
  if (reply.ok) {
    if (verb === 'unlock' || verb === 'setup') {
      retryWaitingTabs();
      saves.unlocked().then((made) => {
        for (const id of made) saves.show(id);
      });
    }
    if (verb === 'site.set') policyChanged(reply.site, reply.allow ?? [], reply.deny ?? []);
    if (verb === 'site.forget') policyChanged(reply.site, []);
    if (verb === 'lock') vaultLocked();
  }
  return reply;
}

// --- wiring ------------------------------------------------------------------------------

async function dispatch(message, sender) {
  const tier = senderTier(sender, SELF);
  const decision = route(message, tier);
  switch (decision.action) {
    case 'host':
      return forward(decision.verb, message);
    case 'fields':
      return onPageFields(message, sender);
    case 'describe':
      return onPageDescribe(message, sender);
    case 'summary':
      return summary(message.tabId);
    case 'fill-tab':
      return fillTab(message.tabId, message.frameId);
    case 'waiting':
      return { ok: true, waiting: tabs.get(message.tabId)?.waiting === true };
    case 'menu-open':
      return menus.open({
        tabId: sender.tab.id,
        frameId: sender.frameId,
        url: frameUrlOf(sender, SELF),
        fields: sanitizeFields(message.fields),
        focus: message.focus,
      });
    case 'menu-closed':
      return menus.closed(message.session, { tabId: sender.tab.id, frameId: sender.frameId });
    case 'menu-focus':
      return menus.focus(message.session, { tabId: sender.tab.id, frameId: sender.frameId });
    case 'menu-state':
      return menus.state(message.session, sender);
    case 'menu-answer':
      return menus.answer(message.session, message.answer, sender);
    case 'menu-pick':
      return menus.pick(message.session, message.index, sender);
    case 'menu-close':
      return menus.close(message.session, message.refocus === true, sender);
    case 'save-submit':
      return onPageSubmit(message, sender);
    case 'save-state':
      return saves.state(message.session, sender);
    case 'save-answer':
      return saves.answer(message.session, message, sender);
    case 'save-resize':
      return saves.resize(message.session, message.height, sender);
    case 'save-close':
      return saves.close(message.session, sender);
    default:
      return errorReply(decision.code);
  }
}

webext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Other extension pages see TAB_CHANGED and VAULT_LOCKED; the background answers nothing it
  // sent itself.
  if (message?.type === TAB_CHANGED || message?.type === VAULT_LOCKED) return false;
  dispatch(message, sender).then(sendResponse, () => sendResponse(errorReply('internal')));
  return true; // the answer comes asynchronously
});

function createMenus() {
  webext.contextMenus
    .removeAll()
    .then(() =>
      webext.contextMenus.create({
        id: MENU_ID,
        title: t('contextMenuFill'),
        contexts: ['editable'],
        // Web pages, and the practice shop (both browsers accept this extension URL here).
        documentUrlPatterns: ['http://*/*', 'https://*/*', webext.runtime.getURL(PRACTICE_PAGE)],
      }),
    )
    .catch(() => undefined); // a second start-up racing the first: the menu exists
}
webext.runtime.onInstalled.addListener(createMenus);
// A new shopper starts at the welcome page: the host, the vault, an import, how consent works.
webext.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') {
    webext.tabs
      .create({ url: webext.runtime.getURL('welcome/welcome.html') })
      .catch(() => undefined);
  }
});
webext.runtime.onStartup.addListener(createMenus);
// The toolbar shows the vault's state from the start (and again each time this background starts).
hostRequest('status', {}).catch(() => undefined);

webext.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && tab?.id !== undefined) fillTab(tab.id, info.frameId ?? 0);
});

webext.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'fill-now') return;
  const target = tab ?? (await webext.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id !== undefined && isWebUrl(tabUrlOf(target.url ?? '', SELF))) fillTab(target.id);
});

webext.tabs.onUpdated.addListener((tabId, changeInfo) => {
  // A new document: its fields, fills and the shopper's gesture belong to the old one.
  if (changeInfo.status === 'loading') menus.dropTab(tabId);
  // An offer to save survives the page that was submitted: the next page shows it.
  if (changeInfo.status === 'loading') saves.navigated(tabId);
  if (changeInfo.status === 'complete') showSaveOffer(tabId);
  if (changeInfo.status === 'loading' && tabs.has(tabId)) {
    tabs.delete(tabId);
    updateBadge(tabId);
  }
});

webext.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  menus.dropTab(tabId);
  saves.dropTab(tabId);
});
