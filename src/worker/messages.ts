// THE worker <-> view message contract of Electrode Lab. Every message that crosses the worker
// boundary is declared here and nowhere else; src/worker/sim.worker.ts and the view (src/main.ts,
// later src/view + src/ui) both import these types.
//
// Conventions
// - Commands go view -> worker, events go worker -> view. Both are discriminated unions on `type`.
// - Units: SI unless the field name says otherwise (`time` is seconds of simulated time).
// - Small messages are structured-cloned (a few numbers/strings each; fine at ~10 Hz).
// - Big per-particle arrays are NEVER structured-cloned every frame. When frames arrive they will be
//   sent as transferred ArrayBuffers (`postMessage(msg, [buf])`, the view hands the buffer back to
//   be refilled) or as views into a SharedArrayBuffer / shared WebAssembly.Memory (the page is
//   cross-origin isolated, see vite.config.ts), with each buffer documented here by element type,
//   count and layout, e.g.:
//     positions  3*N f32, xyz interleaved, metres        (particle i at [3i, 3i+1, 3i+2])
//     radii        N f32, metres                        (sent once after 'ready' and on change)
//     scalar       N f32, the one field the current colour mode needs (e.g. |F| in N, stress in Pa)
//   No such buffers exist yet: every message below is small.

import type { Scene } from '../scene/schema';

export type { Scene };

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
 * followed by 'hash'. Used by tests to compare the browser run with a Node run step for step.
 */
export interface RunStepsCommand {
  type: 'runSteps';
  n: number;
}

export type WorkerCommand = LoadCommand | PlayCommand | PauseCommand | ResetCommand | RunStepsCommand;

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
  /** Name of the current protocol step (e.g. "pour", "settle"). */
  protocolStep: string;
  /** Index of the current protocol step, 0-based. */
  protocolIndex: number;
  /** Number of particles in the world now (0 before a 'fill' step has inserted them). */
  count: number;
  /** True once the whole protocol has finished. */
  done: boolean;
  /** True while the worker is advancing (play or runSteps in progress). */
  running: boolean;
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

export type WorkerEvent = ReadyEvent | ProgressEvent | ErrorEvent | HashEvent;
