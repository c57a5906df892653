// Runs a validated scene's protocol on a World, step by step, so that the CLI, the worker and
// the tests all execute scenes the same way. No DOM, no timers: the caller decides how many
// steps to advance per call (the worker: ~16 ms worth; the CLI: everything).
import type { Scene, ProtocolStep, ParticleSpec } from './schema';
import { validateScene, resolvedTimestep } from './validate';
import { World, SimulationError, type WorldMetrics } from '../core/world';
import { forceStatistics, depthProfile, type DepthProfile } from './analysis';
import { sampleDiameters } from '../psd/sample';

/** A sample of the global state, for plots and result files. SI units. */
export interface Sample {
  step: number;
  time: number;              // s
  protocolIndex: number;
  platenZ: number;           // m (bed height when there is no platen contact)
  platenPressure: number;    // Pa
  collectorPressure: number; // Pa
  solidFraction: number;     // –
  kineticEnergy: number;     // J
  coordination: number;      // –
}

/** A point of the compaction curve, recorded at every criterion check while pressing. */
export interface CompactionPoint {
  time: number;            // s
  platenZ: number;         // m
  pressure: number;        // Pa, platen
  solidFraction: number;   // –
  density: number;         // kg/m³
  inertialNumber: number;  // –, I = γ̇ d √(ρ/p)
}

/** What one protocol step did. */
export interface StepRecord {
  index: number;
  type: ProtocolStep['type'];
  startTime: number;         // s
  endTime: number;           // s
  steps: number;
  /** 'reached' = its criterion was met; 'time' = it ran its set time; 'maxTime' = it gave up. */
  outcome: 'reached' | 'time' | 'maxTime';
  note: string;
  end: WorldMetrics;
  /** Particle–particle contact forces at the end of the step, N (mean, max, 99th percentile, exponential-tail rate). */
  forces: { contacts: number; mean: number; max: number; p99: number; tailBeta: number };
  /** Mean Love–Weber pressure of particles in the lower and upper thirds of the bed (collector vs platen side), Pa. */
  stressBottom: number;
  stressTop: number;
  /** Force histogram at the end of the step: bin centres x (N) and probability density p (1/N). */
  forceHistogram: { x: number[]; p: number[] };
  /** Per-particle load Σ|F|/(π r²) (the sum of contact forces over the particle's cross-section), Pa. */
  particleLoad: { mean: number; max: number; p99: number };
  /** Release steps: thickness recovery (bed height after release − pressed height) / pressed height; else null. */
  springback: number | null;
  /** Depth profile (PROFILE_BINS slabs from the collector to the bed top or platen): solid fraction, pressure, von Mises, Z. */
  profile: DepthProfile;
}

/** Slabs of the per-step depth profile (a multiple of 3: the collector/platen thirds are whole slabs). */
export const PROFILE_BINS = 12;

/** Mean particle pressure in third k (0 = collector side, 2 = platen side) of the bed, from the slab profile. */
function thirdMean(p: DepthProfile, k: number): number {
  const per = PROFILE_BINS / 3;
  let n = 0, sum = 0;
  for (let b = k * per; b < (k + 1) * per; b++) { n += p.count[b]; sum += p.count[b] * p.pressure[b]; }
  return n ? sum / n : 0;
}

export interface RunStatus {
  done: boolean;
  protocolIndex: number;
  protocolStep: string;
  error?: string;
}

/**
 * Radii and material ids of a particle spec, largest first (random insertion fits them best).
 * `seed` (the scene seed) drives the sampling of 'psd' particles: same seed, same radii, in every engine.
 */
export function particleList(spec: ParticleSpec, seed: number): { radius: number[]; material: string[] } {
  let pairs: Array<[number, string]>;
  if (spec.kind === 'monodisperse') pairs = Array.from({ length: spec.count }, () => [spec.radius, spec.material]);
  else if (spec.kind === 'psd') {
    const d = sampleDiameters(spec.psd, spec.count, seed, { truncation: spec.truncation });
    pairs = Array.from(d, (x) => [x / 2, spec.material]);
  } else pairs = spec.radius.map((r, k) => [r, typeof spec.material === 'string' ? spec.material : spec.material[k]]);
  pairs.sort((a, b) => b[0] - a[0]);
  return { radius: pairs.map((p) => p[0]), material: pairs.map((p) => p[1]) };
}

/** Σ|F|/(π r²) per particle (force over cross-section, the paper's "compressive stress of each particle"), Pa. */
function particleLoad(w: SceneRun['world']): { mean: number; max: number; p99: number } {
  const f = w.field('forceSum'), r = w.field('radius');
  const n = w.count;
  if (n === 0) return { mean: 0, max: 0, p99: 0 };
  const load = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) { load[i] = f[i] / (Math.PI * r[i] * r[i]); sum += load[i]; }
  load.sort();
  return { mean: sum / n, max: load[n - 1], p99: load[Math.min(n - 1, Math.floor(0.99 * n))] };
}

const CHECK_EVERY = 50;    // steps between criterion checks
/** Pressure floor of the inertial-number cap, as a fraction of the particles' E* [E]: at 1e-4 E*
 * Hertz overlaps are ~(1e-4)^(2/3) ≈ 0.2 % of R, i.e. the contact network has just started to carry load. */
const P_REF_FRACTION = 1e-4;
const SAMPLE_EVERY = 500;  // steps between samples (diagnostic steps)

export class SceneRun {
  readonly samples: Sample[] = [];
  readonly records: StepRecord[] = [];
  readonly compaction: CompactionPoint[] = [];
  private index = 0;
  private entered = false;
  private stepStart = 0;      // time the current protocol step began, s
  private tapStart = 0;       // time the current tap began, s
  private stepSteps = 0;
  private minTime = 0;        // a fill must at least last its fall time
  private pressMinZ = Infinity;
  private tapsLeft = 0;
  private meanDiameter = 0;   // m, number mean (inertial number)
  private meanDensity = 0;    // kg/m³, mass / solid volume (inertial number)
  private stiffness = 0;      // Pa, E* = E/(2(1−ν²)) of the particle material (first particle material)
  private finished = false;
  private failure: string | undefined;
  private sinceSample = 0;
  private readonly matIndex: Map<string, number>;
  /**
   * Called after every core step batch the runner takes, with whether it was a diagnostic step. Contact
   * forces (World.contactForces) are valid only until the next step, so this is where a caller reads them
   * (the worker's force network). Reading must not change the state.
   */
  onStep: ((world: World, diagnostics: boolean) => void) | null = null;

  private constructor(readonly scene: Scene, readonly world: World, readonly warnings: string[],
    private readonly particles: { radius: number[]; material: string[] }) {
    this.matIndex = new Map(scene.materials.map((m, k) => [m.id, k]));
  }

  /** Validates the scene (throws an Error listing every problem) and builds its world. */
  static async create(input: unknown, module: WebAssembly.Module): Promise<SceneRun> {
    const v = validateScene(input);
    if (!v.ok) throw new Error(`Invalid scene:\n${v.errors.map((e) => `- ${e.message}`).join('\n')}`);
    const scene = v.scene;
    const particles = particleList(scene.particles, scene.seed);
    const world = await World.create(module, particles.radius.length);
    const run = new SceneRun(scene, world, v.warnings, particles);
    run.configure(particles.radius, particles.material[0]);
    return run;
  }

  private configure(radius: number[], firstMaterial: string): void {
    const s = this.scene, w = this.world;
    w.setMaterials(s.materials.map((m) => ({ ...m })));
    w.setWallMaterials(this.mat(s.walls.collector.material), this.mat(s.walls.platen.material));
    w.setBox(s.domain.lx, s.domain.ly);
    w.setGravity(s.gravity);
    w.setTimestep(resolvedTimestep(s));
    const rmin = radius.reduce((a, b) => Math.min(a, b), Infinity);
    w.setSkin(s.solver.skin * 2 * rmin);
    w.setRolling(s.solver.rolling);
    w.setMaxOverlapRatio(s.solver.maxOverlapRatio);
    w.seed(s.seed);
    w.setPlatenFixed(s.walls.platen.z ?? s.domain.height);
    this.meanDiameter = (2 * radius.reduce((a, r) => a + r, 0)) / radius.length;
    const pm = s.materials.find((m) => m.id === firstMaterial) ?? s.materials[0];
    this.stiffness = pm.youngsModulus / (2 * (1 - pm.poissonRatio ** 2));
  }

  private mat(id: string): number {
    const k = this.matIndex.get(id);
    if (k === undefined) throw new Error(`unknown material id '${id}'`);
    return k;
  }

  get protocolIndex(): number { return this.index; }
  get done(): boolean { return this.finished; }
  get error(): string | undefined { return this.failure; }

  /** Advances the protocol by at most maxSteps core steps. */
  advance(maxSteps: number): RunStatus {
    let budget = maxSteps;
    try {
      while (!this.finished && budget > 0) {
        const step = this.scene.protocol[this.index];
        if (!this.entered) { this.enter(step); this.entered = true; }
        // chunks end on fixed multiples of CHECK_EVERY within the protocol step, so criteria are
        // checked at the same steps however the caller splits its calls (same hash in a worker
        // that advances 16 ms at a time and in the CLI)
        const n = Math.min(budget, CHECK_EVERY - (this.stepSteps % CHECK_EVERY));
        const boundary = (this.stepSteps + n) % CHECK_EVERY === 0;
        const sampleNow = boundary && this.sinceSample + n >= SAMPLE_EVERY;
        this.step(n, sampleNow);
        budget -= n; this.stepSteps += n; this.sinceSample += n;
        if (sampleNow) { this.sample(); this.sinceSample = 0; }
        const outcome = boundary ? this.check(step) : null;
        if (outcome) this.leave(step, outcome);
      }
    } catch (e) {
      this.failure = e instanceof SimulationError ? e.message : `Unexpected failure: ${(e as Error).message}`;
      this.finished = true;
    }
    return this.status();
  }

  status(): RunStatus {
    const step = this.scene.protocol[Math.min(this.index, this.scene.protocol.length - 1)];
    return { done: this.finished, protocolIndex: this.index, protocolStep: step.type, error: this.failure };
  }

  /** Runs the whole protocol; `onProgress` is called between chunks. */
  runToEnd(onProgress?: (s: RunStatus) => void, chunk = 2000): RunStatus {
    while (!this.finished) { const s = this.advance(chunk); onProgress?.(s); }
    return this.status();
  }

  private sample(): void {
    const m = this.world.metrics();
    this.samples.push({
      step: m.step, time: m.time, protocolIndex: this.index, platenZ: m.platenZ,
      platenPressure: m.platenPressure, collectorPressure: m.collectorPressure,
      solidFraction: m.solidFraction, kineticEnergy: m.kineticEnergy, coordination: m.coordination,
    });
  }

  /** RMS particle speed, m/s. */
  private rmsSpeed(): number {
    const total = this.world.solids().mass;
    return total > 0 ? Math.sqrt((2 * this.world.exports.kineticEnergy()) / total) : 0;
  }

  private enter(step: ProtocolStep): void {
    const w = this.world, s = this.scene;
    this.stepStart = w.time; this.stepSteps = 0; this.minTime = 0;
    switch (step.type) {
      case 'fill': {
        const { radius, material } = this.particles;
        const area = s.domain.lx * s.domain.ly;
        const volume = radius.reduce((a, r) => a + (4 / 3) * Math.PI * r ** 3, 0);
        const z0 = w.count > 0 ? w.bedHeight() : 0;
        const top = Math.min(w.platenZ, s.domain.height);
        // the shortest region that holds the particles at insertFraction (+15 % so random sequential
        // addition, which jams near 0.38 for spheres, never runs out of room): shorter falls, faster fills
        const z1 = Math.min(top, z0 + (1.15 * volume) / (s.domain.insertFraction * area) + 2 * radius[0]);
        const got = w.insertRandom(radius, material.map((id) => this.mat(id)), z0, z1);
        if (got < radius.length) {
          throw new SimulationError(`Could only insert ${got} of ${radius.length} particles between z = ${(z0 * 1e6).toFixed(1)} µm and ${(z1 * 1e6).toFixed(1)} µm without overlap. ` +
            'Make domain.height larger or domain.insertFraction smaller.', 0, -1);
        }
        if (s.gravity > 0) this.minTime = Math.sqrt((2 * (z1 - z0)) / s.gravity);
        break;
      }
      case 'settle': break;
      case 'tap': this.tapsLeft = step.cycles; this.tap(step.height); break;
      case 'press': {
        // start just above the bed: the platen's free travel to the bed would only cost time
        const bed = w.bedHeight();
        const z = Math.min(w.platenZ, bed + 0.01 * (bed || 1e-6));
        w.setPlatenVelocity(-step.velocity, z);
        this.pressMinZ = Infinity;
        const all = w.solids();
        this.meanDensity = all.mass / all.volume;
        break;
      }
      case 'servo': {
        const rmin = Math.min(...Array.from(w.field('radius').subarray(0, Math.min(w.count, 1000))));
        const vmax = (0.5 * rmin) / (1000 * w.timestep);   // at most a radius per 2,000 steps
        const bed = w.bedHeight();
        if (w.platenZ > bed * 1.01) w.setPlatenFixed(bed * 1.01);
        w.setPlatenServo(step.pressure, vmax, step.gain ?? 0);
        break;
      }
      case 'hold': w.setPlatenFixed(); break;
      case 'release': w.setPlatenVelocity(step.velocity); break;
      case 'run': break;
    }
  }

  private check(step: ProtocolStep): StepRecord['outcome'] | null {
    const w = this.world;
    const elapsed = w.time - this.stepStart;
    switch (step.type) {
      case 'fill':
      case 'settle':
        if (elapsed >= this.minTime && this.rmsSpeed() < step.settleSpeed) return 'reached';
        return elapsed >= step.maxTime ? 'maxTime' : null;
      case 'tap': {
        const sinceTap = w.time - this.tapStart;
        if (sinceTap >= this.minTime && this.rmsSpeed() < step.settleSpeed) {
          if (--this.tapsLeft <= 0) return 'reached';
          this.tap(step.height);
          return null;
        }
        return sinceTap >= step.maxTime ? 'maxTime' : null;
      }
      case 'press': {
        const m = w.metrics();
        this.pressMinZ = Math.min(this.pressMinZ, m.platenZ);
        // quasi-static cap: I = γ̇ d √(ρ/p) with γ̇ = v/h (GDR MiDi, Eur. Phys. J. E 14 (2004) 341)
        const p = Math.max(m.platenPressure, 0);
        const v = Math.abs(w.exports.platenV());
        const I = p > 0 ? (v / m.platenZ) * this.meanDiameter * Math.sqrt(this.meanDensity / p) : Infinity;
        this.compaction.push({ time: m.time, platenZ: m.platenZ, pressure: m.platenPressure, solidFraction: m.solidFraction, density: m.density, inertialNumber: I });
        if (step.inertialNumber !== null) {
          // below P_REF the bed rearranges at vanishing pressure, where I (∝ p^−½) is undefined;
          // the platen then moves at the speed the cap allows at P_REF
          const pRef = Math.max(p, P_REF_FRACTION * this.stiffness);
          const vI = (step.inertialNumber * m.platenZ * Math.sqrt(pRef / this.meanDensity)) / this.meanDiameter;
          w.setPlatenVelocity(-Math.min(step.velocity, vI));
        }
        const u = step.until;
        if ('solidFraction' in u && m.solidFraction >= u.solidFraction) return 'reached';
        if ('pressure' in u && m.platenPressure >= u.pressure) return 'reached';
        if ('z' in u && m.platenZ <= u.z) return 'reached';
        if ('density' in u && m.density >= u.density) return 'reached';
        return elapsed >= step.maxTime ? 'maxTime' : null;
      }
      case 'release':
        if (w.exports.platenForce() <= 0 && elapsed > 0) return 'reached';
        return elapsed >= step.maxTime ? 'maxTime' : null;
      case 'servo': case 'hold': case 'run':
        return elapsed >= step.time ? 'time' : null;
    }
  }

  /**
   * One tap: the bed is dropped from `height` onto the collector, i.e. every particle gets the
   * impact velocity −√(2 g h) relative to the collector (the container stops, the powder does
   * not), then settles. The platen is lifted clear first.
   */
  private tap(height: number): void {
    const w = this.world;
    if (w.platenPresent && w.platenZ < w.bedHeight() * 1.5) w.setPlatenFixed(w.bedHeight() * 1.5);
    const v = Math.sqrt(2 * this.scene.gravity * height);
    w.addVelocity(0, 0, -v);
    this.tapStart = w.time;
    this.minTime = this.scene.gravity > 0 ? (2 * v) / this.scene.gravity : 0;  // fall + rebound time scale
  }

  private step(n: number, diagnostics: boolean): void {
    this.world.step(n, diagnostics);
    this.onStep?.(this.world, diagnostics);
  }

  private leave(step: ProtocolStep, outcome: StepRecord['outcome']): void {
    const w = this.world;
    this.step(1, true);   // one diagnostic step so the record carries contact statistics
    const end = w.metrics();
    const fs = forceStatistics(w.contactForces().force);
    // profiles from the collector to the packing height (metrics: the loaded platen, else the bed surface)
    const profile = depthProfile(w, PROFILE_BINS, end.platenZ);
    // the platen stops where the step ended (its record shows the state as the criterion was met)
    if (step.type === 'press' || step.type === 'servo' || step.type === 'release') w.setPlatenFixed();
    let note = '';
    let springback: number | null = null;
    if (step.type === 'fill' || step.type === 'settle' || step.type === 'tap') {
      note = `solid fraction ${end.solidFraction.toFixed(4)}, density ${(end.density / 1000).toFixed(4)} g/cm³ below the bed top` + (step.type === 'tap' ? ' (tap density)' : '');
    }
    if (step.type === 'press') note = outcome === 'reached' ? 'target reached' : 'target NOT reached within maxTime';
    if (step.type === 'release') {
      const hMin = this.records.reduce((z, r) => (r.type === 'press' || r.type === 'servo' || r.type === 'hold' ? Math.min(z, r.end.platenZ) : z), Infinity);
      const hRelaxed = w.bedHeight();
      if (Number.isFinite(hMin)) springback = (hRelaxed - hMin) / hMin;
      if (springback !== null) note = `springback ${(100 * springback).toFixed(2)} % (bed ${(hRelaxed * 1e6).toFixed(2)} µm vs ${(hMin * 1e6).toFixed(2)} µm pressed)`;
    }
    this.records.push({
      index: this.index, type: step.type, startTime: this.stepStart, endTime: w.time,
      steps: this.stepSteps + 1, outcome, note, end,
      forces: { contacts: fs.contacts, mean: fs.mean, max: fs.max, p99: fs.p99, tailBeta: fs.tailBeta },
      stressBottom: thirdMean(profile, 0), stressTop: thirdMean(profile, 2),
      forceHistogram: fs.histogram, particleLoad: particleLoad(w), springback, profile,
    });
    this.sample();
    this.index++;
    this.entered = false;
    if (this.index >= this.scene.protocol.length) this.finished = true;
  }
}
