// How a hostile visit is run and judged (tests/extension/hostile/run.mjs has the visits).
//
// Every page includes pages/hostile.js, which plays the attacker: it reads every control's value
// (on input/change events and by polling) and every message and event it gets, and POSTs all of
// it to the test server. A value "reached the page" when it reached the server that way. Each
// visit says which values its pages' own sites allow (`expect`); anything else that arrives is a
// leak, charged to the row of the table that owns the report.

import { PROFILE, STEP_MS, badgeOf, poll, sleep, tabIdOf, withTimeout } from '../e2e/harness.mjs';

const person = PROFILE.person;
const address = PROFILE.addresses[0];
const card = PROFILE.cards[0];
// The test profile's values, by the ids the pages give their controls.
export const V = {
  given: person['given-name'],
  family: person['family-name'],
  email: person.email,
  tel: person.tel,
  city: address['address-level2'],
  postcode: address['postal-code'],
  country: address.country,
  ccname: card['cc-name'],
  ccnum: card['cc-number'],
  ccmonth: String(card['cc-exp-month']),
  csc: card['cc-csc'],
};
// Profile values that must never appear in a message or event the page receives.
const SECRETS = [
  V.given,
  V.family,
  V.email,
  V.tel,
  V.city,
  V.postcode,
  V.ccnum,
  "St James's",
  '2030',
];

// After a page's first fill (or its "!" badge), time for anything that should not happen.
export const SETTLE_MS = 700;

export const idIn = (ids) => (r) => ids.includes(r.id);
export const idStarts = (prefix) => (r) => String(r.id).startsWith(prefix);
export const fromOrigin =
  (origin, test = () => true) =>
  (r) =>
    r.origin === origin && test(r);

// Ledger entries newer than seq (newest first).
export async function ledgerSince(send, seq) {
  const reply = await send({ type: 'ledger.list', limit: 100 });
  if (!reply?.ok) throw new Error(`ledger.list: ${JSON.stringify(reply)}`);
  return reply.entries.filter((e) => e.seq > seq);
}

async function ledgerTop(send) {
  const reply = await send({ type: 'ledger.list', limit: 1 });
  if (!reply?.ok) throw new Error(`ledger.list: ${JSON.stringify(reply)}`);
  return reply.entries[0]?.seq ?? 0;
}

const VALUE_SOURCES = new Set(['poll', 'input', 'change']);
const TEXT_SOURCES = new Set(['message', 'event', 'runtime-error']);

// Values that reached the page beyond `expect`, and messages or events carrying a profile value.
function leaksIn(reports, expect) {
  const leaks = [];
  for (const r of reports) {
    if (VALUE_SOURCES.has(r.source)) {
      if (r.value !== '' && expect[r.origin]?.[r.id] !== r.value) leaks.push(r);
    } else if (TEXT_SOURCES.has(r.source)) {
      if (SECRETS.some((s) => String(r.data ?? '').includes(s))) leaks.push(r);
    }
  }
  return leaks;
}

export function seen(reports, origin, id, value) {
  return reports.some(
    (r) => VALUE_SOURCES.has(r.source) && r.origin === origin && r.id === id && r.value === value,
  );
}

export const brief = (r) =>
  r.source === 'message' || r.source === 'event'
    ? `${r.origin} ${r.source}: ${String(r.data).slice(0, 120)}`
    : `${r.origin}${r.frame ? ` (${r.frame})` : ''} #${r.id} (${r.source}) = ${JSON.stringify(r.value)}`;

// The frame of the case tab whose document is at `origin`, as the background reports it.
export async function frameIdOf(ctx, origin) {
  const summary = await ctx.send({ type: 'tab.summary', tabId: ctx.tabId });
  const frame = (summary?.frames ?? []).find(
    (f) => f.frameId !== 0 && String(f.url ?? '').startsWith(`${origin}/`),
  );
  if (!frame) throw new Error(`no frame at ${origin}: ${JSON.stringify(summary?.frames)}`);
  return frame.frameId;
}

// Waits until the page's automatic fill is done (see VISITS in run.mjs: ready).
async function whenReady(ctx, visit, mine, expected) {
  if (typeof visit.ready === 'function') {
    await poll(mine, visit.ready, STEP_MS, 'the page ready', 100);
  } else if (visit.ready === 'badge') {
    await poll(
      () => badgeOf(ctx.call, ctx.tabId),
      (b) => b === '!',
      STEP_MS,
      'the "!" badge',
    );
  } else {
    await poll(
      mine,
      (rs) =>
        expected.every(([origin, id, value]) => seen(rs, origin, id, value)) &&
        (!visit.waitFor || rs.some((r) => r.source === visit.waitFor)),
      STEP_MS,
      'the allowed values',
      100,
    );
  }
}

// The shopper's gestures of a visit: Fill now for the tab (gesture), then Fill with pims on
// one frame (aimed: the origin of the frame's document).
async function gestures(ctx, visit, all, mine) {
  if (visit.gesture) {
    const filled = await ctx.send({ type: 'tab.fill', tabId: ctx.tabId });
    all(filled?.ok === true, `Fill now: ${JSON.stringify(filled)}`);
    await sleep(SETTLE_MS);
  }
  if (visit.afterGesture) {
    for (const result of await visit.afterGesture(ctx, { mine })) all(...result);
  }
  if (visit.aimed) {
    const frameId = await frameIdOf(ctx, visit.aimed);
    const filled = await ctx.send({
      type: 'tab.fill',
      tabId: ctx.tabId,
      frameId,
    });
    all(filled?.ok === true, `Fill with pims in ${visit.aimed}: ${JSON.stringify(filled)}`);
    await sleep(SETTLE_MS);
  }
}

// Each row's own leaks and missing values, and leaks no row owns.
function judgeRows(visit, reports, outcome, all) {
  const leaks = leaksIn(reports, visit.expect);
  const owned = new Set();
  for (const row of visit.rows) {
    const list = outcome.get(row.name);
    const mineLeaks = leaks.filter((r) => row.owns(r) || TEXT_SOURCES.has(r.source));
    for (const r of mineLeaks) owned.add(r);
    list.push([mineLeaks.length === 0, `reached the page: ${mineLeaks.map(brief).join('; ')}`]);
    const missing = row.positives.filter(
      ([origin, id]) => !seen(reports, origin, id, visit.expect[origin][id]),
    );
    list.push([
      missing.length === 0,
      `allowed values missing (control): ${missing.map(([o, id]) => `${o} #${id}`).join(', ')}`,
    ]);
  }
  const stray = leaks.filter((r) => !owned.has(r));
  all(stray.length === 0, `reached the page (unattributed): ${stray.map(brief).join('; ')}`);
}

// Loads one visit in the case tab and decides its rows: {row name: [[ok, detail], ...]}.
export async function runVisit(kind, ctx, visit, n) {
  const { send, call, page, shop } = ctx;
  const token = `${kind}-${visit.id}-${n}`;
  const url = `${visit.url}${visit.url.includes('?') ? '&' : '?'}visit=${token}`;
  const mine = () => shop.reports.filter((r) => r.visit === token);
  const startSeq = await ledgerTop(send);
  const outcome = new Map(visit.rows.map((row) => [row.name, []]));
  const all = (ok, detail) => {
    for (const list of outcome.values()) list.push([ok, detail]);
  };

  await withTimeout(page.goto(url), STEP_MS, `load ${url}`);
  ctx.tabId ??= await tabIdOf(call, visit.url);
  const expected = Object.entries(visit.expect).flatMap(([origin, values]) =>
    Object.entries(values).map(([id, value]) => [origin, id, value]),
  );
  try {
    await whenReady(ctx, visit, mine, expected);
  } catch (error) {
    all(false, String(error.message).slice(0, 600));
  }
  await sleep(visit.settle ?? SETTLE_MS);
  if (visit.afterAuto) {
    for (const result of await visit.afterAuto(ctx, { startSeq, mine })) all(...result);
  }
  await gestures(ctx, visit, all, mine);

  const reports = mine();
  // The page (and each frame) loaded at exactly the expected origin, and nowhere else.
  const loaded = [...new Set(reports.filter((r) => r.source === 'loaded').map((r) => r.origin))];
  all(
    visit.origins.every((o) => loaded.includes(o)) &&
      loaded.every((o) => visit.origins.includes(o)),
    `loaded at ${JSON.stringify(loaded)}, expected ${JSON.stringify(visit.origins)}`,
  );
  judgeRows(visit, reports, outcome, all);
  if (visit.extra) {
    for (const result of await visit.extra(ctx, { startSeq, reports })) all(...result);
  }
  return outcome;
}
