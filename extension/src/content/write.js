// Writing a value into a control so that the page's framework notices: React, Vue and plain
// pages all listen for input/change events, and React ignores a value set through the
// element's own (instrumented) setter, so the prototype's native setter is used.

// The option of a select that a value names: by value, then case-insensitively by value or by
// text (the host may answer "GB" where the page lists "United Kingdom" as text). -1 if none.
export function pickOption(options, value) {
  const wanted = String(value);
  const list = [...options];
  let index = list.findIndex((o) => o.value === wanted);
  if (index !== -1) return index;
  const lower = wanted.trim().toLowerCase();
  if (!lower) return -1;
  index = list.findIndex((o) => String(o.value).trim().toLowerCase() === lower);
  if (index !== -1) return index;
  return list.findIndex((o) => String(o.text).trim().replace(/\s+/g, ' ').toLowerCase() === lower);
}

function nativeSetter(el) {
  const proto =
    el.tagName === 'TEXTAREA'
      ? HTMLTextAreaElement.prototype
      : el.tagName === 'SELECT'
        ? HTMLSelectElement.prototype
        : HTMLInputElement.prototype;
  return Object.getOwnPropertyDescriptor(proto, 'value').set;
}

// Sets the value without telling the page. Returns {ok: true} or {ok: false, reason}.
export function setValue(el, value) {
  let text = String(value);
  if (el.tagName === 'SELECT') {
    const index = pickOption(el.options, text);
    if (index === -1) return { ok: false, reason: 'no_option' };
    text = el.options[index].value;
  }
  nativeSetter(el).call(el, text);
  return { ok: true };
}

// Tells the page a value was set, as typing would: input, then change. The page's listeners
// run inside dispatchEvent.
export function announceValue(el) {
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}
