// The Li3.75Si–CNT interlayer scaffold formed by DEM under stack pressure (issue #5 part 1).
//
//   const s = await Scaffold.create(module, { stackPressure: 65e6 }, seed);
//   while (!s.done) s.advance(2000);          // or s.runToEnd()
//   s.metrics(); s.history; s.voxelize(); s.poreSizes();
//
// Protocol (docs/model.md §12):
//  1. cast: CNT chains and Si (inserted at castInsertScale of their size) grow to the as-cast size in
//     the slab 0 < z < thickness0, the electrolyte plane fixed at thickness0 (the real cast layer is held
//     at 58.5 % porosity by adhesion and the tube network, which the model does not have);
//  2. lithiate: each Si particle's target volume grows as V0 (1 + 2.81 x(t)) and its material steps
//     from Si to Li15Si4 (lithiation.ts); radii are volume-honest (assembly/growth.ts). The plane stays
//     at thickness0 until the growing layer carries the stack pressure, then a servo holds that pressure;
//  3. relax: the servo keeps the pressure for relaxFraction × the lithiation time.
// Time scaling: the real lithiation takes hours; the DEM compresses it into T = ε d √(ρ/p)/I, the
// shortest time at which the growth strain rate keeps the inertial number at I (GDR MiDi, Eur. Phys. J. E
// 14 (2004) 341: I < 1e-3 is quasi-static). Only the number of steps matters to the result.
import { World } from '../core/world';
import type { VoxelGrid } from './voxel-grid';
import { poreSizeDistribution, type PoreSizeDistribution } from './pore-size';
import { type ScaffoldParams, resolveScaffoldParams } from './scaffold-params';
import { lithiationState, volumeFactor, stageOf } from './lithiation';
import { cntModel, scaffoldMaterials, placeCastLayer, materialIndex, rayleighTime, siDiameters, type CastLayout, type CntModel } from './scaffold-build';
import { solidFractionsOfSlab } from './scaffold-volume';
import { solidVoxelVolume } from './voxelize';
import { sphereArrays, voxelizeFinished } from './scaffold-file';
import { cbrt as dcbrt, log as dlog } from '../psd/detmath';

export type ScaffoldPhase = 'cast' | 'lithiate' | 'relax' | 'done';

export interface ScaffoldSample {
  step: number;
  /** simulated time since the start of lithiation, s (negative during the cast stage) */
  time: number;
  phase: ScaffoldPhase;
  /** mean lithiation state of the Si, 0..1 */
  lithiation: number;
  /** layer thickness = electrolyte plane height, m */
  thickness: number;
  /** 1 − (Σ target solid volumes)/(lx·ly·thickness) */
  porosity: number;
  /** pressure on the electrolyte plane and on the collector, Pa */
  platenPressure: number;
  collectorPressure: number;
  /** 'fixed' while the plane is held at the as-cast height, 'servo' once it holds the stack pressure */
  plane: 'fixed' | 'servo';
  /** plane velocity, m/s (+ = up) */
  planeVelocity: number;
  coordination: number;
  meanOverlapRatio: number;
  maxOverlapRatio: number;
  kineticEnergy: number;
}

export interface ScaffoldInfo {
  particles: number; si: number; beads: number; tubes: number;
  timestep: number;          // s
  lithiationTime: number;    // s (scaled, see header)
  lithiationSteps: number;
  castSteps: number;
  relaxSteps: number;
  cntMassScale: number;
  /** as-cast solid volumes actually placed, m³, and the resulting porosity */
  siVolume: number; cntVolume: number; porosity0: number;
  /** lithiated solid volume expected (Si × volumeRatio + CNT), m³ */
  lithiatedVolume: number;
}

export class Scaffold {
  readonly params: ScaffoldParams;
  readonly world: World;
  readonly info: ScaffoldInfo;
  readonly history: ScaffoldSample[] = [];
  private readonly layout: CastLayout;
  private readonly mat: ReturnType<typeof materialIndex>;
  private readonly z0: Float64Array;       // as-cast centre height per stable id (front mode)
  private readonly xState: Float64Array;   // lithiation state per stable id
  private stepInPhase = 0;
  private _phase: ScaffoldPhase = 'cast';
  private servo = false;
  private readonly vmax: number;

  private constructor(world: World, params: ScaffoldParams, layout: CastLayout, info: ScaffoldInfo) {
    this.world = world; this.params = params; this.layout = layout; this.info = info;
    this.mat = materialIndex(params);
    const n = layout.kind.length;
    this.z0 = new Float64Array(n); this.xState = new Float64Array(n);
    // servo speed limit: three times the mean rate at which the layer must thicken to hold its lithiated solids
    this.vmax = (3 * params.thickness0 * (params.volumeRatio - 1)) / info.lithiationTime;
  }

  /** Builds the as-cast layer. `module`: the compiled core (loadCoreModuleNode / the browser loader). */
  static async create(module: WebAssembly.Module, params: Partial<ScaffoldParams> = {}, seed = 1): Promise<Scaffold> {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`scaffold seed = ${seed}: must be an integer from 0 to 4294967295.`);
    const p = resolveScaffoldParams(params);
    // capacity: beads + Si with margin
    const dSi = siDiameters(p, p.lx * p.ly * p.thickness0 * (1 - p.porosity0), seed);
    const beadsMax = Math.ceil((p.lx * p.ly * p.thickness0 * (1 - p.porosity0)) / ((4 / 3) * Math.PI * ((p.cntDiameter / 2) * (p.cntDiameter / 2) * (p.cntDiameter / 2)))) + 16;
    const world = await World.create(module, dSi.length + beadsMax + 16);
    world.setBox(p.lx, p.ly);
    world.setGravity(0);                     // 50 nm particles: weight/contact force ~ 1e-10 at MPa stresses
    world.seed(seed);
    // timestep: smallest Rayleigh time of the Si (inserted size) and of the beads; bonds fit within it
    const si0 = scaffoldMaterials(p, { massScale: 1 } as CntModel)[0];
    const rMin = 0.5 * Math.min(...dSi) * p.castInsertScale;
    const dtSi = p.timestepFraction * rayleighTime(rMin, si0);
    const cnt = cntModel(p, dtSi);
    const mats = scaffoldMaterials(p, cnt);
    const mi = materialIndex(p);
    const dt = Math.min(dtSi, p.timestepFraction * rayleighTime(cnt.rb, mats[mi.cnt]));
    world.setMaterials(mats);
    world.setWallMaterials(mi.steel, mi.electrolyte);
    world.setTimestep(dt);
    world.setSkin(0.2 * p.siDiameter);
    world.setMaxOverlapRatio(1.9);   // CNT beads embed in the soft Li15Si4 (δ up to ~2 r_b; the guard stops a bead passing through)
    world.setPlatenFixed(p.thickness0);
    const layout = placeCastLayer(world, p, cnt, seed);
    // scaled lithiation time: linear growth strain ε = ln(V_r)/3 over T at inertial number I, with the
    // lithiated diameter and density (the slowest case: soft, large, light particles)
    const rhoFull = mats[mi.stages].density;
    const dFull = p.siDiameter * dcbrt(p.volumeRatio);
    const T = (dlog(p.volumeRatio) / 3) * dFull * Math.sqrt(rhoFull / p.stackPressure) / p.inertialNumber;
    const lithSteps = Math.ceil(T / dt);
    let siV = 0, cntV = 0;
    for (let k = 0; k < layout.kind.length; k++) if (layout.kind[k] === 0) siV += layout.volume0[k]; else cntV += layout.volume0[k];
    const info: ScaffoldInfo = {
      particles: world.count, si: layout.si, beads: layout.beads, tubes: layout.tubes,
      timestep: dt, lithiationTime: lithSteps * dt, lithiationSteps: lithSteps,
      castSteps: p.castSteps, relaxSteps: Math.ceil(p.relaxFraction * lithSteps), cntMassScale: cnt.massScale,
      siVolume: siV, cntVolume: cntV, porosity0: 1 - (siV + cntV) / (p.lx * p.ly * p.thickness0),
      lithiatedVolume: siV * p.volumeRatio + cntV,
    };
    const s = new Scaffold(world, p, layout, info);
    s.applyTargets(0);
    s.record();
    return s;
  }

  get phase(): ScaffoldPhase { return this._phase; }
  get done(): boolean { return this._phase === 'done'; }
  /** Steps left in the whole protocol. */
  get stepsLeft(): number {
    const i = this.info;
    const left = { cast: i.castSteps + i.lithiationSteps + i.relaxSteps, lithiate: i.lithiationSteps + i.relaxSteps, relax: i.relaxSteps, done: 0 }[this._phase];
    return Math.max(0, left - this.stepInPhase);
  }
  /** Simulated time since the start of lithiation, s. */
  get lithiationClock(): number {
    const dt = this.info.timestep;
    switch (this._phase) {
      case 'cast': return (this.stepInPhase - this.info.castSteps) * dt;
      case 'lithiate': return this.stepInPhase * dt;
      case 'relax': return (this.info.lithiationSteps + this.stepInPhase) * dt;
      default: return (this.info.lithiationSteps + this.info.relaxSteps) * dt;
    }
  }

  /** Advances up to `steps` DEM steps through the protocol; returns the last sample. */
  advance(steps: number): ScaffoldSample {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`advance(steps = ${steps}): steps must be an integer ≥ 0.`);
    const p = this.params;
    let left = steps;
    while (left > 0 && !this.done) {
      const phaseLen = this.phaseLength();
      const chunk = Math.min(left, p.updateEvery - (this.stepInPhase % p.updateEvery), phaseLen - this.stepInPhase,
        p.sampleEvery - (this.world.stepCount % p.sampleEvery));
      const sampleNow = (this.world.stepCount + chunk) % p.sampleEvery === 0;
      this.world.step(chunk, sampleNow);
      this.stepInPhase += chunk; left -= chunk;
      if (this.stepInPhase >= phaseLen) this.nextPhase();
      if (!this.done && this.stepInPhase % p.updateEvery === 0) this.update();
      if (sampleNow) this.record();
    }
    return this.history[this.history.length - 1];
  }

  /** Runs the protocol to its end (CLI, tests). `onSample` sees each recorded sample. */
  runToEnd(onSample?: (s: ScaffoldSample) => void): ScaffoldSample {
    let seen = this.history.length;
    while (!this.done) {
      this.advance(this.params.sampleEvery);
      if (onSample) for (; seen < this.history.length; seen++) onSample(this.history[seen]);
    }
    this.world.step(1, true);
    return this.record();
  }

  private phaseLength(): number {
    const i = this.info;
    return this._phase === 'cast' ? i.castSteps : this._phase === 'lithiate' ? i.lithiationSteps : this._phase === 'relax' ? i.relaxSteps : 0;
  }

  private nextPhase(): void {
    this.stepInPhase = 0;
    if (this._phase === 'cast') {
      this._phase = 'lithiate';
      // as-cast heights decide the front's timing
      const ids = this.world.ids, z = this.world.field('z');
      for (let s = 0; s < ids.length; s++) this.z0[ids[s]] = z[s];
    } else if (this._phase === 'lithiate') this._phase = 'relax';
    else this._phase = 'done';
    if (this._phase !== 'done' && this.phaseLength() === 0) this.nextPhase();
  }

  /** Sets target volumes and materials for the current time, corrects radii, drives the plane. */
  private update(): void {
    const p = this.params, w = this.world;
    if (this._phase === 'cast') this.applyTargets(Math.min(1, this.stepInPhase / Math.max(1, 0.8 * this.info.castSteps)));
    else this.applyTargets(1);
    if ((this._phase === 'lithiate' || this._phase === 'relax') && !this.servo) {
      if (w.exports.platenForce() / (p.lx * p.ly) >= p.stackPressure) {
        w.setPlatenServo(p.stackPressure, this.vmax);
        w.setServoIntegral(0.05 * this.info.lithiationTime);   // PI: follows the steady growth without a standing error
        this.servo = true;
      }
    }
  }

  /** cast: fraction of the insert→as-cast growth done; lithiation targets follow the clock. */
  private applyTargets(castProgress: number): void {
    const p = this.params, w = this.world, L = this.layout;
    const ids = w.ids, tv = w.targetVolumes, mats = w.materials;
    const s3 = (p.castInsertScale * p.castInsertScale * p.castInsertScale);
    const castF = s3 + (1 - s3) * castProgress;
    const lith = this._phase === 'lithiate' || this._phase === 'relax' || this._phase === 'done';
    const t = this.lithiationClock, T = this.info.lithiationTime, K = p.lithiationStages;
    let changed = false;
    for (let s = 0; s < ids.length; s++) {
      const id = ids[s];
      if (L.kind[id] === 1) { tv[s] = L.volume0[id]; continue; }
      if (!lith) { tv[s] = L.volume0[id] * castF; continue; }
      const x = lithiationState(t, T, this.z0[id], p);
      this.xState[id] = x;
      tv[s] = L.volume0[id] * volumeFactor(x, p);
      const m = stageOf(x, K);
      if (mats[s] !== m) { mats[s] = m; changed = true; }
    }
    if (changed) w.updateParticles();
    w.honestRadii(2);
  }

  /** Records (and returns) a sample of the current state; diagnostics come from the last diagnostic step. */
  record(): ScaffoldSample {
    const w = this.world, p = this.params, e = w.exports;
    const area = p.lx * p.ly;
    const tv = w.targetVolumes;
    let vs = 0; for (let s = 0; s < tv.length; s++) vs += tv[s];
    let xs = 0, ns = 0;
    for (let id = 0; id < this.layout.kind.length; id++) if (this.layout.kind[id] === 0) { xs += this.xState[id]; ns++; }
    const pairs = e.contactPairs(), walls = e.wallContacts();
    const h = w.platenZ;
    const sample: ScaffoldSample = {
      step: w.stepCount, time: this.lithiationClock, phase: this._phase, lithiation: ns ? xs / ns : 0,
      thickness: h, porosity: 1 - vs / (area * h),
      platenPressure: e.platenForce() / area, collectorPressure: e.collectorForce() / area,
      plane: this.servo ? 'servo' : 'fixed', planeVelocity: e.platenV(),
      coordination: w.count ? (2 * pairs) / w.count : 0,
      meanOverlapRatio: pairs + walls > 0 ? e.sumOverlapRatio() / (pairs + walls) : 0,
      maxOverlapRatio: e.maxOverlapRatio(),
      kineticEnergy: e.kineticEnergy() + e.rotationalEnergy(),
    };
    this.history.push(sample);
    return sample;
  }

  /** The latest sample (records one if none yet). */
  metrics(): ScaffoldSample { return this.history[this.history.length - 1] ?? this.record(); }

  /** Solid fraction profile over height (slabs of `dz`, m): scaffold-volume.ts. */
  profile(dz = this.params.siDiameter): { z: number[]; solid: number[] } {
    return solidFractionsOfSlab(this.world, this.world.platenZ, dz);
  }

  /**
   * The scaffold as the voxel grid of part 2 (src/interlayer/voxel-grid.ts): Li3.75Si (and not yet
   * lithiated Si) → lisi, CNT beads → cnt, above the plane → electrolyte; h defaults to params.voxelSize.
   */
  voxelize(h = this.params.voxelSize): VoxelGrid {
    return voxelizeFinished({ params: this.params, top: this.world.platenZ, spheres: sphereArrays(this) }, h);
  }

  /** 0 = Si / Li–Si particle, 1 = CNT bead, by stable id. */
  kindOf(id: number): number { return this.layout.kind[id]; }

  /** Pore-size distribution (local thickness, Hildebrand & Rüegsegger 1997) of the voxelized scaffold. */
  poreSizes(grid: VoxelGrid = this.voxelize()): PoreSizeDistribution & { porosity: number; solidVolume: number } {
    const psd = poreSizeDistribution(grid);
    const solidVolume = solidVoxelVolume(grid);
    return { ...psd, solidVolume, porosity: 1 - solidVolume / (this.params.lx * this.params.ly * this.world.platenZ) };
  }
}
