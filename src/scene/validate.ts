// Scene validation: a generic walk over the descriptor tree (schema.ts) that collects every error
// and builds a defaults-filled deep copy, followed by the cross-field physics checks that no single
// descriptor can express (material references, stable timestep, periodic box size, fit).

import {
  particleStats,
  protocolDescriptor,
  sceneDescriptor,
  SUPPORTED_VERSIONS,
  type AnyUnionDesc,
  type ArrayDesc,
  type ChoiceDesc,
  type Descriptor,
  type Material,
  type NumberDesc,
  type ParticleSpec,
  type ParticleStats,
  type Scene,
} from './schema';
import { checkPsd, checkTruncation } from '../psd/validate';
import { psdStats } from '../psd/model';

export interface SceneError {
  /** Where, e.g. "materials[0].poissonRatio" ("" = the whole scene / the JSON text). */
  path: string;
  /** Names the field, the value, the allowed range and unit, and what to do. */
  message: string;
  value?: unknown;
  /** 1-based position in the JSON text, for syntax errors from parseSceneJson. */
  line?: number;
  column?: number;
}

export type ValidationResult =
  | { ok: true; scene: Scene; warnings: string[] }
  | { ok: false; errors: SceneError[] };

// ------------------------------------------------------------------------------------------------
// Timestep physics (exported for the solver, CLI and GUI)

/** Above this fraction of the Rayleigh time Hertzian contacts are under-resolved (error). */
export const STABLE_TIMESTEP_FRACTION = 0.5;
/** LIGGGHTS recommends ≤ 0.2 t_R (warning above it). */
export const RECOMMENDED_TIMESTEP_FRACTION = 0.2;

/**
 * Rayleigh time t_R = π R √(ρ/G) / (0.1631 ν + 0.8766), G = E / (2(1+ν)): the time a Rayleigh
 * surface wave needs to cross a particle, the usual DEM timestep scale for Hertzian contacts.
 */
export function rayleighTime(
  material: Pick<Material, 'youngsModulus' | 'poissonRatio' | 'density'>,
  radius: number,
): number {
  const nu = material.poissonRatio;
  const shearModulus = material.youngsModulus / (2 * (1 + nu));
  return (Math.PI * radius * Math.sqrt(material.density / shearModulus)) / (0.1631 * nu + 0.8766);
}

export interface RayleighLimit {
  /** The smallest Rayleigh time over the particles, s. */
  time: number;
  /** The material and radius that set it. */
  material: string;
  radius: number;
}

/** Smallest t_R over every material used by particles (at that material's smallest radius). */
function limitingRayleigh(materials: readonly Material[], stats: ParticleStats): RayleighLimit | undefined {
  let best: RayleighLimit | undefined;
  for (const [id, radius] of stats.minRadiusByMaterial) {
    const m = materials.find((x) => x.id === id);
    if (!m) continue; // an unknown id is reported separately
    const time = rayleighTime(m, radius);
    if (!best || time < best.time) best = { time, material: id, radius };
  }
  return best;
}

export function minRayleighTime(scene: Scene): RayleighLimit {
  const limit = limitingRayleigh(scene.materials, particleStats(scene.particles));
  if (!limit) throw new Error('scene has no particle material (validate it first)');
  return limit;
}

/** The largest timestep validateScene accepts: 0.5 × the smallest particle Rayleigh time. */
export function stableTimestepBound(scene: Scene): number {
  return STABLE_TIMESTEP_FRACTION * minRayleighTime(scene).time;
}

/** The timestep a run uses: solver.timestep, or timestepFraction × t_R when it is null (auto). */
export function resolvedTimestep(scene: Scene): number {
  return scene.solver.timestep ?? scene.solver.timestepFraction * minRayleighTime(scene).time;
}

// ------------------------------------------------------------------------------------------------
// Formatting

/**
 * 12 significant digits hide float noise (5e-6 × 1e6 = 4.999999999999999). Magnitudes from 1e-3
 * to 1e6 are written plainly (30000, 0.25), others in the shorter notation (1e12, 5e-6, 4294967295).
 */
function fmt(x: number): string {
  const n = Number(x.toPrecision(12));
  const plain = String(n).replace('e+', 'e');
  const a = Math.abs(n);
  if (a === 0 || (a >= 1e-3 && a < 1e6)) return plain;
  const exp = n.toExponential().replace('e+', 'e');
  return exp.length < plain.length ? exp : plain;
}

/** Derived bounds are shown to 4 digits, rounded so that the shown value itself is acceptable. */
function round4(x: number, direction: 'up' | 'down'): number {
  const p = 10 ** (Math.floor(Math.log10(x)) - 3);
  return Number(((direction === 'up' ? Math.ceil(x / p) : Math.floor(x / p)) * p).toPrecision(12));
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? fmt(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return String(v);
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `a ${typeof v}`;
}

/** "0.02 m (20000 µm)" */
function withUnit(x: number, d: NumberDesc): string {
  const si = d.unit ? `${fmt(x)} ${d.unit}` : fmt(x);
  return d.display.unit === d.unit ? si : `${si} (${fmt(x * d.display.factor)} ${d.display.unit})`;
}

/** "> 0 and ≤ 0.01 (m; > 0 and ≤ 10000 µm)" */
function rangeText(d: NumberDesc): string {
  const bounds = (f: number) =>
    `${d.minExclusive ? '>' : '≥'} ${fmt(d.min * f)} and ${d.maxExclusive ? '<' : '≤'} ${fmt(d.max * f)}`;
  const units = d.display.unit === d.unit ? d.unit || 'dimensionless' : `${d.unit}; ${bounds(d.display.factor)} ${d.display.unit}`;
  return `${bounds(1)} (${units})`;
}

/** What a valid value looks like, for type and missing-field errors. */
function describe(d: Descriptor): string {
  switch (d.kind) {
    case 'number':
      return `${d.integer ? 'an integer' : 'a number'} ${rangeText(d)}${d.nullable ? ', or null' : ''}`;
    case 'string':
      return `a string of ${d.minLength} to ${d.maxLength} characters`;
    case 'enum':
      return `one of ${d.values.map(show).join(', ')}`;
    case 'ref':
      return `a material id (a string)${d.perParticle ? ', or an array of material ids with one per particle' : ''}`;
    case 'array':
      return `an array of ${d.minLength} to ${d.maxLength} entries`;
    case 'object':
      return 'an object';
    case 'union':
      return `an object with "${d.tag}": one of ${Object.keys(d.variants).map(show).join(', ')}`;
    case 'choice':
      return `an object with exactly one of ${Object.keys(d.options).join(', ')}`;
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const label = (path: string) => path || 'scene';

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within edit distance 2 (case-insensitive), if any. */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best;
}
const didYouMean = (name: string, candidates: readonly string[]) => {
  const s = suggest(name, candidates);
  return s === undefined ? '' : ` Did you mean ${JSON.stringify(s)}?`;
};

// ------------------------------------------------------------------------------------------------
// The descriptor walk

interface Ctx {
  errors: SceneError[];
  /** Material references seen, resolved after the walk (materials may come after them). */
  refs: { path: string; id: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `v` against `d`; returns the defaults-filled copy, or undefined if anything inside failed. */
function check(d: Descriptor, v: unknown, path: string, ctx: Ctx): unknown {
  const before = ctx.errors.length;
  const out = checkInner(d, v, path, ctx);
  return ctx.errors.length > before ? undefined : out;
}

function checkInner(d: Descriptor, v: unknown, path: string, ctx: Ctx): unknown {
  const err = (message: string) => void ctx.errors.push({ path, message, value: v });
  const wrongType = () =>
    err(`${label(path)} = ${show(v)} has the wrong type: expected ${describe(d)}, got ${typeName(v)}.`);

  switch (d.kind) {
    case 'number': {
      if (v === null && d.nullable) return null;
      if (typeof v !== 'number') return wrongType();
      if (!Number.isFinite(v)) {
        return err(`${path} = ${v} is not a finite number: must be ${rangeText(d)}. Use a finite number.`);
      }
      if (d.integer && !Number.isInteger(v)) {
        return err(`${path} = ${fmt(v)} is not an integer: must be an integer ${rangeText(d)}. Use a whole number.`);
      }
      const low = d.minExclusive ? v <= d.min : v < d.min;
      const high = d.maxExclusive ? v >= d.max : v > d.max;
      if (low || high) {
        return err(`${path} = ${withUnit(v, d)} is out of range: must be ${d.integer ? 'an integer ' : ''}${rangeText(d)}. ${d.hint ?? 'Use a value within that range.'}`);
      }
      return v;
    }
    case 'string':
      if (typeof v !== 'string') return wrongType();
      if (v.length < d.minLength || v.length > d.maxLength) {
        return err(`${path} = ${show(v)} has ${v.length} characters: must have ${d.minLength} to ${d.maxLength}.`);
      }
      return v;
    case 'enum':
      if (!d.values.includes(v as string | number)) {
        const names = d.values.filter((x): x is string => typeof x === 'string');
        const hint = d.hint ? ` ${d.hint}` : typeof v === 'string' ? didYouMean(v, names) : '';
        return err(`${path} = ${show(v)} is not supported: must be ${describe(d)}.${hint}`);
      }
      return v;
    case 'ref': {
      const isId = (x: unknown) => typeof x === 'string' && x.length > 0;
      if (isId(v)) {
        ctx.refs.push({ path, id: v as string });
        return v;
      }
      if (!d.perParticle || !Array.isArray(v) || !v.every(isId)) return wrongType();
      // One reference per distinct id keeps a million-entry list from giving a million errors.
      const seen = new Set<string>();
      v.forEach((id: string, i) => {
        if (!seen.has(id)) ctx.refs.push({ path: `${path}[${i}]`, id });
        seen.add(id);
      });
      return [...v];
    }
    case 'array':
      return checkArray(d, v, path, ctx);
    case 'object':
      return checkFields(d.fields, v, path, ctx, describe(d));
    case 'union':
      return checkUnion(d, v, path, ctx);
    case 'choice':
      return checkChoice(d, v, path, ctx);
  }
}

function checkArray(d: ArrayDesc, v: unknown, path: string, ctx: Ctx): unknown[] | undefined {
  if (!Array.isArray(v)) {
    ctx.errors.push({ path, value: v, message: `${path} = ${show(v)} has the wrong type: expected ${describe(d)}, got ${typeName(v)}.` });
    return undefined;
  }
  if (v.length < d.minLength || v.length > d.maxLength) {
    const fix = v.length < d.minLength ? `Add at least ${d.minLength}.` : `Remove entries (at most ${d.maxLength}).`;
    ctx.errors.push({ path, value: v.length, message: `${path} has ${v.length} entries: must have ${d.minLength} to ${d.maxLength}. ${fix}` });
  }
  const out = v.map((item, i) => check(d.items, item, `${path}[${i}]`, ctx));
  if (d.uniqueBy) {
    const key = d.uniqueBy;
    const first = new Map<unknown, number>();
    v.forEach((item, i) => {
      const id = isObject(item) ? item[key] : undefined;
      if (typeof id !== 'string') return;
      const j = first.get(id);
      if (j === undefined) first.set(id, i);
      else {
        ctx.errors.push({
          path: `${path}[${i}].${key}`, value: id,
          message: `${path}[${i}].${key} = ${show(id)} duplicates ${path}[${j}].${key}: each ${key} must be unique. Rename one of them.`,
        });
      }
    });
  }
  return out;
}

/** Checks an object's fields: unknown keys, missing required keys, defaults for the rest. */
function checkFields(
  fields: Record<string, Descriptor>,
  v: unknown,
  path: string,
  ctx: Ctx,
  expected: string,
  extra?: { key: string; value: string; what: string },
): Record<string, unknown> | undefined {
  if (!isObject(v)) {
    ctx.errors.push({ path, value: v, message: `${label(path)} = ${show(v)} has the wrong type: expected ${expected}, got ${typeName(v)}.` });
    return undefined;
  }
  const known = [...(extra ? [extra.key] : []), ...Object.keys(fields)];
  for (const key of Object.keys(v)) {
    if (known.includes(key)) continue;
    const where = extra ? ` of ${extra.what}` : path ? ` of ${path}` : '';
    ctx.errors.push({
      path: join(path, key), value: v[key],
      message: `${join(path, key)} is not a known field${where}.${didYouMean(key, known)} Known fields: ${known.join(', ')}. Remove it or fix its name.`,
    });
  }
  const out: Record<string, unknown> = extra ? { [extra.key]: extra.value } : {};
  for (const [key, fd] of Object.entries(fields)) {
    const fp = join(path, key);
    const raw = Object.hasOwn(v, key) ? v[key] : undefined;
    if (raw !== undefined) out[key] = check(fd, raw, fp, ctx);
    else if (fd.required) {
      const example = fd.kind === 'number' && fd.default !== null ? ` (e.g. "${key}": ${fmt(fd.default)})` : '';
      ctx.errors.push({ path: fp, message: `${fp} is missing: required, ${describe(fd)}. Add it${example}.` });
    } else out[key] = defaultOf(fd, fp, ctx);
  }
  return out;
}

function defaultOf(d: Descriptor, path: string, ctx: Ctx): unknown {
  switch (d.kind) {
    case 'object':
      return checkFields(d.fields, {}, path, ctx, 'an object');
    case 'array':
      return [];
    case 'union':
    case 'choice':
      return undefined; // always required
    default:
      return d.default;
  }
}

function checkUnion(d: AnyUnionDesc, v: unknown, path: string, ctx: Ctx): unknown {
  const tags = Object.keys(d.variants);
  if (!isObject(v)) {
    ctx.errors.push({ path, value: v, message: `${label(path)} = ${show(v)} has the wrong type: expected ${describe(d)}, got ${typeName(v)}.` });
    return undefined;
  }
  const tagPath = join(path, d.tag);
  const tag = v[d.tag];
  if (typeof tag !== 'string' || !Object.hasOwn(d.variants, tag)) {
    const what = tag === undefined ? 'is missing' : `= ${show(tag)} is not supported`;
    const hint = typeof tag === 'string' ? didYouMean(tag, tags) : '';
    ctx.errors.push({ path: tagPath, value: tag, message: `${tagPath} ${what}: must be one of ${tags.map(show).join(', ')}.${hint}` });
    return undefined;
  }
  return checkFields(d.variants[tag].fields, v, path, ctx, 'an object', { key: d.tag, value: tag, what: `a ${d.tag} ${show(tag)} entry` });
}

function checkChoice(d: ChoiceDesc, v: unknown, path: string, ctx: Ctx): unknown {
  const keys = Object.keys(d.options);
  const options = keys.map((k) => `${k} (${rangeText(d.options[k])})`).join(', ');
  if (!isObject(v)) {
    ctx.errors.push({ path, value: v, message: `${path} = ${show(v)} has the wrong type: expected an object with exactly one of ${options}, got ${typeName(v)}.` });
    return undefined;
  }
  const unknown = Object.keys(v).filter((k) => !keys.includes(k));
  for (const k of unknown) {
    ctx.errors.push({
      path: join(path, k), value: v[k],
      message: `${join(path, k)} is not a known field of ${path}.${didYouMean(k, keys)} Known fields: ${keys.join(', ')}. Remove it or fix its name.`,
    });
  }
  const set = keys.filter((k) => v[k] !== undefined);
  if (set.length !== 1) {
    const it = set.length === 0 ? 'it sets none' : `it sets ${set.join(' and ')}; keep only one`;
    ctx.errors.push({ path, value: v, message: `${path} must set exactly one of ${options}: ${it}.` });
    return undefined;
  }
  const value = check(d.options[set[0]], v[set[0]], join(path, set[0]), ctx);
  return unknown.length ? undefined : { [set[0]]: value };
}

// ------------------------------------------------------------------------------------------------
// Cross-field checks

const um = (x: number) => `${fmt(x)} m (${fmt(x * 1e6)} µm)`;

/**
 * `raw` is the input; `s` the walked copy, whose sub-objects are undefined wherever anything inside
 * failed, so each check runs exactly when its inputs are valid (and all errors are still collected).
 */
function crossCheck(raw: Record<string, unknown>, s: Partial<Scene>, ctx: Ctx, warnings: string[]): void {
  const err = (path: string, value: unknown, message: string) => void ctx.errors.push({ path, value, message });

  // Material references, against every id the input defines (even in materials that have errors).
  const ids = Array.isArray(raw.materials)
    ? [...new Set(raw.materials.map((m) => (isObject(m) ? m.id : undefined)).filter((id): id is string => typeof id === 'string'))]
    : undefined;
  for (const ref of ctx.refs) {
    if (!ids || ids.includes(ref.id)) continue;
    err(ref.path, ref.id, `${ref.path} = ${show(ref.id)} is not a defined material: must be one of the materials[].id values (${ids.map(show).join(', ')}).${didYouMean(ref.id, ids)} Define the material or fix the id.`);
  }

  let particles: ParticleSpec | undefined = s.particles;
  if (particles?.kind === 'list' && Array.isArray(particles.material) && particles.material.length !== particles.radius.length) {
    err('particles.material', particles.material.length, `particles.material has ${particles.material.length} entries but particles.radius has ${particles.radius.length}: must have one material id per particle (or a single id for all). Make the lengths equal.`);
    particles = undefined;
  }
  if (particles?.kind === 'psd') {
    // what the descriptors cannot say: one spread, D10 < D50 < D90, sorted bins, fractions summing to 1
    const issues = [...checkPsd(particles.psd, 'particles.psd'), ...checkTruncation(particles.truncation, 'particles.truncation')];
    for (const i of issues) err(i.path, i.value, i.message);
    if (issues.length) particles = undefined;
    else for (const w of psdStats(particles.psd, { truncation: particles.truncation }).warnings) warnings.push(`particles.psd: ${w}`);
  }
  const stats = particles && particleStats(particles);
  // `materials` may hold only the valid entries (see partialWalk): a bound computed over fewer
  // materials is never smaller, so a timestep error is never spurious.
  const { domain, solver, walls, materials } = s;
  const dMax = stats ? 2 * stats.maxRadius : 0;

  // Timestep: an explicit timestep must resolve the stiffest (shortest t_R) particle contact.
  if (stats && materials && solver && solver.timestep !== null) {
    const limit = limitingRayleigh(materials, stats);
    if (limit) {
      const dt = solver.timestep;
      const bound = STABLE_TIMESTEP_FRACTION * limit.time;
      const shown = round4(bound, 'down');
      const tR = `t_R = ${fmt(round4(limit.time, 'down'))} s, the Rayleigh time of material ${show(limit.material)} at r = ${um(limit.radius)}`;
      if (dt > bound) {
        err('solver.timestep', dt, `solver.timestep = ${fmt(dt)} s (${fmt(dt * 1e9)} ns) is above the stable bound: must be ≤ ${fmt(shown)} s (${fmt(shown * 1e9)} ns) = 0.5 t_R (${tR}); above ~0.5 t_R Hertzian contacts are under-resolved. Set "timestep": null (auto = timestepFraction × t_R) or use a smaller value (LIGGGHTS recommends ≤ 0.2 t_R).`);
      } else if (dt > RECOMMENDED_TIMESTEP_FRACTION * limit.time) {
        warnings.push(`solver.timestep = ${fmt(dt)} s is above 0.2 t_R = ${fmt(round4(0.2 * limit.time, 'down'))} s (${tR}), the LIGGGHTS recommendation; energy conservation may suffer.`);
      }
    }
  }

  // Periodic box: the minimum-image convention needs L > 2 × cutoff, cutoff = d_max (1 + skin).
  if (stats && domain && solver) {
    const need = 2 * dMax * (1 + solver.skin);
    for (const axis of ['lx', 'ly'] as const) {
      const L = domain[axis];
      if (L <= need) {
        err(`domain.${axis}`, L, `domain.${axis} = ${um(L)} is too small for the periodic box: must be > ${um(round4(need, 'up'))} = 2 × largest diameter ${um(dMax)} × (1 + skin ${fmt(solver.skin)}) so that no particle meets two images of a neighbour (minimum-image convention). Make domain.${axis} larger.`);
      } else if (L < 5 * dMax) {
        warnings.push(`domain.${axis} = ${um(L)} is less than 5 largest particle diameters (${um(5 * dMax)}): the periodic images are so close that the packing will be strongly ordered by the box.`);
      }
    }
  }

  // The platen starts below the box top, and fill inserts below the platen.
  const top = domain && walls ? walls.platen.z ?? domain.height : undefined;
  if (domain && walls?.platen.z != null && walls.platen.z > domain.height) {
    err('walls.platen.z', walls.platen.z, `walls.platen.z = ${um(walls.platen.z)} is above the box: must be ≤ domain.height = ${um(domain.height)}. Lower it or use null (start at domain.height).`);
  } else if (stats && domain && top !== undefined && top <= dMax) {
    const what = walls?.platen.z != null ? 'walls.platen.z' : 'domain.height';
    err(what, top, `${what} = ${um(top)} leaves no room for insertion: must be > the largest particle diameter ${um(dMax)} (fill inserts below the platen). Use a taller box.`);
  } else if (stats && domain && top !== undefined) {
    const room = domain.insertFraction * domain.lx * domain.ly * top;
    if (stats.totalVolume > room) {
      const needH = round4(stats.totalVolume / (domain.insertFraction * domain.lx * domain.ly), 'up');
      const where = walls?.platen.z != null ? `walls.platen.z = ${um(top)} (the insertion region ends at the platen)` : `domain.height = ${um(top)}`;
      err('domain.height', domain.height, `The particles do not fit: their total volume ${fmt(round4(stats.totalVolume, 'up'))} m³ must be ≤ insertFraction × lx × ly × height = ${fmt(round4(room, 'down'))} m³ with ${where}. Use a taller box: domain.height ≥ ${um(needH)}${walls?.platen.z != null ? ' and walls.platen.z: null' : ''}; or widen lx/ly, or raise insertFraction (≤ 0.4).`);
    }
  }

  // Protocol: fill creates the particles, so it must come first and only once. Checked on the raw
  // steps so that an error in another step does not hide this one.
  const steps = Array.isArray(raw.protocol) ? raw.protocol : [];
  const stepTypes = Object.keys((protocolDescriptor.items as AnyUnionDesc).variants);
  steps.forEach((step, i) => {
    if (!isObject(step) || !stepTypes.includes(step.type as string)) return; // reported by the walk
    const p = `protocol[${i}]`;
    if (i === 0 && step.type !== 'fill') {
      err(`${p}.type`, step.type, `${p}.type = ${show(step.type)}: the first protocol step must be "fill" (it inserts the particles). Add { "type": "fill" } at the start.`);
    }
    if (i > 0 && step.type === 'fill') {
      err(`${p}.type`, step.type, `${p}.type = "fill": fill may only be the first step (particles are inserted once). Use "settle" to let them come to rest again.`);
    }
    const until = step.type === 'press' && isObject(step.until) ? step.until : undefined;
    if (domain && typeof until?.z === 'number' && until.z > domain.height) {
      err(`${p}.until.z`, until.z, `${p}.until.z = ${um(until.z)} is above the box: must be ≤ domain.height = ${um(domain.height)}. Use a lower target height.`);
    }
    if (typeof until?.density === 'number' && materials && stats) {
      const rho = Math.max(...materials.filter((m) => stats.minRadiusByMaterial.has(m.id)).map((m) => m.density));
      // no finite density when the particles' material is itself invalid: that error is reported already
      if (Number.isFinite(rho) && rho > 0 && until.density > 0.95 * rho) {
        err(`${p}.until.density`, until.density, `${p}.until.density = ${fmt(until.density / 1000)} g/cm³ needs a solid fraction of ${fmt(until.density / rho)} of the particles' true density ${fmt(rho / 1000)} g/cm³: must be ≤ 0.95 × that = ${fmt((0.95 * rho) / 1000)} g/cm³. Use a lower target density.`);
      }
    }
    if (particles?.kind === 'monodisperse' && typeof until?.solidFraction === 'number' && until.solidFraction > 0.74) {
      warnings.push(`${p}.until.solidFraction = ${fmt(until.solidFraction)} exceeds 0.74, the densest packing of equal spheres: it can only be reached through large contact overlaps.`);
    }
  });

  // Rolling resistance needs both a model and a coefficient.
  if (stats && materials && solver) {
    const used = materials.filter((m) => stats.minRadiusByMaterial.has(m.id));
    const rolling = used.filter((m) => m.rollingFriction > 0);
    if (solver.rolling === 'none' && rolling.length) {
      warnings.push(`materials ${rolling.map((m) => show(m.id)).join(', ')} set rollingFriction but solver.rolling is "none": it is ignored. Set solver.rolling to "cdt" or "epsd".`);
    } else if (solver.rolling !== 'none' && !rolling.length) {
      warnings.push(`solver.rolling = ${show(solver.rolling)} has no effect: every particle material has rollingFriction 0.`);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Entry points

/**
 * Validates a scene (parsed JSON or a JS object). On success returns a deep copy with every
 * default filled in; otherwise every error found (not just the first).
 */
export function validateScene(input: unknown): ValidationResult {
  const ctx: Ctx = { errors: [], refs: [] };
  // Another version may have other fields; field errors against version 1 would only be noise.
  if (isObject(input) && input.version !== undefined && !SUPPORTED_VERSIONS.includes(input.version as number)) {
    check(sceneDescriptor.fields.version, input.version, 'version', ctx);
    return { ok: false, errors: ctx.errors };
  }
  const scene = check(sceneDescriptor, input, '', ctx);
  const warnings: string[] = [];
  if (isObject(input)) {
    // Re-walk leniently: sub-objects that passed are usable even when a sibling failed.
    const partial = scene ?? partialWalk(input);
    crossCheck(input, partial as Partial<Scene>, ctx, warnings);
  }
  if (ctx.errors.length) return { ok: false, errors: ctx.errors };
  return { ok: true, scene: scene as Scene, warnings };
}

/**
 * Walks each top-level field on its own (errors discarded) so the cross-checks see the valid ones;
 * arrays (materials) keep their valid entries.
 */
function partialWalk(input: Record<string, unknown>): Record<string, unknown> {
  const scratch: Ctx = { errors: [], refs: [] };
  const out: Record<string, unknown> = {};
  for (const [key, d] of Object.entries(sceneDescriptor.fields)) {
    const v = input[key];
    if (v === undefined) out[key] = d.required ? undefined : defaultOf(d, key, scratch);
    else if (d.kind === 'array' && Array.isArray(v)) {
      out[key] = v.map((item, i) => check(d.items, item, `${key}[${i}]`, scratch)).filter((x) => x !== undefined);
    } else out[key] = check(d, v, key, scratch);
  }
  return out;
}

/** Parses JSON text and validates it; malformed JSON is reported with its line and column. */
export function parseSceneJson(text: string): ValidationResult {
  const body = text.replace(/^\uFEFF/, ''); // editors on Windows like to prepend a byte-order mark
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // JSON.parse's message and position differ between engines (Node 20 often gives none), so
    // locate the error with our own small scanner.
    const { offset, reason } = locateJsonError(body);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return {
      ok: false,
      errors: [{ path: '', line, column, message: `Malformed JSON at line ${line}, column ${column}: ${reason}. Fix the JSON syntax there.` }],
    };
  }
  return validateScene(value);
}

/** Finds the first JSON syntax error (RFC 8259 grammar): its offset and a readable reason. */
function locateJsonError(s: string): { offset: number; reason: string } {
  let i = 0;
  class Fail {
    constructor(readonly reason: string) {}
  }
  const found = () => (i >= s.length ? 'the end of the text' : JSON.stringify(s[i]));
  const fail = (reason: string): never => {
    throw new Fail(reason);
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < s.length) {
      const c = s[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        if ('"\\/bfnrt'.includes(s[i + 1] ?? '_')) i += 2;
        else if (s[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
      } else if (c < ' ') fail('control character in a string (write a newline as \\n)');
      else i++;
    }
    fail('unterminated string');
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          if (s[i] === '}') fail('trailing comma before "}" (JSON does not allow trailing commas)');
          if (s[i] !== '"') fail(`expected a property name in double quotes but found ${found()}`);
          string();
          ws();
          if (s[i] !== ':') fail(`expected ":" after the property name but found ${found()}`);
          i++;
        } else if (s[i] === ']') fail('trailing comma before "]" (JSON does not allow trailing commas)');
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === close) return void i++;
        else fail(`expected "," or "${close}" but found ${found()}`);
      }
    }
    if (c === '"') return string();
    const num = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    num.lastIndex = i;
    const m = num.exec(s);
    if (m && m[0] !== '-') return void (i += m[0].length);
    for (const literal of ['true', 'false', 'null']) if (s.startsWith(literal, i)) return void (i += literal.length);
    fail(i >= s.length ? 'unexpected end of the text' : `unexpected ${found()}${c === "'" ? ' (JSON strings need double quotes)' : ''}`);
  };
  try {
    value();
    ws();
    if (i < s.length) fail(`unexpected ${found()} after the end of the JSON value`);
  } catch (e) {
    if (e instanceof Fail) return { offset: i, reason: e.reason };
    throw e;
  }
  return { offset: s.length, reason: 'invalid JSON' }; // JSON.parse disagreed with the scanner
}
