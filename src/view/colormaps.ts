// Perceptually uniform colormaps as small tables: 33 sRGB control points each, sampled evenly
// from matplotlib's published 256-entry tables (viridis, magma, cividis: van der Walt & Smith
// 2015, Nuñez et al. 2018; coolwarm: Moreland 2009, "Diverging Color Maps for Scientific
// Visualization"), linearly interpolated in between. Written as tables rather than a dependency:
// four 33-entry tables are ~1 kB, while d3-scale-chromatic & co. bring far more than we use.
// The view only maps scalars to colours here; it computes no physics.

/** 33 control points each, as 6-digit sRGB hex (spaces optional). */
export const COLORMAPS = {
  viridis:
    '440154 470d60 48186a 482374 472d7b 453681 424086 3f4989 3b528b 375a8d 33638d' +
    '2f6a8e 2c728e 297a8e 26818e 23898e 21908c 1f988b 1f9f88 21a685 28ae80 31b57b' +
    '3ebc74 4cc26c 5dc963 6ece58 82d34c 96d83f abdc32 c0df24 d5e21a eae51a fde725',
  cividis:
    '00224e 00285b 002e6a 043371 1a386f 273e6e 32436d 3b496c 434e6c 4b546c 52596d' +
    '5a5f6e 61656f 686a71 6f7073 757676 7c7b78 848179 8b8778 938d78 9b9376 a39a75' +
    'aba072 b3a670 bbad6c c3b469 ccba64 d4c15f ddc958 e6d051 efd748 f8df3c fee838',
  magma:
    '000004 030311 0a0822 130d33 1d1146 28115a 36106a 430f76 50127c 5d177f 691c81' +
    '762181 822681 8f2a81 9c2e7f a9327d b63779 c33b75 cf4170 db486a e65163 ee5c5e' +
    'f5695c f9785d fb8761 fd9668 fea571 feb47b fec387 fed194 fde0a2 fceeb0 fcfdbf',
  coolwarm:
    '3b4cc0 445acc 4d68d7 5775e1 6282ea 6c8ef1 779af7 82a5fb 8db0fe 98b9ff a3c2ff' +
    'aec9fd b8d0f9 c2d5f4 ccd9ee d5dbe6 dddddd e5d8d1 ecd3c5 f1ccb9 f5c4ad f7bba0' +
    'f7b194 f7a687 f49a7b f18d6f ec7f63 e57058 de604d d55042 cb3e38 c0282f b40426',
} as const;
export type ColormapName = keyof typeof COLORMAPS;
export const COLORMAP_NAMES = Object.keys(COLORMAPS) as ColormapName[];
/** Diverging maps read best with a range symmetric about zero. */
export const DIVERGING: ReadonlySet<ColormapName> = new Set(['coolwarm']);

const cache = new Map<ColormapName, Float32Array>();

/** Control points of a map as sRGB floats in [0, 1], [r0, g0, b0, r1, …]. */
function controlPoints(name: ColormapName): number[] {
  const hex = COLORMAPS[name].match(/[0-9a-f]{6}/g) ?? [];
  const out: number[] = [];
  for (const h of hex) for (let c = 0; c < 3; c++) out.push(parseInt(h.slice(2 * c, 2 * c + 2), 16) / 255);
  return out;
}

/** A 256-entry sRGB lookup table, [r, g, b] × 256 in [0, 1]. */
export function lut(name: ColormapName): Float32Array {
  let t = cache.get(name);
  if (t) return t;
  const cp = controlPoints(name);
  const n = cp.length / 3;
  t = new Float32Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (n - 1);
    const k = Math.min(n - 2, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) t[3 * i + c] = cp[3 * k + c] * (1 - f) + cp[3 * (k + 1) + c] * f;
  }
  cache.set(name, t);
  return t;
}

/** sRGB → linear (what three.js instance colours expect with colour management on). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** The same table with linear-light components, for GPU colours. */
export function linearLut(name: ColormapName): Float32Array {
  const s = lut(name);
  const out = new Float32Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = srgbToLinear(s[i]);
  return out;
}

/** CSS colour of t ∈ [0, 1] (clamped). */
export function cssColor(name: ColormapName, t: number): string {
  const table = lut(name);
  const i = Math.max(0, Math.min(255, Math.round(t * 255)));
  const b = (c: number) => Math.round(table[3 * i + c] * 255);
  return `rgb(${b(0)}, ${b(1)}, ${b(2)})`;
}
