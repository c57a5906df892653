// Parameters of the lithium-deposition kMC, their units, defaults, ranges, and the rates derived from them.
//
// Coarse graining. One "packet" is one voxel of Li metal: N_pkt = h³/Ω atoms (h = 20 nm: 3.7e5 atoms).
// The cell runs galvanostatically at current I = j·A (A = nx·ny·h²), so packets arrive every
// Δt = N_pkt·e/I and the real time after n packets is exactly t = n·N_pkt·e/I = charge/current.
//
// Surface diffusion of an ad-atom packet. An ad-atom hops between surface sites a ≈ 0.3 nm apart at
// Γ_a = ν₀·exp(−E_hop/k_BT) (Arrhenius; ν₀ ≈ 1e13 s⁻¹, physics-reference §4), so D_s = a²·Γ_a/4 on a
// surface. A packet moves as one random walker on the voxel lattice with hop rate D_s/h² per face
// direction, which gives it the same diffusivity (mean field: all atoms of a packet take the same
// path; valid while ad-atoms are dilute, which they are — at 1 mA/cm² and the default barriers
// fewer than one packet is in flight at a time).
//
// Nucleation. Per hop attempt, a packet on a surface of nucleation overpotential η_n nucleates Li with
// probability p = p₀·exp(−i*·e·η_n/k_BT): a Boltzmann factor for the extra free energy e·η_n per atom
// of a critical cluster of i* atoms (atomistic nucleation, Walton 1962; the form used by
// physics-reference §4, "∝ exp(−αFη/RT) × a lithiophilic bonus"). p₀ and i* are engineering
// knobs [E]; η_n are the paper's measured nucleation overpotentials (Sung 2023: 1.5 mV on the Li–Si–CNT
// interlayer, 14.2 mV on bare steel against the SE). Attachment to existing Li is immediate (sticking
// probability 1, Witten–Sander).
import { BOLTZMANN, ELEMENTARY_CHARGE, MA_PER_CM2, OMEGA_LI } from './constants';
import { DEFAULT_MECHANISM, validateMechanism, type MechanismParams } from './mechanism-map';
import { DEFAULT_PENETRATION, validatePenetration, type PenetrationParams } from './penetration';
import { MATERIAL } from './voxel-grid';

export interface SurfaceKinetics {
  /** ad-atom hop barrier on this surface, eV */
  hopBarrier: number;
  /** nucleation overpotential of Li on this surface, V */
  nucleationOverpotential: number;
}

export type SurfaceName = 'lisi' | 'cnt' | 'steel' | 'lithium';

export interface KmcParams {
  /** plating current density, mA/cm² */
  currentDensity: number;
  /** K */
  temperature: number;
  /** ν₀, ad-atom attempt frequency, 1/s */
  attemptFrequency: number;
  /** a, ad-atom jump length, m */
  jumpLength: number;
  /** p₀, nucleation probability per hop attempt on a surface with η_n = 0, – */
  nucleationPrefactor: number;
  /** i*, atoms of a critical nucleus in the nucleation Boltzmann factor, – */
  criticalNucleusAtoms: number;
  /** surface kinetics by substrate */
  surfaces: Record<SurfaceName, SurfaceKinetics>;
  /** creep reach: Li voxels searched for a free pore when a deposit is pushed, voxels */
  creepReach: number;
  /**
   * stack pressure on the cell while stripping, Pa: Li at a stripped contact that flows below it is pushed
   * back into the contact (engine.ts contactDonor). The interlayer presets use their forming pressure.
   */
  stackPressure: number;
  /** PRNG seed (integer 0 … 2^53−1) */
  seed: number;
  mechanism: MechanismParams;
  penetration: PenetrationParams;
}

export const DEFAULT_KMC: Readonly<KmcParams> = Object.freeze({
  currentDensity: 1,          // mA/cm² (the benchmark; the paper plated at 0.13–0.92)
  temperature: 298.15,        // K
  attemptFrequency: 1e13,     // 1/s (physics-reference §4: 1e12–1e13)
  jumpLength: 0.3e-9,         // m, ~ Li–Li spacing
  nucleationPrefactor: 1e-4,  // – [E]
  criticalNucleusAtoms: 5,    // – [E]
  surfaces: Object.freeze({
    lisi: Object.freeze({ hopBarrier: 0.10, nucleationOverpotential: 1.5e-3 }),   // [E] barrier; η_n Sung 2023
    cnt: Object.freeze({ hopBarrier: 0.20, nucleationOverpotential: 8e-3 }),      // [E]; paper: below bare steel, value not given
    steel: Object.freeze({ hopBarrier: 0.20, nucleationOverpotential: 14.2e-3 }), // [E] barrier; η_n Sung 2023
    lithium: Object.freeze({ hopBarrier: 0.05, nucleationOverpotential: 0 }),     // Li on Li, 0.03–0.15 eV (Jäckle & Groß 2014)
  }) as Record<SurfaceName, SurfaceKinetics>,
  creepReach: 4096,           // voxels [E]
  stackPressure: 65e6,        // Pa: the paper's usual cell pressure (Sung 2023)
  seed: 1,
  mechanism: DEFAULT_MECHANISM,
  penetration: DEFAULT_PENETRATION,
}) as KmcParams;

/** Deep-merges a partial parameter set over the defaults. */
export function kmcParams(over: Partial<Omit<KmcParams, 'surfaces' | 'mechanism' | 'penetration'>> & {
  surfaces?: Partial<Record<SurfaceName, Partial<SurfaceKinetics>>>;
  mechanism?: Partial<MechanismParams>;
  penetration?: Partial<PenetrationParams>;
} = {}): KmcParams {
  const s = DEFAULT_KMC.surfaces;
  const surfaces = {} as Record<SurfaceName, SurfaceKinetics>;
  for (const k of Object.keys(s) as SurfaceName[]) surfaces[k] = { ...s[k], ...(over.surfaces?.[k] ?? {}) };
  return {
    ...DEFAULT_KMC, ...over,
    surfaces,
    mechanism: { ...DEFAULT_MECHANISM, ...(over.mechanism ?? {}) },
    penetration: { ...DEFAULT_PENETRATION, ...(over.penetration ?? {}) },
  };
}

const RANGES: Record<string, [number, number, string]> = {
  currentDensity: [1e-4, 100, 'mA/cm²'],
  temperature: [200, 500, 'K'],
  attemptFrequency: [1e9, 1e15, '1/s'],
  jumpLength: [1e-11, 1e-8, 'm'],
  nucleationPrefactor: [0, 1, '–'],
  criticalNucleusAtoms: [0, 1000, '–'],
  creepReach: [1, 1e8, 'voxels'],
  stackPressure: [0, 1e9, 'Pa'],
  seed: [0, Number.MAX_SAFE_INTEGER, '–'],
};

/** Throws a RangeError naming the parameter, its value and the allowed range. */
export function validateKmcParams(p: KmcParams): void {
  for (const [key, [lo, hi, unit]] of Object.entries(RANGES)) {
    const v = (p as unknown as Record<string, number>)[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi))
      throw new RangeError(`kMC parameter ${key} = ${v} ${unit} is out of range: must be from ${lo} to ${hi} ${unit}.`);
  }
  if (!Number.isInteger(p.seed)) throw new RangeError(`kMC parameter seed = ${p.seed} must be an integer.`);
  if (!Number.isInteger(p.creepReach)) throw new RangeError(`kMC parameter creepReach = ${p.creepReach} must be an integer.`);
  for (const k of ['lisi', 'cnt', 'steel', 'lithium'] as SurfaceName[]) {
    const s = p.surfaces?.[k];
    if (!s) throw new RangeError(`kMC parameter surfaces.${k} is missing.`);
    if (!(Number.isFinite(s.hopBarrier) && s.hopBarrier >= 0 && s.hopBarrier <= 2))
      throw new RangeError(`kMC parameter surfaces.${k}.hopBarrier = ${s.hopBarrier} eV is out of range: must be from 0 to 2 eV.`);
    if (!(Number.isFinite(s.nucleationOverpotential) && s.nucleationOverpotential >= 0 && s.nucleationOverpotential <= 1))
      throw new RangeError(`kMC parameter surfaces.${k}.nucleationOverpotential = ${s.nucleationOverpotential} V is out of range: must be from 0 to 1 V.`);
  }
  validateMechanism(p.mechanism);
  validatePenetration(p.penetration);
}

export interface DerivedRates {
  /** Li atoms per packet (one voxel), – */
  atomsPerPacket: number;
  /** total current, A */
  current: number;
  /** seconds between packet arrivals */
  arrivalInterval: number;
  /** plated Li volume rate I·Ω/e, m³/s */
  volumeRate: number;
  /** per material code: hop rate per face direction (1/s) and nucleation rate (1/s) of a packet on that substrate */
  hopRate: number[];
  nucleationRate: number[];
  /** per material code: per-hop nucleation probability p = p₀·exp(−i*·e·η_n/k_BT) */
  nucleationProbability: number[];
}

const SURFACE_OF_MATERIAL: [number, SurfaceName][] = [
  [MATERIAL.lisi, 'lisi'], [MATERIAL.cnt, 'cnt'], [MATERIAL.steel, 'steel'], [MATERIAL.lithium, 'lithium'],
];

/** Rates for a lattice of nx·ny columns of voxel edge h (m). */
export function deriveRates(p: KmcParams, nx: number, ny: number, h: number): DerivedRates {
  const kT = BOLTZMANN * p.temperature;
  const atomsPerPacket = h * h * h / OMEGA_LI;
  const current = p.currentDensity * MA_PER_CM2 * nx * ny * h * h;
  const hopRate = new Array<number>(6).fill(0);
  const nucleationRate = new Array<number>(6).fill(0);
  const nucleationProbability = new Array<number>(6).fill(0);
  for (const [m, name] of SURFACE_OF_MATERIAL) {
    const s = p.surfaces[name];
    const ds = p.jumpLength * p.jumpLength * p.attemptFrequency * Math.exp(-s.hopBarrier * ELEMENTARY_CHARGE / kT) / 4;
    hopRate[m] = ds / (h * h);
    const prob = Math.min(1, p.nucleationPrefactor * Math.exp(-p.criticalNucleusAtoms * ELEMENTARY_CHARGE * s.nucleationOverpotential / kT));
    nucleationProbability[m] = prob;
    nucleationRate[m] = 6 * hopRate[m] * prob;
  }
  return {
    atomsPerPacket, current,
    arrivalInterval: atomsPerPacket * ELEMENTARY_CHARGE / current,
    volumeRate: current * OMEGA_LI / ELEMENTARY_CHARGE,
    hopRate, nucleationRate, nucleationProbability,
  };
}

/** Substrate preference order (most lithiophilic first): material codes sorted by nucleation overpotential. */
export function substrateRanks(p: KmcParams): number[] {
  const ranks = [0, 0, 0, 0, 0, 0];
  const order = [...SURFACE_OF_MATERIAL].sort((a, b) =>
    p.surfaces[a[1]].nucleationOverpotential - p.surfaces[b[1]].nucleationOverpotential || a[0] - b[0]);
  order.forEach(([m], r) => { ranks[m] = r; });
  ranks[MATERIAL.pore] = 10; ranks[MATERIAL.electrolyte] = 11;
  return ranks;
}
