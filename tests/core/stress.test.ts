// Love–Weber particle stress (σ_p = (1/V_p) Σ_c f ⊗ b, src/core/world.ts particleStress()).
// 1. One sphere squeezed between the collector and the platen: two contact forces F along z with
//    lever arms c = r − δ give σ_zz = −2Fc/V, so p = 2Fc/(3V) and von Mises = 2Fc/V = 3p.
// 2. A bed at rest between the collector and a servo-held platen: summing V_p σ_zz over all particles,
//    internal contacts cancel and, with every particle in equilibrium (Σ_c f_z = m g),
//    −Σ_p V_p σ_zz,p = F_platen·Z + g Σ_p m_p z_p exactly. Residual motion limits it to ~0.1 %.
import { describe, it, expect } from 'vitest';
import { newWorld, material } from './helpers';
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';

describe('Love–Weber particle stress', () => {
  it('a sphere between two planes: p = 2Fc/(3V), von Mises = 3p', async () => {
    const r = 1e-3;
    const w = await newWorld(1);
    w.setBox(10 * r, 10 * r); w.setGravity(0); w.setSkin(0.2 * r);
    w.setMaterials([material({ restitution: 0.3 })]); w.setWallMaterials(0, 0);
    w.addParticle(5 * r, 5 * r, r, r, 0);
    w.setTimestep(2e-6);
    w.setPlatenVelocity(-2e-4, 2 * r);
    while (w.field('z')[0] + r - w.platenZ < 2e-6) w.step(10);
    w.setPlatenFixed();
    w.step(20000);                       // let it come to rest
    w.step(1, true);
    const F = w.exports.platenForce(), z = w.field('z')[0];
    const c = w.platenZ - z;             // centre to the platen's contact plane
    const V = (4 / 3) * Math.PI * r ** 3;
    const { pressure, vonMises } = w.particleStress();
    expect(F).toBeGreaterThan(0);
    expect(pressure[0] / ((2 * F * c) / (3 * V))).toBeCloseTo(1, 3);
    expect(vonMises[0] / (3 * pressure[0])).toBeCloseTo(1, 6);
  }, 30_000);

  it('a bed at rest: −Σ V_p σ_zz = F_platen·Z + g Σ m z', async () => {
    const D = 1e-4;
    const run = await SceneRun.create({
      schema: 'electrode-lab/scene', version: 1, name: 'stress', seed: 4,
      materials: [{ id: 'b', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.3, friction: 0.4 }],
      particles: { kind: 'list', radius: Array.from({ length: 300 }, (_, k) => (D / 2) * (0.7 + 0.6 * ((k * 0.618) % 1))), material: 'b' },
      domain: { lx: 6 * D, ly: 6 * D, height: 60 * D, insertFraction: 0.3 },
      walls: { collector: { material: 'b' }, platen: { material: 'b' } },
      protocol: [{ type: 'fill', maxTime: 0.3, settleSpeed: 1e-3 }, { type: 'servo', pressure: 300, time: 0.03 }, { type: 'hold', time: 0.03 }],
    }, await loadCoreModuleNode());
    run.runToEnd();
    expect(run.error).toBeUndefined();
    const w = run.world;
    w.step(1, true);
    const r = w.field('radius'), z = w.field('z'), m = w.field('mass');
    const { pressure, vonMises } = w.particleStress();
    const sz = w.field('szz');           // Σ f_z b_z per particle, N·m (= V_p σ_zz)
    let lhs = 0, gz = 0;
    for (let i = 0; i < w.count; i++) { lhs -= sz[i]; gz += 9.81 * m[i] * z[i]; }
    const rhs = w.exports.platenForce() * w.platenZ + gz;
    console.log(`−Σ V σ_zz = ${lhs.toExponential(5)} N·m, F_p Z + g Σ m z = ${rhs.toExponential(5)} N·m`);
    expect(Math.abs(lhs - rhs) / rhs).toBeLessThan(2e-3);
    // compressive bed: most particles in compression; von Mises ≥ 0 and finite everywhere
    let compressed = 0;
    for (let i = 0; i < w.count; i++) { if (pressure[i] > 0) compressed++; expect(vonMises[i]).toBeGreaterThanOrEqual(0); }
    expect(compressed / w.count).toBeGreaterThan(0.9);
    expect(r.length).toBe(300);
  }, 120_000);
});
