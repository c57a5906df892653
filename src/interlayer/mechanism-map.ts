// Deformation-mechanism map of lithium confined in a pore of size d (physics-reference §6.4–6.6;
// Sung et al., Adv. Mater. 2023, Fig. 1a). Two mechanisms act in parallel — their strain rates add —
// so the one that flows at the lower stress sets the flow stress:
//
//   Coble creep (diffusion along the Li|scaffold interface; Coble, J. Appl. Phys. 34 (1963) 1679;
//   applied to Li in MIEC tubules by Chen et al., Nature 578 (2020) 251):
//       ε̇ = A_C·σ·Ω·δD_i / (k_B·T·d³)   ⇒   σ_C(d, ε̇) = ε̇·k_B·T·d³ / (A_C·Ω·δD_i)        "smaller is much weaker"
//   dislocation plasticity, micropillars of single-crystal Li (Xu et al., PNAS 114 (2017) 57):
//       σ_D(d) = σ₀·(d/1 µm)^−m, σ₀ = 105 MPa, m = 0.68 at room temperature             "smaller is stronger"
//       bounded below by the bulk yield stress (Masias et al., J. Mater. Sci. 54 (2019) 2585: ~0.6 MPa)
//       and above by a cap (~1 GPa, the range where the fit was never measured) [E].
//   flow stress: σ_flow = min(σ_C, σ_D).
//
// Note on the floor: physics-reference §6.6 writes "min(σ_C, σ_disl), floored at σ_bulk". Here the bulk
// yield floors the dislocation branch only, so that Coble creep can make nanoconfined Li softer than
// bulk Li — which is the paper's point ("plastic hardness ≪ 10 MPa", "smaller is much weaker") and what
// Chen 2020 reports (stress relaxed at ≪ MPa below ~100 nm). With the literal reading every pore below
// ~300 nm would sit at 0.6 MPa and the map would lose its left branch.
//
// Plating strain rate: Li filling a pore of size d at plating velocity v strains at ε̇ ≈ v/d, with
// v = i·Ω/e (1.35 nm/s per mA/cm²), so along the plating line σ_C ∝ d² (physics-reference §6.6 table).
import { BOLTZMANN, ELEMENTARY_CHARGE, MA_PER_CM2, OMEGA_LI } from './constants';

export interface MechanismParams {
  /** K */
  temperature: number;
  /** m³ per Li atom */
  atomicVolume: number;
  /** A_C, geometry factor of Coble creep, – (14–47) */
  coblePrefactor: number;
  /** δD_i, interface width × interface diffusivity, m³/s ([E] 1e-22…1e-20) */
  interfaceDiffusivity: number;
  /** σ₀ at d_ref, Pa */
  dislocationStrength: number;
  /** d_ref, m */
  referenceSize: number;
  /** m, size exponent, – */
  sizeExponent: number;
  /** bulk yield stress, Pa */
  bulkYield: number;
  /** cap on the dislocation strength, Pa */
  strengthCap: number;
}

export const DEFAULT_MECHANISM: Readonly<MechanismParams> = Object.freeze({
  temperature: 298.15,
  atomicVolume: OMEGA_LI,
  coblePrefactor: 14,          // physics-reference §6.6 (lower end: faster creep is the conservative side for softness claims)
  interfaceDiffusivity: 1e-22, // m³/s, lower end of the [E] range 1e-22…1e-20 (harder Li)
  dislocationStrength: 105e6,  // Pa, Xu 2017 (RT)
  referenceSize: 1e-6,         // m
  sizeExponent: 0.68,          // Xu 2017 (RT)
  bulkYield: 0.6e6,            // Pa, Masias 2019 (0.57–0.73 MPa)
  strengthCap: 1e9,            // Pa [E]
});

/** Ranges a user may set (UI sliders, validation). */
export const MECHANISM_RANGES: Record<keyof MechanismParams, [number, number, string]> = {
  temperature: [200, 500, 'K'],
  atomicVolume: [1e-29, 5e-29, 'm³'],
  coblePrefactor: [1, 100, '–'],
  interfaceDiffusivity: [1e-26, 1e-16, 'm³/s'],
  dislocationStrength: [1e6, 1e9, 'Pa'],
  referenceSize: [1e-8, 1e-4, 'm'],
  sizeExponent: [0, 2, '–'],
  bulkYield: [1e4, 1e8, 'Pa'],
  strengthCap: [1e6, 1e11, 'Pa'],
};

export function validateMechanism(p: MechanismParams): void {
  for (const key of Object.keys(MECHANISM_RANGES) as (keyof MechanismParams)[]) {
    const [lo, hi, unit] = MECHANISM_RANGES[key];
    const v = p[key];
    if (!(Number.isFinite(v) && v >= lo && v <= hi))
      throw new RangeError(`mechanism parameter ${key} = ${v} ${unit} is out of range: must be from ${lo} to ${hi} ${unit}.`);
  }
  if (p.bulkYield > p.strengthCap)
    throw new RangeError(`mechanism parameter bulkYield = ${p.bulkYield} Pa exceeds strengthCap = ${p.strengthCap} Pa.`);
}

/** Plating velocity (m/s) of a dense Li front at current density j (mA/cm²): v = j·Ω/e. */
export function platingVelocity(currentDensity_mA_cm2: number, atomicVolume = OMEGA_LI): number {
  return currentDensity_mA_cm2 * MA_PER_CM2 * atomicVolume / ELEMENTARY_CHARGE;
}

/** Strain rate (1/s) of Li filling a pore of size d (m) at plating velocity v (m/s): ε̇ = v/d. */
export const platingStrainRate = (velocity: number, d: number): number => velocity / d;

export function cobleStress(d: number, strainRate: number, p: MechanismParams = DEFAULT_MECHANISM): number {
  const kT = BOLTZMANN * p.temperature;
  return strainRate * kT * d * d * d / (p.coblePrefactor * p.atomicVolume * p.interfaceDiffusivity);
}

export function dislocationStress(d: number, p: MechanismParams = DEFAULT_MECHANISM): number {
  const s = p.dislocationStrength * Math.pow(d / p.referenceSize, -p.sizeExponent);
  return Math.min(p.strengthCap, Math.max(p.bulkYield, s));
}

export type Mechanism = 'coble' | 'dislocation' | 'bulk' | 'cap';

export interface FlowStress { stress: number; mechanism: Mechanism }

export function flowStressDetail(d: number, strainRate: number, p: MechanismParams = DEFAULT_MECHANISM): FlowStress {
  const c = cobleStress(d, strainRate, p);
  const raw = p.dislocationStrength * Math.pow(d / p.referenceSize, -p.sizeExponent);
  const s = dislocationStress(d, p);
  if (c < s) return { stress: c, mechanism: 'coble' };
  return { stress: s, mechanism: raw <= p.bulkYield ? 'bulk' : raw >= p.strengthCap ? 'cap' : 'dislocation' };
}

export const flowStress = (d: number, strainRate: number, p: MechanismParams = DEFAULT_MECHANISM): number =>
  flowStressDetail(d, strainRate, p).stress;

/**
 * Crossover pore size (m) at which Coble creep and the (unbounded) dislocation law give the same stress
 * along the plating line ε̇ = v/d: v·k_B·T·d²/(A_C·Ω·δD_i) = σ₀·(d/d_ref)^−m ⇒ d^(2+m) = σ₀·d_ref^m·A_C·Ω·δD_i/(v·k_B·T).
 */
export function crossoverSize(velocity: number, p: MechanismParams = DEFAULT_MECHANISM): number {
  const kT = BOLTZMANN * p.temperature;
  const rhs = p.dislocationStrength * Math.pow(p.referenceSize, p.sizeExponent) * p.coblePrefactor * p.atomicVolume * p.interfaceDiffusivity / (velocity * kT);
  return Math.pow(rhs, 1 / (2 + p.sizeExponent));
}

export interface MechanismCurves {
  /** pore sizes, m (log-spaced) */
  d: number[];
  /** Pa */
  coble: number[];
  dislocation: number[];
  flow: number[];
}

/** The map along the plating line ε̇ = v/d for d from dMin to dMax (m), log-spaced. */
export function mechanismCurves(velocity: number, p: MechanismParams = DEFAULT_MECHANISM,
  dMin = 10e-9, dMax = 10e-6, points = 121): MechanismCurves {
  if (!(dMin > 0 && dMax > dMin)) throw new RangeError(`mechanism map range ${dMin}…${dMax} m is invalid: need 0 < dMin < dMax.`);
  if (!(Number.isInteger(points) && points >= 2 && points <= 100000)) throw new RangeError(`mechanism map points = ${points}: must be an integer from 2 to 100000.`);
  const out: MechanismCurves = { d: [], coble: [], dislocation: [], flow: [] };
  for (let q = 0; q < points; q++) {
    const d = dMin * Math.pow(dMax / dMin, q / (points - 1));
    const rate = platingStrainRate(velocity, d);
    out.d.push(d);
    out.coble.push(cobleStress(d, rate, p));
    out.dislocation.push(dislocationStress(d, p));
    out.flow.push(flowStress(d, rate, p));
  }
  return out;
}
