// Hostile visits about sites: http: pages, lookalike hosts, public-suffix siblings, a site
// allowed nothing. See run.mjs (frames of other sites and other hosts: visits_frames.mjs).

import { domainToASCII } from 'node:url';

import { badgeOf } from '../e2e/harness.mjs';
import { V } from './check.mjs';

// "www.shоp.example" with a Cyrillic о (U+043E): a homograph of the shop, its own site.
export const HOMOGRAPH = domainToASCII('www.sh\u043ep.example');

// The card page (card.html) filled with everything the profile has.
export const CARD_PAGE_ALL = {
  given: V.given,
  family: V.family,
  email: V.email,
  tel: V.tel,
  city: V.city,
  postcode: V.postcode,
  country: V.country,
  ccname: V.ccname,
  ccnum: V.ccnum,
  ccmonth: V.ccmonth,
  csc: V.csc,
};
const NOT_CARD = ['given', 'family', 'email', 'tel', 'city', 'postcode', 'country'];

export function nothingAllowed({ id, host, site, name }) {
  const origin = `https://${host}`;
  return {
    id,
    url: `${origin}/card.html`,
    origins: [origin],
    expect: {},
    ready: 'badge',
    gesture: true,
    rows: [{ name, owns: () => true, positives: [] }],
    extra: async ({ send, call, tabId }) => {
      const policy = await send({
        type: 'site.get',
        url: `${origin}/card.html`,
      });
      const badge = await badgeOf(call, tabId);
      return [
        [
          policy?.ok && policy.site === site && policy.allow.length === 0,
          `the host's site for ${host}: ${JSON.stringify(policy)}`,
        ],
        [badge === '!', `the badge after the gesture: ${JSON.stringify(badge)}`],
      ];
    },
  };
}

export const SITE_VISITS = [
  {
    id: 'http',
    url: 'http://shop.example/card.html',
    origins: ['http://shop.example'],
    expect: {
      'http://shop.example': Object.fromEntries(NOT_CARD.map((id) => [id, CARD_PAGE_ALL[id]])),
    },
    gesture: true,
    rows: [
      {
        name: 'http: page asking for the card (its site allows card): no card data, even on a gesture',
        owns: () => true,
        positives: NOT_CARD.map((id) => ['http://shop.example', id]),
      },
    ],
  },
  nothingAllowed({
    id: 'evil',
    host: 'shop.example.evil.test',
    site: 'https://evil.test',
    name: 'lookalike host shop.example.evil.test (site evil.test, allowed nothing)',
  }),
  nothingAllowed({
    id: 'homograph',
    host: HOMOGRAPH,
    site: `https://${HOMOGRAPH.replace(/^www\./, '')}`,
    name: `punycode homograph ${HOMOGRAPH} (Cyrillic о, allowed nothing)`,
  }),
  {
    id: 'alice',
    url: 'https://alice.github.io/card.html',
    origins: ['https://alice.github.io'],
    expect: { 'https://alice.github.io': CARD_PAGE_ALL },
    gesture: true,
    rows: [
      {
        name: 'public-suffix sibling alice.github.io (allowed everything) is filled',
        owns: () => true,
        positives: Object.keys(CARD_PAGE_ALL).map((id) => ['https://alice.github.io', id]),
      },
    ],
  },
  nothingAllowed({
    id: 'bob',
    host: 'bob.github.io',
    site: 'https://bob.github.io',
    name: 'public-suffix sibling bob.github.io (not allowed) gets nothing',
  }),
  nothingAllowed({
    id: 'none',
    host: 'www.none.example',
    site: 'https://none.example',
    name: 'a site with nothing allowed: nothing filled, badge "!"',
  }),
];
