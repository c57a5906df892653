// Typed facade over the lithium-deposition kMC module (build/kmc.wasm, assembly/kmc/). SI inside;
// mA/cm² and mAh/cm² only where named so. One KmcLattice = one module instance = one voxel grid.
// Views into wasm memory are re-created whenever memory.buffer changes (memory.grow detaches them).
import { ELEMENTARY_CHARGE, MAH_PER_CM2 } from './constants';
import { deriveRates, substrateRanks, validateKmcParams, type DerivedRates, type KmcParams } from './kmc-params';
import { criticalPressure, electrochemicalPressure } from './penetration';
import { localThickness } from './pore-size';
import { BOLTZMANN } from './constants';
import { validateGrid, type VoxelGrid } from './voxel-grid';

/** The raw exports of build/kmc.wasm (assembly/kmc/index.ts). */
export interface KmcExports {
  memory: WebAssembly.Memory;
  init(nx: number, ny: number, nz: number): void;
  matPtr(): number;
  ltPtr(): number;
  walkerPosPtr(): number;
  walkerCapacity(): number;
  penetrationLogPtr(): number;
  penetrationLogCapacity(): number;
  seed(lo: number, hi: number): void;
  setRank(m: number, r: number): void;
  setRates(m: number, hop: number, nuc: number): void;
  setArrival(dt: number, volRate: number, h: number): void;
  setBudget(b: number): void;
  setStackPressure(p: number): void;
  setMechanics(kT: number, omega: number, ac: number, dd: number, s0: number, dref: number, m: number,
    sb: number, scap: number, se: number, pc: number): void;
  prepare(): void;
  run(maxEvents: number, target: number): number;
  setMode(m: number): void;
  mode(): number;
  time(): number;
  arrivals(): number;
  departures(): number;
  events(): number;
  hops(): number;
  nucleations(): number;
  penetrations(): number;
  throughTop(): number;
  blockedSites(): number;
  stranded(): number;
  miecTransfers(): number;
  layerPackets(): number;
  walkerCount(): number;
  siteCount(): number;
  clusterCount(): number;
  errorCode(): number;
  flowStress(d: number, rate: number): number;
  depositPressure(d: number, rate: number): number;
}

const ERRORS: Record<number, string> = {
  1: 'no charge-transfer site can take current any more: every site is blocked (its lithium can go nowhere) or none exists — check that pores or the collector touch the electrolyte',
  2: 'more than 65536 lithium packets are in flight at once: lower the current or the hop barriers',
};

/** Core code for "stripping found no Li any charge-transfer site can reach": a stop, not an error. */
const STOP_NO_LI = 3;

export class KmcError extends Error {
  constructor(message: string, readonly code: number) { super(message); this.name = 'KmcError'; }
}

/** Counters straight from the core. */
export interface KmcCounters {
  /** s, real time since plating began (= charge / current at arrival boundaries) */
  time: number;
  /** packets that have arrived (charge plated / (N_pkt·e)) */
  arrivals: number;
  /** packets stripped */
  departures: number;
  events: number;
  hops: number;
  nucleations: number;
  penetrations: number;
  /** cracks that reached the top of the grid (left the modelled electrolyte) */
  throughTop: number;
  /** times a site was blocked (its Li could go nowhere); sites are released when plating and stripping switch */
  blockedSites: number;
  /** packets absorbed into Li that could go nowhere (kept for the inventory; should stay 0) */
  stranded: number;
  /** packets that went through the Li3.75Si: plating, out of a full Li pocket to the nearest open pore; stripping, from Li to a MIEC|SE site */
  miecTransfers: number;
  /** packets in the dense Li layer at the collector */
  layerPackets: number;
  /** packets in flight (ad-atoms) */
  walkers: number;
  /** charge-transfer sites available */
  sites: number;
  /** Li metal clusters in the grid */
  clusters: number;
  /** plated capacity (all plating so far), mAh/cm² */
  capacity: number;
  /** stripped capacity (all stripping so far), mAh/cm² */
  stripped: number;
}

export class KmcLattice {
  readonly exports: KmcExports;
  readonly nx: number; readonly ny: number; readonly nz: number; readonly h: number;
  readonly params: KmcParams;
  readonly rates: DerivedRates;
  /** local pore size of the initial open space (pore ∪ Li), m (the core's copy follows cracks) */
  readonly poreSize: Float32Array;
  /** Griffith threshold of the electrolyte, Pa */
  readonly criticalPressure: number;
  private freed = false;

  private constructor(exports: KmcExports, grid: VoxelGrid, params: KmcParams, rates: DerivedRates, poreSize: Float32Array) {
    this.exports = exports;
    this.nx = grid.nx; this.ny = grid.ny; this.nz = grid.nz; this.h = grid.h;
    this.params = params; this.rates = rates; this.poreSize = poreSize;
    this.criticalPressure = criticalPressure(params.penetration);
  }

  /** Instantiates the module for `grid` (copied in) with `params`. */
  static async create(module: WebAssembly.Module, grid: VoxelGrid, params: KmcParams): Promise<KmcLattice> {
    validateGrid(grid);
    validateKmcParams(params);
    let exports: KmcExports | null = null;
    const instance = await WebAssembly.instantiate(module, {
      env: {
        abort(_msg: number, _file: number, line: number, col: number) {
          throw new Error(`kMC core aborted at ${line}:${col}`);
        },
      },
    });
    exports = instance.exports as unknown as KmcExports;
    const { nx, ny, nz, h } = grid;
    exports.init(nx, ny, nz);
    const n = nx * ny * nz;
    new Uint8Array(exports.memory.buffer, exports.matPtr(), n).set(grid.material);
    const lt = localThickness(grid);
    new Float32Array(exports.memory.buffer, exports.ltPtr(), n).set(lt);
    const rates = deriveRates(params, nx, ny, h);
    substrateRanks(params).forEach((r, m) => exports!.setRank(m, r));
    for (let m = 0; m < 6; m++) exports.setRates(m, rates.hopRate[m], rates.nucleationRate[m]);
    exports.setArrival(rates.arrivalInterval, rates.volumeRate, h);
    exports.setBudget(params.creepReach);
    exports.setStackPressure(params.stackPressure);
    const mp = params.mechanism;
    exports.setMechanics(BOLTZMANN * mp.temperature, mp.atomicVolume, mp.coblePrefactor, mp.interfaceDiffusivity,
      mp.dislocationStrength, mp.referenceSize, mp.sizeExponent, mp.bulkYield, mp.strengthCap,
      electrochemicalPressure(params.penetration), criticalPressure(params.penetration));
    exports.seed(params.seed >>> 0, Math.floor(params.seed / 2 ** 32) >>> 0);
    exports.prepare();
    return new KmcLattice(exports, grid, params, rates, lt);
  }

  free(): void { this.freed = true; }

  private check(): void {
    if (this.freed) throw new Error('this KmcLattice was freed');
    const code = this.exports.errorCode();
    if (code !== 0 && code !== STOP_NO_LI) throw new KmcError(`kMC stopped: ${ERRORS[code] ?? `error ${code}`}.`, code);
  }

  /** Packets needed for a plated capacity (mAh/cm²). */
  packetsFor(capacity_mAh_cm2: number): number {
    const area = this.nx * this.ny * this.h * this.h;
    return Math.round(capacity_mAh_cm2 * MAH_PER_CM2 * area / (this.rates.atomsPerPacket * ELEMENTARY_CHARGE));
  }

  /**
   * Runs at most `maxEvents` events and stops once `target` packets have passed in the current mode (arrivals
   * plating, departures stripping), or stripping loses contact. Returns the events done. Splitting a run
   * into calls never changes the result.
   */
  run(maxEvents: number, target = Number.MAX_SAFE_INTEGER): number {
    if (!(maxEvents >= 0)) throw new RangeError(`maxEvents = ${maxEvents}: must be ≥ 0.`);
    this.check();
    const done = this.exports.run(maxEvents, target);
    this.check();
    return done;
  }

  /**
   * Plating (Li+ arrives) or stripping (Li leaves, engine.ts stripSource). Switching releases blocked sites;
   * the core rebuilds its Li clusters, stale after stripping, at the next event that uses them. `run` targets count packets of the
   * current mode: arrivals when plating, departures when stripping.
   */
  setMode(mode: 'plate' | 'strip'): void { this.check(); this.exports.setMode(mode === 'plate' ? 0 : 1); }
  get mode(): 'plate' | 'strip' { return this.exports.mode() === 0 ? 'plate' : 'strip'; }
  /** Stripping found no Li that any charge-transfer site can reach (the anode lost contact); cleared by setMode. */
  get contactLost(): boolean { return this.exports.errorCode() === STOP_NO_LI; }

  /** Plates `capacity` mAh/cm² more. */
  plate(capacity_mAh_cm2: number, chunkEvents = 1e7, onChunk?: (c: KmcCounters) => void): KmcCounters {
    return this.pass('plate', capacity_mAh_cm2, chunkEvents, onChunk);
  }

  /** Strips `capacity` mAh/cm², or less if the anode loses contact first (then `contactLost`). */
  strip(capacity_mAh_cm2: number, chunkEvents = 1e7, onChunk?: (c: KmcCounters) => void): KmcCounters {
    return this.pass('strip', capacity_mAh_cm2, chunkEvents, onChunk);
  }

  private pass(mode: 'plate' | 'strip', capacity_mAh_cm2: number, chunkEvents: number, onChunk?: (c: KmcCounters) => void): KmcCounters {
    if (!(capacity_mAh_cm2 >= 0 && capacity_mAh_cm2 <= 100))
      throw new RangeError(`capacity = ${capacity_mAh_cm2} mAh/cm² is out of range: must be from 0 to 100 mAh/cm².`);
    this.setMode(mode);
    const count = () => (mode === 'plate' ? this.exports.arrivals() : this.exports.departures());
    const target = count() + this.packetsFor(capacity_mAh_cm2);
    while (count() < target && !this.contactLost) {
      this.run(chunkEvents, target);
      onChunk?.(this.counters());
    }
    return this.counters();
  }

  /** Packets → mAh/cm² (one packet = one voxel of Li over the slab's area). */
  capacityOf(packets: number): number {
    return packets * this.rates.atomsPerPacket * ELEMENTARY_CHARGE / (this.nx * this.ny * this.h * this.h) / MAH_PER_CM2;
  }

  counters(): KmcCounters {
    const e = this.exports;
    const arrivals = e.arrivals(); const departures = e.departures();
    return {
      time: e.time(), arrivals, departures, events: e.events(), hops: e.hops(), nucleations: e.nucleations(),
      penetrations: e.penetrations(), throughTop: e.throughTop(), blockedSites: e.blockedSites(),
      stranded: e.stranded(), miecTransfers: e.miecTransfers(), layerPackets: e.layerPackets(), walkers: e.walkerCount(), sites: e.siteCount(),
      clusters: e.clusterCount(),
      capacity: this.capacityOf(arrivals), stripped: this.capacityOf(departures),
    };
  }

  /** A copy of the current materials (lithium grows into pores and, when it penetrates, into the electrolyte). */
  materials(): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, this.exports.matPtr(), this.nx * this.ny * this.nz).slice();
  }

  /** The current voxel grid (materials copied). */
  grid(): VoxelGrid { return { nx: this.nx, ny: this.ny, nz: this.nz, h: this.h, material: this.materials() }; }

  /** Local pore size per voxel as the core sees it now (cracks inherit their deposit's size), m. */
  poreSizes(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, this.exports.ltPtr(), this.nx * this.ny * this.nz).slice();
  }

  /** Voxels of the packets in flight. */
  walkerVoxels(): Int32Array {
    const all = new Int32Array(this.exports.memory.buffer, this.exports.walkerPosPtr(), this.exports.walkerCapacity());
    return all.filter((v) => v >= 0);
  }

  /** Voxels where lithium cracked into the electrolyte, in order (at most the log capacity). */
  penetrationVoxels(): Int32Array {
    const count = Math.min(this.exports.penetrations(), this.exports.penetrationLogCapacity());
    return new Int32Array(this.exports.memory.buffer, this.exports.penetrationLogPtr(), count).slice();
  }

  /** Thickness of the dense Li layer at the collector, m (it lifts the scaffold by as much). */
  layerThickness(): number { return this.exports.layerPackets() * this.h / (this.nx * this.ny); }
}
