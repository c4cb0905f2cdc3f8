// How the address editor fits the address's country: which fields it shows, in what order, and
// what each is called there (a US "ZIP code" and "State", a British "Postcode" and optional
// "County", a German postcode before the town, a Mexican "colonia"). Pure data and lookups; the
// country and region choices themselves come from pims-host (the `places` verb).

import { t } from '../shared/i18n.js';

// The fields every address has, around the country-specific part. The country comes before the
// street: choosing it lays out the rest (names, order, regions) before the shopper types them.
const HEAD = ['label', 'name', 'organization', 'country', 'street-address'];
const TAIL = ['tel', 'email'];

const DEFAULT_LABELS = {
  'address-level3': 'district_neighbourhood',
  'address-level2': 'town_city',
  'address-level1': 'state_province_region',
  'postal-code': 'postal_code',
};

// Per country: the middle fields in the order the country writes them, and their names (each
// name is the catalogue's `addressLabel_<name>`).
const LAYOUTS = {
  US: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level2': 'city', 'address-level1': 'state', 'postal-code': 'zip' },
  },
  CA: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level2': 'city', 'address-level1': 'province_territory' },
  },
  AU: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: {
      'address-level2': 'suburb_town',
      'address-level1': 'state_territory',
      'postal-code': 'postcode',
    },
  },
  GB: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level1': 'county_optional', 'postal-code': 'postcode' },
  },
  IE: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level1': 'county', 'postal-code': 'eircode' },
  },
  IT: {
    order: ['postal-code', 'address-level2', 'address-level1'],
    labels: {
      'postal-code': 'postcode_cap',
      'address-level2': 'city',
      'address-level1': 'province',
    },
  },
  ES: {
    order: ['postal-code', 'address-level2', 'address-level1'],
    labels: { 'address-level1': 'province' },
  },
  MX: {
    order: ['address-level3', 'postal-code', 'address-level2', 'address-level1'],
    labels: { 'address-level3': 'colonia', 'address-level1': 'state' },
  },
  BR: {
    order: ['address-level3', 'address-level2', 'address-level1', 'postal-code'],
    labels: {
      'address-level3': 'bairro',
      'address-level1': 'state',
      'postal-code': 'cep',
    },
  },
  JP: {
    order: ['postal-code', 'address-level1', 'address-level2', 'address-level3'],
    labels: { 'address-level1': 'prefecture', 'address-level2': 'city', 'address-level3': 'area' },
  },
  KR: {
    order: ['address-level1', 'address-level2', 'address-level3', 'postal-code'],
    labels: { 'address-level1': 'province_city', 'address-level2': 'district' },
  },
  CN: {
    order: ['address-level1', 'address-level2', 'address-level3', 'postal-code'],
    labels: {
      'address-level1': 'province',
      'address-level2': 'city',
      'address-level3': 'district',
    },
  },
};

// Countries that write the postcode before the town and name no region.
for (const code of [
  'DE',
  'AT',
  'CH',
  'NL',
  'BE',
  'LU',
  'FR',
  'PT',
  'DK',
  'SE',
  'NO',
  'FI',
  'PL',
  'CZ',
]) {
  LAYOUTS[code] = {
    order: ['postal-code', 'address-level2'],
    labels: { 'postal-code': 'postcode' },
  };
}

const GENERIC = { order: ['address-level2', 'address-level1', 'postal-code'], labels: {} };

// {fields: [key...] in display order, label(key, fallback)} for an address in `country`
// (alpha-2; anything unknown or empty gets the generic layout). Fields the layout leaves out
// keep their stored values; they are only not shown.
export function addressLayout(country) {
  const layout = LAYOUTS[String(country ?? '').toUpperCase()] ?? GENERIC;
  return {
    fields: [...HEAD, ...layout.order, ...TAIL],
    label: (key, fallback) => {
      const name = layout.labels[key] ?? DEFAULT_LABELS[key];
      return name ? t(`addressLabel_${name}`) : fallback;
    },
  };
}

// The countries, named in `locale` and sorted by that name: [{code, name}].
export function countryChoices(codes, locale) {
  let names = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    // An engine without Intl.DisplayNames: the codes themselves.
  }
  const named = codes.map((code) => ({ code, name: names?.of(code) ?? code }));
  const collator = new Intl.Collator(locale);
  return named.sort((a, b) => collator.compare(a.name, b.name));
}
