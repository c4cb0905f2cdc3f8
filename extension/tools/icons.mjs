// The extension's icons, drawn at build time (a padlock on a rounded square), so the source tree
// holds no binary files. Besides the extension's own icon, one toolbar icon per state of the
// vault, told apart by shape as well as colour (background/toolbar.js switches them):
// locked (closed padlock, blue), unlocked (open shackle, green), host missing (grey, with a
// bar across: pims-host cannot be reached). A minimal PNG encoder: RGBA, no filtering, zlib from Node.

import { deflateSync } from 'node:zlib';

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The toolbar states and their colours: [background, padlock].
export const ICON_STATES = Object.freeze({
  locked: [
    [0x1f, 0x5f, 0x8b],
    [0xff, 0xff, 0xff],
  ],
  unlocked: [
    [0x1a, 0x7f, 0x37],
    [0xff, 0xff, 0xff],
  ],
  missing: [
    [0x6b, 0x72, 0x80],
    [0xff, 0xff, 0xff],
  ],
});

// Shape tests in a unit square: 0 outside, 1 background, 2 padlock. `state` as ICON_STATES.
function shapeAt(x, y, state = 'locked') {
  const r = 0.2; // corner radius of the background
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return 0;
  const inBody = x >= 0.26 && x <= 0.74 && y >= 0.46 && y <= 0.82;
  // Unlocked: the shackle lifted and swung open (its right leg leaves the body).
  const lift = state === 'unlocked' ? 0.1 : 0;
  const ring = Math.hypot(x - 0.5, y - 0.46 + lift);
  let inShackle = y <= 0.46 - lift && ring >= 0.12 && ring <= 0.2;
  if (lift) {
    const leftLeg = x >= 0.3 && x <= 0.38 && y >= 0.46 - lift && y <= 0.46;
    inShackle = inShackle || leftLeg;
  }
  // Missing: a bar from corner to corner, in the background's colour, across the padlock.
  if (state === 'missing' && Math.abs(x - y) <= 0.05 && x > 0.15 && x < 0.85) return 1;
  const inKeyhole =
    Math.hypot(x - 0.5, y - 0.6) <= 0.05 || (Math.abs(x - 0.5) <= 0.02 && y >= 0.6 && y <= 0.72);
  if ((inBody && !inKeyhole) || inShackle) return 2;
  return 1;
}

export function drawIcon(size, state = 'locked') {
  const rgba = Buffer.alloc(size * size * 4);
  const colours = [null, ...ICON_STATES[state]];
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const shape = shapeAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            state,
          );
          if (!shape) continue;
          const c = colours[shape];
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (sum[3] > 0) {
        rgba[o] = Math.round(sum[0] / sum[3]);
        rgba[o + 1] = Math.round(sum[1] / sum[3]);
        rgba[o + 2] = Math.round(sum[2] / sum[3]);
        rgba[o + 3] = Math.round((255 * sum[3]) / (samples * samples));
      }
    }
  }
  return encodePng(size, rgba);
}

export const ICON_SIZES = Object.freeze([16, 32, 48, 128]);
