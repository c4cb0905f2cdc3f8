// Hostile visits about what a page does around a fill: fields injected after it, a form
// whose action changes, forged messages to the extension. See run.mjs.

import { identity } from '../e2e/harness.mjs';
import { V, fromOrigin, idStarts, ledgerSince } from './check.mjs';
import { SHOP } from './visits_seen.mjs';

export const PAGE_VISITS = [
  {
    id: 'injected',
    url: `${SHOP}/injected.html`,
    origins: [SHOP],
    expect: {
      [SHOP]: {
        'a-given': V.given,
        'a-email': V.email,
        'inj-family': V.family,
        'inj-ccnum': V.ccnum,
      },
    },
    gesture: true,
    rows: [
      {
        name: 'fields injected after the first fill: the visible ones are filled',
        owns: fromOrigin(SHOP, (r) => !String(r.id).startsWith('injh-')),
        positives: ['a-given', 'a-email', 'inj-family', 'inj-ccnum'].map((id) => [SHOP, id]),
      },
      {
        name: 'fields injected after the first fill: the invisible ones are not',
        owns: fromOrigin(SHOP, idStarts('injh-')),
        positives: [],
      },
    ],
  },
  {
    id: 'action',
    url: `${SHOP}/action.html`,
    origins: [SHOP],
    expect: { [SHOP]: { given: V.given, email: V.email, ccnum: V.ccnum, tel: V.tel } },
    waitFor: 'action-changed',
    settle: 1500, // the page's mutations go through the content script's 400 ms debounce
    gesture: true,
    rows: [
      {
        name: "form action changed after the fill: no refill for it, the ledger names the page's site",
        owns: () => true,
        positives: ['given', 'email', 'ccnum', 'tel'].map((id) => [SHOP, id]),
      },
    ],
    afterAuto: async ({ send }, { startSeq }) => {
      const entries = await ledgerSince(send, startSeq);
      return [
        [
          entries.length === 1 && entries[0].site === 'https://shop.example',
          `one entry, for the page's site, before the gesture: ${JSON.stringify(entries)}`,
        ],
      ];
    },
    extra: async ({ send }, { startSeq, reports }) => {
      const entries = await ledgerSince(send, startSeq);
      const evil = await send({ type: 'ledger.list', url: 'https://collect.evil.test/' });
      const changed = reports.find((r) => r.source === 'action-changed');
      return [
        [
          changed?.action === 'https://collect.evil.test/steal',
          `the page changed its action: ${JSON.stringify(changed)}`,
        ],
        [
          entries.length === 2 && entries.every((e) => e.site === 'https://shop.example'),
          `the gesture's entry names the page's site too: ${JSON.stringify(entries)}`,
        ],
        [
          (evil?.ok && evil.entries.length === 0) || evil?.error?.code === 'not_found',
          `nothing recorded for the action's site: ${JSON.stringify(evil)}`,
        ],
      ];
    },
  },
  {
    id: 'messages',
    url: `https://www.talk.example/messages.html?ext=${identity.chrome_id}`,
    origins: ['https://www.talk.example'],
    expect: {
      'https://www.talk.example': {
        'm-given': V.given,
        'm-family': V.family,
        'm-ccname': V.ccname,
      },
    },
    waitFor: 'asked',
    settle: 1500,
    gesture: false,
    rows: [
      {
        name: 'forged postMessage / CustomEvent / fake chrome.runtime requests: nothing more filled or sent',
        owns: () => true,
        positives: ['m-given', 'm-family', 'm-ccname'].map((id) => [
          'https://www.talk.example',
          id,
        ]),
      },
    ],
    extra: async ({ send }, { startSeq, reports }) => {
      const entries = await ledgerSince(send, startSeq);
      const policy = await send({ type: 'site.get', url: 'https://www.talk.example/' });
      const given = reports.filter((r) => r.id === 'm-given' && r.source === 'poll');
      const asked = reports.filter((r) => r.source === 'message' || r.source === 'event');
      return [
        [
          entries.length === 1 &&
            entries[0].site === 'https://talk.example' &&
            !entries[0].fields.some((f) => ['cc-number', 'cc-csc', 'email'].includes(f)),
          `one fill only, the automatic one: ${JSON.stringify(entries)}`,
        ],
        [
          given.at(-1)?.value === '',
          `the field the page emptied is not filled again: ${JSON.stringify(given)}`,
        ],
        [asked.length > 0, `the page's forged requests were seen by the page: ${asked.length}`],
        [
          policy?.ok &&
            !policy.auto_card &&
            [...policy.allow].sort().join() === 'card,card_csc,name',
          `the forged site.set changed nothing: ${JSON.stringify(policy)}`,
        ],
      ];
    },
  },
];
