// Bonded sphere chains (assembly/bonds.ts), the carbon-nanotube model of the interlayer scaffold.
// Stretch: two bonded beads oscillate at ω = √(k/m*) (m* the reduced mass) and, with damping ratio
// ζ, lose amplitude by exp(−2πζ/√(1−ζ²)) per period. Bending: a clamped chain loaded at its tip
// against Euler–Bernoulli beam theory, δ = P ℓ³/(3EI), with EI = k_θ L for the cosine angle
// potential U = k_θ(1 + cos θ) and bond length L.
import { describe, it, expect } from 'vitest';
import { newWorld, material, sphereMass } from './helpers';

describe('bonds', () => {
  it('stretch: two beads oscillate at ω = √(k/m*); ζ sets the logarithmic decrement', async () => {
    for (const zeta of [0, 0.1]) {
      const r = 1e-3, L0 = 3e-3, k = 50;            // L0 > 2r: the beads never touch
      const m = material({ density: 1000 });
      const w = await newWorld(2);
      w.setBox(20 * r, 20 * r); w.setGravity(0); w.setSkin(0.2 * r);
      w.setMaterials([m]); w.setWallMaterials(0, 0); w.removePlaten();
      w.addParticle(5 * r, 10 * r, 10 * r, r, 0);
      w.addParticle(5 * r + L0 * 1.01, 10 * r, 10 * r, r, 0);   // 1 % stretch
      w.addBond(0, 1, L0, k, zeta);
      const mstar = sphereMass(m, r) / 2;
      const omega = Math.sqrt(k / mstar);
      const T = (2 * Math.PI) / omega;
      const dt = T / 2000;
      w.setTimestep(dt);
      const stretch = () => w.field('x')[1] - w.field('x')[0] - L0;
      // upward zero crossings (linear interpolation) and the peaks after them
      const crossings: number[] = []; const peaks: number[] = [];
      let prev = stretch(), peak = 0;
      for (let s = 1; s <= 8000; s++) {
        w.step(1);
        const cur = stretch();
        if (prev < 0 && cur >= 0) { crossings.push((s - 1 + -prev / (cur - prev)) * dt); if (peak > 0) peaks.push(peak); peak = 0; }
        if (cur > peak) peak = cur;
        prev = cur;
      }
      const Td = (crossings[crossings.length - 1] - crossings[0]) / (crossings.length - 1);
      const expectT = T / Math.sqrt(1 - zeta * zeta);
      console.log(`ζ = ${zeta}: period ${Td.toExponential(5)} s, model ${expectT.toExponential(5)} s`);
      expect(Math.abs(Td / expectT - 1)).toBeLessThan(1e-3);   // Verlet phase error at T/dt = 2000 is ~1e-6
      if (zeta > 0) {
        const dec = Math.log(peaks[0] / peaks[1]);
        const model = (2 * Math.PI * zeta) / Math.sqrt(1 - zeta * zeta);
        console.log(`ζ = ${zeta}: log decrement ${dec.toFixed(5)}, model ${model.toFixed(5)}`);
        expect(Math.abs(dec / model - 1)).toBeLessThan(0.01);
      } else {
        expect(Math.abs(peaks[peaks.length - 1] / (0.01 * L0) - 1)).toBeLessThan(1e-3);   // undamped: no loss
      }
    }
  });

  it('bending: a clamped chain under a tip load deflects as a cantilever beam, δ = Pℓ³/(3 k_θ L)', async () => {
    const r = 1e-3, L = 2.5e-3, n = 21;            // beads 0..n; 0 and 1 are the clamp
    const kb = 1e3, kTheta = 1e-2;                 // N/m, J
    const bead = material({ youngsModulus: 1e7, density: 1000, restitution: 0.5 });
    const heavy = material({ youngsModulus: 1e7, density: 1e15, restitution: 0.5 });
    const w = await newWorld(n + 2);
    w.setBox(0.2, 0.2); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([bead, heavy]); w.setWallMaterials(0, 0); w.removePlaten();
    const z0 = 0.1;
    for (let k = 0; k <= n; k++) w.addParticle(0.02 + k * L, 0.1, z0, r, k <= 1 ? 1 : 0);
    for (let k = 0; k < n; k++) w.addBond(k, k + 1, L, kb, 0.3);
    for (let k = 1; k < n; k++) w.addAngle(k - 1, k, k + 1, kTheta, 0.5, L);
    const ind = w.addParticle(0.02 + n * L, 0.1, z0 + 2 * r, r, 1);   // heavy indenter above the tip
    const EI = kTheta * L, ell = (n - 0.5) * L;    // clamp section at the middle of the clamping bond
    const target = 0.005 * ell;
    const mu = sphereMass(bead, r) / L;
    const period = (2 * Math.PI) / (3.516 * Math.sqrt(EI / (mu * ell ** 4)));
    const dt = 1e-5;
    w.setTimestep(dt);
    const travel = Math.round((5 * period) / dt);
    w.setVelocity(ind, 0, 0, -target / (travel * dt));
    w.step(travel);
    w.setVelocity(ind, 0, 0, 0);
    w.step(Math.round((5 * period) / dt));
    // the lowest bending mode is only lightly damped (the joint dashpots act on the one-joint mode):
    // average load and deflection over 20 periods, which is the static value for a linear oscillation
    let P = 0, delta = 0, samples = 0;
    const every = 7, total = Math.round((20 * period) / dt / every);
    for (let s = 0; s < total; s++) { w.step(every); P += w.field('fz')[ind]; delta += z0 - w.field('z')[n]; samples++; }
    P /= samples; delta /= samples;                // P: contact force pushing the indenter up, N
    const beam = (P * ell ** 3) / (3 * EI);
    let sum = 0; for (let m = 1; m <= n - 1; m++) sum += (m * L) ** 2;
    const discrete = (P * sum) / kTheta;           // exact for rigid bonds and small rotations
    console.log(`tip load ${P.toExponential(4)} N, deflection ${delta.toExponential(5)} m, beam ${beam.toExponential(5)} m, discrete ${discrete.toExponential(5)} m`);
    expect(P).toBeGreaterThan(0);
    expect(Math.abs(delta / discrete - 1)).toBeLessThan(0.01);
    expect(Math.abs(delta / beam - 1)).toBeLessThan(0.02);
    expect(Math.abs(w.field('z')[1] - z0)).toBeLessThan(1e-4 * delta);   // the heavy clamp stayed put
  });

  it('bonds follow their particles when the storage is re-sorted by cell (≥ 1,024 particles)', async () => {
    const n = 1200, r = 1e-3;
    const w = await newWorld(n);
    w.setBox(0.04, 0.04); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([material({ density: 1000 })]); w.setWallMaterials(0, 0); w.removePlaten();
    // particles in a scrambled order over a 3-D lattice, bonded in pairs (2k, 2k+1) along x
    for (let k = 0; k < n / 2; k++) {
      const c = (k * 389) % (n / 2);
      const x = 0.001 + (c % 10) * 0.004, y = 0.002 + (Math.floor(c / 10) % 10) * 0.0035, z = 0.002 + Math.floor(c / 100) * 0.0035;
      w.addParticle(x, y, z, r, 0); w.addParticle(x + 2.2 * r, y, z, r, 0);
      w.addBond(2 * k, 2 * k + 1, 2.2 * r, 10, 0.5);
    }
    w.setTimestep(1e-5);
    w.step(2);
    expect(w.layoutVersion).toBeGreaterThan(0);      // the storage was re-sorted
    const ids = w.ids;
    for (let b = 0; b < w.bondCount; b++) {
      const [i, j] = w.bond(b);
      expect([ids[i], ids[j]]).toEqual([2 * b, 2 * b + 1]);
    }
  });

  it('rejects bad bonds with a message naming them', async () => {
    const w = await newWorld(2);
    w.setMaterials([material()]);
    w.addParticle(0, 0, 1, 0.1, 0);
    expect(() => w.addBond(0, 0, 1, 1)).toThrow(/bond \(0, 0\)/);
    expect(() => w.addBond(0, 5, 1, 1)).toThrow(/from 0 to 0/);
  });
});
