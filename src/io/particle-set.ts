// The plain particle set every writer takes and every reader can produce, so the viewer, the CLI
// and the tests share one shape and no writer depends on the core. SI units throughout.
import type { DumpFrame, FloatArray } from './dump-reader';

export type NumberArray = Float64Array | Float32Array | Int32Array | Uint32Array | number[];

export interface ParticleField {
  /** One value per particle. */
  values: NumberArray;
  /** SI unit ('' = dimensionless, '?' = unknown: e.g. a column of an imported dump). */
  unit: string;
}

export interface ParticleBox {
  lo: [number, number, number];   // m
  hi: [number, number, number];   // m
  periodic: [boolean, boolean, boolean];
}

export interface ParticleSet {
  count: number;
  /** 3·count, xyz interleaved, m. */
  positions: FloatArray | number[];
  /** count radii, m. */
  radii: NumberArray;
  /** Stable particle ids (1-based like LAMMPS tags); default 1..count. */
  ids?: NumberArray;
  /** Particle types / material indices, 1-based like LAMMPS atom types; default all 1. */
  types?: NumberArray;
  /** 3·count, xyz interleaved, m/s. */
  velocities?: FloatArray | number[];
  /** Any per-particle scalars (colour fields), by name. */
  fields: Record<string, ParticleField>;
  box: ParticleBox;
  /** Step number and simulated time (s) of the state, when known. */
  timestep?: number;
  time?: number;
}

/** Throws a RangeError naming the first inconsistency (array lengths, non-finite values, box). */
export function checkParticleSet(p: ParticleSet): void {
  const n = p.count;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`particle set: count = ${n} must be a non-negative integer`);
  const len = (name: string, a: ArrayLike<number> | undefined, want: number) => {
    if (a !== undefined && a.length !== want) throw new RangeError(`particle set: ${name} has ${a.length} values, expected ${want} (count = ${n})`);
  };
  len('positions', p.positions, 3 * n);
  len('radii', p.radii, n);
  len('ids', p.ids, n);
  len('types', p.types, n);
  len('velocities', p.velocities, 3 * n);
  for (const [name, f] of Object.entries(p.fields)) len(`field '${name}'`, f.values, n);
  for (let k = 0; k < 3; k++) {
    if (!Number.isFinite(p.box.lo[k]) || !Number.isFinite(p.box.hi[k]) || p.box.hi[k] < p.box.lo[k]) {
      throw new RangeError(`particle set: box ${'xyz'[k]} bounds [${p.box.lo[k]}, ${p.box.hi[k]}] must be finite with lo ≤ hi`);
    }
  }
  for (let i = 0; i < 3 * n; i++) if (!Number.isFinite(p.positions[i])) throw new RangeError(`particle set: position ${'xyz'[i % 3]} of particle ${Math.floor(i / 3)} is ${p.positions[i]}`);
  for (let i = 0; i < n; i++) if (!(p.radii[i] > 0) || !Number.isFinite(p.radii[i])) throw new RangeError(`particle set: radius of particle ${i} is ${p.radii[i]} (must be a positive finite number)`);
}

/**
 * LAMMPS unit styles the import converts to SI (https://docs.lammps.org/units.html): `si`, and
 * `micro` (µm, pg, µs — what our exported decks use so that micron particles have ordinary numbers).
 * Factors multiply a value in the style's unit to give SI.
 */
export const UNIT_STYLES = {
  si: { length: 1, velocity: 1, force: 1, angular: 1, mass: 1, density: 1, pressure: 1, torque: 1 },
  // µm = 1e-6 m; µm/µs = 1 m/s; pg·µm/µs² = 1e-9 N; 1/µs = 1e6 /s; pg = 1e-15 kg; pg/µm³ = 1e3 kg/m³;
  // pg/(µm·µs²) = 1e3 Pa; pg·µm²/µs² = 1e-15 N·m
  micro: { length: 1e-6, velocity: 1, force: 1e-9, angular: 1e6, mass: 1e-15, density: 1e3, pressure: 1e3, torque: 1e-15 },
} as const;
export type UnitStyle = keyof typeof UNIT_STYLES;

/** SI unit and the UNIT_STYLES quantity of known dump columns. */
const KNOWN: Record<string, [string, keyof (typeof UNIT_STYLES)['si'] | null]> = {
  fx: ['N', 'force'], fy: ['N', 'force'], fz: ['N', 'force'],
  omegax: ['rad/s', 'angular'], omegay: ['rad/s', 'angular'], omegaz: ['rad/s', 'angular'],
  mass: ['kg', 'mass'], density: ['kg/m³', 'density'],
  tqx: ['N·m', 'torque'], tqy: ['N·m', 'torque'], tqz: ['N·m', 'torque'],
  vx: ['m/s', 'velocity'], vy: ['m/s', 'velocity'], vz: ['m/s', 'velocity'],
  x: ['m', 'length'], y: ['m', 'length'], z: ['m', 'length'], xu: ['m', 'length'], yu: ['m', 'length'], zu: ['m', 'length'],
  radius: ['m', 'length'], diameter: ['m', 'length'],
  // written by electrode-lab (always SI)
  contacts: ['', null], forceSum: ['N', 'force'], pressure: ['Pa', 'pressure'], vonMises: ['Pa', 'pressure'],
};

export interface FrameToSetOptions {
  /** Radius used when the dump has neither `radius` nor `diameter` (m). Without it such a frame is refused. */
  defaultRadius?: number;
  /** The LAMMPS `units` style the dump was written in; default the frame's ITEM: UNITS, else 'si'. */
  units?: UnitStyle;
}

/**
 * A dump frame as a particle set in SI: positions, radius, id, type, velocity become the set's own
 * arrays; forces and angular velocities become fields fx.. / omegax.., every other column a field
 * (unit '?' unless it is a known LAMMPS/electrode-lab column). In `si` the arrays are shared with
 * the frame, not copied.
 */
export function frameToParticleSet(f: DumpFrame, o: FrameToSetOptions = {}): ParticleSet {
  const style = (o.units ?? f.units ?? 'si') as string;
  if (!(style in UNIT_STYLES)) throw new RangeError(`units '${style}' cannot be converted: the import reads LAMMPS units si and micro`);
  const u = UNIT_STYLES[style as UnitStyle];
  const scaled = (a: FloatArray, s: number) => { if (s === 1) return a; const b = new Float64Array(a.length); for (let i = 0; i < a.length; i++) b[i] = a[i] * s; return b; };
  let radii: NumberArray;
  if (f.radius) radii = scaled(f.radius, u.length);
  else if (o.defaultRadius !== undefined) radii = new Float64Array(f.count).fill(o.defaultRadius);
  else throw new RangeError(`frame ${f.index} (timestep ${f.timestep}) has no radius or diameter column: give a default radius`);
  const fields: Record<string, ParticleField> = {};
  const field = (name: string, values: FloatArray) => {
    const k = KNOWN[name];
    if (!k) fields[name] = { values, unit: '?' };
    else fields[name] = { values: k[1] ? scaled(values, u[k[1]]) : values, unit: k[0] };
  };
  const split = (v: FloatArray | null, names: [string, string, string]) => {
    if (!v) return;
    names.forEach((name, k) => { const a = new Float64Array(f.count); for (let i = 0; i < f.count; i++) a[i] = v[3 * i + k]; field(name, a); });
  };
  split(f.force, ['fx', 'fy', 'fz']);
  split(f.omega, ['omegax', 'omegay', 'omegaz']);
  for (const [name, values] of Object.entries(f.fields)) field(name, values);
  return {
    count: f.count,
    positions: scaled(f.positions, u.length),
    radii,
    ids: f.id ?? undefined,
    types: f.type ?? undefined,
    velocities: f.velocity ? scaled(f.velocity, u.velocity) : undefined,
    fields,
    box: { lo: f.box.lo.map((v) => v * u.length) as [number, number, number], hi: f.box.hi.map((v) => v * u.length) as [number, number, number], periodic: [...f.box.periodic] },
    timestep: f.timestep,
    time: f.time ?? undefined,
  };
}

/** min and max of an array, skipping nothing (callers have finite data); [NaN, NaN] when empty. */
export function range(a: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = offset; i < a.length; i += stride) { const v = a[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo > hi ? [NaN, NaN] : [lo, hi];
}

/** A column name safe for dumps and CSV headers: letters, digits, '_' (others become '_'). */
export function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return s.length ? s : '_';
}
