// What the shopper typed, apart from what pims wrote and what the page's scripts set: the
// values "Save what you typed" may offer to keep (docs/protocol.md, `record.match`).
//
// A field counts as typed when its value now is the value it had after the shopper's latest
// trusted input or change event in it. A script that sets the value afterwards (or instead)
// breaks that, and so does pims' own write. A field pims wrote and nobody changed since is
// sent as context (typed: false): it names the record the shopper was updating, but never
// makes an offer by itself (the host decides that). Password boxes are never read.
//
// Values live here only until they are sent; nothing is stored.

import { MAX_TEXT, MAX_VALUE } from '../shared/protocol.js';

function valueOf(el) {
  return String(el.value ?? '');
}

function optionText(el) {
  if (el.tagName !== 'SELECT') return '';
  const option = el.options[el.selectedIndex];
  return option
    ? String(option.text ?? '')
        .trim()
        .slice(0, MAX_TEXT)
    : '';
}

function readable(el) {
  return !(el.tagName === 'INPUT' && String(el.type).toLowerCase() === 'password');
}

export class TypedValues {
  constructor() {
    this.typed = new WeakMap(); // element -> its value after the shopper's latest input
    this.written = new WeakMap(); // element -> the value pims wrote
    this.any = false;
  }

  // A trusted input or change event in `el`.
  noteInput(el) {
    if (!el || !readable(el) || !('value' in el)) return;
    this.typed.set(el, valueOf(el));
    this.any = true;
  }

  // pims wrote into `el` (after the write).
  noteWrite(el) {
    this.written.set(el, valueOf(el));
    this.typed.delete(el);
  }

  // Whether the shopper typed anywhere in this document yet.
  hasTyped() {
    return this.any;
  }

  // The values to send for `entries` ([{el, ref}]), or [] when none was typed: typed fields
  // (typed: true) and fields still holding what pims wrote (typed: false). `within`, when
  // given, keeps only the controls of that form.
  collect(entries, within = null) {
    const values = [];
    let typed = 0;
    for (const { el, ref } of entries) {
      if (!readable(el)) continue;
      if (within && el.form !== within && !within.contains(el)) continue;
      const value = valueOf(el);
      if (!value.trim() || value.length > MAX_VALUE) continue;
      const entry = { ref, value };
      const text = optionText(el);
      if (text) entry.text = text;
      if (this.typed.get(el) === value) {
        entry.typed = true;
        typed += 1;
      } else if (this.written.get(el) === value) {
        entry.typed = false;
      } else {
        continue; // set by a script, or changed by one since: not the shopper's
      }
      values.push(entry);
    }
    return typed > 0 ? values : [];
  }
}
