// A formed scaffold, kept: the final spheres of part 1's DEM (positions, volume-honest radii, kind,
// lithiation), the electrolyte plane height, the parameters and the thickness/porosity history.
//
// Why: the full 0.5 × 0.5 µm × 2 µm scaffold takes 4–25 min of DEM in Node (docs/model.md §14.7), far too
// long for a browser demo, while hand-over + plating of 1 mAh/cm² take seconds. The DEM is deterministic
// (same seed → same spheres), so `electrode-lab interlayer <preset> --save-scaffold F` forms it once and
// the viewer (public/scaffolds/) or `--scaffold F` plate into exactly the scaffold a live run would hand
// over: a test forms a small scaffold live and from its file and compares the plating record.
//
// File (JSON, UTF-8): { format: "electrode-lab-scaffold", version: 1, preset, seed, createdWith, coreSha?,
// params (ScaffoldParams, SI), info (ScaffoldInfo), steps, top (m), history (ScaffoldSample[]), spheres:
// { count, x, y, z, r: base64 of little-endian float64 (m), kind: base64 uint8 (0 Si/Li–Si, 1 CNT bead),
// lithiation: base64 little-endian float32 (0…1) } }. Arrays are in the world's slot order, which the
// voxelization follows, so a file gives the same grid as the live world.
import { encodeBase64, decodeBase64 } from '../io/base64';
import { MATERIAL, type VoxelGrid } from './voxel-grid';
import { voxelizeSpheres } from './voxelize';
import { DEFAULT_SCAFFOLD, resolveScaffoldParams, type ScaffoldParams } from './scaffold-params';
import type { Scaffold, ScaffoldInfo, ScaffoldSample } from './scaffold';

export const SCAFFOLD_FILE_FORMAT = 'electrode-lab-scaffold';
export const SCAFFOLD_FILE_VERSION = 1;

/** The formed scaffold as plain data (what the hand-over, the result and the viewer need). */
export interface FinishedScaffold {
  params: ScaffoldParams;
  info: ScaffoldInfo;
  /** DEM steps taken */
  steps: number;
  /** electrolyte plane height = layer thickness, m */
  top: number;
  history: ScaffoldSample[];
  spheres: { x: Float64Array; y: Float64Array; z: Float64Array; r: Float64Array; kind: Uint8Array; lithiation: Float32Array };
}

export interface ScaffoldFile {
  format: typeof SCAFFOLD_FILE_FORMAT;
  version: number;
  /** preset the scaffold was formed for (null: a preset object or custom parameters) */
  preset: string | null;
  seed: number;
  /** how it was made, e.g. the CLI command line */
  createdWith: string;
  /** sha256 of build/core.wasm that formed it, when known */
  coreSha?: string;
  scaffold: FinishedScaffold;
}

/** The spheres of a live scaffold, copied in the world's slot order (what voxelization and the view need). */
export function sphereArrays(s: Scaffold): FinishedScaffold['spheres'] {
  const w = s.world; const n = w.count; const K = s.params.lithiationStages;
  const copy = (name: 'x' | 'y' | 'z' | 'radius') => Float64Array.from(w.field(name).subarray(0, n));
  const mats = w.materials; const ids = w.ids;
  const kind = new Uint8Array(n); const lithiation = new Float32Array(n);
  for (let q = 0; q < n; q++) {
    kind[q] = s.kindOf(ids[q]);
    lithiation[q] = mats[q] <= K ? mats[q] / K : 0;
  }
  return { x: copy('x'), y: copy('y'), z: copy('z'), r: copy('radius'), kind, lithiation };
}

/** Copies the final state of a (finished or running) live scaffold. */
export function finishScaffold(s: Scaffold): FinishedScaffold {
  const w = s.world;
  return {
    params: { ...s.params }, info: { ...s.info }, steps: w.stepCount, top: w.platenZ,
    history: s.history.map((h) => ({ ...h })), spheres: sphereArrays(s),
  };
}

/** The scaffold as part 2's voxel grid (Li3.75Si → lisi, CNT → cnt, above the plane → electrolyte). */
export function voxelizeFinished(f: Pick<FinishedScaffold, 'params' | 'top' | 'spheres'>, h = f.params.voxelSize): VoxelGrid {
  const s = f.spheres;
  const code = new Uint8Array(s.kind.length);
  for (let q = 0; q < code.length; q++) code[q] = s.kind[q] === 1 ? MATERIAL.cnt : MATERIAL.lisi;
  return voxelizeSpheres({ x: s.x, y: s.y, z: s.z, r: s.r, material: code }, { lx: f.params.lx, ly: f.params.ly, top: f.top, h });
}

const bytesOf = (a: Float64Array | Float32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encodeFloats(a: Float64Array | Float32Array): string {
  if (LITTLE) return encodeBase64(bytesOf(a));
  const b = new Uint8Array(a.byteLength); const dv = new DataView(b.buffer);
  for (let q = 0; q < a.length; q++) { if (a instanceof Float64Array) dv.setFloat64(8 * q, a[q], true); else dv.setFloat32(4 * q, a[q], true); }
  return encodeBase64(b);
}

/** The file's text (JSON). */
export function encodeScaffoldFile(file: Omit<ScaffoldFile, 'format' | 'version'>): string {
  const s = file.scaffold.spheres;
  return JSON.stringify({
    format: SCAFFOLD_FILE_FORMAT, version: SCAFFOLD_FILE_VERSION,
    preset: file.preset, seed: file.seed, createdWith: file.createdWith, ...(file.coreSha ? { coreSha: file.coreSha } : {}),
    params: file.scaffold.params, info: file.scaffold.info, steps: file.scaffold.steps, top: file.scaffold.top,
    history: file.scaffold.history,
    spheres: {
      count: s.r.length, x: encodeFloats(s.x), y: encodeFloats(s.y), z: encodeFloats(s.z), r: encodeFloats(s.r),
      kind: encodeBase64(s.kind), lithiation: encodeFloats(s.lithiation),
    },
  });
}

/** Thrown for a file that is not a valid scaffold file; the message names the file and the field. */
export class ScaffoldFileError extends Error {}

/**
 * Parses and checks a scaffold file. Every failure is a ScaffoldFileError naming `source` and the field:
 * not JSON, another format or a newer version, parameters out of range (scaffold-params.ts), arrays of the
 * wrong length, non-finite or out-of-box coordinates, radii ≤ 0, a plane below the spheres' centres.
 */
export function decodeScaffoldFile(text: string, source = 'scaffold file'): ScaffoldFile {
  const fail = (what: string): never => { throw new ScaffoldFileError(`${source}: ${what}`); };
  let j: Record<string, unknown>;
  try { j = JSON.parse(text) as Record<string, unknown>; } catch (e) { return fail(`not JSON (${(e as Error).message}); expected a file written by electrode-lab interlayer --save-scaffold.`); }
  if (!j || typeof j !== 'object') fail('not a JSON object.');
  if (j.format !== SCAFFOLD_FILE_FORMAT) fail(`format is ${JSON.stringify(j.format)}, expected "${SCAFFOLD_FILE_FORMAT}".`);
  if (j.version !== SCAFFOLD_FILE_VERSION) fail(`version ${JSON.stringify(j.version)} is not supported (this build reads version ${SCAFFOLD_FILE_VERSION}).`);
  const num = (v: unknown, name: string, lo: number, hi: number, integer = false): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v)))
      return fail(`${name} = ${JSON.stringify(v)} must be ${integer ? 'an integer' : 'a number'} from ${lo} to ${hi}.`);
    return v;
  };
  const seed = num(j.seed, 'seed', 0, 0xffffffff, true);
  if (j.preset !== null && typeof j.preset !== 'string') fail('preset must be a string or null.');
  if (!j.params || typeof j.params !== 'object' || Array.isArray(j.params)) fail('params must be an object with every scaffold parameter.');
  for (const key of Object.keys(DEFAULT_SCAFFOLD)) if (!(key in (j.params as object))) fail(`params.${key} is missing (a file holds every scaffold parameter).`);
  let params: ScaffoldParams;
  try { params = resolveScaffoldParams(j.params as Partial<ScaffoldParams>); } catch (e) { return fail((e as Error).message); }
  if (!j.info || typeof j.info !== 'object') fail('info (the scaffold summary) is missing.');
  const info = j.info as ScaffoldInfo;
  for (const k of ['particles', 'si', 'beads', 'tubes', 'timestep', 'lithiationTime', 'porosity0', 'lithiatedVolume'] as const) num(info[k], `info.${k}`, 0, 1e12);
  const steps = num(j.steps, 'steps', 0, 1e12, true);
  const top = num(j.top, 'top (electrolyte plane height, m)', 1e-9, 1e-3);
  if (!Array.isArray(j.history) || j.history.length === 0) fail('history must be a non-empty array of samples.');
  const history = j.history as ScaffoldSample[];
  history.forEach((h, q) => {
    if (!h || typeof h !== 'object') fail(`history[${q}] must be an object.`);
    num(h.step, `history[${q}].step`, 0, 1e12, true);
    num(h.time, `history[${q}].time (s)`, -1, 1);
    if (!['cast', 'lithiate', 'relax', 'done'].includes(h.phase)) fail(`history[${q}].phase = ${JSON.stringify(h.phase)} must be "cast", "lithiate", "relax" or "done".`);
    if (h.plane !== 'fixed' && h.plane !== 'servo') fail(`history[${q}].plane = ${JSON.stringify(h.plane)} must be "fixed" or "servo".`);
    num(h.lithiation, `history[${q}].lithiation`, 0, 1);
    num(h.thickness, `history[${q}].thickness (m)`, 0, 1e-3);
    num(h.porosity, `history[${q}].porosity`, -1, 1);
    for (const k of ['platenPressure', 'collectorPressure', 'planeVelocity', 'coordination', 'meanOverlapRatio', 'maxOverlapRatio', 'kineticEnergy'] as const)
      num(h[k], `history[${q}].${k}`, -1e15, 1e15);
  });
  const lastThickness = history[history.length - 1].thickness;
  if (Math.abs(lastThickness - top) > 1e-6 * top) fail(`top = ${top} m differs from the last history thickness ${lastThickness} m (the plane height is the layer thickness).`);
  const sp = j.spheres as Record<string, unknown> | undefined;
  if (!sp || typeof sp !== 'object') fail('spheres are missing.');
  const count = num(sp!.count, 'spheres.count', 1, 1e7, true);
  const arr = <T extends Float64Array | Float32Array | Uint8Array>(name: string, Ctor: { new(n: number): T; BYTES_PER_ELEMENT: number }): T => {
    if (typeof sp![name] !== 'string') fail(`spheres.${name} must be a base64 string.`);
    let b: Uint8Array;
    try { b = decodeBase64(sp![name] as string); } catch (e) { return fail(`spheres.${name}: ${(e as Error).message}`); }
    if (b.length !== count * Ctor.BYTES_PER_ELEMENT) fail(`spheres.${name} holds ${b.length} bytes, expected ${count * Ctor.BYTES_PER_ELEMENT} (${count} × ${Ctor.BYTES_PER_ELEMENT}).`);
    const out = new Ctor(count); const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let q = 0; q < count; q++) {
      (out as Float64Array)[q] = Ctor.BYTES_PER_ELEMENT === 8 ? dv.getFloat64(8 * q, true) : Ctor.BYTES_PER_ELEMENT === 4 ? dv.getFloat32(4 * q, true) : dv.getUint8(q);
    }
    return out;
  };
  const x = arr('x', Float64Array), y = arr('y', Float64Array), z = arr('z', Float64Array), r = arr('r', Float64Array);
  const kind = arr('kind', Uint8Array), lithiation = arr('lithiation', Float32Array);
  for (let q = 0; q < count; q++) {
    if (!(Number.isFinite(x[q]) && Number.isFinite(y[q]) && Number.isFinite(z[q]))) fail(`sphere ${q} has a non-finite position.`);
    if (x[q] < -params.lx || x[q] > 2 * params.lx || y[q] < -params.ly || y[q] > 2 * params.ly || z[q] < -top || z[q] > top)
      fail(`sphere ${q} at (${x[q]}, ${y[q]}, ${z[q]}) m lies outside x ∈ [−lx, 2lx], y ∈ [−ly, 2ly], z ∈ [−top, top] (lx ${params.lx}, ly ${params.ly}, top ${top} m).`);
    if (!(r[q] > 0 && r[q] < top)) fail(`sphere ${q} has radius ${r[q]} m (must be > 0 and below the layer thickness ${top} m).`);
    if (kind[q] > 1) fail(`sphere ${q} has kind ${kind[q]} (0 = Si/Li–Si, 1 = CNT bead).`);
    if (!(lithiation[q] >= 0 && lithiation[q] <= 1)) fail(`sphere ${q} has lithiation ${lithiation[q]} (must be 0…1).`);
  }
  return {
    format: SCAFFOLD_FILE_FORMAT, version: SCAFFOLD_FILE_VERSION, preset: (j.preset as string | null) ?? null, seed,
    createdWith: typeof j.createdWith === 'string' ? j.createdWith : '', ...(typeof j.coreSha === 'string' ? { coreSha: j.coreSha } : {}),
    scaffold: { params, info, steps, top, history, spheres: { x, y, z, r, kind, lithiation } },
  };
}
