import { describe, expect, it } from 'vitest';
import { localThickness, poreSizeDistribution, squaredDistanceTransform } from '../../src/interlayer/pore-size';
import { MATERIAL, createGrid } from '../../src/interlayer/voxel-grid';
import { Rng } from '../../src/psd/detmath';

/** Brute-force squared distance with periodic x, y and solid outside in z. */
function brute(mask: Uint8Array, nx: number, ny: number, nz: number): Float64Array {
  const out = new Float64Array(mask.length);
  for (let v = 0; v < mask.length; v++) {
    if (!mask[v]) continue;
    const i = v % nx; const j = Math.floor(v / nx) % ny; const k = Math.floor(v / (nx * ny));
    let best = Math.min((k + 1) ** 2, (nz - k) ** 2); // the solid outside the grid at k = −1 and k = nz
    for (let u = 0; u < mask.length; u++) {
      if (mask[u]) continue;
      const a = u % nx; const b = Math.floor(u / nx) % ny; const c = Math.floor(u / (nx * ny));
      let dx = Math.abs(a - i); dx = Math.min(dx, nx - dx);
      let dy = Math.abs(b - j); dy = Math.min(dy, ny - dy);
      best = Math.min(best, dx * dx + dy * dy + (c - k) ** 2);
    }
    out[v] = best;
  }
  return out;
}

describe('exact Euclidean distance transform (Felzenszwalb–Huttenlocher)', () => {
  it('equals brute force on random grids (periodic x, y; solid beyond z)', () => {
    const rng = new Rng(7);
    for (const [nx, ny, nz, p] of [[7, 5, 6, 0.7], [9, 9, 4, 0.9], [4, 6, 8, 0.5]] as const) {
      const mask = new Uint8Array(nx * ny * nz);
      for (let v = 0; v < mask.length; v++) mask[v] = rng.next() < p ? 1 : 0;
      expect(Array.from(squaredDistanceTransform(mask, nx, ny, nz))).toEqual(Array.from(brute(mask, nx, ny, nz)));
    }
  });
  it('leaves a fully open periodic line at +∞ only where nothing solid is visible', () => {
    const mask = new Uint8Array(4 * 4 * 3).fill(1);
    const d = squaredDistanceTransform(mask, 4, 4, 3, { outside: 'open' });
    expect(d.every((x) => x === Infinity)).toBe(true);
    const s = squaredDistanceTransform(mask, 4, 4, 3); // solid below and above
    expect(Math.max(...s)).toBe(4); // middle layer: 2 voxels from either side
  });
});

describe('local thickness against analytic shapes', () => {
  const h = 10e-9;
  it('a slit of n voxels has thickness n (odd n) or n − 1 (even n) everywhere', () => {
    for (const n of [5, 6, 9]) {
      const g = createGrid(12, 12, n + 4, h, MATERIAL.lisi);
      for (let k = 2; k < 2 + n; k++) for (let c = 0; c < 144; c++) g.material[c + 144 * k] = MATERIAL.pore;
      const lt = localThickness(g);
      const expected = (n % 2 === 1 ? n : n - 1) * h;
      for (let v = 0; v < lt.length; v++) if (g.material[v] === MATERIAL.pore) expect(lt[v] / h).toBeCloseTo(expected / h, 5);
    }
  });
  it('an off-lattice cylinder of radius R has thickness from 2R − 2.5 to 2R + 1 voxels', () => {
    const R = 6.5; const n = 24;
    const g = createGrid(n, n, 10, h, MATERIAL.lisi);
    for (let k = 0; k < 10; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++)
      if ((i + 0.5 - n / 2) ** 2 + (j + 0.5 - n / 2) ** 2 < R * R) g.material[i + n * (j + n * k)] = MATERIAL.pore;
    // the cylinder axis runs along z and leaves the grid: make z periodic so it is infinite
    const lt = localThickness(g, undefined, { periodic: [true, true, true] });
    for (let v = 0; v < lt.length; v++) if (g.material[v] === MATERIAL.pore) {
      expect(lt[v] / h).toBeGreaterThanOrEqual(2 * R - 2.5);
      expect(lt[v] / h).toBeLessThanOrEqual(2 * R + 1);
    }
  });
  it('a sphere of radius R centred on a voxel has thickness within one voxel of 2R everywhere', () => {
    const R = 7.3; const n = 23; const c = 11.5; // voxel 11's centre
    const g = createGrid(n, n, n, h, MATERIAL.lisi);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++)
      if ((i + 0.5 - c) ** 2 + (j + 0.5 - c) ** 2 + (k + 0.5 - c) ** 2 < R * R) g.material[i + n * (j + n * k)] = MATERIAL.pore;
    const lt = localThickness(g);
    for (let v = 0; v < lt.length; v++) if (g.material[v] === MATERIAL.pore) expect(Math.abs(lt[v] / h - 2 * R)).toBeLessThanOrEqual(1);
    const psd = poreSizeDistribution(g, undefined, lt);
    expect(psd.volumeFraction.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('an off-lattice sphere has thickness from 2R − 2.5 to 2R + 1 voxels', () => {
    const R = 7.3; const n = 22; const c = 11; // a voxel corner
    const g = createGrid(n, n, n, h, MATERIAL.lisi);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++)
      if ((i + 0.5 - c) ** 2 + (j + 0.5 - c) ** 2 + (k + 0.5 - c) ** 2 < R * R) g.material[i + n * (j + n * k)] = MATERIAL.pore;
    const lt = localThickness(g);
    const psd = poreSizeDistribution(g, undefined, lt);
    expect(psd.d50 / h).toBeGreaterThanOrEqual(2 * R - 2.5);
    for (let v = 0; v < lt.length; v++) if (g.material[v] === MATERIAL.pore) {
      expect(lt[v] / h).toBeGreaterThanOrEqual(2 * R - 2.5);
      expect(lt[v] / h).toBeLessThanOrEqual(2 * R + 1);
    }
  });
  it('wraps balls across the periodic x boundary', () => {
    const g = createGrid(16, 16, 9, h, MATERIAL.lisi);
    // a slab pore of 7 voxels in x straddling x = 0 (i = 13..15, 0..3)
    for (let k = 0; k < 9; k++) for (let j = 0; j < 16; j++) for (const i of [13, 14, 15, 0, 1, 2, 3]) g.material[i + 16 * (j + 16 * k)] = MATERIAL.pore;
    const lt = localThickness(g, undefined, { periodic: [true, true, true] });
    for (let v = 0; v < lt.length; v++) if (g.material[v] === MATERIAL.pore) expect(lt[v] / h).toBeCloseTo(7, 5);
  });
});
