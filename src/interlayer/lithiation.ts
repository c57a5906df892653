// Lithiation of the Si particles: the schedule x_i(t) (0 = Si, 1 = Li15Si4) of each particle, its
// volume and the material ladder that softens it.
//
// Volume and mass per Si atom grow linearly with the Li content (Vegard-like, as the DFT volumes of
// Li–Si phases do to within a few %: Chevrier & Dahn, JES 156 (2009) A454 [M]):
//   V(x) = V0 (1 + (V_r − 1) x), m(x) = m0 (1 + (M_r − 1) x), ρ(x) = ρ_Si (1 + (M_r − 1)x)/(1 + (V_r − 1)x),
// with V_r = 3.81, M_r = 1.9268 (Li15Si4 per Si; physics-reference §3.7), so ρ(1) = 1.178 g/cm³.
// Elastic modulus and yield contact pressure are interpolated linearly between Si and Li15Si4 [E]
// (DFT moduli fall roughly linearly with Li fraction: Shenoy, Johari & Qi, J. Power Sources 195 (2010)
// 6825 [M]). The core keeps one material per stage (assembly/materials.ts pair tables): stage k of K
// holds x = k/K, and a particle uses the stage nearest to its x, so it softens in K steps (±1/(2K)).
//
// Schedule:
//  - 'uniform' (default): every particle lithiates over the whole lithiation time, x = t/T. The paper
//    credits the CNT network with a uniform lithiation ("the homogeneous distribution of 1D CNTs …
//    helped the formation of uniform Li3.75Si", §2.3), and with 65 MPa the layer is electronically and
//    ionically percolating throughout.
//  - 'front': Li+ enters from the electrolyte; a particle at height z (as cast, fraction s = 1 − z/h0
//    from the top) lithiates during [s (1 − w) T, s (1 − w) T + w T], w = frontWidth.
import type { MaterialSI } from '../core/world';
import type { ScaffoldParams } from './scaffold-params';

/** Lithiation state x ∈ [0, 1] at time t of a particle whose as-cast centre height is z0. */
export function lithiationState(t: number, T: number, z0: number, p: Pick<ScaffoldParams, 'lithiation' | 'frontWidth' | 'thickness0'>): number {
  if (T <= 0) return 1;
  if (p.lithiation === 'uniform') return clamp01(t / T);
  const s = clamp01(1 - z0 / p.thickness0);
  const start = s * (1 - p.frontWidth) * T;
  return clamp01((t - start) / (p.frontWidth * T));
}

/** Volume of a particle at state x relative to its Si volume. */
export function volumeFactor(x: number, p: Pick<ScaffoldParams, 'volumeRatio'>): number { return 1 + (p.volumeRatio - 1) * x; }

/** Material properties at lithiation state x. */
export function stageMaterial(x: number, p: ScaffoldParams): MaterialSI {
  const lerp = (a: number, b: number) => a + (b - a) * x;
  return {
    youngsModulus: lerp(p.siE, p.lisiE),
    poissonRatio: lerp(p.siNu, p.lisiNu),
    density: p.siDensity * (1 + (p.massRatio - 1) * x) / (1 + (p.volumeRatio - 1) * x),
    restitution: p.restitution,
    friction: p.friction,
    rollingFriction: 0,
    yieldPressure: lerp(p.siYield, p.lisiYield) || null,
  };
}

/** Stage index 0..K of state x (0 = Si, K = Li15Si4): the nearest stage (halves round up). */
export function stageOf(x: number, K: number): number { return Math.max(0, Math.min(K, Math.floor(x * K + 0.5))); }

function clamp01(v: number): number { return v < 0 ? 0 : v > 1 ? 1 : v; }
