// The interlayer worker (issue #5): runs an InterlayerRun (src/interlayer/pipeline.ts) — DEM
// scaffold, hand-over to a voxel grid, kMC plating — in ~30 ms slices so 'ilPause' is handled at
// once, and posts progress, the scaffold spheres (during the DEM stage, ≤ 4×/s) and the voxel grid
// with the lithium's pore sizes and flow stresses (at the hand-over and at every plating sample).
// Speaks InterlayerCommand / InterlayerEvent of ./messages.ts.
import { InterlayerRun, type PlatingSample } from '../interlayer/pipeline';
import { loadCoreModule } from '../core/load-browser';
import { loadKmcModule } from '../interlayer/kmc-load-browser';
import { MATERIAL } from '../interlayer/voxel-grid';
import { interlayerPreset } from '../interlayer/presets';
import { decodeScaffoldFile, type ScaffoldFile } from '../interlayer/scaffold-file';
import { platingVelocity } from '../interlayer/mechanism-map';
import { depositSize, platingFlowStress } from '../interlayer/kmc-metrics';
import type { InterlayerCommand, InterlayerEvent } from './messages';

const SLICE_MS = 30;
const SPHERES_MS = 250;
/** Work per advance() call: small enough that one call stays well under a slice on a slow core. */
const WORK = { demSteps: 200, kmcEvents: 50_000 };

let run: InterlayerRun | null = null;
let generation = 0;
let running = false;
/** A pause that came before the run was built (compare mode's second run may still be compiling): honoured at start. */
let pauseRequested = false;
let sent = 0;
let t0 = 0;
let lastSpheres = 0;
let lastProgress = 0;
const PROGRESS_MS = 100;

const post = (e: InterlayerEvent, transfer: Transferable[] = []) => self.postMessage(e, { transfer });

function progress(r: InterlayerRun): void {
  const p = r.progress();
  const plating: PlatingSample[] = r.plating.slice(sent);
  sent = r.plating.length;
  post({ type: 'ilProgress', stage: p.stage, fraction: p.fraction, stageFraction: p.stageFraction, running, scaffold: p.scaffold ?? null, plating, seconds: (performance.now() - t0) / 1000 });
}

function spheres(r: InterlayerRun): void {
  const s = r.scaffoldSpheres();
  if (!s) return;
  const n = s.x.length;
  const pos = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) { pos[3 * i] = s.x[i]; pos[3 * i + 1] = s.y[i]; pos[3 * i + 2] = s.z[i]; }
  const radii = s.r, kind = s.kind, lith = s.lithiation;   // scaffoldSpheres() returns copies: transfer them
  post({ type: 'ilSpheres', count: n, lx: s.lx, ly: s.ly, top: s.top, positions: pos.buffer, radii: radii.buffer as ArrayBuffer, kind: kind.buffer as ArrayBuffer, lithiation: lith.buffer as ArrayBuffer },
    [pos.buffer, radii.buffer as ArrayBuffer, kind.buffer as ArrayBuffer, lith.buffer as ArrayBuffer]);
}

function voxels(r: InterlayerRun): void {
  const v = r.voxels();
  if (!v) return;
  const g = v.grid, m = g.material;   // fresh copies: transferred as they are
  let count = 0;
  for (let q = 0; q < m.length; q++) if (m[q] === MATERIAL.lithium) count++;
  const li = new Uint32Array(count), pore = new Float32Array(count), flow = new Float32Array(count);
  const mech = r.kmcParams.mechanism;
  const vel = platingVelocity(r.currentDensity, mech.atomicVolume);
  for (let q = 0, k = 0; q < m.length; q++) {
    if (m[q] !== MATERIAL.lithium) continue;
    const d = depositSize(v.poreSize, q, g.h);
    li[k] = q; pore[k] = d; flow[k] = platingFlowStress(d, vel, mech); k++;
  }
  const map = r.mechanismMap(v);
  const last = r.plating[r.plating.length - 1];
  post({
    type: 'ilVoxels', nx: g.nx, ny: g.ny, nz: g.nz, h: g.h, electrolyteLayers: r.preset.electrolyteLayers, layerThickness: v.layerThickness,
    capacity: last?.capacity ?? 0, liCount: count, material: m.buffer as ArrayBuffer, li: li.buffer, liPore: pore.buffer, liFlow: flow.buffer,
    curves: map.curves, deposits: map.deposits, criticalPressure: map.criticalPressure, mechanism: { ...mech }, velocity: vel,
  }, [m.buffer as ArrayBuffer, li.buffer, pore.buffer, flow.buffer]);
}

/** URL of the saved scaffold of a full preset and seed (public/scaffolds, written by the CLI's --save-scaffold). */
export const scaffoldUrl = (preset: string, seed: number) => `${import.meta.env.BASE_URL}scaffolds/${preset}-seed${seed}.json`;

/**
 * The saved scaffold for a full DEM preset, if the app ships one for this seed (the full DEM takes 10–25 min;
 * the small presets form theirs live in seconds). A missing file means "form it live"; a broken one is an error.
 */
async function savedScaffold(preset: string, seed: number): Promise<{ file: ScaffoldFile | null; note: string }> {
  const p = interlayerPreset(preset);
  if (p.cell.kind !== 'scaffold') return { file: null, note: '' };
  if (p.name.endsWith('-small')) return { file: null, note: 'small slab: the scaffold is formed live by DEM (seconds)' };
  const url = scaffoldUrl(p.name, seed);
  const live = `forming it live by DEM — the full slab takes tens of minutes; the -small presets take seconds`;
  let res: Response;
  try { res = await fetch(url); } catch (e) { return { file: null, note: `could not fetch the saved scaffold ${url} (${(e as Error).message}): ${live}` }; }
  // not shipped: a 404, or (Vite's dev server, single-page hosts) index.html in its place. Decide by the body,
  // not the content type, which static hosts set variously for .json
  const text = res.ok ? await res.text() : '';
  if (!res.ok || !text.trimStart().startsWith('{')) return { file: null, note: `no saved scaffold for seed ${seed} (${url}): ${live}` };
  const file = decodeScaffoldFile(text, url);   // a broken file is an error (ilError), not a silent fallback
  return { file, note: `saved scaffold ${url} (DEM, ${file.scaffold.info.particles} particles, ${file.scaffold.steps} steps; made with: ${file.createdWith})` };
}

async function start(preset: string, seed: number, samples: number, interfaceDiffusivity: number | null, stackPressure: number | null, cycles: number): Promise<void> {
  const gen = ++generation;
  running = false; pauseRequested = false;
  const [kmc, saved] = await Promise.all([loadKmcModule(), stackPressure === null ? savedScaffold(preset, seed)
    : Promise.resolve({ file: null, note: `stack pressure ${stackPressure / 1e6} MPa (not the preset's): forming the scaffold live by DEM — tens of minutes for the full slab, seconds for -small` })]);
  // the DEM core only when a scaffold is formed here
  const core = interlayerPreset(preset).cell.kind === 'scaffold' && !saved.file ? await loadCoreModule() : null;
  const r = await InterlayerRun.create({ core, kmc }, { preset, seed, samples, cycles, ...(saved.file ? { scaffoldFile: saved.file } : {}),
    ...(stackPressure !== null ? { scaffold: { stackPressure } } : {}),
    ...(interfaceDiffusivity !== null ? { kmc: { mechanism: { interfaceDiffusivity } } } : {}) });
  if (gen !== generation) return;
  run?.scaffold?.world.free?.();
  run = r; sent = 0; t0 = performance.now(); lastSpheres = 0;
  const cell = r.preset.cell.kind;
  post({ type: 'ilReady', name: r.preset.name, title: r.preset.title, description: r.preset.description, cell, capacity: r.capacity, currentDensity: r.currentDensity,
    scaffoldSource: r.scaffoldSource, scaffoldNote: saved.note,
    stackPressure: r.scaffold?.params.stackPressure ?? r.formedScaffold()?.params.stackPressure ?? null });
  spheres(r);
  running = !pauseRequested;
  // ~10 progress events a second (and always when a plating sample was taken)
  if (performance.now() - lastProgress >= PROGRESS_MS || r.plating.length > sent) { lastProgress = performance.now(); progress(r); }
  loop(gen);
}

const channel = new MessageChannel();
let pendingGen = -1;
channel.port1.onmessage = () => { void slice(pendingGen); };
function loop(gen: number): void { pendingGen = gen; channel.port2.postMessage(null); }

async function slice(gen: number): Promise<void> {
  const r = run;
  if (!r || !running || gen !== generation) return;
  const start = performance.now();
  let voxelsSent = false;   // the grid goes out once per slice, also when the slice ends the run
  try {
    while (performance.now() - start < SLICE_MS && !r.done) {
      const stage = r.stage, samplesBefore = r.plating.length;
      await r.advance(WORK);
      if (gen !== generation) return;
      if (stage === 'scaffold' && performance.now() - lastSpheres > SPHERES_MS) { lastSpheres = performance.now(); spheres(r); }
      if (stage !== r.stage || r.plating.length !== samplesBefore) {
        if (stage === 'scaffold') spheres(r);   // the final scaffold, as voxelized
        voxels(r); voxelsSent = true;
        break;
      }
    }
  } catch (err) {
    running = false;
    post({ type: 'ilError', message: (err as Error).message ?? String(err) });
    return;
  }
  if (r.done) {
    running = false;
    progress(r);
    if (!voxelsSent) voxels(r);
    { const res = r.result(); post({ type: 'ilDone', final: res.final, cycles: res.cycles, stopped: r.stopped, seconds: (performance.now() - t0) / 1000 }); }
    return;
  }
  // ~10 progress events a second (and always when a plating sample was taken)
  if (performance.now() - lastProgress >= PROGRESS_MS || r.plating.length > sent) { lastProgress = performance.now(); progress(r); }
  loop(gen);
}

self.onmessage = (e: MessageEvent<InterlayerCommand>) => {
  const cmd = e.data;
  if (cmd.type === 'ilStart') start(cmd.preset, cmd.seed, cmd.samples, cmd.interfaceDiffusivity, cmd.stackPressure ?? null, cmd.cycles ?? 0).catch((err: Error) => post({ type: 'ilError', message: err.message }));
  else if (cmd.type === 'ilPause') { pauseRequested = true; running = false; if (run) progress(run); }
  else if (cmd.type === 'ilResume') { pauseRequested = false; if (run && !run.done && !running) { running = true; loop(generation); } }
};
