/**
 * Draws the toolbar/store icons (a happy purple blob) as PNGs with no image
 * library and no downloads: signed-distance shapes, 4×4 supersampled, encoded
 * with node:zlib. Run `npm run icons -w browser-extension`; the PNGs are
 * committed under public/icons so the build needs nothing extra.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(w: number, h: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * w * 4, w * 4).copy(raw, y * (w * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Colour at a point of the unit square (0..1), or null for transparent. */
function shade(x: number, y: number): Rgba | null {
  const inEllipse = (cx: number, cy: number, rx: number, ry: number) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
  // Blob: a circle bottom merged with a pointed top.
  const body = inEllipse(0.5, 0.62, 0.44, 0.34) || (y > 0.1 && y < 0.62 && Math.abs(x - 0.5) < (y - 0.1) * 0.85);
  if (!body) return null;
  const outline = !(inEllipse(0.5, 0.62, 0.39, 0.29) || (y > 0.19 && y < 0.62 && Math.abs(x - 0.5) < (y - 0.19) * 0.8));
  if (outline || y > 0.92) return [75, 47, 143, 255];
  if (inEllipse(0.37, 0.56, 0.06, 0.08) || inEllipse(0.63, 0.56, 0.06, 0.08)) return [36, 20, 63, 255];
  if (inEllipse(0.5, 0.73, 0.1, 0.05) && y > 0.73) return [36, 20, 63, 255];
  if (inEllipse(0.33, 0.4, 0.05, 0.08)) return [255, 255, 255, 230];
  return [180, 140, 255, 255];
}

function draw(size: number): Buffer {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          const a = c[3] / 255;
          acc[0]! += c[0] * a;
          acc[1]! += c[1] * a;
          acc[2]! += c[2] * a;
          acc[3]! += a;
        }
      }
      const i = (y * size + x) * 4;
      const cov = acc[3]!;
      if (cov > 0) {
        px[i] = Math.round(acc[0]! / cov);
        px[i + 1] = Math.round(acc[1]! / cov);
        px[i + 2] = Math.round(acc[2]! / cov);
        px[i + 3] = Math.round((cov / (ss * ss)) * 255);
      }
    }
  }
  return encodePng(size, size, px);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`icon-${size}.png`, out), draw(size));
console.log('icons written to', out.pathname);
