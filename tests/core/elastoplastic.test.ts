// Thornton–Ning elasto-plastic normal law (assembly/contact.ts): a sphere squeezed quasi-statically
// between the collector and the platen, loaded past yield and unloaded. Checked against the closed
// forms of the model (Thornton & Ning, Powder Technol. 99 (1998) 154) for a sphere–plane contact
// (R* = r): δ_y = (π p_y / 2E*)² r, loading F = F_y + π p_y r (δ − δ_y) beyond yield, and on
// unloading zero force at the residual overlap δ_p = δ_max − 3F_max / (4E* √(r δ_max)).
// Tolerance 3 %: the platen moves at ~1e-3 of the contact's elastic wave speed scale, so inertia and
// damping add well under 1 % to the force; the overlap is read at 1/400 of δ_y resolution.
import { describe, it, expect } from 'vitest';
import { newWorld, material, eStar } from './helpers';

describe('Thornton–Ning elasto-plastic contact', () => {
  it('yields at δ_y, loads along F_y + π p_y R (δ − δ_y), unloads to a permanent overlap δ_p', async () => {
    const r = 1e-3, py = 1e5;
    const m = material({ youngsModulus: 1e7, restitution: 0.3, yieldPressure: py });
    const Es = eStar(m, m);
    const dy = (Math.PI * py / (2 * Es)) ** 2 * r;
    const Fy = (4 / 3) * Es * Math.sqrt(r) * dy ** 1.5;
    const loadF = (d: number) => (d <= dy ? (4 / 3) * Es * Math.sqrt(r) * d ** 1.5 : Fy + Math.PI * py * r * (d - dy));

    const w = await newWorld(1);
    w.setBox(10 * r, 10 * r); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([m]); w.setWallMaterials(0, 0);
    w.addParticle(5 * r, 5 * r, r, r, 0);           // resting on the collector, no overlap
    const dt = 2e-6;                                 // ≈ 0.02 × Rayleigh time
    w.setTimestep(dt);
    const v = 2e-4;                                  // m/s: δ_y is crossed in ~2,000 steps
    w.setPlatenVelocity(-v, 2 * r);
    const topOverlap = () => w.field('z')[0] + r - w.platenZ;
    const platenForce = () => w.exports.platenForce();

    // load to 6 δ_y (on the platen side; the sphere stays centred by symmetry)
    let checked = 0;
    while (topOverlap() < 6 * dy) {
      w.step(20);
      const d = topOverlap();
      if (d > 1.5 * dy && checked < 200) {
        expect(Math.abs(platenForce() - loadF(d)) / loadF(d)).toBeLessThan(0.03);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    const dmax = topOverlap(), Fmax = platenForce();
    expect(Fmax / loadF(dmax)).toBeCloseTo(1, 1);
    // unload: find the overlap where the force vanishes
    w.setPlatenVelocity(+v / 4);                      // slower: the sphere must follow the platen
    let dZero = NaN;
    for (let k = 0; k < 100000 && Number.isNaN(dZero); k++) {
      w.step(5);
      if (platenForce() <= 0) dZero = topOverlap();
    }
    const dp = dmax - (3 * Fmax) / (4 * Es * Math.sqrt(r * dmax));
    console.log(`δ_y = ${(dy * 1e9).toFixed(1)} nm, δ_max = ${(dmax * 1e9).toFixed(1)} nm, residual δ_p: measured ${(dZero * 1e9).toFixed(1)} nm, model ${(dp * 1e9).toFixed(1)} nm`);
    expect(dZero).toBeGreaterThan(0.3 * dmax);        // a permanent overlap (the model: 42 % of δ_max here)
    expect(Math.abs(dZero - dp) / (dmax - dp)).toBeLessThan(0.03); // within 3 % of the elastic recovery
  }, 60_000);

  it('stays purely elastic (no residual overlap) when yieldPressure is null', async () => {
    const r = 1e-3;
    const m = material({ youngsModulus: 1e7, restitution: 0.3 });
    const w = await newWorld(1);
    w.setBox(10 * r, 10 * r); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([m]); w.setWallMaterials(0, 0);
    w.addParticle(5 * r, 5 * r, r, r, 0);
    w.setTimestep(2e-6);
    w.setPlatenVelocity(-2e-4, 2 * r);
    const topOverlap = () => w.field('z')[0] + r - w.platenZ;
    while (topOverlap() < 5e-6) w.step(20);
    w.setPlatenVelocity(2e-4);
    let dZero = NaN;
    for (let k = 0; k < 100000 && Number.isNaN(dZero); k++) { w.step(5); if (w.exports.platenForce() <= 0) dZero = topOverlap(); }
    expect(Math.abs(dZero)).toBeLessThan(0.02 * 5e-6);
  }, 60_000);
});
