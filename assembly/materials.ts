// Materials and their pair (mixing) tables.
//
// Mixing rules (documented in docs/model.md):
//   1/E* = (1−ν₁²)/E₁ + (1−ν₂²)/E₂                          (Hertz; Johnson, Contact Mechanics §4)
//   1/G* = 2(2−ν₁)(1+ν₁)/E₁ + 2(2−ν₂)(1+ν₂)/E₂               (Mindlin; as LIGGGHTS hertz/history)
//   e, μ, μ_r: geometric mean of the two materials' values  (as the ARTISTIC LIGGGHTS decks)
//   p_y (yield contact pressure, Thornton–Ning): the softer one, min(p_y1, p_y2); 0 = elastic
// A wall is just another material index, so particle–wall pairs use the same rules with R* = r, m* = m.
import { allocF64, ldf, stf } from "./state";

export const MAX_MATERIALS: i32 = 32;

export let nMat: i32 = 0;
const E = allocF64(MAX_MATERIALS);
const NU = allocF64(MAX_MATERIALS);
const RHO = allocF64(MAX_MATERIALS);
const REST = allocF64(MAX_MATERIALS);
const MU = allocF64(MAX_MATERIALS);
const MUR = allocF64(MAX_MATERIALS);
const PY = allocF64(MAX_MATERIALS);

// pair tables, index a*MAX_MATERIALS+b
export const P_ESTAR = allocF64(MAX_MATERIALS * MAX_MATERIALS);
export const P_GSTAR = allocF64(MAX_MATERIALS * MAX_MATERIALS);
export const P_MU = allocF64(MAX_MATERIALS * MAX_MATERIALS);
export const P_MUR = allocF64(MAX_MATERIALS * MAX_MATERIALS);
export const P_DAMP = allocF64(MAX_MATERIALS * MAX_MATERIALS);  // 2√(5/6)·(−β) = 2c/√6 ≥ 0
export const P_PY = allocF64(MAX_MATERIALS * MAX_MATERIALS);
export const P_KTR = allocF64(MAX_MATERIALS * MAX_MATERIALS); // √(k_t/S_n) = √(4G*/E*): γ_t from γ_n without a sqrt

export function materialDensity(m: i32): f64 { return ldf(RHO, m); }
export function materialE(m: i32): f64 { return ldf(E, m); }
export function materialNu(m: i32): f64 { return ldf(NU, m); }

/** Defines material m (0 ≤ m < MAX_MATERIALS). Call updatePairs() after the last one. */
export function setMaterial(m: i32, e: f64, nu: f64, rho: f64, rest: f64, mu: f64, mur: f64, py: f64): void {
  stf(E, m, e); stf(NU, m, nu); stf(RHO, m, rho); stf(REST, m, rest);
  stf(MU, m, mu); stf(MUR, m, mur); stf(PY, m, py);
  if (m + 1 > nMat) nMat = m + 1;
}

export function updatePairs(): void {
  for (let a = 0; a < nMat; a++) {
    for (let b = 0; b < nMat; b++) {
      const k = a * MAX_MATERIALS + b;
      const Ea = ldf(E, a), Eb = ldf(E, b), na = ldf(NU, a), nb = ldf(NU, b);
      stf(P_ESTAR, k, 1.0 / ((1.0 - na * na) / Ea + (1.0 - nb * nb) / Eb));
      stf(P_GSTAR, k, 1.0 / (2.0 * (2.0 - na) * (1.0 + na) / Ea + 2.0 * (2.0 - nb) * (1.0 + nb) / Eb));
      stf(P_KTR, k, Math.sqrt(4.0 * ldf(P_GSTAR, k) / ldf(P_ESTAR, k)));
      stf(P_MU, k, Math.sqrt(ldf(MU, a) * ldf(MU, b)));
      stf(P_MUR, k, Math.sqrt(ldf(MUR, a) * ldf(MUR, b)));
      const e = Math.sqrt(ldf(REST, a) * ldf(REST, b));
      stf(P_DAMP, k, dampingForRestitution(e) * 2.0 / Math.sqrt(6.0));
      const pa = ldf(PY, a), pb = ldf(PY, b);
      let py = 0.0;
      if (pa > 0.0 && pb > 0.0) py = Math.min(pa, pb); else if (pa > 0.0) py = pa; else if (pb > 0.0) py = pb;
      stf(P_PY, k, py);
    }
  }
}

// ---- restitution → damping ratio β -----------------------------------------------------------
// The damping force is γ_n v_n with γ_n = −2√(5/6)·β·√(S_n m*), S_n = 2E*√(R*δ) (LIGGGHTS
// `gran model hertz`; Tsuji et al. 1992). Because γ_n ∝ δ^¼, the coefficient of restitution
// depends on β alone, not on impact speed, size or stiffness. LIGGGHTS sets β = ln e/√(ln²e+π²),
// the linear spring–dashpot relation, which is not exact for a Hertz spring (Antypov & Elliott,
// EPL 94 (2011) 50004); with the no-tension clamp the realised e differs further. We therefore
// solve the dimensionless collision X'' = −max(0, X^{3/2} + c·X^{1/4}·X'), X(0)=0, X'(0)=1, with
// c = √5·(−β) (time scaled by (m*/k)^{2/5} v₀^{-1/5}, k = 4/3 E*√R*), numerically and invert e(c)
// by bisection, so the realised restitution equals the set one.

/** Restitution realised by the dimensionless damping c = √5·(−β) ≥ 0, with the no-tension clamp. */
export function restitutionForDamping(c: f64): f64 {
  let x = 0.0, v = 1.0;
  const h = 2.0e-4;
  for (let it = 0; it < 1000000; it++) {
    // RK4 on (x, v)
    const a1 = acc(x, v, c);
    const x2 = x + 0.5 * h * v, v2 = v + 0.5 * h * a1; const a2 = acc(x2, v2, c);
    const x3 = x + 0.5 * h * v2, v3 = v + 0.5 * h * a2; const a3 = acc(x3, v3, c);
    const x4 = x + h * v3, v4 = v + h * a3; const a4 = acc(x4, v4, c);
    const xn = x + h * (v + 2.0 * v2 + 2.0 * v3 + v4) / 6.0;
    const vn = v + h * (a1 + 2.0 * a2 + 2.0 * a3 + a4) / 6.0;
    // contact ends when the overlap closes, or when the (clamped) force vanishes while separating:
    // from then on the relative velocity is constant.
    if (xn <= 0.0) return -vn;
    if (vn < 0.0 && acc(xn, vn, c) == 0.0) return -vn;
    x = xn; v = vn;
  }
  return 0.0;
}
@inline function acc(x: f64, v: f64, c: f64): f64 {
  if (x <= 0.0) return 0.0;
  const f = x * Math.sqrt(x) + c * Math.sqrt(Math.sqrt(x)) * v;
  return f > 0.0 ? -f : 0.0;
}

let cacheE: f64 = -1.0;
let cacheC: f64 = 0.0;
/** Dimensionless damping c such that restitutionForDamping(c) = e (bisection; e = 1 → 0). */
export function dampingForRestitution(e: f64): f64 {
  if (e >= 1.0) return 0.0;
  if (e == cacheE) return cacheC;
  let lo = 0.0, hi = 64.0;   // e(c) decreases with c
  for (let it = 0; it < 40; it++) {
    const mid = 0.5 * (lo + hi);
    if (restitutionForDamping(mid) > e) lo = mid; else hi = mid;
  }
  cacheE = e; cacheC = 0.5 * (lo + hi);
  return cacheC;
}
