// Flow stress of Li in a pore of size d and the penetration test (physics-reference §6.4–6.7).
// The same formulas live in src/interlayer/mechanism-map.ts (plots, tests); tests/interlayer check
// that both give the same numbers through the exported flowStress().
//
//   Coble (interface-diffusion) creep: σ_C = ε̇·k_B·T·d³ / (A_C·Ω·δD_i)          (Coble 1963; Chen 2020)
//   dislocation strength:              σ_D = clamp(σ₀·(d/d_ref)^−m, σ_bulk, σ_cap)  (Xu et al. PNAS 2017)
//   operative flow stress:             σ_flow = min(σ_C, σ_D)   (parallel mechanisms: the faster one wins)
//   deposit pressure:                  p_Li = min(σ_flow, F·η_max/V_m)
//   penetration:                       p_Li > K_IC / (Y·√(π·a))                     (Griffith; Porz 2017)

export let kT: f64 = 4.114e-21;        // J (298.15 K)
export let omega: f64 = 2.16e-29;      // m³ per Li atom
export let coblePrefactor: f64 = 14;   // A_C, –
export let deltaD: f64 = 1e-22;        // δD_i, m³/s
export let sigma0: f64 = 105e6;        // Pa at d_ref
export let dRef: f64 = 1e-6;           // m
export let mExp: f64 = 0.68;           // –
export let sigmaBulk: f64 = 0.6e6;     // Pa
export let sigmaCap: f64 = 1e9;        // Pa
export let sigmaEchem: f64 = 1e9;      // Pa, F·η_max/V_m
export let pCrit: f64 = 125e6;         // Pa, K_IC/(Y√(πa))

export function setMechanics(kT_: f64, omega_: f64, ac: f64, dd: f64, s0: f64, dref: f64, m: f64,
                             sb: f64, scap: f64, se: f64, pc: f64): void {
  kT = kT_; omega = omega_; coblePrefactor = ac; deltaD = dd; sigma0 = s0; dRef = dref; mExp = m;
  sigmaBulk = sb; sigmaCap = scap; sigmaEchem = se; pCrit = pc;
}

export function cobleStress(d: f64, rate: f64): f64 {
  return rate * kT * d * d * d / (coblePrefactor * omega * deltaD);
}

export function dislocationStress(d: f64): f64 {
  const s = sigma0 * Math.pow(d / dRef, -mExp);
  return s < sigmaBulk ? sigmaBulk : (s > sigmaCap ? sigmaCap : s);
}

export function flowStress(d: f64, rate: f64): f64 {
  const c = cobleStress(d, rate); const s = dislocationStress(d);
  return c < s ? c : s;
}

export function depositPressure(d: f64, rate: f64): f64 {
  const f = flowStress(d, rate);
  return f < sigmaEchem ? f : sigmaEchem;
}
