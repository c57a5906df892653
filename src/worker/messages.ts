// THE worker <-> view message contract of Electrode Lab. Every message that crosses the worker
// boundary is declared here and nowhere else; src/worker/sim.worker.ts and the view (src/main.ts,
// src/view, src/ui) import these types.
//
// Conventions
// - Commands go view -> worker, events go worker -> view. Both are discriminated unions on `type`.
// - Units: SI unless the field name says otherwise (`time` is seconds of simulated time).
// - Small messages are structured-cloned (a few numbers/strings each; fine at ~10–60 Hz).
// - Per-particle arrays travel ONLY in 'frame' events, as TRANSFERRED ArrayBuffers (zero-copy,
//   `postMessage(msg, [buffers])`), and come back in a 'release' command so the worker refills
//   them (ping-pong): at most FRAMES_IN_FLIGHT frames are out at once, so a slow view throttles
//   the frame stream, never the simulation. Transfer works with or without cross-origin
//   isolation (static hosts without COOP/COEP too); SharedArrayBuffer would save nothing here,
//   because the worker converts f64 storage to f32 (and metres to the field's values) anyway.
//
// Frame buffers (storage-slot order: index i is the particle in storage slot i, for all three):
//   positions  3·N f32, xyz interleaved, m    particle i at [3i, 3i+1, 3i+2]; x, y wrapped into
//                                              [0, boxX) × [0, boxY) (periodic), z above the collector
//   radii        N f32, m                     sent in the first frame of a run and again whenever
//                                              world.layoutVersion or the count changes: worlds of
//                                              ≥ 1,024 particles are re-sorted by cell at neighbour
//                                              rebuilds, so slots change; otherwise null (keep the last)
//   scalar       N f32, SI (see COLOR_FIELDS)  the ONE field the current colour mode needs; null for
//                                              colour field 'none'
// N = FrameEvent.count. A buffer may be LONGER than needed (the worker recycles buffers): read
// only the first 3·N / N elements.
//
// Contact-force network (only while the view asked for it with {type:'setNetwork', on:true};
// otherwise both are null and cost nothing):
//   contactPairs  2·M u32                     contact k joins storage slots [2k, 2k+1] OF THIS FRAME
//                                              (the worker maps the captured particles' stable ids
//                                              to the frame's slots, so re-sorts cannot mix them up)
//   contactForces   M f32, N                  |F| of particle–particle contact k (normal + tangential)
// M = FrameEvent.contactCount. The contacts are those of the last diagnostic step (World.contactForces(),
// every 500 steps): FrameEvent.contactStep says which; positions are the frame's own.

import type { Scene } from '../scene/schema';
import type { Sample, CompactionPoint, StepRecord } from '../scene/runner';

export type { Scene, Sample, CompactionPoint, StepRecord };

/** Frames out at once before the worker waits for a 'release' (double buffering). */
export const FRAMES_IN_FLIGHT = 2;

/**
 * Per-particle scalars a frame can carry (the view colours by one of them). Values are SI; the
 * view converts to display units. 'Diagnostic' fields are filled by the core on diagnostic steps
 * only (every 500 steps, at the runner's samples): they may be up to 500 steps old.
 */
export const COLOR_FIELDS = {
  none: { label: 'none (uniform)', unit: '', diagnostic: false },
  diameter: { label: 'diameter', unit: 'm', diagnostic: false },
  height: { label: 'height z', unit: 'm', diagnostic: false },
  speed: { label: 'speed |v|', unit: 'm/s', diagnostic: false },
  pressure: { label: 'pressure (Love–Weber)', unit: 'Pa', diagnostic: true },
  vonMises: { label: 'von Mises stress (Love–Weber)', unit: 'Pa', diagnostic: true },
  forceSum: { label: 'contact force sum Σ|F|', unit: 'N', diagnostic: true },
  /** The largest single contact force on the particle (core field 'forceMax'): the strong-chain members light up. */
  forceMax: { label: 'largest contact force max|F|', unit: 'N', diagnostic: true },
  /**
   * Depth of the particle centre below the top of the bed: the platen while it carries load, else
   * the highest particle top max(z + r). 0 at the top, growing towards the collector.
   */
  depth: { label: 'depth below bed top / platen', unit: 'm', diagnostic: false },
  coordination: { label: 'contacts per particle', unit: '', diagnostic: true },
  /**
   * A per-atom column of an imported particle file (file.worker.ts): which one, its label and unit
   * travel with the file frame (FileFrameEvent.column). Never sent by the simulation worker.
   */
  column: { label: 'file column', unit: '', diagnostic: false },
} as const;
export type ColorField = keyof typeof COLOR_FIELDS;
export const COLOR_FIELD_NAMES = Object.keys(COLOR_FIELDS) as ColorField[];
/** The fields a simulation run can colour by (everything but the imported-file column). */
export const SIM_COLOR_FIELD_NAMES = COLOR_FIELD_NAMES.filter((f) => f !== 'column');

// ------------------------------------------------------------------------------------------------
// Commands: view -> worker

/**
 * Build a fresh run of `scene` (replaces any current run). Answered by 'ready', or by 'error' when
 * the scene is invalid (SceneRun.create validates it; plain JSON, so it clones cheaply). Stops any
 * current run first; if the new scene fails, the previous run stays loaded (stopped).
 */
export interface LoadCommand {
  type: 'load';
  scene: Scene;
}
/** Advance continuously (in ~16 ms wall-time slices) until 'pause', 'reset' or the protocol ends. */
export interface PlayCommand {
  type: 'play';
}
/** Stop advancing after the current slice; answered at once by a 'progress' with running=false. */
export interface PauseCommand {
  type: 'pause';
}
/** Rebuild the last loaded scene from scratch (stopped). Answered by 'ready'. */
export interface ResetCommand {
  type: 'reset';
}
/**
 * Advance exactly `n` more steps (fewer if the protocol ends first), then stop and post 'progress'
 * followed by 'hash'. The view's Step button and the tests (browser vs Node hash) use it.
 */
export interface RunStepsCommand {
  type: 'runSteps';
  n: number;
}
/**
 * Which scalar frames carry from now on; answered by a fresh 'frame' with radii (also while
 * paused), so a view that starts late sends it to get a complete picture.
 */
export interface SetFieldCommand {
  type: 'setField';
  field: ColorField;
}
/** Hands a frame's buffers back to the worker for reuse (every buffer of every frame, once). */
export interface ReleaseCommand {
  type: 'release';
  buffers: ArrayBuffer[];
}

/** Particle file formats the worker writes (src/io writers, SI units, stable-id order). */
export const PARTICLE_FORMATS = {
  csv: { label: 'CSV', extension: 'csv', mime: 'text/csv' },
  dump: { label: 'LIGGGHTS/LAMMPS dump', extension: 'dump', mime: 'text/plain' },
  vtp: { label: 'VTK PolyData (.vtp, ParaView)', extension: 'vtp', mime: 'application/xml' },
} as const;
export type ParticleFormat = keyof typeof PARTICLE_FORMATS;

/**
 * Write the current particles (ids, types, positions, radii, velocities and the diagnostic fields,
 * which may be ≤ 500 steps old) as a file. Answered by a 'particles' event with the same `id`, or
 * by 'error'. Works while running (the file is one consistent state between two slices).
 */
export interface ExportParticlesCommand {
  type: 'exportParticles';
  id: number;
  format: ParticleFormat;
}

/**
 * Send the contact-force network with frames (on) or stop (off). Answered by a fresh frame. The
 * network is captured at the core's diagnostic steps (every 500 steps); until one has happened
 * since 'on', frames carry contactStep null.
 */
export interface SetNetworkCommand {
  type: 'setNetwork';
  on: boolean;
}

export type WorkerCommand =
  | SetNetworkCommand
  | LoadCommand
  | ExportParticlesCommand
  | PlayCommand
  | PauseCommand
  | ResetCommand
  | RunStepsCommand
  | SetFieldCommand
  | ReleaseCommand;

// ------------------------------------------------------------------------------------------------
// Events: worker -> view

/**
 * A run was built (after 'load' or 'reset'): step 0, not running. `count` is the number of particles
 * in the scene (the world's capacity); a 'fill' protocol step inserts them when the run starts, so
 * progress.count may be lower until then.
 */
export interface ReadyEvent {
  type: 'ready';
  count: number;
  /** The scene that was built (validated, defaults filled in), SI. */
  scene: Scene;
}
/** A snapshot of the run, posted ~10x/s while running and once after every state change. */
export interface ProgressEvent {
  type: 'progress';
  /** Steps taken since the run was built. */
  step: number;
  /** Simulated time, s. */
  time: number;
  /** Steps per wall-clock second over the last reporting interval (0 when not running). */
  stepsPerSecond: number;
  /** Name of the current protocol step (e.g. "fill", "press"). */
  protocolStep: string;
  /** Index of the current protocol step, 0-based. */
  protocolIndex: number;
  /** Number of particles in the world now (0 before a 'fill' step has inserted them). */
  count: number;
  /** True once the whole protocol has finished. */
  done: boolean;
  /** True while the worker is advancing (play or runSteps in progress). */
  running: boolean;
  /**
   * SceneRun.samples taken since the previous progress event of this run (every 500 steps and at
   * each protocol step's end; SI). The view appends them to its plots; 'ready' starts a new list.
   */
  samples: Sample[];
  /**
   * SceneRun.compaction points taken since the previous progress event (one every 50 steps while a
   * 'press' step runs: platen pressure Pa, solid fraction, density kg/m³; SI). The Heckel plot
   * (ln 1/(1−φ) vs p) is drawn from them; 'ready' starts a new list.
   */
  compaction: CompactionPoint[];
  /**
   * SceneRun.records of protocol steps that finished since the previous progress event: each
   * carries the contact-force statistics at the step's end (forces.tailBeta, forceHistogram of
   * f/⟨f⟩), the per-particle load and the springback. Plain JSON, a few hundred numbers each.
   */
  records: StepRecord[];
  /** Progress bar and ETA of the protocol. */
  estimate: ProtocolEstimate;
}
/**
 * Where the protocol stands and how long the current step may still take (src/worker/eta.ts says
 * how each step type is estimated). `fraction`/`etaSeconds` are null while nothing can be
 * measured yet ("estimating"); etaSeconds is wall-clock seconds at the recent speed.
 */
export interface ProtocolEstimate {
  /** Current protocol step, 0-based (= total when finished). */
  index: number;
  total: number;
  /** e.g. "press to 1.3 g/cm³" (display units). */
  label: string;
  /** Progress of the current step, 0…1, or null (not measurable yet). */
  fraction: number | null;
  etaSeconds: number | null;
  /** How etaSeconds was obtained ('fixed duration', 'from the recent rate', …). */
  basis: string;
  /** What follows, e.g. "then 2 more: 1 timed (12 s), 1 not estimated until they start". */
  later: string;
}
/** Global numbers of the frame's state (cheap, O(N)), SI. */
export interface FrameMetrics {
  /** Mass-based solid fraction below the packing top (WorldMetrics.solidFraction). */
  solidFraction: number;
  /** Platen force / (boxX·boxY), Pa (0 without a platen). */
  platenPressure: number;
  /** Bed height: max(z + r), m. */
  bedHeight: number;
  /** Particle–particle contacts per particle, from the last diagnostic step. */
  coordination: number;
  /** Largest overlap / smaller radius, from the last diagnostic step. */
  maxOverlapRatio: number;
}
/** One picture of the particles. Buffers: see the table at the top of this file. */
export interface FrameEvent {
  type: 'frame';
  /** Increases by one per frame of a run (restarts at 0 on 'ready'). */
  seq: number;
  step: number;
  time: number;
  /** N: particles in this frame. */
  count: number;
  /** world.layoutVersion of the state (slot order); radii are re-sent when it changes. */
  layoutVersion: number;
  /** Periodic box, m. */
  boxX: number;
  boxY: number;
  /** Domain height (tall box for pouring), m. */
  boxZ: number;
  /** Platen plane z, m; null when the world has no platen. */
  platenZ: number | null;
  /** Field of `scalar` (the view asked for it with 'setField'). */
  field: ColorField;
  positions: ArrayBuffer;
  radii: ArrayBuffer | null;
  scalar: ArrayBuffer | null;
  /** M: contacts in contactPairs/contactForces (0 when the network is off or not captured yet). */
  contactCount: number;
  /** Step of the diagnostic pass the contacts come from; null when none (off, or not yet captured). */
  contactStep: number | null;
  contactPairs: ArrayBuffer | null;
  contactForces: ArrayBuffer | null;
  metrics: FrameMetrics;
}
/** Something went wrong; `message` is meant for the user. The run is stopped. */
export interface ErrorEvent {
  type: 'error';
  message: string;
}
/** World state hash, posted when the protocol finishes and after every 'runSteps'. */
export interface HashEvent {
  type: 'hash';
  hash: string;
  /** Step the hash was taken at. */
  step: number;
}

/**
 * A particle file ('exportParticles'): `data` is the file's UTF-8 bytes, a TRANSFERRED ArrayBuffer
 * (not cloned; the worker keeps no reference).
 */
export interface ParticlesEvent {
  type: 'particles';
  id: number;
  format: ParticleFormat;
  step: number;
  count: number;
  data: ArrayBuffer;
}

export type WorkerEvent = ParticlesEvent | ReadyEvent | ProgressEvent | FrameEvent | ErrorEvent | HashEvent;

/** Every transferable buffer of a frame (what 'release' must hand back). */
export function frameBuffers(f: FrameEvent): ArrayBuffer[] {
  const out = [f.positions];
  if (f.radii) out.push(f.radii);
  if (f.scalar) out.push(f.scalar);
  if (f.contactPairs) out.push(f.contactPairs);
  if (f.contactForces) out.push(f.contactForces);
  return out;
}

// ================================================================================================
// Particle-file worker (src/worker/file.worker.ts): imports a LIGGGHTS/LAMMPS dump (plain or gzip)
// or a .vtp off the page's thread (loadParticleFile in src/io/dump-source.ts) and keeps its frames;
// the view asks for one frame at a time.
//
// File frame buffers (FileFrameEvent; fresh ArrayBuffers, TRANSFERRED and not handed back: a
// timeline asks for a frame at a time, so there is no stream to throttle):
//   positions  3·N f32, m   xyz interleaved, shifted so the box's low corner is the origin
//                           (x, y in [0, boxX) × [0, boxY) like simulation frames, z from the box floor)
//   radii        N f32, m
//   scalar       N f32      the requested column in SI (FileColumn.unit), or null for no column

/** Length unit style of a dump without `ITEM: UNITS` ('auto': the file's, else si unless radii ≥ 1 m, then micro). */
export type FileUnits = 'auto' | 'si' | 'micro';

export interface FileOpenCommand {
  type: 'open';
  /** The File from a picker or a drop (structured-cloned: the worker reads it, the page never does). */
  file: Blob & { name?: string };
}
/** Asks for frame `index` coloured by `column` (a FileColumn.name, or null). Answered by 'fileFrame' or 'fileError'. */
export interface FileFrameCommand {
  type: 'frame';
  index: number;
  column: string | null;
  units: FileUnits;
}
/** Stops a load in progress (answered by 'fileError' with cancelled=true). */
export interface FileCancelCommand {
  type: 'cancel';
}
export type FileCommand = FileOpenCommand | FileFrameCommand | FileCancelCommand;

export interface FileProgressEvent {
  type: 'fileProgress';
  /** 0…1 of the file's bytes read (compressed bytes for .gz). */
  fraction: number;
  bytesRead: number;
  totalBytes: number;
  /** Frames complete so far. */
  frames: number;
}
/** A per-atom column offered as a colour field. */
export interface FileColumn {
  name: string;
  /** SI unit after conversion ('' dimensionless, '?' unknown). */
  unit: string;
}
export interface FileLoadedEvent {
  type: 'fileLoaded';
  name: string;
  format: 'dump' | 'vtp';
  gzip: boolean;
  /** One entry per frame: LAMMPS timestep, particle count, simulated time (s) or null. */
  frames: { timestep: number; count: number; time: number | null }[];
  /** Columns of the first frame, in file order (x, y, z, radius, id, type, speed first when present). */
  columns: FileColumn[];
  /** The dump's ITEM: UNITS, or null. */
  units: string | null;
  seconds: number;
}
export interface FileFrameEvent {
  type: 'fileFrame';
  index: number;
  timestep: number;
  time: number | null;
  count: number;
  /** Box size, m (hi − lo). */
  boxX: number;
  boxY: number;
  boxZ: number;
  /** The unit style the frame was converted from. */
  units: 'si' | 'micro';
  column: FileColumn | null;
  positions: ArrayBuffer;
  radii: ArrayBuffer;
  scalar: ArrayBuffer | null;
}
export interface FileErrorEvent {
  type: 'fileError';
  message: string;
  /** 1-based line of the (decompressed) text the problem is on; 0 when none. */
  line: number;
  cancelled: boolean;
}
export type FileEvent = FileProgressEvent | FileLoadedEvent | FileFrameEvent | FileErrorEvent;

// ================================================================================================
// Interlayer worker (src/worker/interlayer.worker.ts, issue #5): runs an InterlayerRun
// (src/interlayer/pipeline.ts: DEM scaffold → voxel grid → kMC lithium plating) in slices and posts
// what the interlayer view draws.
//
// Buffers (TRANSFERRED, fresh each time; the view keeps the latest set, nothing is handed back —
// they come a few times a second at most):
//   'ilSpheres'  positions 3·N f32 m (z from the collector surface, before the Li layer lifts it),
//                radii N f32 m, kind N u8 (0 = Si/Li–Si, 1 = CNT bead), lithiation N f32 (0…1)
//   'ilVoxels'   material nx·ny·nz u8 (voxel-grid.ts codes, index i + nx·(j + ny·k), z = 0 at the
//                collector surface below which the dense Li layer of layerThickness lies),
//                li M u32 (indices of the Li voxels, grid order), liPore M f32 (local pore size, m),
//                liFlow M f32 (flow stress at the mean plating rate v/d, Pa)

import type { InterlayerStage, PlatingSample, InterlayerResult } from '../interlayer/pipeline';
import type { ScaffoldSample } from '../interlayer/scaffold';
import type { MechanismCurves, MechanismParams } from '../interlayer/mechanism-map';
import type { DepositPoint } from '../interlayer/kmc-metrics';
export type { InterlayerStage, PlatingSample, ScaffoldSample, MechanismCurves, MechanismParams, DepositPoint };

/** Build and run preset `preset` (an interlayer preset name, '-small' allowed) from `seed`. Answered by 'ilReady' or 'ilError'. */
export interface IlStartCommand {
  type: 'ilStart';
  preset: string;
  seed: number;
  /** plating samples at equal charge (the inventory plot's points), 1…10000 */
  samples: number;
  /** δD_i of Coble creep, m³/s (mechanism-map.ts MECHANISM_RANGES), or null for the preset's */
  interfaceDiffusivity: number | null;
  /** stack pressure the scaffold forms under, Pa (1e4…1e9), or null for the preset's; a saved scaffold is used only at the preset's */
  stackPressure?: number | null;
  /** plating/stripping cycles after the first plating, 0…20 (pipeline.ts InterlayerOptions.cycles); absent = 0 */
  cycles?: number;
}
export interface IlPauseCommand { type: 'ilPause' }
export interface IlResumeCommand { type: 'ilResume' }
export type InterlayerCommand = IlStartCommand | IlPauseCommand | IlResumeCommand;

export interface IlReadyEvent {
  type: 'ilReady';
  name: string;
  title: string;
  description: string;
  cell: 'scaffold' | 'bare' | 'cnt-mat';
  /** target capacity, mAh/cm², and current density, mA/cm² */
  capacity: number;
  currentDensity: number;
  /** where the scaffold comes from: 'file' (a saved scaffold, public/scaffolds), 'dem' (formed live), null (none) */
  scaffoldSource: 'file' | 'dem' | null;
  /** one line for the user about the scaffold's source (e.g. the file's command line, or why it is formed live) */
  scaffoldNote: string;
  /** stack pressure the scaffold forms (or formed) under, Pa; null without a DEM scaffold */
  stackPressure: number | null;
}
export interface IlProgressEvent {
  type: 'ilProgress';
  stage: InterlayerStage;
  /** 0…1 over the whole run and within the stage */
  fraction: number;
  stageFraction: number;
  running: boolean;
  scaffold: ScaffoldSample | null;
  /** Plating samples taken since the previous progress event (capacity, Li inventory by place in packets, …) */
  plating: PlatingSample[];
  /** Wall-clock seconds since 'ilStart'. */
  seconds: number;
}
export interface IlSpheresEvent {
  type: 'ilSpheres';
  count: number;
  /** slab size and electrolyte plane height, m */
  lx: number;
  ly: number;
  top: number;
  positions: ArrayBuffer;
  radii: ArrayBuffer;
  kind: ArrayBuffer;
  lithiation: ArrayBuffer;
}
export interface IlVoxelsEvent {
  type: 'ilVoxels';
  nx: number;
  ny: number;
  nz: number;
  /** voxel edge, m */
  h: number;
  /** electrolyte voxel layers on top of the cell */
  electrolyteLayers: number;
  /** dense Li layer at the collector, m (the grid is drawn lifted by it) */
  layerThickness: number;
  /** Li on the anode at this state (plated − stripped), mAh/cm² */
  capacity: number;
  liCount: number;
  material: ArrayBuffer;
  li: ArrayBuffer;
  liPore: ArrayBuffer;
  liFlow: ArrayBuffer;
  /** the deformation-mechanism map along the mean plating line, the deposits on it, and the SE penetration threshold (Pa) */
  curves: MechanismCurves;
  deposits: DepositPoint[];
  criticalPressure: number;
  /** the run's mechanism parameters and mean plating velocity (m/s), so the view can redraw the map for another δD */
  mechanism: MechanismParams;
  velocity: number;
}
export interface IlDoneEvent {
  type: 'ilDone';
  final: InterlayerResult['final'];
  /** plating/stripping cycles after the first plating (empty without) */
  cycles: InterlayerResult['cycles'];
  stopped: string | null;
  seconds: number;
}
export interface IlErrorEvent {
  type: 'ilError';
  message: string;
}
export type InterlayerEvent = IlReadyEvent | IlProgressEvent | IlSpheresEvent | IlVoxelsEvent | IlDoneEvent | IlErrorEvent;
