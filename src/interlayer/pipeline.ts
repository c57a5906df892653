// The interlayer scene end to end (issue #5): form the cell under the solid electrolyte (part 1's DEM
// scaffold, or a bare / CNT-mat cell), hand it over as a voxel grid with electrolyte layers on top, and
// plate lithium into it with part 2's kMC — deterministic from one seed, in steps small enough for a Web
// Worker (no Node APIs here; the caller passes the compiled modules).
//
//   const run = await InterlayerRun.create({ core, kmc }, { preset: 'interlayer-65MPa', seed: 1 });
//   while (!run.done) onProgress(await run.advance({ demSteps: 2000, kmcEvents: 2e6 }));
//   run.result();                       // JSON-able summary (CLI --out, tests)
//   run.scaffoldSpheres(); run.voxels(); run.mechanismMap();   // for the viewer
//
// Stages: 'scaffold' (DEM: cast → lithiate → relax; skipped for the bare cell and the CNT mat) →
// 'handover' (voxelize at the kMC voxel, add electrolyte layers, pore sizes) → 'plating' (kMC to the
// capacity, sampled `samples` times at equal charge) → 'done'. Splitting the work differently never
// changes the result: the scaffold and the kMC are both split-independent (their tests), and samples are
// taken at fixed packet counts.
//
// Seeds: the DEM world and the synthetic cells use `seed`; the kMC uses fmix32(seed ⊕ 0x6b4d4301) so its
// SplitMix64 stream is not the DEM's.
import { Scaffold, type ScaffoldSample } from './scaffold';
import { finishScaffold, sphereArrays, voxelizeFinished, type FinishedScaffold, type ScaffoldFile } from './scaffold-file';
import { resolveScaffoldParams } from './scaffold-params';
import { KmcLattice, KmcError, type KmcCounters } from './kmc';
import { kmcParams, validateKmcParams, type KmcParams } from './kmc-params';
import { capacityOf, lithiumInventory, lithiumElectrolyteContact, depositPoints, lithiumPerColumn, electrolyteContactStress, type LithiumInventory, type DepositPoint, type ContactStress } from './kmc-metrics';
import { mechanismCurves, platingVelocity, type MechanismCurves } from './mechanism-map';
import { electrochemicalPressure } from './penetration';
import { localThickness, poreSizeDistribution } from './pore-size';
import { bareCell, interlayerScaffold } from './test-scaffolds';
import { MATERIAL, porosity as gridPorosity, validateGrid, type VoxelGrid } from './voxel-grid';
import { interlayerPreset, type InterlayerPreset, type KmcOverrides } from './presets';
import type { ScaffoldParams } from './scaffold-params';

export interface InterlayerModules {
  /** build/core.wasm (DEM); needed only for presets with a scaffold */
  core?: WebAssembly.Module | null;
  /** build/kmc.wasm */
  kmc: WebAssembly.Module;
}

export interface InterlayerOptions {
  /** preset name (see presets.ts) or a preset object */
  preset: string | InterlayerPreset;
  /** small variant (reduced slab) */
  small?: boolean;
  /** integer 0 … 2^32 − 1 (default 1) */
  seed?: number;
  /** mAh/cm², (0, 100] (default: the preset's) */
  capacity?: number;
  /** mA/cm², [1e-4, 100] (default: the preset's) */
  currentDensity?: number;
  /** samples at equal charge per half-cycle (the first plating, each stripping, each re-plating), 1 … 10000 (default 50) */
  samples?: number;
  /**
   * plating/stripping cycles after the first plating, 0 … 20 (default 0): each strips `capacity` (or less
   * if the anode loses contact) and plates `capacity` again, so the run always ends plated
   */
  cycles?: number;
  /** kMC voxel edge, m (default: the preset's) */
  voxelSize?: number;
  /** voxel edge of the scaffold's pore-size analysis, m (default: the scaffold's voxelSize, 5 nm) */
  poreVoxelSize?: number;
  /** electrolyte conform depth at the hand-over, m, 0 … 1e-6 (default: the preset's) */
  conformDepth?: number;
  /** electrolyte voxel layers above the cell, 2 … 200 (default: the preset's) */
  electrolyteLayers?: number;
  /** overrides of the preset's scaffold parameters and kMC parameters */
  scaffold?: Partial<ScaffoldParams>;
  kmc?: KmcOverrides;
  /**
   * A scaffold formed before (scaffold-file.ts): skips the DEM and hands this one over. Its preset and seed
   * must match the run's; scaffold overrides are refused (the file fixes them).
   */
  scaffoldFile?: ScaffoldFile;
}

export type InterlayerStage = 'scaffold' | 'handover' | 'plating' | 'done';

export interface PoreSizeSummary {
  /** voxel edge of the analysis, m */
  h: number;
  /** volume-weighted 10th, 50th, 90th percentile and mean of the local thickness, m */
  d10: number; d50: number; d90: number; dMean: number;
  /** open (pore) fraction of the layer below the electrolyte */
  porosity: number;
  /** bins (m) and volume fractions */
  edges: number[];
  volumeFraction: number[];
}

export interface PlatingSample {
  /** s since plating began */
  time: number;
  /** Li on the anode side, mAh/cm² (plated − stripped so far) */
  capacity: number;
  /** stripped so far, mAh/cm² (0 without cycles) */
  stripped: number;
  /** half-cycle: the first plating, then 'strip' and 'plate' of each cycle */
  phase: 'plate' | 'strip';
  /** 0 for the first plating, n for the n-th cycle's stripping and re-plating */
  cycle: number;
  /** Li by place, in packets (1 packet = one voxel of Li) */
  inventory: LithiumInventory;
  /** Li–electrolyte contact area / nominal area */
  contactFraction: number;
  nucleations: number;
  penetrations: number;
  /** dense Li layer at the collector, m (lifts the scaffold) */
  layerThickness: number;
  clusters: number;
  sites: number;
  blockedSites: number;
  miecTransfers: number;
  /** coefficient of variation of the Li voxels per column (grid part; 0 = even) */
  columnCv: number;
  /** fraction of columns without any Li in the grid and no collector layer yet */
  bareColumns: number;
}

export interface InterlayerProgress {
  stage: InterlayerStage;
  /** 0 … 1 over the whole run (scaffold and plating half each when both exist) */
  fraction: number;
  /** 0 … 1 within the stage */
  stageFraction: number;
  scaffold?: ScaffoldSample;
  plating?: PlatingSample;
}

/** Lithium inventory in mAh/cm² by place, the form the CLI prints. */
export interface InventoryByPlace {
  nearElectrolyte: number; mid: number; atCollector: number; inElectrolyte: number; inFlight: number; total: number;
}

/** One plating/stripping cycle: its stripping, measured against the plating just before it. */
export interface CycleRecord {
  /** 1-based */
  cycle: number;
  /** mAh/cm² plated in the half-cycle before and stripped in this one */
  plated: number; stripped: number;
  /** stripped / plated */
  efficiency: number;
  /** stripping stopped early: no charge-transfer site could reach Li any more */
  contactLost: boolean;
  /** Li left on the anode side after this stripping, mAh/cm² (dead Li when contact was lost) */
  left: number;
  /** Li–electrolyte contact / nominal area after the stripping and after the re-plating */
  contactAfterStrip: number; contactAfterPlate: number;
  /** penetration events so far (after the re-plating) */
  penetrations: number;
}

export interface InterlayerResult {
  preset: string;
  title: string;
  seed: number;
  kmcSeed: number;
  capacityTarget: number;
  currentDensity: number;
  stopped: string | null;
  cell: {
    kind: InterlayerPreset['cell']['kind'];
    lx: number; ly: number;
    /** layer thickness before plating, m; porosity of the layer (DEM target volumes when a scaffold) */
    thickness: number; porosity: number;
    /** kMC grid */
    grid: { nx: number; ny: number; nz: number; h: number; electrolyteLayers: number; porosity: number };
  };
  scaffold: null | {
    as: { thickness0: number; porosity0: number; particles: number; si: number; beads: number; tubes: number; steps: number };
    history: { time: number; phase: string; lithiation: number; thickness: number; porosity: number; platenPressure: number }[];
    /** 'dem': formed in this run; 'file': read from a scaffold file */
    source: 'dem' | 'file';
  };
  poreSizes: PoreSizeSummary;
  plating: PlatingSample[];
  /** one entry per plating/stripping cycle (empty without cycles) */
  cycles: CycleRecord[];
  final: {
    capacity: number; time: number;
    inventory: InventoryByPlace;
    /** fractions of the plated Li */
    atCollectorShare: number; nearElectrolyteShare: number;
    contactArea: number; contactFraction: number;
    nucleations: number; penetrations: number; throughTop: number;
    layerThickness: number; liftedThickness: number;
    /** volume-weighted mean flow stress of the Li deposits on the map (mean plating rate), Pa */
    meanFlowStress: number;
    /**
     * Li at the Li|electrolyte contacts: count, largest and mean flow stress (Pa) at the kMC's local plating
     * rate (the current over the charge-transfer sites), pore size of the hardest (m); `penetrationMargin` = min(largest, F·η_max/V_m) / Griffith threshold (≥ 1 would crack the SE)
     */
    contactStress: ContactStress;
    penetrationMargin: number;
    /** mean local pore size of the Li deposits in the grid, m */
    meanDepositSize: number;
    events: number; hops: number;
  };
  mechanism: { curves: MechanismCurves; deposits: DepositPoint[]; criticalPressure: number };
  /** parameters used */
  params: { scaffold: ScaffoldParams | null; kmc: KmcParams };
}

const MAX_SEED = 0xffffffff;

/** murmur3 fmix32: decorrelates the kMC seed from the DEM seed (integer arithmetic, same in every engine). */
export function kmcSeedOf(seed: number): number {
  let h = (seed ^ 0x6b4d4301) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Adds `layers` electrolyte voxel layers on top of a grid (the kMC needs ≥ 2; needles grow into them). */
export function withElectrolyteLayers(g: VoxelGrid, layers: number): VoxelGrid {
  const nxy = g.nx * g.ny;
  const material = new Uint8Array(nxy * (g.nz + layers));
  material.set(g.material);
  material.fill(MATERIAL.electrolyte, nxy * g.nz);
  return { nx: g.nx, ny: g.ny, nz: g.nz + layers, h: g.h, material };
}

/**
 * Lets the electrolyte conform to the top of the cell: per column, pore voxels reached from the electrolyte
 * surface straight down, within `depth` (m) of it, become electrolyte (stops at the first solid or Li
 * voxel). Why: the DEM's electrolyte is a rigid flat plane resting on sphere caps, which leaves a thin
 * slit between the caps under the whole plane; the real SE (pressed at 700 MPa in assembly, held at the
 * stack pressure, adhering to Li3.75Si: Sung 2023) fills the dimples between the top particles. Pore
 * mouths deeper than `depth` stay open to the SE (they are the MIEC|SE charge-transfer sites). Returns
 * the number of voxels changed.
 */
export function conformElectrolyte(g: VoxelGrid, depth: number): number {
  const nxy = g.nx * g.ny; const m = g.material; let changed = 0;
  if (!(depth > 0)) return 0;
  for (let c = 0; c < nxy; c++) {
    let k = g.nz - 1;
    while (k >= 0 && m[c + nxy * k] === MATERIAL.electrolyte) k--;
    const surface = (k + 1) * g.h;                          // bottom of the lowest electrolyte voxel of the top run
    for (; k >= 0 && m[c + nxy * k] === MATERIAL.pore && surface - (k + 0.5) * g.h < depth; k--) { m[c + nxy * k] = MATERIAL.electrolyte; changed++; }
  }
  return changed;
}

function checkRange(name: string, v: number, lo: number, hi: number, unit: string, integer = false, loOpen = false): void {
  const ok = typeof v === 'number' && Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && v <= hi && (!integer || Number.isInteger(v));
  if (!ok) throw new RangeError(`${name} = ${v}${unit ? ' ' + unit : ''} is out of range: must be ${integer ? 'an integer' : 'a number'} ${loOpen ? 'above' : 'from'} ${lo}${loOpen ? ' up to' : ' to'} ${hi}${unit ? ' ' + unit : ''}.`);
}

/** Pore sizes (local thickness) of the open voxels of a grid, with the grid's porosity. */
export function poreSizeSummary(g: VoxelGrid, thickness?: Float32Array): PoreSizeSummary {
  const psd = poreSizeDistribution(g, undefined, thickness ?? localThickness(g));
  return { h: g.h, d10: psd.d10, d50: psd.d50, d90: psd.d90, dMean: psd.dMean, porosity: gridPorosity(g), edges: psd.edges, volumeFraction: psd.volumeFraction };
}

export class InterlayerRun {
  readonly preset: InterlayerPreset;
  readonly seed: number;
  readonly kmcSeed: number;
  readonly capacity: number;
  readonly currentDensity: number;
  readonly samples: number;
  readonly cycles: number;
  readonly voxelSize: number;
  readonly kmcParams: KmcParams;
  /** the live DEM scaffold (null for the bare cell, the CNT mat, and a run from a scaffold file) */
  readonly scaffold: Scaffold | null;
  /** the formed scaffold handed over (from the live DEM at the hand-over, or from a file at once) */
  private formed: FinishedScaffold | null;
  /** where the formed scaffold came from: 'dem' (this run), 'file' (scaffoldFile), null (no scaffold) */
  readonly scaffoldSource: 'dem' | 'file' | null;
  /** plating samples (the first at zero charge) */
  readonly plating: PlatingSample[] = [];
  private readonly modules: InterlayerModules;
  private readonly poreVoxelSize: number | undefined;
  private _stage: InterlayerStage;
  private lattice: KmcLattice | null = null;
  /** the grid handed to the kMC (reference for the inventory thirds) */
  private reference: VoxelGrid | null = null;
  private poreSummary: PoreSizeSummary | null = null;
  private cellThickness = 0;
  private cellPorosity = 0;
  private lx = 0; private ly = 0;
  private targetPackets = 0;
  /** current half-cycle (even: plating, odd: stripping), the packets of its mode passed when it began, samples taken in it */
  private half = 0; private halfStart = 0; private halfSamples = 0;
  private readonly cycleRecords: CycleRecord[] = [];
  /** arrivals when the latest plating half-cycle began */
  private plateStart = 0;
  private _stopped: string | null = null;
  /** pore voxels turned into electrolyte by conformElectrolyte at the hand-over */
  conformed = 0;
  /** bare cell: contact columns (i, j) of the asperities */
  contacts: [number, number][] = [];
  private readonly demSteps0: number;

  private constructor(modules: InterlayerModules, preset: InterlayerPreset, o: Required<Pick<InterlayerOptions, 'seed' | 'capacity' | 'currentDensity' | 'samples' | 'cycles' | 'voxelSize'>>,
    kmc: KmcParams, scaffold: Scaffold | null, poreVoxelSize: number | undefined, formed: FinishedScaffold | null) {
    this.modules = modules; this.preset = preset;
    this.seed = o.seed; this.kmcSeed = kmc.seed; this.capacity = o.capacity; this.currentDensity = o.currentDensity;
    this.samples = o.samples; this.cycles = o.cycles; this.voxelSize = o.voxelSize; this.kmcParams = kmc;
    this.scaffold = scaffold; this.poreVoxelSize = poreVoxelSize; this.formed = formed;
    this.scaffoldSource = formed ? 'file' : scaffold ? 'dem' : null;
    this._stage = scaffold ? 'scaffold' : 'handover';
    this.demSteps0 = scaffold ? Math.max(1, scaffold.stepsLeft) : 1;
  }

  /** Validates the options (RangeError naming the option and its range) and builds the cell's first state. */
  static async create(modules: InterlayerModules, options: InterlayerOptions): Promise<InterlayerRun> {
    const preset = typeof options.preset === 'string' ? interlayerPreset(options.preset, options.small ?? false) : structuredClone(options.preset);
    const seed = options.seed ?? 1;
    checkRange('seed', seed, 0, MAX_SEED, '', true);
    const capacity = options.capacity ?? preset.capacity;
    checkRange('capacity', capacity, 0, 100, 'mAh/cm²', false, true);
    const currentDensity = options.currentDensity ?? preset.currentDensity;
    checkRange('current density', currentDensity, 1e-4, 100, 'mA/cm²');
    const samples = options.samples ?? 50;
    checkRange('samples', samples, 1, 10000, '', true);
    const cycles = options.cycles ?? 0;
    checkRange('cycles', cycles, 0, 20, '', true);
    const voxelSize = options.voxelSize ?? preset.voxelSize;
    checkRange('voxel size', voxelSize, 2e-9, 100e-9, 'm');
    if (options.conformDepth !== undefined) { checkRange('conform depth', options.conformDepth, 0, 1e-6, 'm'); preset.electrolyteConformDepth = options.conformDepth; }
    if (options.electrolyteLayers !== undefined) { checkRange('electrolyte layers', options.electrolyteLayers, 2, 200, '', true); preset.electrolyteLayers = options.electrolyteLayers; }
    if (options.poreVoxelSize !== undefined) checkRange('pore voxel size', options.poreVoxelSize, 1e-9, 100e-9, 'm');
    const over = { ...preset.kmc, ...(options.kmc ?? {}) };
    // stripping's stack pressure: the cell's (a scaffold is formed and cycled under the same pressure) unless given
    const cellStack = preset.cell.kind === 'scaffold'
      ? (options.scaffoldFile?.scaffold.params.stackPressure ?? resolveScaffoldParams({ ...preset.cell.params, ...(options.scaffold ?? {}) }).stackPressure)
      : undefined;
    const kmc = kmcParams({
      ...over, currentDensity, seed: kmcSeedOf(seed),
      ...(over.stackPressure === undefined && cellStack !== undefined ? { stackPressure: cellStack } : {}),
      surfaces: { ...(preset.kmc.surfaces ?? {}), ...(options.kmc?.surfaces ?? {}) },
      mechanism: { ...(preset.kmc.mechanism ?? {}), ...(options.kmc?.mechanism ?? {}) },
      penetration: { ...(preset.kmc.penetration ?? {}), ...(options.kmc?.penetration ?? {}) },
    });
    validateKmcParams(kmc);
    let scaffold: Scaffold | null = null;
    let formed: FinishedScaffold | null = null;
    const file = options.scaffoldFile;
    if (file) {
      const what = `the scaffold file (preset ${file.preset ?? 'custom'}, seed ${file.seed}, made with: ${file.createdWith || 'unknown'})`;
      if (preset.cell.kind !== 'scaffold') throw new RangeError(`${what} was given, but preset '${preset.name}' has no DEM scaffold (cell kind '${preset.cell.kind}').`);
      if (file.preset !== null && file.preset !== preset.name) throw new RangeError(`${what} was formed for preset '${file.preset}', not '${preset.name}': pick that preset or form a new scaffold.`);
      if (file.seed !== seed) throw new RangeError(`${what} was formed with seed ${file.seed}; run it with seed ${file.seed}, or form a scaffold for seed ${seed} (electrode-lab interlayer ${preset.name} --seed ${seed} --save-scaffold <file>).`);
      if (options.scaffold && Object.keys(options.scaffold).length) throw new RangeError(`scaffold parameters were given together with ${what}; the file fixes them: form a new scaffold instead.`);
      // a file made before the preset changed would silently give other results: its parameters must be the preset's
      const want = resolveScaffoldParams(preset.cell.params) as unknown as Record<string, unknown>;
      const got = file.scaffold.params as unknown as Record<string, unknown>;
      const differs = Object.keys(want).find((k) => want[k] !== got[k]);
      if (file.preset !== null && differs) throw new RangeError(`${what} has ${differs} = ${String(got[differs])}, but preset '${preset.name}' now uses ${String(want[differs])}: form the scaffold again (electrode-lab interlayer ${preset.name} --seed ${seed} --save-scaffold <file>).`);
      formed = file.scaffold;
    } else if (preset.cell.kind === 'scaffold') {
      const sp = { ...preset.cell.params, ...(options.scaffold ?? {}) };
      resolveScaffoldParams(sp);   // throws a RangeError naming the scaffold parameter before any allocation
      if (!modules.core) throw new Error(`interlayer preset '${preset.name}' forms a DEM scaffold: pass the core module (build/core.wasm) as modules.core.`);
      scaffold = await Scaffold.create(modules.core, sp, seed);
    } else if (options.scaffold && Object.keys(options.scaffold).length) {
      throw new RangeError(`scaffold parameters were given, but preset '${preset.name}' has no DEM scaffold (cell kind '${preset.cell.kind}').`);
    }
    return new InterlayerRun(modules, preset, { seed, capacity, currentDensity, samples, cycles, voxelSize }, kmc, scaffold, options.poreVoxelSize, formed);
  }

  get stage(): InterlayerStage { return this._stage; }
  get done(): boolean { return this._stage === 'done'; }
  /** Why plating stopped before the capacity (e.g. every charge-transfer site blocked), else null. */
  get stopped(): string | null { return this._stopped; }
  get kmc(): KmcLattice | null { return this.lattice; }
  /** The grid handed to the kMC (before plating), or null before the hand-over. */
  get handedOver(): VoxelGrid | null { return this.reference; }

  /**
   * Does one slice of work: up to `demSteps` DEM steps, or the hand-over, or up to `kmcEvents` kMC events
   * (stopping at the next sample). Returns the progress after it.
   */
  async advance(work: { demSteps?: number; kmcEvents?: number } = {}): Promise<InterlayerProgress> {
    const demSteps = work.demSteps ?? 2000; const kmcEvents = work.kmcEvents ?? 2e6;
    checkRange('demSteps', demSteps, 1, 1e9, '', true);
    checkRange('kmcEvents', kmcEvents, 1, 1e12, '', true);
    if (this._stage === 'scaffold') {
      const s = this.scaffold!;
      s.advance(demSteps);
      if (s.done) { s.runToEnd(); this.formed = finishScaffold(s); this._stage = 'handover'; }
    } else if (this._stage === 'handover') {
      await this.handOver();
    } else if (this._stage === 'plating') {
      this.plateSlice(kmcEvents);
    }
    return this.progress();
  }

  /** Runs everything; `onProgress` after each slice. */
  async runToEnd(onProgress?: (p: InterlayerProgress) => void, work?: { demSteps?: number; kmcEvents?: number }): Promise<InterlayerResult> {
    while (!this.done) { const p = await this.advance(work); onProgress?.(p); }
    return this.result();
  }

  progress(): InterlayerProgress {
    const hasDem = this.scaffold !== null;
    const demF = hasDem ? 1 - this.scaffold!.stepsLeft / this.demSteps0 : 1;
    const last = this.plating[this.plating.length - 1];
    const c = this.lattice?.counters();
    const passed = c ? c.arrivals + c.departures : 0;
    const plateF = this._stage === 'done' ? 1 : last && this.targetPackets > 0 ? Math.min(1, passed / (this.targetPackets * (1 + 2 * this.cycles))) : 0;
    const stageFraction = this._stage === 'scaffold' ? demF : this._stage === 'handover' ? 0 : plateF;
    const fraction = hasDem ? (this._stage === 'scaffold' ? 0.5 * demF : 0.5 + 0.5 * plateF) : plateF;
    const scaffold = this.scaffold?.metrics() ?? this.formed?.history[this.formed.history.length - 1];
    return { stage: this._stage, fraction, stageFraction, scaffold, plating: last };
  }

  private async handOver(): Promise<void> {
    const h = this.voxelSize; const p = this.preset; const cell = p.cell;
    let g: VoxelGrid;
    if (cell.kind === 'scaffold') {
      const s = this.formed!;
      this.lx = s.params.lx; this.ly = s.params.ly;
      const m = s.history[s.history.length - 1];
      this.cellThickness = m.thickness; this.cellPorosity = m.porosity;
      // pore sizes at the scaffold's own (fine) voxel, for the PSD report
      const fine = voxelizeFinished(s, this.poreVoxelSize ?? s.params.voxelSize);
      this.poreSummary = poreSizeSummary(fine);
      g = voxelizeFinished(s, h);
    } else if (cell.kind === 'bare') {
      const n = Math.max(4, Math.round(cell.lx / h));
      const area = (n * h) ** 2;
      const contacts = Math.max(1, Math.round(cell.contactsPerArea * area));
      const b = bareCell({ nx: n, ny: n, h, gap: cell.gap, contacts, contactRadius: cell.contactRadius, seed: this.seed, electrolyteLayers: 0 });
      this.contacts = b.contacts;
      g = b.grid;
      this.lx = this.ly = n * h; this.cellThickness = cell.gap;
    } else {
      const n = Math.max(4, Math.round(cell.lx / h));
      g = interlayerScaffold({ nx: n, ny: n, h, thickness: cell.thickness, porosity: cell.porosity, sphereRadius: cell.rodDiameter / 2,
        solid: 'cnt', cntLength: cell.rodLength, electrolyteLayers: 0, seed: this.seed });
      this.lx = this.ly = n * h; this.cellThickness = Math.round(cell.thickness / h) * h;
    }
    if (cell.kind !== 'bare') this.conformed = conformElectrolyte(g, p.electrolyteConformDepth);
    g = withElectrolyteLayers(g, p.electrolyteLayers);
    validateGrid(g);
    this.reference = g;
    const lat = await KmcLattice.create(this.modules.kmc, g, this.kmcParams);
    this.lattice = lat;
    if (cell.kind !== 'scaffold') {
      this.poreSummary = poreSizeSummary(g, lat.poreSize);
      this.cellPorosity = this.poreSummary.porosity;
    }
    this.targetPackets = lat.packetsFor(this.capacity);
    this._stage = 'plating';
    this.sample();
  }

  private get phase(): 'plate' | 'strip' { return this.half % 2 === 0 ? 'plate' : 'strip'; }
  /** Packets of the current half-cycle's direction passed so far (arrivals plating, departures stripping). */
  private passedInPhase(): number { const c = this.lattice!.counters(); return this.phase === 'plate' ? c.arrivals : c.departures; }

  private plateSlice(maxEvents: number): void {
    const lat = this.lattice!;
    const target = this.halfStart + Math.round((this.targetPackets * (this.halfSamples + 1)) / this.samples);
    try {
      if (this.passedInPhase() < target && !lat.contactLost) lat.run(maxEvents, target);
    } catch (e) {
      if (!(e instanceof KmcError)) throw e;
      this._stopped = e.message;
      this.sample();
      this._stage = 'done';
      return;
    }
    if (this.passedInPhase() >= target || lat.contactLost) {
      this.halfSamples++;
      this.sample();
      if (this.halfSamples >= this.samples || lat.contactLost) this.endHalfCycle();
    }
  }

  /** Records the half-cycle just finished and starts the next (or ends the run). */
  private endHalfCycle(): void {
    const lat = this.lattice!; const c = lat.counters();
    const contact = this.plating[this.plating.length - 1].contactFraction;   // the sample taken just now
    if (this.phase === 'strip') {
      const stripped = this.toCapacity(c.departures - this.halfStart);
      const plated = this.toCapacity(c.arrivals - this.plateStart);
      this.cycleRecords.push({ cycle: (this.half + 1) / 2, plated, stripped, efficiency: plated > 0 ? stripped / plated : 0, contactLost: lat.contactLost,
        left: c.capacity - c.stripped, contactAfterStrip: contact, contactAfterPlate: NaN, penetrations: c.penetrations });
    } else if (this.half > 0) {
      const r = this.cycleRecords[this.cycleRecords.length - 1];
      r.contactAfterPlate = contact; r.penetrations = c.penetrations;
    }
    this.half++;
    if (this.half >= 1 + 2 * this.cycles) { this._stage = 'done'; return; }
    lat.setMode(this.phase);
    this.halfStart = this.passedInPhase();
    this.halfSamples = 0;
    if (this.phase === 'plate') this.plateStart = c.arrivals;
  }

  private sample(): PlatingSample {
    const lat = this.lattice!; const c: KmcCounters = lat.counters();
    const g = lat.grid();
    const inv = lithiumInventory(g, this.reference!, c.layerPackets, c.walkers);
    const area = lat.nx * lat.ny * lat.h * lat.h;
    const perCol = lithiumPerColumn(g);
    let sum = 0; let sum2 = 0; let empty = 0;
    for (let q = 0; q < perCol.length; q++) { sum += perCol[q]; sum2 += perCol[q] * perCol[q]; if (perCol[q] === 0) empty++; }
    const mean = sum / perCol.length;
    const sd = Math.sqrt(Math.max(0, sum2 / perCol.length - mean * mean));
    const s: PlatingSample = {
      time: c.time, capacity: c.capacity - c.stripped, stripped: c.stripped, phase: this.phase, cycle: Math.ceil(this.half / 2), inventory: inv,
      contactFraction: lithiumElectrolyteContact(g, c.layerPackets) / area,
      nucleations: c.nucleations, penetrations: c.penetrations, layerThickness: lat.layerThickness(),
      clusters: c.clusters, sites: c.sites, blockedSites: c.blockedSites, miecTransfers: c.miecTransfers,
      columnCv: mean > 0 ? sd / mean : 0,
      bareColumns: c.layerPackets > 0 ? 0 : empty / perCol.length,
    };
    this.plating.push(s);
    return s;
  }

  /** Packets → mAh/cm². */
  private toCapacity(packets: number): number { return this.lattice!.capacityOf(packets); }

  /** Mechanism map along the mean plating line and the current deposits on it. */
  mechanismMap(now?: { grid: VoxelGrid; poreSize: Float32Array }): { curves: MechanismCurves; deposits: DepositPoint[]; criticalPressure: number } {
    const v = platingVelocity(this.currentDensity, this.kmcParams.mechanism.atomicVolume);
    const curves = mechanismCurves(v, this.kmcParams.mechanism);
    const lat = this.lattice;
    // `now`: the grid and pore sizes the caller already copied out of the kMC (saves two copies)
    const deposits = lat ? depositPoints(now?.grid ?? lat.grid(), now?.poreSize ?? lat.poreSizes(), v, this.kmcParams.mechanism) : [];
    return { curves, deposits, criticalPressure: lat ? lat.criticalPressure : NaN };
  }

  /** Spheres of the DEM scaffold (m), kind 0 = Si/Li–Si, 1 = CNT bead; lithiation stage 0…1 per sphere. */
  scaffoldSpheres(): { x: Float32Array; y: Float32Array; z: Float32Array; r: Float32Array; kind: Uint8Array; lithiation: Float32Array; lx: number; ly: number; top: number } | null {
    // the live world while the DEM runs; the formed scaffold (same spheres) once handed over or read from a file
    const live = this._stage === 'scaffold' ? this.scaffold : null;
    const f = live ? { params: live.params, top: live.world.platenZ, spheres: sphereArrays(live) } : this.formed;
    if (!f) return null;
    const sp = f.spheres;
    return { x: Float32Array.from(sp.x), y: Float32Array.from(sp.y), z: Float32Array.from(sp.z), r: Float32Array.from(sp.r), kind: sp.kind.slice(),
      lithiation: sp.lithiation.slice(), lx: f.params.lx, ly: f.params.ly, top: f.top };
  }

  /** The formed scaffold (for --save-scaffold), or null before the hand-over / without a scaffold. */
  formedScaffold(): FinishedScaffold | null { return this._stage === 'scaffold' ? null : this.formed; }

  /**
   * The current voxel grid (material per voxel, voxel-grid.ts codes; Li = 5 includes needles in the
   * electrolyte), the local pore size per voxel (m), the collector Li layer thickness (m: draw the grid
   * lifted by it), penetration voxels in order, and ad-atoms in flight. Null before the hand-over.
   */
  voxels(): { grid: VoxelGrid; poreSize: Float32Array; layerThickness: number; penetration: Int32Array; walkers: Int32Array } | null {
    const lat = this.lattice; if (!lat) return null;
    return { grid: lat.grid(), poreSize: lat.poreSizes(), layerThickness: lat.layerThickness(), penetration: lat.penetrationVoxels(), walkers: lat.walkerVoxels() };
  }

  result(): InterlayerResult {
    const lat = this.lattice;
    if (!lat || !this.reference || !this.poreSummary) throw new Error('InterlayerRun.result(): the run has not reached plating yet (advance until stage is "plating" or done).');
    const c = lat.counters(); const g = lat.grid();
    const last = this.plating[this.plating.length - 1];
    const inv = last.inventory;
    const cap = (x: number) => this.toCapacity(x);
    const byPlace: InventoryByPlace = {
      nearElectrolyte: cap(inv.nearElectrolyte), mid: cap(inv.mid), atCollector: cap(inv.layer + inv.nearCollector),
      inElectrolyte: cap(inv.inElectrolyte), inFlight: cap(inv.inFlight), total: cap(inv.total),
    };
    const poreSize = lat.poreSizes();
    const contactArea = lithiumElectrolyteContact(g, c.layerPackets);
    const map = this.mechanismMap({ grid: g, poreSize });
    let nv = 0; let sw = 0; let sd = 0;
    for (const d of map.deposits) { nv += d.voxels; sw += d.voxels * d.flowStress; sd += d.voxels * d.d; }
    const area = lat.nx * lat.ny * lat.h * lat.h;
    // at the kMC's local rate: the current spreads over the charge-transfer sites (engine.ts siteStrainRate)
    const siteVelocity = platingVelocity(this.currentDensity, this.kmcParams.mechanism.atomicVolume) * (lat.nx * lat.ny) / Math.max(1, c.sites);
    const cs = electrolyteContactStress(g, poreSize, siteVelocity, this.kmcParams.mechanism);
    const s = this.formed;
    return {
      preset: this.preset.name, title: this.preset.title, seed: this.seed, kmcSeed: this.kmcSeed,
      capacityTarget: this.capacity, currentDensity: this.currentDensity, stopped: this._stopped,
      cell: {
        kind: this.preset.cell.kind, lx: this.lx, ly: this.ly, thickness: this.cellThickness, porosity: this.cellPorosity,
        grid: { nx: lat.nx, ny: lat.ny, nz: lat.nz, h: lat.h, electrolyteLayers: this.preset.electrolyteLayers, porosity: gridPorosity(this.reference) },
      },
      scaffold: s ? {
        as: { thickness0: s.params.thickness0, porosity0: s.info.porosity0, particles: s.info.particles, si: s.info.si, beads: s.info.beads, tubes: s.info.tubes, steps: s.steps },
        source: this.scaffoldSource ?? 'dem',
        history: s.history.map((h) => ({ time: h.time, phase: h.phase, lithiation: h.lithiation, thickness: h.thickness, porosity: h.porosity, platenPressure: h.platenPressure })),
      } : null,
      poreSizes: this.poreSummary,
      plating: this.plating,
      cycles: this.cycleRecords,
      final: {
        capacity: c.capacity - c.stripped, time: c.time, inventory: byPlace,
        atCollectorShare: inv.total ? (inv.layer + inv.nearCollector) / inv.total : 0,
        nearElectrolyteShare: inv.total ? inv.nearElectrolyte / inv.total : 0,
        contactArea, contactFraction: contactArea / area,
        nucleations: c.nucleations, penetrations: c.penetrations, throughTop: c.throughTop,
        layerThickness: lat.layerThickness(), liftedThickness: this.cellThickness + lat.layerThickness(),
        meanFlowStress: nv ? sw / nv : 0, meanDepositSize: nv ? sd / nv : 0,
        contactStress: cs, penetrationMargin: Math.min(cs.maxStress, electrochemicalPressure(this.kmcParams.penetration)) / map.criticalPressure,
        events: c.events, hops: c.hops,
      },
      mechanism: map,
      params: { scaffold: s ? s.params : null, kmc: this.kmcParams },
    };
  }
}

/** Convenience: create and run to the end. */
export async function runInterlayer(modules: InterlayerModules, options: InterlayerOptions,
  onProgress?: (p: InterlayerProgress) => void, work?: { demSteps?: number; kmcEvents?: number }): Promise<InterlayerRun> {
  const run = await InterlayerRun.create(modules, options);
  await run.runToEnd(onProgress, work);
  return run;
}

/** CSV tables of a result (SI converted to µm, nm, MPa, h, mAh/cm² as named in each header). */
export function resultCsv(r: InterlayerResult): Record<string, string> {
  const f = (x: number, p = 6) => (Number.isFinite(x) ? Number(x.toPrecision(p)).toString() : '');
  const out: Record<string, string> = {};
  if (r.scaffold) {
    out['scaffold.csv'] = 'time_ns,phase,lithiation,thickness_um,porosity,platen_MPa\n'
      + r.scaffold.history.map((h) => [f(h.time * 1e9), h.phase, f(h.lithiation), f(h.thickness * 1e6), f(h.porosity), f(h.platenPressure / 1e6)].join(',')).join('\n') + '\n';
  }
  out['pore-sizes.csv'] = 'd_low_nm,d_high_nm,volume_fraction\n'
    + r.poreSizes.volumeFraction.map((v, b) => [f(r.poreSizes.edges[b] * 1e9), f(r.poreSizes.edges[b + 1] * 1e9), f(v)].join(',')).join('\n') + '\n';
  out['plating.csv'] = 'time_h,phase,cycle,li_on_anode_mAh_cm2,stripped_mAh_cm2,near_electrolyte_mAh_cm2,mid_mAh_cm2,at_collector_mAh_cm2,in_electrolyte_mAh_cm2,in_flight_mAh_cm2,li_electrolyte_contact_fraction,nucleations,penetrations,layer_um,clusters,sites,blocked_sites,column_cv\n'
    + r.plating.map((s) => [f(s.time / 3600), s.phase, s.cycle, f(s.capacity), f(s.stripped), f(capacityOf(s.inventory.nearElectrolyte, s)), f(capacityOf(s.inventory.mid, s)),
      f(capacityOf(s.inventory.layer + s.inventory.nearCollector, s)), f(capacityOf(s.inventory.inElectrolyte, s)), f(capacityOf(s.inventory.inFlight, s)),
      f(s.contactFraction), s.nucleations, s.penetrations, f(s.layerThickness * 1e6), s.clusters, s.sites, s.blockedSites, f(s.columnCv)].join(',')).join('\n') + '\n';
  if (r.cycles.length) {
    out['cycles.csv'] = 'cycle,plated_mAh_cm2,stripped_mAh_cm2,efficiency,contact_lost,left_mAh_cm2,contact_after_strip_fraction,contact_after_plate_fraction,penetrations\n'
      + r.cycles.map((y) => [y.cycle, f(y.plated), f(y.stripped), f(y.efficiency), y.contactLost ? 1 : 0, f(y.left), f(y.contactAfterStrip), f(y.contactAfterPlate), y.penetrations].join(',')).join('\n') + '\n';
  }
  const m = r.mechanism;
  out['mechanism-map.csv'] = 'd_nm,coble_MPa,dislocation_MPa,flow_MPa,penetration_threshold_MPa\n'
    + m.curves.d.map((d, k) => [f(d * 1e9), f(m.curves.coble[k] / 1e6), f(m.curves.dislocation[k] / 1e6), f(m.curves.flow[k] / 1e6), f(m.criticalPressure / 1e6)].join(',')).join('\n') + '\n';
  out['deposits.csv'] = 'd_nm,li_voxels,flow_MPa\n' + m.deposits.map((d) => [f(d.d * 1e9), d.voxels, f(d.flowStress / 1e6)].join(',')).join('\n') + '\n';
  return out;
}
