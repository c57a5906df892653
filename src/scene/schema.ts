// The versioned JSON scene schema of Electrode Lab, described as DATA.
//
// One descriptor tree (`sceneDescriptor`) is the single source of truth for the GUI (forms are
// generated from it), URLs, presets, the CLI and the tests: validate.ts walks it, a GUI walks it.
// All values are SI (m, Pa, kg/m³, s, m/s, m/s²); `display` says how a GUI shows a number
// (display value = SI value × factor).
//
// The TS types below are written by hand for readability; the descriptor types are keyed by them
// (`ObjectDesc<Material>` must describe exactly the fields of `Material`, a `UnionDesc` exactly the
// variants of its union), so a field added to one but not the other fails to compile.

import type { BlendComponent, LognormalPsd, PsdBin, PsdSpec, PsdTruncation, TablePsd } from '../psd/types';
import { compilePsd } from '../psd/model';
import { D_MAX_ALLOWED, D_MIN_ALLOWED, FRACTION_SUM_TOLERANCE, MAX_BINS, MAX_COMPONENTS, SIGMA_MAX, SPAN_MAX } from '../psd/validate';

export const SCENE_SCHEMA_ID = 'electrode-lab/scene';
export const CURRENT_VERSION = 1;
/** Scene versions this build reads. */
export const SUPPORTED_VERSIONS: readonly number[] = [CURRENT_VERSION];

// ------------------------------------------------------------------------------------------------
// Scene types (version 1)

export interface Material {
  id: string;
  youngsModulus: number;
  poissonRatio: number;
  density: number;
  restitution: number;
  friction: number;
  rollingFriction: number;
  /** null = purely elastic Hertz; a number = Thornton–Ning yield contact pressure p_y, Pa. */
  yieldPressure: number | null;
}

export interface MonodisperseParticles {
  kind: 'monodisperse';
  count: number;
  radius: number;
  material: string;
}
export interface ListParticles {
  kind: 'list';
  /** One radius per particle, m; the particle count is radius.length. */
  radius: number[];
  /** One material id for all particles, or one per particle (same length as radius). */
  material: string | string[];
}
/**
 * count particles sampled from a size distribution (src/psd) with the scene seed: seeded, stratified,
 * bit-identical in every engine; truncated as `truncation` says (defaults 0.5 %/99.5 % volume
 * quantiles, size ratio ≤ 10). See docs/model.md §8.
 */
export interface PsdParticles {
  kind: 'psd';
  psd: PsdSpec;
  count: number;
  material: string;
  truncation: PsdTruncation;
}
/** Add a kind here AND as one entry in `particleKinds` below. */
export type ParticleSpec = MonodisperseParticles | ListParticles | PsdParticles;
export type ParticleKind = ParticleSpec['kind'];

export interface Domain {
  lx: number;
  ly: number;
  height: number;
  insertFraction: number;
}
export interface WallRef {
  material: string;
}
export interface Platen {
  material: string;
  /** Initial platen height, m; null = domain.height. */
  z: number | null;
}
export interface Walls {
  collector: WallRef;
  platen: Platen;
}

export type RollingModel = 'none' | 'cdt' | 'epsd';
export interface Solver {
  /** s; null = auto (timestepFraction × smallest Rayleigh time). */
  timestep: number | null;
  timestepFraction: number;
  skin: number;
  rolling: RollingModel;
  maxOverlapRatio: number;
}

export interface FillStep {
  type: 'fill';
  maxTime: number;
  settleSpeed: number;
}
export interface SettleStep {
  type: 'settle';
  maxTime: number;
  settleSpeed: number;
}
/** Exactly one stop criterion. */
export type PressUntil = { solidFraction: number } | { pressure: number } | { z: number } | { density: number };
export interface PressStep {
  type: 'press';
  /** Maximum platen speed, m/s. */
  velocity: number;
  until: PressUntil;
  maxTime: number;
  /** Quasi-static cap: the platen slows so that I = γ̇ d √(ρ/p) stays below this; null = constant speed. */
  inertialNumber: number | null;
}
export interface TapStep {
  type: 'tap';
  cycles: number;
  /** Drop height of each tap, m: particles hit the collector at √(2 g h) relative speed. */
  height: number;
  settleSpeed: number;
  maxTime: number;
}
export interface ServoStep {
  type: 'servo';
  pressure: number;
  time: number;
  /** m/(s·Pa); null = the solver picks a gain. */
  gain: number | null;
}
export interface HoldStep {
  type: 'hold';
  time: number;
}
export interface ReleaseStep {
  type: 'release';
  velocity: number;
  maxTime: number;
}
export interface RunStep {
  type: 'run';
  time: number;
}
export type ProtocolStep = FillStep | SettleStep | TapStep | PressStep | ServoStep | HoldStep | ReleaseStep | RunStep;
export type ProtocolStepType = ProtocolStep['type'];

export interface Scene {
  schema: typeof SCENE_SCHEMA_ID;
  version: typeof CURRENT_VERSION;
  name: string;
  seed: number;
  materials: Material[];
  particles: ParticleSpec;
  domain: Domain;
  walls: Walls;
  gravity: number;
  solver: Solver;
  protocol: ProtocolStep[];
}

// ------------------------------------------------------------------------------------------------
// Descriptor types

interface BaseDesc {
  /** One line for tooltips; cites the source where a default comes from literature. */
  doc: string;
  /** Must be present in the input. Otherwise the field may be omitted and `default` is filled in. */
  required?: boolean;
}

/** How a GUI shows a number: display value = SI value × factor. */
export interface DisplayUnit {
  unit: string;
  factor: number;
}

export interface NumberDesc extends BaseDesc {
  kind: 'number';
  /** SI unit ('' = dimensionless). */
  unit: string;
  display: DisplayUnit;
  min: number;
  max: number;
  /** Bounds are inclusive unless flagged exclusive. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
  /** null is a valid value (its meaning is in `doc`). */
  nullable?: boolean;
  /** Filled in when omitted; for required fields, the value a GUI proposes for a new entry. */
  default: number | null;
  /** What to do when the value is out of range (appended to the error message). */
  hint?: string;
}
export interface StringDesc extends BaseDesc {
  kind: 'string';
  minLength: number;
  maxLength: number;
  default: string;
}
export interface EnumDesc extends BaseDesc {
  kind: 'enum';
  values: readonly (string | number)[];
  default: string | number;
  hint?: string;
}
/** A material id (string), or with `perParticle` also an array of ids, one per particle. */
export interface RefDesc extends BaseDesc {
  kind: 'ref';
  target: 'materials';
  perParticle?: boolean;
  default: string;
}
export interface ArrayDesc extends BaseDesc {
  kind: 'array';
  items: Descriptor;
  minLength: number;
  maxLength: number;
  /** Items are objects whose field of this name must be unique. */
  uniqueBy?: string;
}

/** Number fields map to NumberDesc (nullable ones must say so); the rest to any descriptor. */
/** (Numeric literal types such as `version: 1` are enums, not ranges.) */
type DescFor<V> = [V] extends [number]
  ? number extends V ? NumberDesc & { nullable?: false } : Descriptor
  : [V] extends [number | null]
    ? NumberDesc & { nullable: true }
    : Descriptor;
type FieldDescs<T> = { [K in keyof T]-?: DescFor<T[K]> };

export interface ObjectDesc<T = Record<string, unknown>> extends BaseDesc {
  kind: 'object';
  fields: FieldDescs<T>;
}

/** A discriminated union: `tag` picks the variant; each variant lists its other fields. */
export interface UnionDesc<T extends Record<Tag, string>, Tag extends string>
  extends BaseDesc {
  kind: 'union';
  tag: Tag;
  variants: { [K in T[Tag]]: ObjectDesc<Omit<Extract<T, Record<Tag, K>>, Tag>> };
}

/** The shape every UnionDesc has at run time (what the validator and a GUI walk). */
export interface AnyUnionDesc extends BaseDesc {
  kind: 'union';
  tag: string;
  variants: Record<string, ObjectDesc>;
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
/** An object with exactly one of the option keys (e.g. press.until). */
export interface ChoiceDesc<T = Record<string, number>> extends BaseDesc {
  kind: 'choice';
  options: { [K in KeysOfUnion<T> & string]: NumberDesc };
}

export type Descriptor =
  | NumberDesc
  | StringDesc
  | EnumDesc
  | RefDesc
  | ArrayDesc
  | ObjectDesc
  | AnyUnionDesc
  | ChoiceDesc;

// ------------------------------------------------------------------------------------------------
// Units

type Units = Pick<NumberDesc, 'unit' | 'display'>;
const u = (unit: string, display: string, factor: number): Units => ({ unit, display: { unit: display, factor } });
const NONE = u('', '', 1);
const LENGTH = u('m', 'µm', 1e6);
const PERCENT = u('%', '%', 1);
const PRESSURE = u('Pa', 'MPa', 1e-6);
const DENSITY = u('kg/m³', 'g/cm³', 1e-3);
const TIME = u('s', 'ms', 1e3);
const TIMESTEP = u('s', 'ns', 1e9);
const SPEED = u('m/s', 'mm/s', 1e3);
const ACCEL = u('m/s²', 'm/s²', 1);
const GAIN = u('m/(s·Pa)', '(mm/s)/MPa', 1e9);

type NumberSpec = Omit<NumberDesc, 'kind' | 'unit' | 'display'>;
const num = (units: Units, spec: NumberSpec): NumberDesc => ({ kind: 'number', ...units, ...spec });
// Typed for non-nullable / nullable number fields (see DescFor).
const req = (units: Units, spec: NumberSpec) => num(units, { required: true, ...spec }) as NumberDesc & { nullable?: false };
const opt = (units: Units, spec: NumberSpec) => num(units, spec) as NumberDesc & { nullable?: false };
const nullable = (units: Units, spec: NumberSpec) => num(units, { ...spec, nullable: true }) as NumberDesc & { nullable: true };
const ref = (doc: string, perParticle = false): RefDesc =>
  ({ kind: 'ref', target: 'materials', required: true, default: 'graphite', doc, ...(perParticle ? { perParticle } : {}) });

/** Simulated-time limits: 100 s of DEM at ~1e-8 s steps is already far beyond a browser session. */
const MAX_TIME = 100;

// ------------------------------------------------------------------------------------------------
// Descriptors

export const materialDescriptor: ObjectDesc<Material> = {
  kind: 'object',
  doc: 'A contact material; particles and walls refer to it by id.',
  fields: {
    id: { kind: 'string', required: true, minLength: 1, maxLength: 64, default: 'graphite', doc: 'Unique name used by particles.material and walls.*.material.' },
    youngsModulus: req(PRESSURE, {
      min: 0, minExclusive: true, max: 1e12, default: 5e7,
      doc: "Young's modulus E. Real graphite ≈ 10–30 GPa; DEM labs soften it because the Rayleigh timestep ∝ E^-1/2. Max 1 TPa ≈ diamond.",
      hint: 'Use a positive modulus up to 1e12 Pa (1 TPa, about diamond).',
    }),
    poissonRatio: req(NONE, {
      min: -1, minExclusive: true, max: 0.5, maxExclusive: true, default: 0.3,
      doc: "Poisson's ratio ν (graphite ≈ 0.2–0.3). Open interval: ν → 0.5 is incompressible, ν → -1 makes G = E/(2(1+ν)) infinite.",
      hint: 'Use a value below 0.5 (incompressible materials are not supported by Hertz–Mindlin) and above -1 (the shear modulus would be infinite).',
    }),
    density: req(DENSITY, {
      min: 0, minExclusive: true, max: 3e4, default: 2200,
      doc: 'True (skeletal) density ρ. Si-coated graphite ≈ 2.2 g/cm³; 30 g/cm³ bounds all solids (osmium 22.6).',
      hint: 'Use a positive density up to 3e4 kg/m³ (30 g/cm³).',
    }),
    restitution: req(NONE, {
      min: 0, minExclusive: true, max: 1, default: 0.5,
      doc: 'Coefficient of restitution e of the normal contact. 0 is excluded: the Hertzian damping coefficient diverges as ln e → -∞.',
      hint: 'Use a value in (0, 1]; for very lossy contacts use e.g. 0.05.',
    }),
    friction: req(NONE, {
      min: 0, max: 10, default: 0.5,
      doc: 'Sliding (Coulomb) friction coefficient μ. Typical 0.1–0.8; up to 10 is allowed to emulate interlocking.',
    }),
    rollingFriction: opt(NONE, {
      min: 0, max: 1, default: 0,
      doc: 'Rolling friction coefficient μ_r (torque ≤ μ_r R* F_n); only used when solver.rolling is not "none".',
    }),
    yieldPressure: nullable(PRESSURE, {
      min: 0, minExclusive: true, max: 1e12, default: null,
      doc: 'Thornton–Ning (1998) yield contact pressure p_y; null = purely elastic Hertz contact.',
      hint: 'Use a positive pressure, or null for a purely elastic contact.',
    }),
  },
};

const RADIUS_DOC = 'Particle radius. Battery active-material particles are ≈ 1–20 µm; up to 1 cm is allowed for granular tests.';
const radius = (required: boolean) => num(LENGTH, {
  required, min: 0, minExclusive: true, max: 1e-2, default: 5e-6, doc: RADIUS_DOC,
  hint: 'Use a positive radius up to 0.01 m (e.g. 5e-6 for 5 µm).',
}) as NumberDesc & { nullable?: false };

export const monodisperseDescriptor: ObjectDesc<Omit<MonodisperseParticles, 'kind'>> = {
  kind: 'object',
  doc: 'count equal spheres of one material.',
  fields: {
    count: req(NONE, {
      min: 1, max: 1_000_000, integer: true, default: 1500,
      doc: 'Number of particles (1 to 1,000,000).',
      hint: 'Use at least 1 particle and at most 1,000,000.',
    }),
    radius: radius(true),
    material: ref('Material id of all particles.'),
  },
};

export const listDescriptor: ObjectDesc<Omit<ListParticles, 'kind'>> = {
  kind: 'object',
  doc: 'Explicit radii, one per particle; the count is radius.length.',
  fields: {
    radius: {
      kind: 'array', required: true, minLength: 1, maxLength: 1_000_000, items: radius(true),
      doc: 'One radius per particle (1 to 1,000,000 entries).',
    },
    material: ref('One material id for all particles, or an array of ids with one per particle.', true),
  },
};

const DIAMETER_HINT = `Use a diameter in m from ${D_MIN_ALLOWED} to ${D_MAX_ALLOWED} (e.g. 1.4e-5 for 14 µm).`;
const diameter = (doc: string, required: boolean, dflt: number | null) => num(LENGTH, {
  required, min: D_MIN_ALLOWED, max: D_MAX_ALLOWED, default: dflt, doc, hint: DIAMETER_HINT, ...(dflt === null ? { nullable: true } : {}),
});

export const lognormalPsdDescriptor: ObjectDesc<Omit<LognormalPsd, 'kind'>> = {
  kind: 'object',
  doc: 'Log-normal volume distribution: D50 and exactly one spread (sigmaLn, span, or d10 and d90).',
  fields: {
    d50: diameter('Volume-weighted median diameter D50 (laser diffraction reports it).', true, 1.4e-5) as NumberDesc & { nullable?: false },
    sigmaLn: nullable(NONE, {
      min: 0, minExclusive: true, max: SIGMA_MAX, default: null,
      doc: 'σ of ln D (the geometric standard deviation is e^σ); commercial graphite ≈ 0.35–0.45. null when span or d10/d90 give the spread.',
      hint: `Use σ in (0, ${SIGMA_MAX}], or null and give span or d10/d90.`,
    }),
    span: nullable(NONE, {
      min: 0, minExclusive: true, max: SPAN_MAX, default: null,
      doc: 'Span (D90 − D10)/D50 = 2 sinh(1.2816 σ); commercial graphite ≈ 1.0–1.3. null when sigmaLn or d10/d90 give the spread.',
    }),
    d10: diameter('Volume-weighted D10, with d90 (σ = ln(d90/d10)/2.563); null otherwise.', false, null),
    d90: diameter('Volume-weighted D90, with d10; null otherwise.', false, null),
  },
};

export const tablePsdDescriptor: ObjectDesc<Omit<TablePsd, 'kind'>> = {
  kind: 'object',
  doc: 'A measured table (laser diffraction): ascending size classes with their volume %.',
  fields: {
    bins: {
      kind: 'array', required: true, minLength: 1, maxLength: MAX_BINS,
      doc: `Size classes, ascending and non-overlapping; volume % sum to 100 ± ${100 * FRACTION_SUM_TOLERANCE}.`,
      items: {
        kind: 'object', doc: 'One size class [dLow, dHigh) and its volume %.',
        fields: {
          dLow: diameter('Lower class edge.', true, 1e-5) as NumberDesc & { nullable?: false },
          dHigh: diameter('Upper class edge (> dLow).', true, 1.2e-5) as NumberDesc & { nullable?: false },
          volumePercent: req(PERCENT, { min: 0, max: 100, default: 10, doc: 'Volume % of the material in this class.' }),
        },
      } satisfies ObjectDesc<PsdBin>,
    },
  },
};

const componentPsdDescriptor: UnionDesc<LognormalPsd | TablePsd, 'kind'> = {
  kind: 'union', tag: 'kind', required: true,
  doc: 'The distribution of this grade (log-normal or table; a blend lists its grades directly).',
  variants: { lognormal: lognormalPsdDescriptor, table: tablePsdDescriptor },
};

export const blendPsdDescriptor: ObjectDesc<Omit<Extract<PsdSpec, { kind: 'blend' }>, 'kind'>> = {
  kind: 'object',
  doc: 'A blend of grades by volume fraction.',
  fields: {
    components: {
      kind: 'array', required: true, minLength: 1, maxLength: MAX_COMPONENTS,
      doc: `The grades; volume fractions sum to 1 ± ${FRACTION_SUM_TOLERANCE}.`,
      items: {
        kind: 'object', doc: 'One grade and its volume fraction.',
        fields: {
          volumeFraction: req(NONE, { min: 0, minExclusive: true, max: 1, default: 0.5, doc: 'Volume (= mass, for one density) fraction of the blend.' }),
          psd: componentPsdDescriptor,
        },
      } satisfies ObjectDesc<BlendComponent>,
    },
  },
};

export const psdDescriptor: UnionDesc<PsdSpec, 'kind'> = {
  kind: 'union', tag: 'kind', required: true,
  doc: 'Volume-weighted particle size distribution (diameters in m).',
  variants: { lognormal: lognormalPsdDescriptor, table: tablePsdDescriptor, blend: blendPsdDescriptor },
};

export const psdTruncationDescriptor: ObjectDesc<PsdTruncation> = {
  kind: 'object',
  doc: 'How the tails are cut: volume quantiles, then at most maxSizeRatio between the largest and smallest diameter.',
  fields: {
    lower: opt(NONE, { min: 0, max: 0.5, maxExclusive: true, default: 0.005, doc: 'Volume fraction cut from the fine tail (0.005 = 0.5 %).' }),
    upper: opt(NONE, { min: 0.5, minExclusive: true, max: 1, default: 0.995, doc: 'Volume quantile of the coarse cut (0.995: 0.5 % cut).' }),
    maxSizeRatio: opt(NONE, {
      min: 1, minExclusive: true, max: 10, default: 10,
      doc: 'Largest dMax/dMin; the core\'s neighbour search is tuned for size ratios ≤ 10 (docs/model.md §4).',
      hint: 'Use a ratio above 1 and at most 10.',
    }),
  },
};

export const psdParticlesDescriptor: ObjectDesc<Omit<PsdParticles, 'kind'>> = {
  kind: 'object',
  doc: 'count particles sampled from a size distribution with the scene seed (largest first).',
  fields: {
    psd: psdDescriptor,
    count: req(NONE, {
      min: 1, max: 1_000_000, integer: true, default: 2000,
      doc: 'Number of particles (1 to 1,000,000).',
      hint: 'Use at least 1 particle and at most 1,000,000.',
    }),
    material: ref('Material id of all particles.'),
    truncation: psdTruncationDescriptor,
  },
};

/** Summary of a particle spec that the cross-checks and the timestep bound need. */
export interface ParticleStats {
  count: number;
  maxRadius: number;
  /** Σ 4/3 π r³, m³. */
  totalVolume: number;
  /** Smallest radius per material id (the Rayleigh time is set by the smallest particle). */
  minRadiusByMaterial: Map<string, number>;
}

const sphereVolume = (r: number) => (4 / 3) * Math.PI * r ** 3;

/**
 * Registry of particle kinds: adding a kind (issue 3's 'psd') is one entry here plus its type in
 * ParticleSpec. `stats` may assume the spec passed the descriptor checks and, for per-particle
 * material arrays, that lengths match.
 */
export const particleKinds: {
  [K in ParticleKind]: {
    descriptor: ObjectDesc<Omit<Extract<ParticleSpec, { kind: K }>, 'kind'>>;
    stats: (p: Extract<ParticleSpec, { kind: K }>) => ParticleStats;
  };
} = {
  monodisperse: {
    descriptor: monodisperseDescriptor,
    stats: (p) => ({
      count: p.count,
      maxRadius: p.radius,
      totalVolume: p.count * sphereVolume(p.radius),
      minRadiusByMaterial: new Map([[p.material, p.radius]]),
    }),
  },
  list: {
    descriptor: listDescriptor,
    stats: (p) => {
      const minR = new Map<string, number>();
      let maxRadius = 0;
      let totalVolume = 0;
      p.radius.forEach((r, i) => {
        const id = typeof p.material === 'string' ? p.material : p.material[i];
        minR.set(id, Math.min(r, minR.get(id) ?? Infinity));
        maxRadius = Math.max(maxRadius, r);
        totalVolume += sphereVolume(r);
      });
      return { count: p.radius.length, maxRadius, totalVolume, minRadiusByMaterial: minR };
    },
  },
  psd: {
    descriptor: psdParticlesDescriptor,
    // the truncated range bounds every sampled diameter; the volume is the expectation (the
    // stratified sample matches it to ~1e-3)
    stats: (p) => {
      const c = compilePsd(p.psd, { truncation: p.truncation });
      return {
        count: p.count,
        maxRadius: c.dMax / 2,
        totalVolume: p.count * c.meanParticleVolume(),
        minRadiusByMaterial: new Map([[p.material, c.dMin / 2]]),
      };
    },
  },
};

export function particleStats(p: ParticleSpec): ParticleStats {
  // The cast is safe: kinds[p.kind] is the entry for exactly this variant.
  return (particleKinds[p.kind].stats as (p: ParticleSpec) => ParticleStats)(p);
}

export const particlesDescriptor: UnionDesc<ParticleSpec, 'kind'> = {
  kind: 'union',
  tag: 'kind',
  required: true,
  doc: 'Which particles to create (the fill step inserts them).',
  variants: { monodisperse: particleKinds.monodisperse.descriptor, list: particleKinds.list.descriptor, psd: particleKinds.psd.descriptor },
};

const LENGTH_HINT = 'Use a positive length up to 1 m.';
export const domainDescriptor: ObjectDesc<Domain> = {
  kind: 'object',
  required: true,
  doc: 'Periodic in x and y; collector at z = 0, platen on top.',
  fields: {
    lx: req(LENGTH, { min: 0, minExclusive: true, max: 1, default: 1e-4, hint: LENGTH_HINT,
      doc: 'Periodic box length in x; must exceed 2 × the neighbour cutoff (minimum-image convention).' }),
    ly: req(LENGTH, { min: 0, minExclusive: true, max: 1, default: 1e-4, hint: LENGTH_HINT,
      doc: 'Periodic box length in y; must exceed 2 × the neighbour cutoff (minimum-image convention).' }),
    height: req(LENGTH, { min: 0, minExclusive: true, max: 1, default: 4e-4, hint: LENGTH_HINT,
      doc: 'Tall-box height for pouring: top of the random-insertion region and initial platen height.' }),
    insertFraction: opt(NONE, {
      min: 0, minExclusive: true, max: 0.4, default: 0.25,
      doc: 'Solid fraction of the random insertion region. ≤ 0.4: random sequential addition of spheres jams at ≈ 0.38 (Torquato et al. 2006).',
      hint: 'Use at most 0.4, or make the box taller instead.',
    }),
  },
};

export const wallsDescriptor: ObjectDesc<Walls> = {
  kind: 'object',
  required: true,
  doc: 'The current collector (z = 0, fixed) and the platen (top, moved by the protocol).',
  fields: {
    collector: {
      kind: 'object', required: true, doc: 'Bottom wall at z = 0 (current-collector foil).',
      fields: { material: ref('Material id of the collector.') },
    } satisfies ObjectDesc<WallRef>,
    platen: {
      kind: 'object', required: true, doc: 'Top wall (calender roll / press platen).',
      fields: {
        material: ref('Material id of the platen.'),
        z: nullable(LENGTH, {
          min: 0, minExclusive: true, max: 1, default: null,
          doc: 'Initial platen height; null = domain.height. Fill inserts below the platen, so it also caps the insertion region.',
          hint: 'Use a positive height no larger than domain.height, or null.',
        }),
      },
    } satisfies ObjectDesc<Platen>,
  },
};

export const solverDescriptor: ObjectDesc<Solver> = {
  kind: 'object',
  doc: 'Time integration and neighbour search.',
  fields: {
    timestep: nullable(TIMESTEP, {
      min: 0, minExclusive: true, max: 1, default: null,
      doc: 'Fixed timestep; null = auto (timestepFraction × Rayleigh time of the most restrictive particle). Must be ≤ 0.5 t_R.',
      hint: 'Use null (auto) or a value below the stable bound.',
    }),
    timestepFraction: opt(NONE, {
      min: 0, minExclusive: true, max: 0.5, default: 0.2,
      doc: 'Auto timestep as a fraction of the Rayleigh time; LIGGGHTS recommends ≤ 0.2, above 0.5 Hertzian contacts are under-resolved.',
      hint: 'Use at most 0.5 (0.2 is the usual choice).',
    }),
    skin: opt(NONE, {
      min: 0, minExclusive: true, max: 2, default: 0.3,
      doc: 'Neighbour-list skin as a fraction of the smallest particle diameter (larger = fewer rebuilds, more pairs).',
    }),
    rolling: {
      kind: 'enum', values: ['none', 'cdt', 'epsd'], default: 'none',
      doc: 'Rolling resistance: none, cdt (constant directional torque) or epsd (elastic-plastic spring-dashpot; Ai et al. 2011).',
    },
    maxOverlapRatio: opt(NONE, {
      min: 0, minExclusive: true, max: 1, default: 0.5,
      doc: 'Blow-up guard: the run stops with an error when a contact overlap exceeds this fraction of the smaller radius.',
    }),
  },
};

const maxTime = (required: boolean, dflt: number, doc: string) => num(TIME, {
  required, min: 0, minExclusive: true, max: MAX_TIME, default: dflt, doc,
  hint: `Use a positive time up to ${MAX_TIME} s.`,
}) as NumberDesc & { nullable?: false };
const duration = (doc: string) => maxTime(true, 0.01, doc);
const settleSpeed = () => opt(SPEED, {
  min: 0, minExclusive: true, max: 100, default: 1e-3,
  doc: 'The step ends when the RMS particle speed falls below this.',
  hint: 'Use a positive speed up to 100 m/s (1e-3 is typical).',
});
const platenSpeed = (doc: string) => req(SPEED, {
  min: 0, minExclusive: true, max: 10, default: 0.05,
  doc: `${doc} ≤ 10 m/s: faster platens outrun the particle contact waves and give meaningless stresses.`,
  hint: 'Use a positive speed up to 10 m/s (0.01–0.1 m/s is quasi-static for µm particles).',
});
const PRESSURE_MAX = 1e10; // 10 GPa: far beyond calendering (≈ 10–300 MPa)
const targetPressure = (doc: string) => req(PRESSURE, {
  min: 0, minExclusive: true, max: PRESSURE_MAX, default: 1e6, doc,
  hint: 'Use a positive pressure up to 1e10 Pa (10 GPa).',
});

export const pressUntilDescriptor: ChoiceDesc<PressUntil> = {
  kind: 'choice',
  required: true,
  doc: 'Stop pressing when exactly one of these is reached.',
  options: {
    solidFraction: num(NONE, {
      min: 0, minExclusive: true, max: 0.95, maxExclusive: true, default: 0.62,
      doc: 'Solid fraction below the platen. < 0.95: beyond that, overlaps (not packing) carry the density.',
    }),
    pressure: num(PRESSURE, {
      min: 0, minExclusive: true, max: PRESSURE_MAX, default: 1e6,
      doc: 'Platen pressure (force / lx·ly).',
    }),
    z: num(LENGTH, {
      min: 0, minExclusive: true, max: 1, default: 5e-5,
      doc: 'Platen height; must be ≤ domain.height.',
    }),
    density: num(DENSITY, {
      min: 0, minExclusive: true, max: 30000, default: 1750,
      doc: 'Electrode (bulk) density below the platen: particle mass / (lx·ly·platen height). Calendered graphite anodes: 1.3–1.9 g/cm³.',
    }),
  },
};

type StepVariants = UnionDesc<ProtocolStep, 'type'>['variants'];
const stepVariants: StepVariants = {
  fill: {
    kind: 'object', doc: 'Insert the particles randomly without overlap below the platen and let them fall.',
    fields: { maxTime: maxTime(false, 0.05, 'Time limit of the fill.'), settleSpeed: settleSpeed() },
  },
  settle: {
    kind: 'object', doc: 'Let the particles come to rest (platen fixed).',
    fields: { maxTime: maxTime(false, 0.05, 'Time limit of the settling.'), settleSpeed: settleSpeed() },
  },
  tap: {
    kind: 'object', doc: 'Tap the bed: each tap drops it from a height onto the collector, then it settles (tap density).',
    fields: {
      cycles: req(NONE, { min: 1, max: 1000, integer: true, default: 10, doc: 'Number of taps.', hint: 'Use an integer from 1 to 1000.' }),
      height: req(LENGTH, {
        min: 0, minExclusive: true, max: 0.1, default: 3e-3,
        doc: 'Drop height per tap (tap-density testers drop 3 mm, ASTM B527); the bed meets the collector at √(2 g h).',
        hint: 'Use a positive height up to 0.1 m.',
      }),
      settleSpeed: settleSpeed(),
      maxTime: maxTime(false, 0.05, 'Time limit of each tap\'s settling.'),
    },
  },
  press: {
    kind: 'object', doc: 'Lower the platen until a target is reached, at most at the set speed.',
    fields: {
      velocity: platenSpeed('Maximum platen descent speed.'),
      until: pressUntilDescriptor,
      maxTime: maxTime(true, 0.05, 'Time limit; the step ends there even if the target is not reached.'),
      inertialNumber: nullable(NONE, {
        min: 0, minExclusive: true, max: 1, default: 1e-3,
        doc: 'Quasi-static cap on the inertial number I = γ̇·d·√(ρ/p) (GDR MiDi 2004; I < 1e-3 is quasi-static): the platen slows down as needed. null = constant speed.',
      }),
    },
  },
  servo: {
    kind: 'object', doc: 'Servo-control the platen to hold a pressure.',
    fields: {
      pressure: targetPressure('Target platen pressure.'),
      time: duration('How long the pressure is held.'),
      gain: nullable(GAIN, {
        min: 0, minExclusive: true, max: 1, default: null,
        doc: 'Servo gain: platen speed per unit pressure error, v = gain·(p − p_target); null = chosen by the solver.',
      }),
    },
  },
  hold: {
    kind: 'object', doc: 'Keep the platen fixed.',
    fields: { time: duration('How long the platen is held.') },
  },
  release: {
    kind: 'object', doc: 'Raise the platen until it carries no force.',
    fields: {
      velocity: platenSpeed('Platen rise speed.'),
      maxTime: maxTime(true, 0.01, 'Time limit; the step ends there even if the platen still touches.'),
    },
  },
  run: {
    kind: 'object', doc: 'Integrate with the platen left as it is.',
    fields: { time: duration('How long to run.') },
  },
};

export const protocolDescriptor: ArrayDesc = {
  kind: 'array',
  required: true,
  minLength: 1,
  maxLength: 64,
  doc: 'The steps run in order; the first must be fill (it creates the particles).',
  items: { kind: 'union', tag: 'type', required: true, doc: 'One protocol step.', variants: stepVariants } satisfies UnionDesc<ProtocolStep, 'type'>,
};

export const sceneDescriptor: ObjectDesc<Scene> = {
  kind: 'object',
  required: true,
  doc: 'An Electrode Lab scene (all values SI).',
  fields: {
    schema: {
      kind: 'enum', required: true, values: [SCENE_SCHEMA_ID], default: SCENE_SCHEMA_ID,
      doc: 'Identifies the file as an Electrode Lab scene.',
      hint: `Set "schema": "${SCENE_SCHEMA_ID}".`,
    },
    version: {
      kind: 'enum', required: true, values: SUPPORTED_VERSIONS, default: CURRENT_VERSION,
      doc: 'Scene format version.',
      hint: `This build reads scene versions ${SUPPORTED_VERSIONS.join(', ')}; convert the file or use a matching Electrode Lab.`,
    },
    name: { kind: 'string', required: true, minLength: 0, maxLength: 200, default: 'untitled', doc: 'Human-readable name.' },
    seed: opt(NONE, {
      min: 0, max: 2 ** 32 - 1, integer: true, default: 1,
      doc: 'Random seed (insertion positions); same seed + same scene = same run.',
      hint: 'Use an integer from 0 to 4294967295.',
    }),
    materials: {
      kind: 'array', required: true, minLength: 1, maxLength: 16, uniqueBy: 'id', items: materialDescriptor,
      doc: 'Contact materials (1 to 16, unique ids).',
    },
    particles: particlesDescriptor,
    domain: domainDescriptor,
    walls: wallsDescriptor,
    gravity: opt(ACCEL, {
      min: 0, max: 1e4, default: 9.81,
      doc: 'Gravitational acceleration along −z (standard 9.81). Raising it speeds up pouring of light, small particles.',
      hint: 'Use a value from 0 to 1e4 m/s².',
    }),
    solver: solverDescriptor,
    protocol: protocolDescriptor,
  },
};
