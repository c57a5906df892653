// The simulation worker: owns the SceneRun (the WASM core) so the page never blocks.
// Speaks only the contract in ./messages.ts.
//
// Scheduling: while running, the worker advances in slices of ~16 ms wall time, then yields to its
// event loop (through a MessageChannel, which unlike setTimeout is not clamped to 4 ms) so that
// 'pause'/'reset' are handled within one slice. Inside a slice it calls run.advance() in chunks
// sized from the measured cost per step. Progress goes out ~10x/s.
//
// Frames (particle positions + one scalar field, see ./messages.ts) go out after a slice when
// at least FRAME_MS passed and fewer than FRAMES_IN_FLIGHT frames are unreleased, and once after
// every state change (ready, pause, runSteps done, setField), as soon as a buffer set is free.

import { SceneRun } from '../scene/runner';
import { loadCoreModule } from '../core/load-browser';
import type { ColorField, ProgressEvent, Scene, WorkerCommand, WorkerEvent } from './messages';
import { BufferPool, FramePacker, captureNetwork, type CapturedNetwork } from './frames';
import { ProtocolEta } from './eta';
import { particleSetFromWorld } from '../io/world-particles';
import { csvText } from '../io/csv-writer';
import { dumpFrameText } from '../io/dump-writer';
import { vtpText } from '../io/vtp';
import type { ParticleFormat } from './messages';

const SLICE_MS = 16; // wall time per slice before yielding
const CHUNK_MS = 4; // target wall time of one run.advance() call
const PROGRESS_MS = 100; // progress reporting interval
const FRAME_MS = 16; // at most ~60 frames/s; the view's releases throttle it further

const pool = new BufferPool();
const packer = new FramePacker();
let field: ColorField = 'pressure';
/** A frame is owed to the view (state changed) but no buffer set was free yet. */
let frameWanted = false;
let lastFrameTime = 0;
/** run.samples / run.compaction / run.records already sent in progress events. */
let samplesSent = 0;
let compactionSent = 0;
let recordsSent = 0;

let scene: Scene | null = null;
let run: SceneRun | null = null;
let eta: ProtocolEta | null = null;
/** Contact-force network: wanted by the view; the last capture; was the world's last step diagnostic? */
let networkOn = false;
let network: CapturedNetwork | null = null;
let lastStepDiag = false;
/** Bumped on every load/reset so that a stale async build or loop slice can tell it is obsolete. */
let generation = 0;

let running = false;
/** Stop when world.stepCount reaches this (Infinity while playing freely). */
let targetStep = Infinity;
let done = false;
let protocolIndex = 0;
let protocolStep = '';
let stepsPerChunk = 1;
let zeroStreak = 0;

let lastReportTime = 0;
let lastReportStep = 0;
let stepsPerSecond = 0;

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

function postError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  running = false;
  post({ type: 'error', message });
}

function progress(): ProgressEvent {
  const world = run!.world;
  const samples = run!.samples.slice(samplesSent);
  samplesSent = run!.samples.length;
  const compaction = run!.compaction.slice(compactionSent);
  compactionSent = run!.compaction.length;
  const records = run!.records.slice(recordsSent);
  recordsSent = run!.records.length;
  const m = world.metrics();
  const mass = world.count > 0 ? world.solids().mass : 0;
  const estimate = eta!.update({
    step: world.stepCount, time: world.time, timestep: world.timestep, protocolIndex, done,
    stepsPerSecond: running ? stepsPerSecond : 0,
    density: m.density, solidFraction: m.solidFraction, platenPressure: m.platenPressure, platenZ: m.platenZ,
    platenForce: world.exports.platenForce(),
    rmsSpeed: mass > 0 ? Math.sqrt((2 * m.kineticEnergy) / mass) : 0,
  });
  return {
    type: 'progress',
    step: world.stepCount,
    time: world.time,
    stepsPerSecond: running ? stepsPerSecond : 0,
    protocolStep,
    protocolIndex,
    count: world.count,
    done,
    running,
    samples,
    compaction,
    records,
    estimate,
  };
}

/** Posts a frame now if a buffer set is free, else as soon as one comes back. */
function sendFrame(force = false): void {
  if (!run) return;
  if (!pool.canSend) {
    if (force) frameWanted = true;
    return;
  }
  frameWanted = false;
  lastFrameTime = performance.now();
  const { frame, transfer } = packer.build(run.world, run.scene.domain.height, field, pool, networkOn ? network : null);
  self.postMessage(frame satisfies WorkerEvent, { transfer });
}

function postHash(): void {
  if (!run) return;
  post({ type: 'hash', hash: run.world.hash(), step: run.world.stepCount });
}

async function build(newScene: Scene): Promise<void> {
  const gen = ++generation;
  running = false;
  if (run) post(progress());
  // The current run (if any) stays until the new one is built, so a scene that fails validation
  // leaves the previous run intact (stopped) behind the error message.
  const module = await loadCoreModule();
  const created = await SceneRun.create(newScene, module);
  if (gen !== generation) return; // superseded by a later load/reset while compiling
  scene = newScene;
  run = created;
  network = null;
  lastStepDiag = false;
  watchDiagnosticSteps(created);
  eta = new ProtocolEta(created.scene.protocol);
  done = false;
  protocolIndex = 0;
  protocolStep = '';
  stepsPerChunk = 1;
  stepsPerSecond = 0;
  samplesSent = 0;
  compactionSent = 0;
  recordsSent = 0;
  pool.reset();
  packer.restart();
  post({ type: 'ready', count: run.world.capacity, scene: run.scene });
  post(progress());
  sendFrame(true);
}

/** Copies the force network (by stable id) after each diagnostic step while the view wants it (SceneRun.onStep). */
function watchDiagnosticSteps(r: SceneRun): void {
  r.onStep = (world, diagnostics) => {
    lastStepDiag = diagnostics;
    if (diagnostics && networkOn && world.count > 0) network = captureNetwork(world);
  };
}

// A zero-delay yield: post to ourselves through a MessageChannel.
const channel = new MessageChannel();
let loopScheduled = false;
channel.port1.onmessage = () => {
  loopScheduled = false;
  slice();
};
function scheduleSlice(): void {
  if (!loopScheduled) {
    loopScheduled = true;
    channel.port2.postMessage(null);
  }
}

function start(target: number): void {
  if (!run) throw new Error('No scene is loaded.');
  if (done) {
    post(progress());
    postHash();
    return;
  }
  targetStep = target;
  if (!running) {
    running = true;
    lastReportTime = performance.now();
    lastReportStep = run.world.stepCount;
  }
  post(progress());
  scheduleSlice();
}

function slice(): void {
  if (!running || !run) return;
  const world = run.world;
  const sliceStart = performance.now();
  let finished = false;
  try {
    while (performance.now() - sliceStart < SLICE_MS) {
      const remaining = targetStep - world.stepCount;
      if (remaining <= 0) {
        finished = true;
        break;
      }
      const n = Math.max(1, Math.min(stepsPerChunk, remaining));
      const before = world.stepCount;
      const t0 = performance.now();
      const result = run.advance(n);
      const dt = performance.now() - t0;
      protocolIndex = result.protocolIndex;
      protocolStep = result.protocolStep;
      if (result.error) throw new Error(result.error);
      // Adapt the chunk so that one advance() takes about CHUNK_MS.
      const taken = world.stepCount - before;
      if (taken > 0 && dt > 0) {
        const ideal = (taken * CHUNK_MS) / dt;
        stepsPerChunk = Math.max(1, Math.min(100_000, Math.round(0.5 * stepsPerChunk + 0.5 * ideal)));
      } else if (taken > 0) {
        stepsPerChunk = Math.min(100_000, stepsPerChunk * 2);
      }
      if (result.done) {
        done = true;
        finished = true;
        break;
      }
      // advance() may stop at a protocol boundary without stepping; only a long streak is a bug.
      zeroStreak = taken === 0 ? zeroStreak + 1 : 0;
      if (zeroStreak > 1000) throw new Error('The simulation stopped making progress (advance() takes no steps).');
    }
  } catch (err) {
    postError(err);
    post(progress());
    sendFrame(true);
    return;
  }

  const now = performance.now();
  if (finished) {
    updateRate(now);
    running = false;
    post(progress());
    postHash();
    sendFrame(true);
    return;
  }
  if (now - lastReportTime >= PROGRESS_MS) {
    updateRate(now);
    post(progress());
  }
  if (frameWanted || now - lastFrameTime >= FRAME_MS) sendFrame(frameWanted);
  scheduleSlice();
}

function updateRate(now: number): void {
  if (!run) return;
  const elapsed = now - lastReportTime;
  if (elapsed > 0) stepsPerSecond = ((run.world.stepCount - lastReportStep) * 1000) / elapsed;
  lastReportTime = now;
  lastReportStep = run.world.stepCount;
}

/** The current particles as a file in `format` (src/io writers). */
function particleFile(format: ParticleFormat): Uint8Array {
  if (!run) throw new Error('No scene is loaded: nothing to export.');
  const w = run.world;
  if (w.count === 0) throw new Error('There are no particles yet (the fill step inserts them when the run starts).');
  const set = particleSetFromWorld(w, { zTop: w.platenPresent ? w.platenZ : run.scene.domain.height });
  const text = format === 'csv' ? csvText(set) : format === 'dump' ? dumpFrameText(set, { timestep: w.stepCount }) : vtpText(set);
  return new TextEncoder().encode(text);
}

async function handle(cmd: WorkerCommand): Promise<void> {
  switch (cmd.type) {
    case 'exportParticles': {
      const bytes = particleFile(cmd.format);
      const data = bytes.buffer as ArrayBuffer;
      self.postMessage({ type: 'particles', id: cmd.id, format: cmd.format, step: run!.world.stepCount, count: run!.world.count, data } satisfies WorkerEvent, { transfer: [data] });
      return;
    }
    case 'load':
      await build(cmd.scene);
      return;
    case 'reset':
      if (!scene) throw new Error('Nothing to reset: no scene has been loaded.');
      await build(scene);
      return;
    case 'play':
      start(Infinity);
      return;
    case 'runSteps':
      if (!Number.isInteger(cmd.n) || cmd.n < 0) throw new Error(`runSteps: n must be a whole number >= 0, got ${cmd.n}`);
      start(run ? run.world.stepCount + cmd.n : 0);
      return;
    case 'pause':
      running = false;
      if (run) post(progress());
      sendFrame(true);
      return;
    case 'setNetwork':
      networkOn = cmd.on;
      if (!cmd.on) network = null;
      // the state right after a diagnostic step (e.g. a finished protocol) can be read at once
      else if (run && lastStepDiag && run.world.count > 0) network = captureNetwork(run.world);
      sendFrame(true);
      return;
    case 'setField':
      field = cmd.field;
      packer.resendRadii();
      sendFrame(true);
      return;
    case 'release':
      pool.released(cmd.buffers);
      if (frameWanted) sendFrame(true);
      return;
    default: {
      const unknown: never = cmd;
      throw new Error(`Unknown command: ${JSON.stringify(unknown)}`);
    }
  }
}

self.onmessage = (e: MessageEvent<WorkerCommand>) => {
  handle(e.data).catch(postError);
};
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => postError(e.reason));
