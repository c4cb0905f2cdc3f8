// The offer to save what the shopper typed, decided from plain data (unit-tested): its title and
// the lines it shows for each record of the background's view (background/save.js shownRecord,
// from the host's `record.match`). `tr(key, substitutions)` is the catalogue (shared/i18n.js t);
// the keys are in _locales/<language>/messages.json.

// The title: one record says what it is and whether it is new or an update of a named record;
// several say so together.
export function saveTitle(records, tr) {
  if (records.length !== 1) return tr('saveTitleSeveral');
  const [r] = records;
  const kind = r.kind === 'card' ? 'Card' : r.kind === 'person' ? 'Person' : 'Address';
  if (r.action === 'update') {
    return r.kind === 'person'
      ? tr('saveTitleUpdatePerson')
      : tr(`saveTitleUpdate${kind}`, r.label);
  }
  return tr(`saveTitleNew${kind}`);
}

// The heading of one record among several ("New shipping address", "Update Home").
export function recordHeading(r, tr) {
  if (r.action === 'update') {
    return r.kind === 'person' ? tr('saveHeadingUpdatePerson') : tr('saveHeadingUpdate', r.label);
  }
  if (r.kind === 'card') return tr('saveHeadingNewCard');
  if (r.kind === 'person') return tr('saveHeadingNewPerson');
  return r.section === 'billing' ? tr('saveHeadingNewBilling') : tr('saveHeadingNewShipping');
}

// The lines of a record as it would be stored: [{text, changed}], `changed` for the values an
// update changes. `countryName(code)` names a country in the shopper's language.
export function recordLines(r, tr, countryName = (code) => code) {
  const v = r.shown ?? {};
  const changed = new Set(r.changed ?? []);
  const lines = [];
  const add = (text, keys) => {
    const t = String(text ?? '').trim();
    if (t) lines.push({ text: t, changed: keys.some((k) => changed.has(k)) });
  };
  if (r.kind === 'card') {
    add(v['cc-name'], ['cc-name']);
    add(v['cc-number'], ['cc-number']);
    if (v['cc-exp-month'] && v['cc-exp-year']) {
      const month = String(v['cc-exp-month']).padStart(2, '0');
      add(tr('saveExpires', `${month}/${v['cc-exp-year']}`), ['cc-exp-month', 'cc-exp-year']);
    }
    return lines;
  }
  if (r.kind === 'person') {
    add([v['given-name'], v['additional-name'], v['family-name']].filter(Boolean).join(' '), [
      'given-name',
      'additional-name',
      'family-name',
    ]);
  } else {
    add(v.name, ['name']);
    add(v.organization, ['organization']);
    for (const line of String(v['street-address'] ?? '').split('\n')) add(line, ['street-address']);
    add([v['postal-code'], v['address-level2']].filter(Boolean).join(' '), [
      'postal-code',
      'address-level2',
    ]);
    add(v['address-level1'], ['address-level1']);
    if (v.country) add(countryName(v.country), ['country']);
  }
  add(v.tel, ['tel']);
  add(v.email, ['email']);
  if (r.kind === 'person') add(v.organization, ['organization']);
  return lines;
}

// The main button: "Update" when every record updates one, else "Save".
export function primaryLabel(records, tr) {
  return records.length && records.every((r) => r.action === 'update')
    ? tr('saveButtonUpdate')
    : tr('saveButtonSave');
}

// The site as the shopper reads it ("https://shop.example" -> "shop.example").
export function siteLabel(site) {
  const text = String(site ?? '');
  return text.startsWith('https://') ? text.slice('https://'.length) : text;
}
