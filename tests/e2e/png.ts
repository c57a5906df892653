// A minimal PNG reader for the tests: header size, and full decoding of the 8-bit, non-interlaced
// RGB/RGBA images that Chromium writes (screenshots, canvas.toBlob), into RGBA bytes.
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function decodePng(png: Buffer): Image {
  const { width, height } = pngSize(png);
  const depth = png[24], colorType = png[25], interlace = png[28];
  if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
    throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
  }
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length;) {
    const len = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    if (type === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + len));
    if (type === 'IEND') break;
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const cur = new Uint8Array(stride), prev = new Uint8Array(stride);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      switch (filter) {
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
      }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * bpp]; out[o + 1] = cur[x * bpp + 1]; out[o + 2] = cur[x * bpp + 2];
      out[o + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

/** Pixels of a rectangle (clamped) whose colour is farther than `tol` (max channel) from `bg`. */
export function countUnlike(img: Image, bg: [number, number, number], tol = 40,
  rect = { x: 0, y: 0, w: img.width, h: img.height }): number {
  let n = 0;
  const x1 = Math.min(img.width, rect.x + rect.w), y1 = Math.min(img.height, rect.y + rect.h);
  for (let y = Math.max(0, rect.y); y < y1; y++) {
    for (let x = Math.max(0, rect.x); x < x1; x++) {
      const o = (y * img.width + x) * 4;
      const d = Math.max(Math.abs(img.data[o] - bg[0]), Math.abs(img.data[o + 1] - bg[1]), Math.abs(img.data[o + 2] - bg[2]));
      if (d > tol) n++;
    }
  }
  return n;
}

/** Fraction of pixels that differ by more than `tol` (max channel) between two same-size images. */
export function diffFraction(a: Image, b: Image, tol = 40): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images differ in size');
  let n = 0;
  for (let o = 0; o < a.data.length; o += 4) {
    const d = Math.max(Math.abs(a.data[o] - b.data[o]), Math.abs(a.data[o + 1] - b.data[o + 1]), Math.abs(a.data[o + 2] - b.data[o + 2]));
    if (d > tol) n++;
  }
  return n / (a.width * a.height);
}

/** Pixels within `tol` of the colour c. */
export function countNear(img: Image, c: [number, number, number], tol = 24,
  rect = { x: 0, y: 0, w: img.width, h: img.height }): number {
  let n = 0;
  const x1 = Math.min(img.width, rect.x + rect.w), y1 = Math.min(img.height, rect.y + rect.h);
  for (let y = Math.max(0, rect.y); y < y1; y++) {
    for (let x = Math.max(0, rect.x); x < x1; x++) {
      const o = (y * img.width + x) * 4;
      if (Math.abs(img.data[o] - c[0]) <= tol && Math.abs(img.data[o + 1] - c[1]) <= tol && Math.abs(img.data[o + 2] - c[2]) <= tol) n++;
    }
  }
  return n;
}
