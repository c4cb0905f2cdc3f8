// The real-fill tool's test profile and the way back from a value on the page to the profile
// field it came from. Every value of the profile is distinct from every other (no name is
// also a city, no month is also a day), so what a control holds after a fill says which field
// pims gave it. Pure functions; unit-tested in tests/extension/unit/fill_values.test.mjs.
//
// The address is in the United States because most shops of the corpus are: their state
// selects list US states, and their phone boxes are split 3-3-4.

export const PROFILE = Object.freeze({
  person: {
    'given-name': 'Ada',
    'additional-name': 'Byron',
    'family-name': 'Lovelace',
    email: 'ada.lovelace@example.org',
    tel: '+17185550142',
    bday: '1990-07-23',
    organization: 'Analytical Engines',
  },
  addresses: [
    {
      id: 'home',
      label: 'Home',
      name: 'Ada Lovelace',
      'street-address': '350 Jay Street\nApartment 4B',
      'address-level2': 'Brooklyn',
      'address-level1': 'NY',
      'postal-code': '11201',
      country: 'US',
    },
  ],
  cards: [
    {
      id: 'visa',
      label: 'Visa',
      'cc-name': 'Augusta King',
      'cc-number': '4012888888881881',
      'cc-exp-month': 11,
      'cc-exp-year': 2031,
      'cc-csc': '737',
    },
  ],
  defaults: { shipping: 'home', billing: 'home', card: 'visa' },
});

const norm = (text) =>
  String(text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const digits = (text) => String(text ?? '').replace(/\D/g, '');

// Exact texts (normalised) and the field each one answers.
function exactTexts() {
  const p = PROFILE.person;
  const a = PROFILE.addresses[0];
  const c = PROFILE.cards[0];
  const [line1, line2] = a['street-address'].split('\n');
  const mm = String(c['cc-exp-month']).padStart(2, '0');
  const yyyy = String(c['cc-exp-year']);
  const yy = yyyy.slice(2);
  const [by, bm, bd] = p.bday.split('-');
  const map = new Map();
  const add = (field, ...texts) => {
    for (const t of texts) map.set(norm(t), field);
  };
  add('given-name', p['given-name']);
  add('additional-name', p['additional-name'], p['additional-name'][0]);
  add('family-name', p['family-name']);
  add(
    'name',
    a.name,
    `${p['given-name']} ${p['family-name']}`,
    `${p['given-name']} ${p['additional-name']} ${p['family-name']}`,
    `${p['family-name']} ${p['given-name']}`,
  );
  add('email', p.email);
  add('organization', p.organization);
  add('street-address', a['street-address'], `${line1}, ${line2}`, `${line1} ${line2}`);
  add('address-line1', line1);
  add('address-line2', line2);
  add('address-level2', a['address-level2']);
  add('address-level1', a['address-level1'], 'New York', 'US-NY', 'NY - New York', 'New York (NY)');
  add('postal-code', a['postal-code']);
  add(
    'country',
    'US',
    'USA',
    '840',
    'United States',
    'United States of America',
    'U.S.',
    'U.S.A.',
    'Vereinigte Staaten',
    'Vereinigte Staaten von Amerika',
    'États-Unis',
    'Etats-Unis',
    'Estados Unidos',
    'Stati Uniti',
    "Stati Uniti d'America",
    'Verenigde Staten',
  );
  add('cc-name', c['cc-name']);
  add('cc-given-name', c['cc-name'].split(' ')[0]);
  add('cc-family-name', c['cc-name'].split(' ').slice(-1)[0]);
  add('cc-csc', c['cc-csc']);
  add('cc-type', 'Visa', 'VI'); // the brand of the card number
  add('cc-exp-month', mm, String(c['cc-exp-month']), 'November', 'Nov', `${mm} - November`);
  add('cc-exp-year', yyyy, yy);
  for (const sep of ['/', ' / ', '-', ' - ', '', ' ']) {
    add('cc-exp', `${mm}${sep}${yy}`, `${mm}${sep}${yyyy}`);
  }
  add('cc-exp', `${yyyy}-${mm}`);
  add('bday', p.bday, `${bm}/${bd}/${by}`, `${bd}/${bm}/${by}`, `${bd}.${bm}.${by}`);
  add('bday-day', bd);
  add('bday-month', bm, String(Number(bm)), 'July', 'Jul');
  add('bday-year', by);
  return map;
}

const EXACT = exactTexts();
const PHONE_CHARS = /^[+\d\s().-]+$/;

// The field a text answers, or null. `inSelect`: the text is an option's (a bare "1" there is
// an ordinal, never a dialling code).
function fieldOfText(text, inSelect) {
  const t = norm(text);
  if (!t) return null;
  const exact = EXACT.get(t);
  if (exact) return exact;
  const p = PROFILE.person;
  const c = PROFILE.cards[0];
  const d = digits(t);
  if (PHONE_CHARS.test(t) && d.length > 0) {
    const whole = digits(p.tel); // country code 1, then ten digits
    const national = whole.slice(1);
    if (d === whole || d === national) return 'tel';
    if (d === national.slice(0, 3)) return 'tel-area-code';
    if (d === national.slice(3)) return 'tel-local';
    if (d === national.slice(3, 6)) return 'tel-local-prefix';
    if (d === national.slice(6)) return 'tel-local-suffix';
    if (
      !inSelect &&
      (t === d.slice(0, 1) || t === `+${whole.slice(0, 1)}`) &&
      d === whole.slice(0, 1)
    ) {
      return 'tel-country-code';
    }
  }
  if (/^[\d\s-]+$/.test(t) && d.length >= 4) {
    const number = c['cc-number'];
    if (d === number) return 'cc-number';
    // One box of a number split over several: a 4- to 6-digit slice.
    if (d.length <= 6 && number.includes(d)) return 'cc-number';
  }
  // An option such as "+1 United States" or "United States (+1)" is a dialling code.
  if (/(^|[\s(])\+\s?1(\b|$)/.test(t)) return 'tel-country-code';
  // A label with a code: "NY - New York", "November (11)" ...
  for (const part of t.split(/\s*[-–(),:]\s*/)) {
    const field = part && part !== t ? EXACT.get(part) : null;
    if (field && (field !== 'cc-exp-month' || /[a-z]/.test(t))) return field;
  }
  return null;
}

// Can a select hold the test profile's value for a row labelled `expected`: has it an option
// that names it? (A list of Canadian provinces has no New York; a list the page fills by script
// is empty when page scripts are off.) `accepts(expected, field)`: the scorer's rule.
export function selectCanHold(options, expected, accepts) {
  return options.some(({ value, text }) =>
    [text, value].some((t) => {
      const field = fieldOfText(t, true);
      return field !== null && accepts(expected, field);
    }),
  );
}

// What a control holds after a fill, as the profile field it came from:
//   control: {tag, value, initial, text (a select's selected option text), changed}
// Returns the field name, '-' when it holds nothing from the profile (or what the page loaded
// with), or '?' when pims wrote something no profile field gives.
export function fieldOfControl({ tag, value, text, changed }) {
  const candidates = tag === 'select' ? [text, value] : [value];
  for (const candidate of candidates) {
    const field = fieldOfText(candidate, tag === 'select');
    if (field) return field;
  }
  return changed && norm(value) !== '' ? '?' : '-';
}
