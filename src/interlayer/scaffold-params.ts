// Parameters of the Li3.75Si–CNT interlayer scaffold formation (issue #5 part 1), their defaults with
// sources, the two presets of the paper (stack pressure 5 and 65 MPa), and validation that names the
// field, the value and the allowed range. SI units throughout (m, Pa, kg/m³, s); the UI converts.
//
// Paper: J. Sung et al., "Ultra-thin lithium silicide interlayer for solid-state lithium-metal
// batteries", Adv. Mater. (2023) 2210835, doi:10.1002/adma.202210835 (../shared/seeds/…): 50 nm Si
// nanoparticles + CNT (90:10 by mass) cast 2 µm thick at 58.5 % porosity, lithiated under 5 or 65 MPa
// to Li15Si4 (Li3.75Si); at 65 MPa the layer is 3.25 µm thick with 11.0 % porosity (Table S2).
// Tags as in physics-reference.md: [V] verified, [C] computed, [M] from memory, [E] estimate / knob.

export type LithiationMode = 'uniform' | 'front';

export interface ScaffoldParams {
  // ---- geometry and composition
  /** periodic slab, m (the issue asks for ≥ 0.5 µm) */
  lx: number;
  ly: number;
  /** as-cast thickness, m: 2 µm (paper, Fig. 2b) */
  thickness0: number;
  /** as-cast porosity: 0.585 (paper, Table S2) */
  porosity0: number;
  /** Si volume-weighted median diameter, m: 50 nm (paper, Fig. S1) */
  siDiameter: number;
  /** σ of ln D of the Si log-normal (0 = monodisperse) [E]: commercial nano-Si has a spread; 0.15 ≈ span 0.4 */
  siSigmaLn: number;
  /** CNT mass fraction of the solids: 0.10 (paper: Si:CNT 90:10 by mass) */
  cntMassFraction: number;
  /** CNT outer diameter, m [E]: multi-walled CNT, 10–30 nm typical */
  cntDiameter: number;
  /** CNT length in the model, m [E]: real tubes are µm long; limited here by the slab (≤ 0.9 lx) */
  cntLength: number;
  // ---- materials
  /** Si: E (Pa), ν, ρ (kg/m³), yield contact pressure (Pa) — E 160 GPa, ρ 2330 [M, high]; H ≈ 11 GPa [M] */
  siE: number; siNu: number; siDensity: number; siYield: number;
  /**
   * Li15Si4: E (41 GPa, the seed's value, plausible for crystalline Li15Si4: physics-reference §3.7;
   * Hertzberg 2011 ~12 GPa, DFT 35–45 GPa) and the yield contact pressure of Thornton–Ning. Default
   * 0.3 GPa [E]: the effective flow pressure during slow lithiation, calibrated so that 65 MPa gives the
   * paper's 3.25 µm / 11 % (docs/model.md §12.4); the hardness of crystalline Li15Si4,
   * 1.9 GPa (seed; Hertzberg 2011 ~1.5 GPa), leaves the layer at ~31 % porosity. Lithiated Si flows at
   * far lower stress while it lithiates and creeps over the hours of lithiation, which a rate-independent
   * contact law can only represent by a lower yield pressure. Density follows from mass conservation.
   */
  lisiE: number; lisiNu: number; lisiYield: number;
  /** Li15Si4/Si volume per Si atom: 3.81 [C, physics-reference §3.7] */
  volumeRatio: number;
  /** Li15Si4/Si mass per Si atom: (28.086 + 3.75·6.941)/28.086 = 1.9268 [C] */
  massRatio: number;
  /** number of material stages between Si and Li15Si4 (E, p_y, ρ interpolated linearly in x) */
  lithiationStages: number;
  /**
   * CNT: true density (Table S2 uses 2.1 g/cm³; MWCNT 1.3–2.1), contact modulus [E], axial and bending
   * moduli. A tube's axial modulus is ≈ 1 TPa (paper ref. 21); the defaults are softened to 0.1 / 0.2 TPa
   * so that the bead inertia scale needed for the timestep stays ~10 (the viscous contact forces grow
   * with √mass): the tubes stay 2.5–5× stiffer than Li15Si4 and stretch < 1 % at the loads here.
   */
  cntDensity: number; cntContactE: number; cntAxialE: number; cntBendingE: number;
  /** inertia scale of CNT beads (mass scaling, statics unchanged) so the stiff bonds do not set the timestep */
  cntMassScale: number;
  /** sliding friction, all pairs [E]; restitution (damping) [E] */
  friction: number; restitution: number;
  /** current collector (stainless steel) E, ν [M]: 193 GPa, 0.29 */
  steelE: number; steelNu: number;
  /** solid electrolyte Li6PS5Cl E, ν [M, physics-reference §3.6]: ≈ 22 GPa */
  electrolyteE: number; electrolyteNu: number;
  // ---- protocol
  /** stack pressure held by the electrolyte plane, Pa (presets 5 and 65 MPa) */
  stackPressure: number;
  /** 'uniform': every particle lithiates over the whole time; 'front': a front runs from the electrolyte side */
  lithiation: LithiationMode;
  /** front mode: fraction of the lithiation time one particle takes to lithiate */
  frontWidth: number;
  /** largest inertial number I = γ̇ d √(ρ/p) allowed during lithiation: sets the (scaled) lithiation time */
  inertialNumber: number;
  /** as-cast preparation: Si inserted at this fraction of its radius, then grown to size in the fixed slab */
  castInsertScale: number;
  /** steps of the as-cast preparation */
  castSteps: number;
  /** hold at the stack pressure after lithiation, as a fraction of the lithiation time */
  relaxFraction: number;
  /** steps between lithiation updates (radii, materials, volume correction) */
  updateEvery: number;
  /** steps between recorded samples */
  sampleEvery: number;
  /** timestep as a fraction of the smallest Rayleigh time (physics-reference §6.1) */
  timestepFraction: number;
  /** voxel edge of the hand-over grid and the pore-size analysis, m */
  voxelSize: number;
}

export const DEFAULT_SCAFFOLD: Readonly<ScaffoldParams> = Object.freeze({
  lx: 0.5e-6, ly: 0.5e-6, thickness0: 2e-6, porosity0: 0.585,
  siDiameter: 50e-9, siSigmaLn: 0.15,
  cntMassFraction: 0.1, cntDiameter: 20e-9, cntLength: 0.4e-6,
  siE: 160e9, siNu: 0.22, siDensity: 2330, siYield: 11e9,
  lisiE: 41e9, lisiNu: 0.22, lisiYield: 0.3e9,
  volumeRatio: 3.81, massRatio: 1.9268, lithiationStages: 8,
  cntDensity: 2100, cntContactE: 50e9, cntAxialE: 1e11, cntBendingE: 2e11, cntMassScale: 0,
  friction: 0.3, restitution: 0.3,
  steelE: 193e9, steelNu: 0.29, electrolyteE: 22e9, electrolyteNu: 0.3,
  stackPressure: 65e6, lithiation: 'uniform', frontWidth: 0.3,
  inertialNumber: 1e-3, castInsertScale: 0.85, castSteps: 4000, relaxFraction: 0.4,
  updateEvery: 20, sampleEvery: 500, timestepFraction: 0.2, voxelSize: 5e-9,
});

/** The paper's two stack pressures. */
export const SCAFFOLD_PRESETS: Readonly<Record<string, Partial<ScaffoldParams>>> = Object.freeze({
  'interlayer-65MPa': { stackPressure: 65e6 },
  'interlayer-5MPa': { stackPressure: 5e6 },
});

export interface Range { min: number; max: number; unit: string; integer?: boolean; exclusiveMin?: boolean }
/** Allowed range of every numeric scaffold parameter (SI); the CLI and the page derive their limits from it. */
export const SCAFFOLD_RANGES: Record<Exclude<keyof ScaffoldParams, 'lithiation'>, Range> = {
  lx: { min: 0.1e-6, max: 5e-6, unit: 'm' }, ly: { min: 0.1e-6, max: 5e-6, unit: 'm' },
  thickness0: { min: 0.2e-6, max: 10e-6, unit: 'm' }, porosity0: { min: 0.3, max: 0.8, unit: '' },
  siDiameter: { min: 10e-9, max: 500e-9, unit: 'm' }, siSigmaLn: { min: 0, max: 0.5, unit: '' },
  cntMassFraction: { min: 0, max: 0.5, unit: '' }, cntDiameter: { min: 2e-9, max: 100e-9, unit: 'm' },
  cntLength: { min: 0, max: 5e-6, unit: 'm' },
  siE: { min: 1e8, max: 1e12, unit: 'Pa' }, siNu: { min: 0, max: 0.49, unit: '' }, siDensity: { min: 100, max: 20000, unit: 'kg/m³' },
  siYield: { min: 0, max: 1e11, unit: 'Pa' },
  lisiE: { min: 1e8, max: 1e12, unit: 'Pa' }, lisiNu: { min: 0, max: 0.49, unit: '' }, lisiYield: { min: 0, max: 1e11, unit: 'Pa' },
  volumeRatio: { min: 1, max: 5, unit: '' }, massRatio: { min: 1, max: 5, unit: '' },
  lithiationStages: { min: 1, max: 24, unit: '', integer: true },
  cntDensity: { min: 100, max: 20000, unit: 'kg/m³' }, cntContactE: { min: 1e8, max: 2e12, unit: 'Pa' },
  cntAxialE: { min: 1e8, max: 2e12, unit: 'Pa' }, cntBendingE: { min: 1e8, max: 2e12, unit: 'Pa' },
  cntMassScale: { min: 0, max: 1e4, unit: '' },
  friction: { min: 0, max: 2, unit: '' }, restitution: { min: 0.05, max: 1, unit: '' },
  steelE: { min: 1e8, max: 2e12, unit: 'Pa' }, steelNu: { min: 0, max: 0.49, unit: '' },
  electrolyteE: { min: 1e8, max: 2e12, unit: 'Pa' }, electrolyteNu: { min: 0, max: 0.49, unit: '' },
  stackPressure: { min: 1e4, max: 1e9, unit: 'Pa' },
  frontWidth: { min: 0.01, max: 1, unit: '' },
  inertialNumber: { min: 1e-5, max: 0.1, unit: '' },
  castInsertScale: { min: 0.5, max: 1, unit: '' },
  castSteps: { min: 0, max: 1e7, unit: 'steps', integer: true },
  relaxFraction: { min: 0, max: 5, unit: '' },
  updateEvery: { min: 1, max: 10000, unit: 'steps', integer: true },
  sampleEvery: { min: 1, max: 1e7, unit: 'steps', integer: true },
  timestepFraction: { min: 0.01, max: 0.5, unit: '' },
  voxelSize: { min: 1e-9, max: 100e-9, unit: 'm' },
};

/** Defaults overlaid with `p`, checked; throws a RangeError naming the parameter, its value and the allowed range. */
export function resolveScaffoldParams(p: Partial<ScaffoldParams> = {}): ScaffoldParams {
  const out: ScaffoldParams = { ...DEFAULT_SCAFFOLD, ...p };
  for (const key of Object.keys(p)) {
    if (!(key in DEFAULT_SCAFFOLD)) throw new RangeError(`scaffold parameter "${key}" is unknown; known: ${Object.keys(DEFAULT_SCAFFOLD).join(', ')}.`);
  }
  for (const [key, r] of Object.entries(SCAFFOLD_RANGES) as Array<[keyof typeof SCAFFOLD_RANGES, Range]>) {
    const v = out[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < r.min || v > r.max || (r.integer && !Number.isInteger(v)))
      throw new RangeError(`scaffold parameter ${key} = ${String(v)}${r.unit ? ' ' + r.unit : ''} is out of range: must be ${r.integer ? 'an integer ' : 'a number '}from ${r.min} to ${r.max}${r.unit ? ' ' + r.unit : ''}.`);
  }
  if (out.lithiation !== 'uniform' && out.lithiation !== 'front')
    throw new RangeError(`scaffold parameter lithiation = ${JSON.stringify(out.lithiation)}: must be "uniform" or "front".`);
  const dmax = out.siDiameter * Math.exp(2.576 * out.siSigmaLn);
  // the neighbour search needs each side > 2 × the largest cutoff (2 r_max + skin, skin = 0.2 d50)
  const side = 2.5 * dmax * Math.cbrt(out.volumeRatio);
  if (Math.min(out.lx, out.ly) < side)
    throw new RangeError(`scaffold lx, ly = ${out.lx}, ${out.ly} m are too small: the periodic box must exceed 2.5 of the largest lithiated Si diameters (${side.toExponential(3)} m).`);
  if (out.cntMassFraction > 0 && out.cntLength > 0.9 * Math.min(out.lx, out.ly))
    throw new RangeError(`scaffold cntLength = ${out.cntLength} m exceeds 0.9 × the box side (${0.9 * Math.min(out.lx, out.ly)} m): a tube would meet its own periodic image.`);
  if (out.cntMassFraction > 0 && out.cntLength > 0 && out.cntLength < 3 * beadRadius(out) * 2)
    throw new RangeError(`scaffold cntLength = ${out.cntLength} m is shorter than three beads (${(6 * beadRadius(out)).toExponential(3)} m).`);
  if (out.thickness0 < 4 * out.siDiameter) throw new RangeError(`scaffold thickness0 = ${out.thickness0} m: must be at least 4 Si diameters.`);
  return out;
}

/**
 * Bead radius of the CNT chains, m: beads touch (spacing 2r_b), so a chain holds 4/3πr_b³ per 2r_b of
 * length; equal to the tube's πr_t² per length when r_b = r_t·√(3/2). Mass and volume are then the tube's.
 */
export function beadRadius(p: Pick<ScaffoldParams, 'cntDiameter'>): number { return 0.5 * p.cntDiameter * Math.sqrt(1.5); }

/** Volume of the solids per unit of Si volume… and the split of the as-cast solid volume into Si and CNT, m³. */
export function solidVolumes(p: ScaffoldParams): { total: number; si: number; cnt: number } {
  const total = p.lx * p.ly * p.thickness0 * (1 - p.porosity0);
  const vSiPerMass = (1 - p.cntMassFraction) / p.siDensity, vCPerMass = p.cntMassFraction / p.cntDensity;
  const si = total * vSiPerMass / (vSiPerMass + vCPerMass);
  return { total, si, cnt: total - si };
}

/** Expected lithiated solid volume, m³: Si × volumeRatio + CNT (the CNT does not swell). */
export function lithiatedSolidVolume(p: ScaffoldParams): number {
  const v = solidVolumes(p);
  return v.si * p.volumeRatio + v.cnt;
}

/** The stack-pressure range in MPa, as the CLI (--stack) and the page's stack field take it. */
export const STACK_RANGE_MPA: Readonly<{ min: number; max: number }> = Object.freeze({ min: SCAFFOLD_RANGES.stackPressure.min / 1e6, max: SCAFFOLD_RANGES.stackPressure.max / 1e6 });
