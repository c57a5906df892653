// Capacity and memory growth: a world holds 200,000 particles, random insertion is overlap-free,
// and views handed out by the facade stay usable after the core's memory grows (a grown
// WebAssembly.Memory detaches old ArrayBuffers; the facade must hand out fresh views).
import { describe, it, expect } from 'vitest';
import { newWorld, material } from './helpers';

describe('capacity and memory growth', () => {
  it('inserts and steps 200,000 particles', async () => {
    const n = 200_000, r = 5e-6;
    const w = await newWorld(n);
    w.setBox(100 * 2 * r, 100 * 2 * r); w.setGravity(9.81); w.setSkin(0.3 * 2 * r);
    w.setMaterials([material({ youngsModulus: 1e8 })]); w.setWallMaterials(0, 0); w.removePlaten();
    w.setTimestep(2e-8);
    // solids volume 200k·(4/3)π r³ over a 1 mm² cross-section at 25 % → ~0.42 mm tall
    const got = w.insertRandom(new Float64Array(n).fill(r), 0, 0, 5e-4);
    expect(got).toBe(n);
    w.step(5, true);
    expect(w.count).toBe(n);
    const z = w.field('z');
    expect(z.length).toBe(n);
    expect(z.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    // sorted by cell at the first build: ids are a permutation of 0..n−1
    const ids = Array.from(w.ids).sort((a, b) => a - b);
    expect(ids.every((v, k) => v === k)).toBe(true);
  }, 120_000);

  it('random insertion leaves no overlaps (brute force, polydisperse 1:5)', async () => {
    const n = 1500, r0 = 2e-6;
    const w = await newWorld(n);
    const L = 60 * r0;
    w.setBox(L, L); w.setGravity(0); w.setSkin(0.5 * r0);
    w.setMaterials([material()]); w.setWallMaterials(0, 0); w.removePlaten();
    w.seed(7);
    const radii = Array.from({ length: n }, (_, k) => r0 * (1 + 4 * ((k * 0.6180339887) % 1))).sort((a, b) => b - a);
    expect(w.insertRandom(radii, 0, 0, 400 * r0)).toBe(n);  // ~14 % solids
    const x = w.field('x'), y = w.field('y'), z = w.field('z'), r = w.field('radius');
    let worst = Infinity;
    for (let i = 0; i < n; i++) {
      expect(z[i] - r[i]).toBeGreaterThanOrEqual(0);
      expect(z[i] + r[i]).toBeLessThanOrEqual(400 * r0 * (1 + 1e-12));
      for (let j = i + 1; j < n; j++) {
        let dx = Math.abs(x[i] - x[j]); dx = Math.min(dx, L - dx);
        let dy = Math.abs(y[i] - y[j]); dy = Math.min(dy, L - dy);
        const gap = Math.hypot(dx, dy, z[i] - z[j]) - r[i] - r[j];
        worst = Math.min(worst, gap);
      }
    }
    expect(worst).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('views stay valid after the neighbour list grows memory', async () => {
    const n = 800, r = 1e-5;
    const w = await newWorld(n);
    const L = 24 * r;
    w.setBox(L, L); w.setGravity(0);
    w.setSkin(8 * r);     // a huge skin: ~100 neighbours each, far beyond the initial list size
    w.setMaterials([material()]); w.setWallMaterials(0, 0); w.removePlaten();
    w.setTimestep(1e-7);
    expect(w.insertRandom(new Array(n).fill(r), 0, 0, 40 * r)).toBe(n);
    const oldView = w.field('z');
    const before = w.exports.memory.buffer;
    w.step(2);
    expect(w.exports.memory.buffer).not.toBe(before);   // memory did grow
    expect(oldView.length).toBe(0);                      // …and detached the old view
    const z = w.field('z');                              // the facade hands out a fresh one
    expect(z.length).toBe(n);
    expect(z.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(w.exports.neighborCount() / n).toBeGreaterThan(16);
  }, 60_000);
});
