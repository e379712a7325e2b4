// The demo business's logo, drawn in code (no image files, no downloads): a capitol dome with
// columns in white on a rounded blue square, 4x supersampled for smooth edges, encoded as a PNG
// (the business logo accepts PNG or JPEG; pdfkit embeds PNG as is).
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const BLUE: [number, number, number] = [0x1d, 0x4e, 0x89];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** Inside a rectangle with rounded corners (radius r), centred on (cx, cy). */
const inRoundRect = (
  x: number,
  y: number,
  cx: number,
  cy: number,
  w: number,
  h: number,
  r: number,
) => {
  const dx = Math.max(Math.abs(x - cx) - (w / 2 - r), 0);
  const dy = Math.max(Math.abs(y - cy) - (h / 2 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) =>
  x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** What colour a point of the 128 x 128 mark is, or null outside it (transparent). */
function sample(x: number, y: number): [number, number, number] | null {
  if (!inRoundRect(x, y, 64, 64, 128, 128, 22)) return null;
  // The dome: a half disc on a drum, with a lantern and a short spire.
  const dome = y <= 50 && (x - 64) ** 2 + (y - 50) ** 2 <= 26 ** 2;
  const lantern = inRect(x, y, 60, 16, 68, 26);
  const spire = inRect(x, y, 62.5, 9, 65.5, 17);
  const drum = inRect(x, y, 34, 50, 94, 56);
  // Pediment (a low triangle) over the columns.
  const pediment = y >= 58 && y <= 70 && Math.abs(x - 64) <= ((y - 58) / 12) * 44;
  const entablature = inRect(x, y, 20, 70, 108, 76);
  const columns = [26, 42, 58, 74, 90].some((c) => inRect(x, y, c, 80, c + 11, 104));
  const steps = inRect(x, y, 18, 106, 110, 111) || inRect(x, y, 12, 113, 116, 118);
  const white = dome || lantern || spire || drum || pediment || entablature || columns || steps;
  return white ? WHITE : BLUE;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The demo logo as PNG bytes (128 x 128, RGBA). */
export function demoLogoPng(): Buffer {
  // Each row: a filter byte (0, none) then RGBA pixels.
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (1 + SIZE * 4);
    for (let px = 0; px < SIZE; px++) {
      const hits: [number, number, number][] = [];
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (c) hits.push(c);
        }
      const o = row + 1 + px * 4;
      // Colour averaged over the covered samples (straight alpha), coverage as alpha.
      for (let k = 0; k < 3; k++)
        raw[o + k] = hits.length
          ? Math.round(hits.reduce((sum, c) => sum + c[k], 0) / hits.length)
          : 0;
      raw[o + 3] = Math.round((hits.length / (SAMPLES * SAMPLES)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
