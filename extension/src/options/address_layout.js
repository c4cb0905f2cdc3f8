// How the address editor fits the address's country: which fields it shows, in what order, and
// what each is called there (a US "ZIP code" and "State", a British "Postcode" and optional
// "County", a German postcode before the town, a Mexican "colonia"). Pure data and lookups; the
// country and region choices themselves come from pims-host (the `places` verb).

// The fields every address has, around the country-specific part.
const HEAD = ['label', 'name', 'organization', 'street-address'];
const TAIL = ['country', 'tel', 'email'];

const DEFAULT_LABELS = {
  'address-level3': 'District or neighbourhood',
  'address-level2': 'Town or city',
  'address-level1': 'State, province or region',
  'postal-code': 'Postal code',
};

// Per country: the middle fields in the order the country writes them, and their names.
const LAYOUTS = {
  US: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level2': 'City', 'address-level1': 'State', 'postal-code': 'ZIP code' },
  },
  CA: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level2': 'City', 'address-level1': 'Province or territory' },
  },
  AU: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: {
      'address-level2': 'Suburb or town',
      'address-level1': 'State or territory',
      'postal-code': 'Postcode',
    },
  },
  GB: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level1': 'County (optional)', 'postal-code': 'Postcode' },
  },
  IE: {
    order: ['address-level2', 'address-level1', 'postal-code'],
    labels: { 'address-level1': 'County', 'postal-code': 'Eircode' },
  },
  IT: {
    order: ['postal-code', 'address-level2', 'address-level1'],
    labels: {
      'postal-code': 'Postcode (CAP)',
      'address-level2': 'City',
      'address-level1': 'Province',
    },
  },
  ES: {
    order: ['postal-code', 'address-level2', 'address-level1'],
    labels: { 'address-level1': 'Province' },
  },
  MX: {
    order: ['address-level3', 'postal-code', 'address-level2', 'address-level1'],
    labels: { 'address-level3': 'Neighbourhood (colonia)', 'address-level1': 'State' },
  },
  BR: {
    order: ['address-level3', 'address-level2', 'address-level1', 'postal-code'],
    labels: {
      'address-level3': 'Neighbourhood (bairro)',
      'address-level1': 'State',
      'postal-code': 'Postcode (CEP)',
    },
  },
  JP: {
    order: ['postal-code', 'address-level1', 'address-level2', 'address-level3'],
    labels: { 'address-level1': 'Prefecture', 'address-level2': 'City', 'address-level3': 'Area' },
  },
  KR: {
    order: ['address-level1', 'address-level2', 'address-level3', 'postal-code'],
    labels: { 'address-level1': 'Province or city', 'address-level2': 'District' },
  },
  CN: {
    order: ['address-level1', 'address-level2', 'address-level3', 'postal-code'],
    labels: {
      'address-level1': 'Province',
      'address-level2': 'City',
      'address-level3': 'District',
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
    labels: { 'postal-code': 'Postcode' },
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
    label: (key, fallback) => layout.labels[key] ?? DEFAULT_LABELS[key] ?? fallback,
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
