// Head-on collision of two free spheres of unequal radius (and, where said, different materials)
// against the analytic Hertz solution.
//
// Elastic Hertz contact: F = k δ^{3/2}, k = 4/3 E* √R*, R* = r₁r₂/(r₁+r₂), m* = m₁m₂/(m₁+m₂),
// 1/E* = (1−ν₁²)/E₁ + (1−ν₂²)/E₂. The relative motion obeys m* δ̈ = −k δ^{3/2}, δ(0) = 0, δ̇(0) = v.
// Energy: ½m*δ̇² + (2/5)k δ^{5/2} = ½m*v², so
//   δ_max = (5 m* v² / (4k))^{2/5},   F_max = k δ_max^{3/2},
//   δ̇ = v √(1 − (δ/δ_max)^{5/2})  ⇒  t_c = 2 ∫₀^{δ_max} dδ/δ̇ = 2 (δ_max/v) ∫₀¹ du/√(1 − u^{5/2}).
// With w = u^{5/2}: ∫₀¹ du/√(1−u^{5/2}) = (2/5) ∫₀¹ w^{−3/5}(1−w)^{−1/2} dw = (2/5) B(2/5, 1/2) ≈ 1.4716,
// so t_c = 2·(2/5)B(2/5,1/2)·δ_max/v ≈ 2.9432 δ_max/v. B is computed below from ln Γ.
import { describe, it, expect } from 'vitest';
import type { MaterialSI, World } from '../../src/core/world';
import { newWorld, material, eStar, sphereMass, betaFn } from './helpers';

const R1 = 1e-3, R2 = 0.6e-3;
const SKIN = 0.2e-3;
const Z = 20e-3;            // far above the collector plane at z = 0 (no wall contact possible)
const L = 20e-3;            // periodic box ≫ 2·(2r_max + skin)·2 = 8.8 mm: no image interactions

const HERTZ_INTEGRAL = 0.4 * betaFn(0.4, 0.5);   // ∫₀¹ du/√(1−u^{5/2})

interface Pair { m1: MaterialSI; m2: MaterialSI }

function analytic(p: Pair, v: number) {
  const Es = eStar(p.m1, p.m2);
  const Rs = (R1 * R2) / (R1 + R2);
  const ma = sphereMass(p.m1, R1), mb = sphereMass(p.m2, R2);
  const ms = (ma * mb) / (ma + mb);
  const k = (4 / 3) * Es * Math.sqrt(Rs);
  const dmax = ((5 * ms * v * v) / (4 * k)) ** 0.4;
  return { Es, Rs, ma, mb, ms, k, dmax, fmax: k * dmax ** 1.5, tc: 2 * HERTZ_INTEGRAL * dmax / v };
}

/** Two spheres on the x axis, gap g, approaching at relative speed v, centre of mass at rest. */
async function setup(p: Pair, v: number, gap: number, dt: number): Promise<World> {
  const w = await newWorld(4);
  w.setBox(L, L);
  w.setGravity(0);
  w.setSkin(SKIN);
  w.setMaterials([p.m1, p.m2]);
  w.setWallMaterials(0, 0);
  w.removePlaten();
  w.setTimestep(dt);
  const x1 = 0.3 * L;
  w.addParticle(x1, 0.5 * L, Z, R1, 0);
  w.addParticle(x1 + R1 + R2 + gap, 0.5 * L, Z, R2, 1);
  const { ma, mb } = analytic(p, v);
  w.setVelocity(0, (v * mb) / (ma + mb), 0, 0);
  w.setVelocity(1, (-v * ma) / (ma + mb), 0, 0);
  return w;
}

function overlap(w: World): number {
  const x = w.field('x');
  return R1 + R2 - Math.abs(x[1] - x[0]);
}
function relVel(w: World): number { const vx = w.field('vx'); return vx[0] - vx[1]; }

/**
 * Steps one at a time through the collision; returns the contact duration from the linearly
 * interpolated zero crossings of δ(t), the largest δ and |F| seen, and the rebound speed.
 */
function collide(w: World, dt: number, tcGuess: number) {
  const maxSteps = Math.ceil((3 * tcGuess) / dt) + 200;
  let prev = overlap(w), tIn = NaN, tOut = NaN, dmax = 0, fmax = 0;
  for (let s = 1; s <= maxSteps; s++) {
    w.step(1);
    const d = overlap(w);
    const t = s * dt;
    if (prev <= 0 && d > 0 && Number.isNaN(tIn)) tIn = t - dt * (d / (d - prev));
    if (prev > 0 && d <= 0 && !Number.isNaN(tIn)) { tOut = t - dt * (d / (d - prev)); break; }
    dmax = Math.max(dmax, d);
    fmax = Math.max(fmax, Math.abs(w.field('fx')[0]));
    prev = d;
  }
  // after separation the spheres are free: the relative velocity is the rebound velocity
  w.step(5);
  return { tc: tOut - tIn, dmax, fmax, vOut: relVel(w), y: w.field('y'), z: w.field('z') };
}

describe('Hertz head-on collision, unequal spheres', () => {
  it('Beta-function constant: ∫₀¹ du/√(1−u^{5/2}) = (2/5)B(2/5,1/2) ≈ 1.4716', () => {
    // cross-check the Γ-based value by an independent quadrature (substitution u = 1 − s², which
    // removes the endpoint singularity: du/√(1−u^{5/2}) = 2s ds/√(1−(1−s²)^{5/2}), smooth on (0,1])
    const n = 20000;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const s = (i + 0.5) / n;
      q += (2 * s) / Math.sqrt(1 - (1 - s * s) ** 2.5) / n;
    }
    expect(Math.abs(q - HERTZ_INTEGRAL) / HERTZ_INTEGRAL).toBeLessThan(1e-5);
    expect(HERTZ_INTEGRAL).toBeCloseTo(1.4716, 4);
  });

  // Two different materials so the E* mixing rule is exercised (ν and E both differ).
  const soft = material({ youngsModulus: 1e7, poissonRatio: 0.45, density: 2500, restitution: 1 });
  const stiff = material({ youngsModulus: 4e7, poissonRatio: 0.1, density: 4000, restitution: 1 });

  for (const [name, pair, v] of [
    ['mixed materials, v = 0.1 m/s', { m1: soft, m2: stiff }, 0.1],
    ['mixed materials, v = 0.4 m/s', { m1: soft, m2: stiff }, 0.4],
    ['same material, v = 0.2 m/s', { m1: soft, m2: soft }, 0.2],
  ] as Array<[string, Pair, number]>) {
    it(`e = 1: contact time, peak overlap, peak force and rebound (${name})`, async () => {
      const a = analytic(pair, v);
      // dt = t_c/2000. Velocity Verlet is 2nd order; the force is C¹ at δ = 0 (F ∝ δ^{3/2}), so the
      // crossing times and the trajectory are accurate to O((dt/t_c)²) ~ 1e-6 relative; linear
      // interpolation of δ at the crossings (δ̈ → 0 there) is exact to the same order. The required
      // accuracy is 1 %; we assert 0.1 % on t_c, δ_max and F_max, still ~1000× the expected
      // discretisation error, and tight enough to catch a wrong mixing rule (every plausible
      // wrong E* moves t_c by > 1 %, see the discrimination check below) or a wrong k.
      const dt = a.tc / 2000;
      const w = await setup(pair, v, 20 * v * dt, dt);
      const r = collide(w, dt, a.tc);
      expect(Math.abs(r.tc / a.tc - 1)).toBeLessThan(1e-3);
      expect(Math.abs(r.dmax / a.dmax - 1)).toBeLessThan(1e-3);
      expect(Math.abs(r.fmax / a.fmax - 1)).toBeLessThan(1e-3);
      // elastic: all kinetic energy comes back (Verlet error O((dt/t_c)²))
      expect(Math.abs(-r.vOut / v - 1)).toBeLessThan(1e-3);
      // head-on: nothing moves off the x axis
      expect(Math.abs(r.y[0] - 0.5 * L) + Math.abs(r.z[0] - Z)).toBeLessThan(1e-12);
      console.log(`[hertz] ${name}: t_c ${r.tc.toExponential(6)} vs ${a.tc.toExponential(6)} (${(r.tc / a.tc - 1).toExponential(2)} rel.), ` +
        `δmax ${(r.dmax / a.dmax - 1).toExponential(2)} rel., Fmax ${(r.fmax / a.fmax - 1).toExponential(2)} rel., e ${(-r.vOut / v).toFixed(7)}`);
      w.free();
    });
  }

  it('the 0.1 % tolerance discriminates the E* mixing rule', () => {
    // t_c ∝ E*^{−2/5}. Plausible wrong rules for this pair would shift t_c by more than 1 %
    // (10× the tolerance used above).
    const Es = eStar(soft, stiff);
    const wrong = [
      1 / (1 / soft.youngsModulus + 1 / stiff.youngsModulus),                                   // ν ignored
      1 / ((1 - soft.poissonRatio ** 2) / soft.youngsModulus + (1 - soft.poissonRatio ** 2) / stiff.youngsModulus), // one ν for both
      soft.youngsModulus / (2 * (1 - soft.poissonRatio ** 2)),                                  // first material only
    ];
    for (const e of wrong) expect(Math.abs((e / Es) ** -0.4 - 1)).toBeGreaterThan(0.01);
  });
});

describe('restitution: rebound / approach normal velocity equals the set e', () => {
  const mat = (e: number, E = 1e7, nu = 0.3, rho = 2500) => material({ youngsModulus: E, poissonRatio: nu, density: rho, restitution: e });
  const cases: Array<[string, Pair, number]> = [];
  for (const e of [0.3, 0.6, 0.9]) cases.push([`e = ${e}, same material`, { m1: mat(e), m2: mat(e) }, e]);
  // different materials: the pair value is the geometric mean √(e₁e₂)
  cases.push(['e₁ = 0.3, e₂ = 0.9, different materials', { m1: mat(0.3), m2: mat(0.9, 3e7, 0.2, 4000) }, Math.sqrt(0.3 * 0.9)]);
  cases.push(['e₁ = 0.5, e₂ = 0.8, different materials', { m1: mat(0.5, 2e7, 0.25, 3000), m2: mat(0.8, 1e7, 0.4, 2000) }, Math.sqrt(0.5 * 0.8)]);

  for (const [name, pair, eSet] of cases) {
    it(`${name}: e is independent of impact speed (0.05 and 0.5 m/s)`, async () => {
      const got: number[] = [];
      for (const v of [0.05, 0.5]) {
        const a = analytic(pair, v);
        // dt = t_c(elastic)/1000. The damping force uses the half-step velocity of Velocity Verlet
        // (an O(dt) lag in a force that is itself a fraction of the elastic one), so e carries an
        // error of order (1−e)·dt/t_c ≈ 1e-3; 2 % (the required accuracy) is ≥ 10× that.
        const dt = a.tc / 1000;
        const w = await setup(pair, v, 10 * v * dt, dt);
        w.step(Math.ceil((3 * a.tc) / dt));
        const e = -relVel(w) / v;
        got.push(e);
        expect(Math.abs(e / eSet - 1)).toBeLessThan(0.02);
        w.free();
      }
      // the model's e does not depend on speed: the two measurements agree to much better than 2 %
      expect(Math.abs(got[0] / got[1] - 1)).toBeLessThan(0.005);
      console.log(`[restitution] ${name}: set ${eSet.toFixed(5)}, measured v=0.05: ${got[0].toFixed(5)}, v=0.5: ${got[1].toFixed(5)}`);
    });
  }
});
