// Particles that change during a run (assembly/growth.ts): a grown sphere's mass and moment of
// inertia, the neighbour-skin safety when growth closes a gap without any motion, and the
// volume-honest radius correction against the analytic lens volume of two overlapping spheres.
import { describe, it, expect } from 'vitest';
import { newWorld, material, sphereMass } from './helpers';

describe('radius change during a run', () => {
  it('a grown sphere has m = ρ·4/3·πr³ and I = 2/5·m r² (from its rotational energy)', async () => {
    const m = material({ density: 2330 });
    const w = await newWorld(1);
    w.setBox(1e-6, 1e-6); w.setGravity(0); w.setSkin(5e-9);
    w.setMaterials([m]); w.setWallMaterials(0, 0); w.removePlaten();
    w.addParticle(5e-7, 5e-7, 5e-7, 25e-9, 0);
    const r1 = 25e-9 * Math.cbrt(3.81);                       // Si → Li15Si4 volume ratio
    w.setRadius(0, r1);
    expect(w.field('radius')[0]).toBe(r1);
    expect(w.field('mass')[0] / sphereMass(m, r1) - 1).toBeLessThan(1e-14);
    const omega = 1e6;
    w.setAngularVelocity(0, 0, 0, omega);
    const I = (2 * w.exports.rotationalEnergy()) / omega ** 2;
    expect(Math.abs(I / (0.4 * sphereMass(m, r1) * r1 * r1) - 1)).toBeLessThan(1e-12);
    expect(() => w.setRadius(0, NaN)).toThrow(/radius of particle 0/);
    expect(() => w.setRadius(0, -1)).toThrow(/must be a finite number > 0/);
  });

  it('growth that closes a gap wider than the skin rebuilds the list and the contact pushes (no motion needed)', async () => {
    const w = await newWorld(2);
    const r = 1e-3, gap = 0.3e-3, skin = 0.1e-3;               // gap > skin: not in the list at first
    w.setBox(20 * r, 20 * r); w.setGravity(0); w.setSkin(skin);
    w.setMaterials([material({ youngsModulus: 1e7, density: 1000 })]); w.setWallMaterials(0, 0); w.removePlaten();
    w.addParticle(5 * r, 10 * r, 10 * r, r, 0);
    w.addParticle(5 * r + 2 * r + gap, 10 * r, 10 * r, r, 0);
    w.setTimestep(1e-6);
    w.step(10);
    expect(w.neighborPairs().length).toBe(0);
    const rebuilds = w.exports.rebuildCount();
    // grow both by 0.2 mm in ten increments: each one is below skin/2, together they overlap by 0.1 mm
    for (let k = 1; k <= 10; k++) { w.setRadius(0, r + 0.02e-3 * k); w.setRadius(1, r + 0.02e-3 * k); w.step(1); }
    expect(w.exports.rebuildCount()).toBeGreaterThan(rebuilds);
    w.step(5);
    const vx = w.field('vx');
    expect(vx[0]).toBeLessThan(0);        // pushed apart by the contact the grown radii made
    expect(vx[1]).toBeGreaterThan(0);
  });
});

describe('volume-honest radii', () => {
  it('core lens volume matches the analytic lens of two spheres (and its limits)', async () => {
    const w = await newWorld(1);
    const e = w.exports;
    // equal spheres r at distance d: V = π (4r + d)(2r − d)² / 12
    const r = 1.3, d = 1.7;
    expect(Math.abs(e.lensVolume(r, r, d) / ((Math.PI * (4 * r + d) * (2 * r - d) ** 2) / 12) - 1)).toBeLessThan(1e-13);
    // unequal: compare with numerical integration of the two caps (cap heights from the radical plane)
    const a = 2, b = 1, dd = 2.5;
    const x = (dd * dd + a * a - b * b) / (2 * dd);           // radical plane from a's centre
    const cap = (R: number, h: number) => (Math.PI * h * h * (3 * R - h)) / 3;
    expect(Math.abs(e.lensVolume(a, b, dd) / (cap(a, a - x) + cap(b, b - (dd - x))) - 1)).toBeLessThan(1e-13);
    expect(e.lensVolume(a, b, 3.0001)).toBe(0);
    expect(Math.abs(e.lensVolume(a, b, 0.5) / ((4 / 3) * Math.PI) - 1)).toBeLessThan(1e-14);   // b inside a
  });

  it('two overlapping spheres corrected to targets V*: sphere − ½ lens = V* for each, union = ΣV*', async () => {
    const w = await newWorld(2);
    const r = 1e-3;
    w.setBox(20 * r, 20 * r); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([material()]); w.setWallMaterials(0, 0); w.removePlaten();
    w.addParticle(5 * r, 10 * r, 10 * r, r, 0);
    w.addParticle(5 * r + 1.6 * r, 10 * r, 10 * r, 0.8 * r, 0);
    const V0 = (4 / 3) * Math.PI * r ** 3, V1 = (4 / 3) * Math.PI * (0.8 * r) ** 3;
    const t = w.targetVolumes; t[0] = V0; t[1] = V1;
    let change = 1;
    for (let k = 0; k < 20 && change > 1e-13; k++) change = w.honestRadii(1);
    expect(change).toBeLessThan(1e-12);
    const [ra, rb] = w.field('radius');
    const lens = w.exports.lensVolume(ra, rb, 1.6 * r);
    expect(lens).toBeGreaterThan(0.01 * V1);
    expect(Math.abs(((4 / 3) * Math.PI * ra ** 3 - lens / 2) / V0 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(((4 / 3) * Math.PI * rb ** 3 - lens / 2) / V1 - 1)).toBeLessThan(1e-12);
    // union = V_a + V_b − lens (exact for two spheres)
    const union = (4 / 3) * Math.PI * (ra ** 3 + rb ** 3) - lens;
    expect(Math.abs(union / (V0 + V1) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(w.honestVolume() / (V0 + V1) - 1)).toBeLessThan(1e-12);
  });

  it('a sphere cut by the collector gets back the cap below z = 0', async () => {
    const w = await newWorld(1);
    const r = 1e-3;
    w.setBox(20 * r, 20 * r); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([material()]); w.setWallMaterials(0, 0); w.removePlaten();
    w.addParticle(5 * r, 5 * r, 0.7 * r, r, 0);
    const V = (4 / 3) * Math.PI * r ** 3;
    w.targetVolumes[0] = V;
    for (let k = 0; k < 40; k++) w.honestRadii(1);
    const R = w.field('radius')[0], h = R - 0.7 * r;
    expect(Math.abs(((4 / 3) * Math.PI * R ** 3 - (Math.PI * h * h * (3 * R - h)) / 3) / V - 1)).toBeLessThan(1e-10);
  });
});
