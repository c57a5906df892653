// The interlayer scenes of issue #5 (Sung et al., Adv. Mater. 2023, 10.1002/adma.202210835): how the
// cell under the solid electrolyte (Li6PS5Cl) is built and how lithium is then plated into it.
//
//   interlayer-65MPa   Li3.75Si–CNT interlayer formed (Si lithiated) under 65 MPa — the paper's cell
//   interlayer-5MPa    the same formed under 5 MPa (larger pores; the paper's short after 21 cycles)
//   bare-cell          SUS/SE: no interlayer, the SE touches the steel at a few asperities
//   cnt-only           SUS/CNT/SE: a CNT mat without Si
//   lisi-no-cnt        SUS/Li3.75Si/SE: Si without CNT, formed under 65 MPa
//
// Each preset has a full variant (the 0.5 × 0.5 µm slab, 2 µm as cast, DEM at inertial number
// 1e-3, kMC at 10 nm voxels) and a small one (`small: true`: 0.3 × 0.3 µm, 0.6 µm as cast, inertial
// number 2e-2, kMC at 10 nm) that runs in seconds for tests and the browser. Parameters of the DEM are
// part 1's (scaffold-params.ts, docs/model.md §12), of the kMC part 2's (kmc-params.ts,
// docs/model.md §13); what a preset changes is listed and sourced here. Tags: [E] estimate.
// The scaffold parameters are validated by resolveScaffoldParams, the kMC ones by validateKmcParams.
import type { ScaffoldParams } from './scaffold-params';
import type { KmcParams, SurfaceKinetics, SurfaceName } from './kmc-params';
import type { MechanismParams } from './mechanism-map';
import type { PenetrationParams } from './penetration';

/** Partial kMC parameters (deep-merged over DEFAULT_KMC by kmcParams()). */
export interface KmcOverrides {
  temperature?: number; attemptFrequency?: number; jumpLength?: number;
  nucleationPrefactor?: number; criticalNucleusAtoms?: number; creepReach?: number;
  /** Pa, while stripping (default: a scaffold's forming pressure, else 65 MPa) */
  stackPressure?: number;
  surfaces?: Partial<Record<SurfaceName, Partial<SurfaceKinetics>>>;
  mechanism?: Partial<MechanismParams>;
  penetration?: Partial<PenetrationParams>;
}

/** How the cell under the electrolyte is made. */
export type CellSpec =
  /** DEM scaffold of part 1 (Scaffold), voxelized for the kMC */
  | { kind: 'scaffold'; params: Partial<ScaffoldParams> }
  /** steel collector and an electrolyte touching it at conical asperities (test-scaffolds.ts bareCell) */
  | { kind: 'bare'; lx: number; gap: number; contactsPerArea: number; contactRadius: number }
  /** a mat of straight CNT rods (test-scaffolds.ts interlayerScaffold, solid 'cnt') */
  | { kind: 'cnt-mat'; lx: number; thickness: number; porosity: number; rodDiameter: number; rodLength: number };

export interface InterlayerPreset {
  name: string;
  /** one line for menus */
  title: string;
  /** what the preset stands for and where its numbers come from */
  description: string;
  cell: CellSpec;
  /** kMC voxel edge, m */
  voxelSize: number;
  /** electrolyte voxel layers put above the cell (room for penetration needles) */
  electrolyteLayers: number;
  /**
   * depth (m) to which the electrolyte fills the pore voxels straight below its surface at the hand-over
   * (pipeline.ts conformElectrolyte; not for the bare cell, whose asperities are the geometry). [E]
   */
  electrolyteConformDepth: number;
  /** plating current density, mA/cm², and capacity, mAh/cm² (CLI defaults: 1 and 1, the benchmark) */
  currentDensity: number;
  capacity: number;
  kmc: KmcOverrides;
}

/** Scaffold parameters of the small variant (the part-1 test's reduced slab): seconds instead of minutes. */
export const SMALL_SCAFFOLD: Readonly<Partial<ScaffoldParams>> = Object.freeze({
  lx: 0.3e-6, ly: 0.3e-6, thickness0: 0.6e-6, cntLength: 0.2e-6,
  inertialNumber: 2e-2, castSteps: 1500, sampleEvery: 1000,
});

const FULL_VOXEL = 10e-9;   // m: pores of ~20–60 nm span 2–6 voxels; 1 mAh/cm² = 1.2e6 packets on 0.5 µm (kMC doc)
const SMALL_VOXEL = 10e-9;
const E_LAYERS = 10;        // the kMC doc: ≥ 2, ~10 for visible needles
// [E] the SE fills the dimples between the top particles down to one lithiated Si radius (25 nm × 3.81^⅓ ≈ 39 nm);
// the DEM's rigid flat plane otherwise leaves a slit over the whole layer (docs/model.md §14)
const CONFORM = 39e-9;

// Bare cell [E]: the SE (pressed at 700 MPa onto polished steel, paper's Experimental) touches the steel at
// asperities; the true contact is "much smaller than nominal" (paper, ref. 20). 12 contacts per µm², 60 nm
// base radius (3 per 0.25 µm², the kMC stand-in), a 100 nm gap elsewhere.
const BARE = { gap: 100e-9, contactsPerArea: 12e12, contactRadius: 60e-9 };

// CNT-only mat [E]: the paper gives no thickness or porosity for its SUS/CNT electrode; 1 µm thick (the
// small variant 0.6 µm), 50 % porous, 20 nm rods (the scaffold's tube diameter), 0.4 µm long, lying mostly
// in-plane. Not formed by DEM: the part-1 scaffold caps the CNT mass fraction at 0.5, and a CNT mat does not
// swell, so a pressed rod network at a set porosity stands in for it.
const CNT_MAT = { porosity: 0.5, rodDiameter: 20e-9, rodLength: 0.4e-6 };

const PRESETS: Record<string, InterlayerPreset> = {
  'interlayer-65MPa': {
    name: 'interlayer-65MPa',
    title: 'Li3.75Si–CNT interlayer formed at 65 MPa',
    description: 'SUS/Li3.75Si–CNT/SE: 50 nm Si + CNT (90:10 by mass), 2 µm cast at 58.5 % porosity, lithiated to Li15Si4 '
      + 'under 65 MPa (paper: 3.25 µm, 11 % porosity, Table S2), then Li plated through it. Lithiophilic Li–Si (η_n 1.5 mV) '
      + 'guides ad-atoms to the collector: the paper\'s "commuters to the suburbs".',
    cell: { kind: 'scaffold', params: { stackPressure: 65e6 } },
    voxelSize: FULL_VOXEL, electrolyteLayers: E_LAYERS, electrolyteConformDepth: CONFORM, currentDensity: 1, capacity: 1, kmc: {},
  },
  'interlayer-5MPa': {
    name: 'interlayer-5MPa',
    title: 'Li3.75Si–CNT interlayer formed at 5 MPa',
    description: 'The same interlayer lithiated under 5 MPa: a thicker, more porous layer with larger pores (paper Fig. 2j). '
      + 'Li in larger pores is harder (Coble creep σ ∝ d³ at the plating rate). The paper\'s 5 MPa-formed full cell shorted '
      + 'after 21 cycles (Fig. S15); in one plating here its pores (< 60 nm) keep the Li far below the SE\'s cracking '
      + 'threshold — pores of ~0.35 µm would be needed (docs/model.md §14.5).',
    cell: { kind: 'scaffold', params: { stackPressure: 5e6 } },
    voxelSize: FULL_VOXEL, electrolyteLayers: E_LAYERS, electrolyteConformDepth: CONFORM, currentDensity: 1, capacity: 1, kmc: {},
  },
  'bare-cell': {
    name: 'bare-cell',
    title: 'Bare SUS/SE cell (no interlayer)',
    description: 'Steel collector pressed against the SE, which touches it only at asperities (12 per µm², 60 nm, 100 nm gap '
      + 'elsewhere [E]). Charge transfer and nucleation (η_n 14.2 mV on steel, paper) happen at the contact rims: uneven Li '
      + 'that wets the SE underside (paper: porous Li with embedded SE, Li2S by XRD).',
    cell: { kind: 'bare', lx: 0.5e-6, ...BARE },
    voxelSize: FULL_VOXEL, electrolyteLayers: E_LAYERS, electrolyteConformDepth: CONFORM, currentDensity: 1, capacity: 1, kmc: {},
  },
  'cnt-only': {
    name: 'cnt-only',
    title: 'CNT-only interlayer (SUS/CNT/SE)',
    description: 'A CNT mat without Si (1 µm, 50 % porous, 20 nm rods [E]). CNTs give many nucleation sites at the SE '
      + '(η_n 8 mV [E], below steel as the paper measured) but no lithiophilic highway to the collector (hop barrier '
      + '0.2 eV vs 0.1 eV on Li–Si [E]): the paper\'s "traffic jam near the city centre".',
    cell: { kind: 'cnt-mat', lx: 0.5e-6, thickness: 1e-6, ...CNT_MAT },
    voxelSize: FULL_VOXEL, electrolyteLayers: E_LAYERS, electrolyteConformDepth: CONFORM, currentDensity: 1, capacity: 1, kmc: {},
  },
  'lisi-no-cnt': {
    name: 'lisi-no-cnt',
    title: 'Li3.75Si interlayer without CNT (65 MPa)',
    description: 'Si nanoparticles alone (no CNT) lithiated under 65 MPa: a Li3.75Si MIEC layer. The paper found it stable '
      + '(no short for 80 h) but cycling shorter than with CNT (Fig. 4b, S10).',
    cell: { kind: 'scaffold', params: { stackPressure: 65e6, cntMassFraction: 0 } },
    voxelSize: FULL_VOXEL, electrolyteLayers: E_LAYERS, electrolyteConformDepth: CONFORM, currentDensity: 1, capacity: 1, kmc: {},
  },
};

export const INTERLAYER_PRESET_NAMES: readonly string[] = Object.freeze(Object.keys(PRESETS));

/**
 * Full presets whose formed DEM scaffold (seed 1) ships with the app as public/scaffolds/<name>-seed1.json,
 * written by `electrode-lab interlayer <name> --seed 1 --save-scaffold …` (the full DEM takes 10–25 min;
 * hand-over and plating 1 mAh/cm² take seconds). tests/interlayer/scaffold-file.test.ts checks the files.
 */
export const SAVED_SCAFFOLD_PRESETS: readonly string[] = Object.freeze(['interlayer-65MPa', 'interlayer-5MPa', 'lisi-no-cnt']);

/** The small variant of a preset: reduced slab (and DEM time scaling) for tests and the browser. */
function smallVariant(p: InterlayerPreset): InterlayerPreset {
  const cell: CellSpec = p.cell.kind === 'scaffold' ? { kind: 'scaffold', params: { ...p.cell.params, ...SMALL_SCAFFOLD } }
    : p.cell.kind === 'bare' ? { ...p.cell }   // no DEM: the full 0.5 µm cell (3 contacts) costs < 1 s
      : { ...p.cell, lx: 0.3e-6, thickness: 0.6e-6 };
  return { ...p, name: `${p.name}-small`, title: `${p.title} (small)`, cell, voxelSize: SMALL_VOXEL,
    description: p.cell.kind === 'bare' ? `${p.description} (Small variant = the full cell: it has no DEM stage.)`
      : `${p.description} Small variant: 0.3 × 0.3 µm slab${p.cell.kind === 'scaffold' ? ', 0.6 µm as cast, DEM at inertial number 2e-2' : ', 0.6 µm thick'}.` };
}

/**
 * A preset by name ('interlayer-65MPa', …; a '-small' suffix or `small` selects the small variant).
 * Throws a RangeError naming the known presets.
 */
export function interlayerPreset(name: string, small = false): InterlayerPreset {
  let base = name; let sm = small;
  if (base.endsWith('-small')) { base = base.slice(0, -6); sm = true; }
  const p = PRESETS[base];
  if (!p) throw new RangeError(`interlayer preset '${name}' is unknown; known: ${INTERLAYER_PRESET_NAMES.join(', ')} (each also with -small).`);
  const copy: InterlayerPreset = structuredClone(p);
  return sm ? smallVariant(copy) : copy;
}

/** Every preset, full and small (menus). */
export function allInterlayerPresets(): InterlayerPreset[] {
  return INTERLAYER_PRESET_NAMES.flatMap((n) => [interlayerPreset(n), interlayerPreset(n, true)]);
}

export type { KmcParams };
