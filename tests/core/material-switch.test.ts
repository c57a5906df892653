// Per-particle material switching (assembly/growth.ts setParticleMaterial): a sphere pressed into
// the collector by a fixed overlap, evaluated before and after switching its material. Elastic:
// the contact force is Hertz, F = 4/3 E* √r δ^{3/2}, so it scales with E* exactly. Softened into a
// yielding material (Si → Li15Si4): the force drops to the Thornton–Ning loading value
// F_y + π p_y r (δ − δ_y) of the new material.
import { describe, it, expect } from 'vitest';
import { newWorld, material, eStar, sphereMass } from './helpers';

describe('material switch', () => {
  it('contact force follows Hertz with the new E*, and Thornton–Ning with the new yield pressure', async () => {
    const si = material({ youngsModulus: 160e9, poissonRatio: 0.22, density: 2330 });
    const lisi = material({ youngsModulus: 41e9, poissonRatio: 0.22, density: 1180 });
    const lisiYield = material({ youngsModulus: 41e9, poissonRatio: 0.22, density: 1180, yieldPressure: 1.9e9 });
    const steel = material({ youngsModulus: 200e9, poissonRatio: 0.3, density: 7900 });
    const r = 25e-9, delta = 0.5e-9;
    const w = await newWorld(1);
    w.setBox(1e-6, 1e-6); w.setGravity(0); w.setSkin(5e-9);
    w.setMaterials([si, lisi, lisiYield, steel]); w.setWallMaterials(3, 3); w.removePlaten();
    w.addParticle(5e-7, 5e-7, r - delta, r, 0);
    const force = () => { w.setPosition(0, 5e-7, 5e-7, r - delta); w.step(0); return w.exports.collectorForce(); };
    const hertz = (a: typeof si) => (4 / 3) * eStar(a, steel) * Math.sqrt(r) * delta ** 1.5;
    const f0 = force();
    expect(Math.abs(f0 / hertz(si) - 1)).toBeLessThan(1e-12);
    w.setParticleMaterial(0, 1);
    const f1 = force();
    expect(Math.abs(f1 / hertz(lisi) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(f1 / f0 - eStar(lisi, steel) / eStar(si, steel))).toBeLessThan(1e-12);
    expect(Math.abs(w.field('mass')[0] / sphereMass(lisi, r) - 1)).toBeLessThan(1e-14);   // mass follows ρ
    // yielding: δ_y = (π p_y / 2E*)² r is below δ here, so F is on the plastic loading line
    w.setParticleMaterial(0, 2);
    const Es = eStar(lisiYield, steel), py = 1.9e9;
    const dy = (Math.PI * py / (2 * Es)) ** 2 * r;
    expect(dy).toBeLessThan(delta);
    const tn = (4 / 3) * Es * Math.sqrt(r) * dy ** 1.5 + Math.PI * py * r * (delta - dy);
    const f2 = force();
    expect(Math.abs(f2 / tn - 1)).toBeLessThan(1e-12);
    expect(f2).toBeLessThan(f1);
    expect(() => w.setParticleMaterial(0, 7)).toThrow(/material 7 for particle 0/);
  });
});
