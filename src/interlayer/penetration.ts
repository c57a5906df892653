// When does a lithium deposit crack into the solid electrolyte (physics-reference §6.7)?
//
// Li growing in a surface flaw of depth a opens it when its pressure reaches the Griffith threshold
//     p_crit = K_IC / (Y·√(π·a)),   Y ≈ 1.12 (edge crack)        (Porz et al., Adv. Energy Mater. 7 (2017) 1701003)
// The pressure a deposit can exert is bounded by the stress at which it flows away instead (its flow
// stress σ_flow from mechanism-map.ts) and by the electrochemical driving force, F·η/V_m = e·η/Ω
// (135 mV ↔ 1 GPa, Chen 2020). Rule: penetrate if min(σ_flow, e·η_max/Ω) > p_crit.
// Li6PS5Cl: K_IC ≈ 0.2–0.3 MPa·m^½ (physics-reference §3.6, [M]).
import { ELEMENTARY_CHARGE, OMEGA_LI } from './constants';

export interface PenetrationParams {
  /** K_IC of the solid electrolyte, Pa·m^½ */
  fractureToughness: number;
  /** depth of the electrolyte's surface flaws, m */
  flawSize: number;
  /** geometry factor Y, – */
  geometryFactor: number;
  /** largest overpotential the cell applies, V (sets the electrochemical pressure cap) */
  maxOverpotential: number;
  /** m³ per Li atom */
  atomicVolume: number;
}

export const DEFAULT_PENETRATION: Readonly<PenetrationParams> = Object.freeze({
  fractureToughness: 0.25e6, // Pa·m^½, Li6PS5Cl (physics-reference §3.6)
  flawSize: 1e-6,            // m [E]: surface flaws of a pressed argyrodite pellet, ~particle size
  geometryFactor: 1.12,      // edge crack
  maxOverpotential: 0.135,   // V [E]: 1 GPa cap (Chen 2020)
  atomicVolume: OMEGA_LI,
});

export const PENETRATION_RANGES: Record<keyof PenetrationParams, [number, number, string]> = {
  fractureToughness: [1e4, 1e8, 'Pa·m^½'],
  flawSize: [1e-9, 1e-3, 'm'],
  geometryFactor: [0.5, 3, '–'],
  maxOverpotential: [0, 5, 'V'],
  atomicVolume: [1e-29, 5e-29, 'm³'],
};

export function validatePenetration(p: PenetrationParams): void {
  for (const key of Object.keys(PENETRATION_RANGES) as (keyof PenetrationParams)[]) {
    const [lo, hi, unit] = PENETRATION_RANGES[key];
    const v = p[key];
    if (!(Number.isFinite(v) && v >= lo && v <= hi))
      throw new RangeError(`penetration parameter ${key} = ${v} ${unit} is out of range: must be from ${lo} to ${hi} ${unit}.`);
  }
}

/** Griffith threshold pressure, Pa. */
export function criticalPressure(p: PenetrationParams = DEFAULT_PENETRATION): number {
  return p.fractureToughness / (p.geometryFactor * Math.sqrt(Math.PI * p.flawSize));
}

/** Electrochemical cap on the deposit pressure, Pa: e·η/Ω (= F·η/V_m). */
export function electrochemicalPressure(p: PenetrationParams = DEFAULT_PENETRATION): number {
  return ELEMENTARY_CHARGE * p.maxOverpotential / p.atomicVolume;
}

/** Pressure a deposit with flow stress σ_flow (Pa) can exert, Pa. */
export function depositPressure(flowStress: number, p: PenetrationParams = DEFAULT_PENETRATION): number {
  return Math.min(flowStress, electrochemicalPressure(p));
}

export function penetrates(flowStress: number, p: PenetrationParams = DEFAULT_PENETRATION): boolean {
  return depositPressure(flowStress, p) > criticalPressure(p);
}
