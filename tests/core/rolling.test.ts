// Rolling resistance: a sphere rolling without slip on the collector under gravity decelerates at
// a = (5/7) μ_r g when the resisting torque is M = μ_r R* F_n with R* = r and F_n = m g
// (translation m a = F_t, rotation I α = −r F_t − M, rolling a = α r, I = 2/5 m r²).
// Constant directional torque (CDT) gives that from the start; EPSD (Ai et al. 2011) after its
// spring has saturated at the same cap. Tolerance 3 %: the overlap under gravity shortens the lever
// by δ/r ~ 1e-4 and velocity Verlet is exact for constant forces.
import { describe, it, expect } from 'vitest';
import { newWorld, material } from './helpers';

async function deceleration(mode: 'cdt' | 'epsd', mur: number): Promise<number> {
  const r = 1e-3, g = 9.81, v0 = 0.05;
  const m = material({ youngsModulus: 1e7, restitution: 0.3, friction: 0.8, rollingFriction: mur });
  const w = await newWorld(1);
  w.setBox(100 * r, 10 * r); w.setGravity(g); w.setSkin(0.2 * r);
  w.setMaterials([m]); w.setWallMaterials(0, 0); w.setRolling(mode); w.removePlaten();
  w.setTimestep(2e-6);
  w.addParticle(5 * r, 5 * r, r, r, 0);
  w.step(20000);                                  // settle on the plane (damped bounce)
  w.setVelocity(0, v0, 0, 0);
  w.setAngularVelocity(0, 0, v0 / r, 0);          // rolling without slip along +x
  w.step(2000);                                   // let EPSD's spring load up
  const t1 = w.time, v1 = w.field('vx')[0];
  w.step(10000);
  const t2 = w.time, v2 = w.field('vx')[0];
  expect(v2).toBeGreaterThan(0);
  return -(v2 - v1) / (t2 - t1);
}

describe('rolling resistance', () => {
  for (const mode of ['cdt', 'epsd'] as const) {
    it(`${mode}: a rolling sphere decelerates at (5/7) μ_r g`, async () => {
      const mur = 0.05;
      const a = await deceleration(mode, mur);
      const expected = (5 / 7) * mur * 9.81;
      console.log(`${mode}: deceleration ${a.toFixed(4)} m/s², model ${expected.toFixed(4)} m/s²`);
      expect(Math.abs(a - expected) / expected).toBeLessThan(0.03);
    }, 60_000);
  }
  it('none: rolling is free (no deceleration beyond numerical noise)', async () => {
    const a = await deceleration('cdt', 0);
    expect(Math.abs(a)).toBeLessThan(1e-3 * (5 / 7) * 0.05 * 9.81 * 100);
  }, 60_000);
});
