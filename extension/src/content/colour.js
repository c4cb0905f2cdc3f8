// Colours and shadows as computed styles spell them, read into numbers: enough for the content
// script to tell whether a field's text can be read against what is behind it, and whether
// something drawn over a field hides it. Pure (unit-tested); visibility.js and paint.js measure.

// How much of what is under it a computed `filter` lets show: opacity() functions multiply;
// an SVG filter (url(...)) can do anything, down to erasing the field, so it counts as 0.
export function filterOpacity(filter) {
  const text = String(filter ?? '').trim();
  if (text === '' || text === 'none') return 1;
  if (/url\(/i.test(text)) return 0;
  let product = 1;
  for (const [, number, percent] of text.matchAll(/opacity\(\s*([^)\s%]*)\s*(%?)\s*\)/gi)) {
    let value = number === '' ? 1 : Number.parseFloat(number);
    if (percent) value /= 100;
    if (!Number.isFinite(value)) return 0;
    product *= Math.min(1, Math.max(0, value));
  }
  return product;
}

// The alpha of a computed colour ("rgba(0, 0, 0, 0)", "rgb(1 2 3 / 0.5)", "transparent", ...).
export function colourAlpha(colour) {
  const text = String(colour ?? '')
    .trim()
    .toLowerCase();
  if (text === '' || text === 'transparent') return 0;
  const slash = /\/\s*([\d.eE+-]+)(%?)\s*\)$/.exec(text);
  if (slash) return Number.parseFloat(slash[1]) / (slash[2] ? 100 : 1);
  const rgba = /^(?:rgba|hsla)\(([^)]*)\)$/.exec(text);
  if (rgba) {
    const parts = rgba[1].split(',');
    if (parts.length === 4) {
      const last = parts[3].trim();
      return Number.parseFloat(last) / (last.endsWith('%') ? 100 : 1);
    }
  }
  return 1;
}

function channel(text) {
  const value = Number.parseFloat(text);
  if (!Number.isFinite(value)) return Number.NaN;
  return text.trim().endsWith('%') ? (value * 255) / 100 : value;
}

// A computed colour as {r, g, b, a} (channels 0-255, alpha 0-1), or null when it is spelled in a
// way this does not read (oklch(), color(), ...). `resolve(text)` may turn such a colour into
// {r, g, b, a} (content.js passes one that paints it on a canvas).
export function parseColour(text, resolve = null) {
  const colour = String(text ?? '')
    .trim()
    .toLowerCase();
  if (colour === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const m = /^rgba?\(([^)]*)\)$/.exec(colour);
  if (m) {
    const [rgb, alpha] = m[1].split('/');
    const parts = rgb.includes(',') ? rgb.split(',') : rgb.trim().split(/\s+/);
    const a = alpha ?? (parts.length === 4 ? parts.pop() : '1');
    if (parts.length === 3) {
      const [r, g, b] = parts.map(channel);
      let alphaValue = Number.parseFloat(a);
      if (String(a).trim().endsWith('%')) alphaValue /= 100;
      if ([r, g, b, alphaValue].every(Number.isFinite)) {
        return { r, g, b, a: Math.min(1, Math.max(0, alphaValue)) };
      }
    }
  }
  return resolve ? resolve(colour) : null;
}

// `top` painted over an opaque `bottom`.
export function over(top, bottom) {
  const mix = (t, b) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function linear(c) {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance({ r, g, b }) {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

// WCAG's contrast ratio of two opaque colours: 1 (the same) to 21 (black on white).
export function contrastRatio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// Splits a computed list ("a(1, 2) 3px, b 4px") at its top-level commas.
function splitList(text) {
  const items = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((s) => s.trim()).filter(Boolean);
}

// A computed box-shadow as [{inset, x, y, blur, spread, colour}] (colour as computed text).
export function parseShadows(text) {
  const value = String(text ?? '').trim();
  if (value === '' || value === 'none') return [];
  return splitList(value).map((item) => {
    const colourMatch = /([a-z-]+\([^)]*\)|#[0-9a-f]+|\b(?:transparent|currentcolor)\b)/i.exec(
      item,
    );
    const colour = colourMatch ? colourMatch[1] : 'currentcolor';
    const rest = colourMatch ? item.replace(colourMatch[1], ' ') : item;
    const lengths = [...rest.matchAll(/(-?[\d.]+(?:e[+-]?\d+)?)(?:px)?/gi)].map((m) =>
      Number.parseFloat(m[1]),
    );
    const [x = 0, y = 0, blur = 0, spread = 0] = lengths;
    return { inset: /\binset\b/i.test(rest), x, y, blur, spread, colour };
  });
}

// Where a shadow paints at least half its colour, given the box it belongs to ({left, top,
// right, bottom}): an outer shadow the box moved by its offset and grown by its spread and half
// its blur; an inset one the box shrunk the same way (it paints outside that hole).
export function shadowRect(box, shadow) {
  const grow = (shadow.inset ? -1 : 1) * (shadow.spread + shadow.blur / 2);
  return {
    left: box.left + shadow.x - grow,
    top: box.top + shadow.y - grow,
    right: box.right + shadow.x + grow,
    bottom: box.bottom + shadow.y + grow,
  };
}

export function rectHas(r, x, y) {
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}
