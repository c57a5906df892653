// Typed facade over the WASM DEM core. SI units at this edge (m, kg, s, N, Pa).
//
// One World = one instance of the core module (its own linear memory). Views into that memory
// are re-created whenever memory.buffer changes, because memory.grow detaches every view
// (AssemblyScript #2778): always read through the getters, never keep a view across step().

/** The raw exports of build/core.wasm (assembly/index.ts). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  init(capacity: number): void;
  capacity(): number;
  count(): number;
  setBox(lx: number, ly: number): void;
  setGravity(g: number): void;
  setTimestep(dt: number): void;
  timestep(): number;
  setSkin(s: number): void;
  setRollingMode(m: number): void;
  setMaxOverlapRatio(r: number): void;
  seed(lo: number, hi: number): void;
  setMaterial(m: number, E: number, nu: number, rho: number, e: number, mu: number, mur: number, py: number): void;
  updatePairs(): void;
  maxMaterials(): number;
  setWallMaterials(collector: number, platen: number): void;
  setPlaten(mode: number, z: number, v: number): void;
  setServo(pressure: number, vmax: number, gain: number): void;
  setServoIntegral(ti: number): void;
  setVelocity(i: number, vx: number, vy: number, vz: number): void;
  addVelocity(dvx: number, dvy: number, dvz: number): void;
  setAngularVelocity(i: number, wx: number, wy: number, wz: number): void;
  setPosition(i: number, x: number, y: number, z: number): void;
  addParticle(x: number, y: number, z: number, r: number, mat: number): number;
  scratch(bytes: number): number;
  insertRandom(n: number, radPtr: number, matPtr: number, z0: number, z1: number, attempts: number): number;
  step(n: number, diag: boolean | number): number;
  time(): number;
  stepCount(): number;
  errorCode(): number;
  errorParticle(): number;
  errorParticle2(): number;
  errorValue(): number;
  clearError(): void;
  platenZ(): number;
  platenV(): number;
  platenMode(): number;
  collectorForce(): number;
  platenForce(): number;
  kineticEnergy(): number;
  rotationalEnergy(): number;
  gravityEnergy(): number;
  contactEnergy(): number;
  contactPairs(): number;
  wallContacts(): number;
  maxOverlapRatio(): number;
  sumOverlapRatio(): number;
  neighborCount(): number;
  rebuildCount(): number;
  sortCount(): number;
  buildNeighbors(): void;
  solidFractionSlab(z0: number, z1: number): number;
  ptr(k: number): number;
  snapshot(): number;
  snapshotLength(): number;
  hash(p: number, len: number): bigint;
  restore(p: number): number;
  restitutionForDamping(c: number): number;
  dampingForRestitution(e: number): number;
  // particles that change during a run (assembly/growth.ts)
  setRadius(i: number, r: number): void;
  setParticleMaterial(i: number, m: number): void;
  updateParticles(): void;
  honestRadii(iterations: number): number;
  honestVolume(): number;
  lensVolume(a: number, b: number, d: number): number;
  // bonds (assembly/bonds.ts)
  addBond(i: number, j: number, l0: number, k: number, zeta: number): number;
  addAngle(a: number, b: number, c: number, kTheta: number, zeta: number, lever: number): number;
  clearBonds(): void;
  bondCount(): number;
  angleCount(): number;
  bondI(b: number): number;
  bondJ(b: number): number;
  bondEnergy(): number;
  maxBondStrain(): number;
}

/** A material in SI units. yieldPressure null or 0 = purely elastic Hertz. */
export interface MaterialSI {
  youngsModulus: number;     // Pa
  poissonRatio: number;      // –
  density: number;           // kg/m³
  restitution: number;       // –, (0, 1]
  friction: number;          // –, sliding μ
  rollingFriction: number;   // –, μ_r
  yieldPressure: number | null; // Pa, Thornton–Ning yield contact pressure p_y
}

export type RollingMode = 'none' | 'cdt' | 'epsd';
const ROLLING: Record<RollingMode, number> = { none: 0, cdt: 1, epsd: 2 };

/** Per-particle f64 fields the core exposes (see ptr() in assembly/index.ts). */
export const FIELD = {
  x: 0, y: 1, z: 2, vx: 3, vy: 4, vz: 5, wx: 6, wy: 7, wz: 8, fx: 9, fy: 10, fz: 11,
  radius: 12, mass: 13, forceSum: 16, forceMax: 17,
  sxx: 18, syy: 19, szz: 20, sxy: 21, sxz: 22, syz: 23,
} as const;
export type FieldName = keyof typeof FIELD;

/** Thrown when the core stops a run; the world keeps its last state and can be inspected. */
export class SimulationError extends Error {
  constructor(message: string, readonly code: number, readonly particle: number) { super(message); this.name = 'SimulationError'; }
}

export interface WorldMetrics {
  count: number;
  step: number;
  time: number;                 // s
  timestep: number;             // s
  kineticEnergy: number;        // J (translational + rotational)
  platenZ: number;              // m: the packing height — the platen when it carries load, else the bed's free surface (bedSurface)
  platenVelocity: number;       // m/s (+z up)
  collectorPressure: number;    // Pa
  platenPressure: number;       // Pa
  /** Mass-based: Σ m_i/ρ_i of particles with centres below platenZ / (lx·ly·platenZ). Overlaps do not inflate it. */
  solidFraction: number;
  /** Bulk (electrode) density: Σ m_i of those particles / (lx·ly·platenZ), kg/m³. */
  density: number;
  /** From the last diagnostic step: */
  coordination: number;         // 2·(particle contacts)/N
  contactPairs: number;
  wallContacts: number;
  meanOverlapRatio: number;     // ⟨δ / min r⟩ over contacts
  maxOverlapRatio: number;
}

export class World {
  readonly exports: CoreExports;
  readonly capacity: number;
  private buffer: ArrayBuffer | SharedArrayBuffer | null = null;
  private views = new Map<number, Float64Array | Int32Array>();
  private lx = 0; private ly = 0;
  private densities: number[] = [];
  private freed = false;

  private constructor(exports: CoreExports, capacity: number) {
    this.exports = exports;
    this.capacity = capacity;
  }

  /** Instantiates the core module for a world of at most `capacity` particles. */
  static async create(module: WebAssembly.Module, capacity: number): Promise<World> {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 5_000_000)
      throw new RangeError(`capacity = ${capacity} is out of range: must be an integer from 1 to 5,000,000 particles.`);
    let exports: CoreExports | null = null;
    const instance = await WebAssembly.instantiate(module, {
      env: {
        abort(msg: number, file: number, line: number, col: number) {
          const text = exports ? readAsString(exports.memory, msg) : '';
          throw new Error(`DEM core aborted: ${text} (${exports ? readAsString(exports.memory, file) : ''}:${line}:${col})`);
        },
      },
    });
    exports = instance.exports as unknown as CoreExports;
    exports.init(capacity);
    return new World(exports, capacity);
  }

  free(): void { this.freed = true; this.views.clear(); this.buffer = null; }

  get count(): number { return this.exports.count(); }
  get time(): number { return this.exports.time(); }
  get stepCount(): number { return this.exports.stepCount(); }
  get timestep(): number { return this.exports.timestep(); }
  get boxX(): number { return this.lx; }
  get boxY(): number { return this.ly; }

  // ---- configuration ---------------------------------------------------------------------
  setBox(lx: number, ly: number): void { this.lx = lx; this.ly = ly; this.exports.setBox(lx, ly); }
  setGravity(g: number): void { this.exports.setGravity(g); }
  setTimestep(dt: number): void { this.exports.setTimestep(dt); }
  setSkin(skin: number): void { this.exports.setSkin(skin); }
  setRolling(mode: RollingMode): void { this.exports.setRollingMode(ROLLING[mode]); }
  setMaxOverlapRatio(r: number): void { this.exports.setMaxOverlapRatio(r); }
  seed(seed: number): void { this.exports.seed(seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0); }

  /** Defines materials 0..n−1 (walls are materials too). */
  setMaterials(list: MaterialSI[]): void {
    if (list.length > this.exports.maxMaterials())
      throw new RangeError(`${list.length} materials given; the core holds at most ${this.exports.maxMaterials()}.`);
    list.forEach((m, k) => this.exports.setMaterial(k, m.youngsModulus, m.poissonRatio, m.density, m.restitution,
      m.friction, m.rollingFriction, m.yieldPressure ?? 0));
    this.densities = list.map((m) => m.density);
    this.exports.updatePairs();
  }
  setWallMaterials(collector: number, platen: number): void { this.exports.setWallMaterials(collector, platen); }

  // ---- platen ------------------------------------------------------------------------------
  removePlaten(): void { this.exports.setPlaten(3, 0, 0); }
  setPlatenFixed(z = this.platenZ): void { this.exports.setPlaten(0, z, 0); }
  /** Platen moving at v (m/s, negative = down). */
  setPlatenVelocity(v: number, z = this.platenZ): void { this.exports.setPlaten(1, z, v); }
  /** Platen servo-held at `pressure` (Pa), moving at most `vmax` (m/s). */
  setPlatenServo(pressure: number, vmax: number, gain = 0): void { this.exports.setServo(pressure, vmax, gain); }
  /**
   * Integral time of the servo, s (0 = proportional only, the default): the platen speed gets the
   * integral of the proportional speed over ti, so a bed that keeps growing is followed without a
   * standing pressure error. Not stored in snapshots (restore resets it to 0).
   */
  setServoIntegral(ti: number): void {
    if (!(ti >= 0) || !Number.isFinite(ti)) throw new RangeError(`servo integral time = ${ti} s: must be a finite number ≥ 0.`);
    this.exports.setServoIntegral(ti);
  }
  get platenZ(): number { return this.exports.platenZ(); }
  get platenPresent(): boolean { return this.exports.platenMode() !== 3; }

  // ---- particles -----------------------------------------------------------------------------
  addParticle(x: number, y: number, z: number, r: number, material = 0): number {
    const i = this.exports.addParticle(x, y, z, r, material);
    if (i < 0) this.throwIfError();
    return i;
  }
  setVelocity(i: number, vx: number, vy: number, vz: number): void { this.exports.setVelocity(i, vx, vy, vz); }
  /** Adds a velocity to every particle, m/s. */
  addVelocity(dvx: number, dvy: number, dvz: number): void { this.exports.addVelocity(dvx, dvy, dvz); }
  setAngularVelocity(i: number, wx: number, wy: number, wz: number): void { this.exports.setAngularVelocity(i, wx, wy, wz); }
  setPosition(i: number, x: number, y: number, z: number): void { this.exports.setPosition(i, x, y, z); }

  // ---- particles that change during a run (assembly/growth.ts) ------------------------------
  /**
   * Sets particle (storage slot) i's radius, m. Mass and inertia follow (m = ρ 4/3 π r³,
   * I = 2/5 m r²); the change acts from the next force pass, and the neighbour list is rebuilt
   * before growth can eat the Verlet skin.
   */
  setRadius(i: number, r: number): void {
    if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`radius of particle ${i} = ${r} m: must be a finite number > 0.`);
    this.exports.setRadius(i, r);
  }
  /** Switches particle (storage slot) i to material m (its mass follows the new density). */
  setParticleMaterial(i: number, m: number): void {
    if (!Number.isInteger(m) || m < 0 || m >= this.densities.length)
      throw new RangeError(`material ${m} for particle ${i}: must be an integer from 0 to ${this.densities.length - 1} (the materials defined).`);
    this.exports.setParticleMaterial(i, m);
  }
  /** Call after writing radii (field('radius')) or materials (materials) in bulk: mass, inertia, skin record. */
  updateParticles(): void { this.exports.updateParticles(); }
  /**
   * Target solid volumes (m³) of the volume-honest radius correction, per storage slot
   * (0 = not corrected). A live view: write it, then call honestRadii().
   */
  get targetVolumes(): Float64Array { return this.view(29, Float64Array); }
  /**
   * Volume-honest radii (assembly/growth.ts): each particle with a target volume V* gets the
   * radius for which its sphere minus half of each lens it shares with an overlapping neighbour
   * and minus the caps cut off by the collector and platen equals V*. Returns the largest relative
   * radius change of the last of `iterations` fixed-point passes.
   */
  honestRadii(iterations = 3): number { return this.exports.honestRadii(iterations); }
  /** Σ (sphere − ½ shared lenses − wall caps), m³: the solids' union volume inside the slab up to triple overlaps. */
  honestVolume(): number { return this.exports.honestVolume(); }

  // ---- bonds (assembly/bonds.ts) ------------------------------------------------------------
  /** Stretch bond between slots i and j: rest length l0 (m), stiffness k (N/m), damping ratio zeta. */
  addBond(i: number, j: number, l0: number, k: number, zeta = 0): number {
    const n = this.count;
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < n && j < n && i !== j))
      throw new RangeError(`bond (${i}, ${j}): both must be different particles from 0 to ${n - 1}.`);
    if (!(l0 > 0) || !(k > 0) || !(zeta >= 0)) throw new RangeError(`bond (${i}, ${j}): l0 = ${l0} m and k = ${k} N/m must be > 0, zeta = ${zeta} ≥ 0.`);
    return this.exports.addBond(i, j, l0, k, zeta);
  }
  /** Bending triplet a–b–c (b in the middle): U = kTheta (1 + cos θ) J, so EI = kTheta·lever for bond length `lever` (m). */
  addAngle(a: number, b: number, c: number, kTheta: number, zeta = 0, lever = 0): number {
    const n = this.count;
    if (![a, b, c].every((q) => Number.isInteger(q) && q >= 0 && q < n) || a === b || b === c || a === c)
      throw new RangeError(`angle (${a}, ${b}, ${c}): three different particles from 0 to ${n - 1} are needed.`);
    if (!(kTheta > 0) || !(zeta >= 0) || !(lever >= 0)) throw new RangeError(`angle (${a}, ${b}, ${c}): kTheta = ${kTheta} J must be > 0, zeta and lever ≥ 0.`);
    return this.exports.addAngle(a, b, c, kTheta, zeta, lever);
  }
  get bondCount(): number { return this.exports.bondCount(); }
  get angleCount(): number { return this.exports.angleCount(); }
  /** Current storage slots of bond b (they follow the particles when the storage is re-sorted). */
  bond(b: number): [number, number] { return [this.exports.bondI(b), this.exports.bondJ(b)]; }
  /** Stored stretch + bending energy, J. */
  bondEnergy(): number { return this.exports.bondEnergy(); }

  /** Inserts particles without overlap at random in z ∈ [z0, z1] (whole periodic cross-section). Returns the number inserted. */
  insertRandom(radii: ArrayLike<number>, materials: ArrayLike<number> | number, z0: number, z1: number, attempts = 2000): number {
    const n = radii.length;
    const e = this.exports;
    const base = e.scratch(n * 12 + 16);
    const rad = new Float64Array(e.memory.buffer, base, n);
    const mat = new Int32Array(e.memory.buffer, base + n * 8, n);
    for (let k = 0; k < n; k++) { rad[k] = radii[k]; mat[k] = typeof materials === 'number' ? materials : materials[k]; }
    const done = e.insertRandom(n, base, base + n * 8, z0, z1, attempts);
    this.throwIfError();
    return done;
  }

  // ---- running -----------------------------------------------------------------------------
  /** Advances n steps; fills per-particle diagnostics on the last one when `diagnostics`. Throws SimulationError on a blow-up. */
  step(n: number, diagnostics = false): number {
    const done = this.exports.step(n, diagnostics ? 1 : 0);
    this.throwIfError();
    return done;
  }

  private throwIfError(): void {
    const e = this.exports;
    const code = e.errorCode();
    if (code === 0) return;
    const i = e.errorParticle(), j = e.errorParticle2(), v = e.errorValue();
    e.clearError();
    const at = `at step ${e.stepCount()} (t = ${fmt(e.time())} s)`;
    const dtHint = 'Usually the timestep is too large for the stiffest contact: lower solver.timestepFraction, or give solver.timestep: null for the automatic Rayleigh-based value.';
    let msg: string;
    switch (code) {
      case 1: msg = `Simulation stopped ${at}: particle ${i} has a non-finite position or velocity (NaN). ${dtHint}`; break;
      case 2: {
        const other = j >= 0 ? `particle ${j}` : j === -1 ? 'the current collector' : 'the platen';
        msg = `Simulation stopped ${at}: the overlap between particle ${i} and ${other} reached ${fmt(v)} of the radius, above solver.maxOverlapRatio. The contacts are too soft for the load (raise youngsModulus or yieldPressure, lower the platen speed or pressure) or the timestep is too large.`;
        break;
      }
      case 3: msg = `Simulation stopped ${at}: kinetic energy ran away to ${fmt(v)}× the energy put in (energy is not conserved). ${dtHint}`; break;
      case 4: msg = `Particle capacity reached: this world holds at most ${this.capacity} particles. Create it with a larger capacity.`; break;
      case 5: msg = `Simulation stopped ${at}: particle ${i} left the box through the collector or the platen (z = ${fmt(v)} m). ${dtHint}`; break;
      case 6: msg = `Simulation stopped ${at}: particle ${i} moved farther than the periodic box in one step. ${dtHint}`; break;
      default: msg = `Simulation stopped ${at}: core error code ${code}.`;
    }
    throw new SimulationError(msg, code, i);
  }

  // ---- views --------------------------------------------------------------------------------
  private view<T extends Float64Array | Int32Array>(k: number, ctor: { new(b: ArrayBufferLike, o: number, l: number): T }): T {
    if (this.freed) throw new Error('World was freed.');
    const buf = this.exports.memory.buffer;
    if (buf !== this.buffer) { this.views.clear(); this.buffer = buf; }
    const n = this.count;
    let v = this.views.get(k) as T | undefined;
    if (!v || v.length !== n) { v = new ctor(buf, this.exports.ptr(k), n); this.views.set(k, v); }
    return v;
  }
  /** A live view of a per-particle f64 field (length = count). Do not keep it across step(). */
  field(name: FieldName): Float64Array { return this.view(FIELD[name], Float64Array); }
  get materials(): Int32Array { return this.view(14, Int32Array); }
  get contacts(): Int32Array { return this.view(15, Int32Array); }
  /**
   * Stable particle ids (insertion order) of the storage slots. Worlds of ≥ 1,024 particles are
   * re-sorted by cell at neighbour rebuilds for cache locality, so slot i is not always the same
   * particle; `layoutVersion` changes whenever that happens (re-read radii, materials, ids then).
   */
  get ids(): Int32Array { return this.view(27, Int32Array); }
  get layoutVersion(): number { return this.exports.sortCount(); }

  /**
   * Particle–particle contacts of the last diagnostic step (step(n, true)): storage slots i, j and
   * the contact force magnitude |F| in N. Valid until the next step.
   */
  contactForces(): { i: Int32Array; j: Int32Array; force: Float64Array } {
    const mem = this.exports.memory.buffer;
    const n = this.count;
    const start = new Int32Array(mem, this.exports.ptr(24), n + 1);
    const js = new Int32Array(mem, this.exports.ptr(25), start[n]);
    const fs = new Float64Array(mem, this.exports.ptr(28), start[n]);
    let m = 0;
    for (let k = 0; k < start[n]; k++) if (fs[k] > 0) m++;
    const out = { i: new Int32Array(m), j: new Int32Array(m), force: new Float64Array(m) };
    let c = 0;
    for (let i = 0; i < n; i++) {
      for (let k = start[i]; k < start[i + 1]; k++) {
        if (fs[k] > 0) { out.i[c] = i; out.j[c] = js[k]; out.force[c] = fs[k]; c++; }
      }
    }
    return out;
  }

  /** Neighbour pairs (i < count) as [i, j] from the current list (builds it first). */
  neighborPairs(): Array<[number, number]> {
    this.exports.buildNeighbors();
    const mem = this.exports.memory.buffer;
    const n = this.count;
    const start = new Int32Array(mem, this.exports.ptr(24), n + 1);
    const js = new Int32Array(mem, this.exports.ptr(25), start[n]);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) for (let k = start[i]; k < start[i + 1]; k++) out.push([i, js[k]]);
    return out;
  }

  /**
   * Love–Weber particle stress from the last diagnostic step, with V = particle volume
   * ("contact stress"; physics-reference §6.2). Pressure p = −tr σ/3 (compression positive),
   * von Mises = √(3/2 s:s). Pa.
   */
  particleStress(): { pressure: Float64Array; vonMises: Float64Array } {
    const n = this.count;
    const r = this.field('radius');
    const [xx, yy, zz, xy, xz, yz] = (['sxx', 'syy', 'szz', 'sxy', 'sxz', 'syz'] as const).map((k) => this.field(k));
    const pressure = new Float64Array(n), vonMises = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const V = (4 / 3) * Math.PI * r[i] ** 3;
      const a = xx[i] / V, b = yy[i] / V, c = zz[i] / V, d = xy[i] / V, e = xz[i] / V, f = yz[i] / V;
      const m = (a + b + c) / 3;
      pressure[i] = -m;
      const sa = a - m, sb = b - m, sc = c - m;
      vonMises[i] = Math.sqrt(1.5 * (sa * sa + sb * sb + sc * sc + 2 * (d * d + e * e + f * f)));
    }
    return { pressure, vonMises };
  }

  /** Solid volume (m³; mass / density, so overlaps never inflate it) and mass (kg) of the particles with centres below zMax. */
  solids(zMax = Infinity): { volume: number; mass: number } {
    const m = this.field('mass'), z = this.field('z'), mat = this.materials;
    let volume = 0, mass = 0;
    for (let i = 0; i < m.length; i++) if (z[i] < zMax) { volume += m[i] / this.densities[mat[i]]; mass += m[i]; }
    return { volume, mass };
  }

  /**
   * Height of the bed's free surface, m: where the solid fraction profile (slabs of half the mean
   * diameter, sphere volume sliced exactly) first falls below half the mean of the bed's lower half.
   * The highest particle top overstates it by up to a diameter (a large particle resting on top),
   * which matters for the poured density of wide PSDs.
   */
  bedSurface(): number {
    const z = this.field('z'), r = this.field('radius');
    const n = z.length;
    if (n === 0) return 0;
    let dMean = 0, top = 0;
    for (let i = 0; i < n; i++) { dMean += 2 * r[i]; top = Math.max(top, z[i] + r[i]); }
    dMean /= n;
    const h = dMean / 2, bins = Math.ceil(top / h);
    const vol = new Float64Array(bins);
    for (let i = 0; i < n; i++) {
      const b0 = Math.max(0, Math.floor((z[i] - r[i]) / h)), b1 = Math.min(bins - 1, Math.floor((z[i] + r[i]) / h));
      for (let b = b0; b <= b1; b++) {
        const a = Math.max(b * h, z[i] - r[i]) - z[i], c = Math.min((b + 1) * h, z[i] + r[i]) - z[i];
        if (c > a) vol[b] += Math.PI * (r[i] * r[i] * (c - a) - (c * c * c - a * a * a) / 3);
      }
    }
    const area = this.lx * this.ly * h;
    let ref = 0, m = 0;
    for (let b = 0; b < bins; b++) { const t = vol[b] / area; if ((b + 0.5) * h < top / 2) { ref += t; m++; } }
    ref /= Math.max(1, m);
    for (let b = Math.floor(bins / 2); b < bins; b++) if (vol[b] / area < 0.5 * ref) return b * h;
    return top;
  }

  /** Highest particle top (max z + r), m. */
  bedHeight(): number {
    const z = this.field('z'), r = this.field('radius');
    let h = 0;
    for (let i = 0; i < z.length; i++) h = Math.max(h, z[i] + r[i]);
    return h;
  }

  metrics(): WorldMetrics {
    const e = this.exports;
    const n = this.count;
    const area = this.lx * this.ly;
    // the packing height: the platen when it carries load, else the bed's free surface
    const pz = this.platenPresent && e.platenForce() > 0 ? e.platenZ() : this.bedSurface();
    const pairs = e.contactPairs(), walls = e.wallContacts();
    const below = this.solids(pz);
    return {
      count: n,
      step: e.stepCount(),
      time: e.time(),
      timestep: e.timestep(),
      kineticEnergy: e.kineticEnergy() + e.rotationalEnergy(),
      platenZ: pz,
      platenVelocity: e.platenV(),
      collectorPressure: e.collectorForce() / area,
      platenPressure: this.platenPresent ? e.platenForce() / area : 0,
      solidFraction: n > 0 && pz > 0 ? below.volume / (area * pz) : 0,
      density: n > 0 && pz > 0 ? below.mass / (area * pz) : 0,
      coordination: n > 0 ? (2 * pairs) / n : 0,
      contactPairs: pairs,
      wallContacts: walls,
      meanOverlapRatio: pairs + walls > 0 ? e.sumOverlapRatio() / (pairs + walls) : 0,
      maxOverlapRatio: e.maxOverlapRatio(),
    };
  }

  // ---- snapshot ----------------------------------------------------------------------------
  /** The full dynamic state as bytes (a copy). */
  snapshot(): Uint8Array {
    const p = this.exports.snapshot();
    return new Uint8Array(this.exports.memory.buffer, p, this.exports.snapshotLength()).slice();
  }
  /** 64-bit hash of the snapshot, as 16 hex digits. Same scene + seed → same hash, in Node and in browsers. */
  hash(): string {
    const p = this.exports.snapshot();
    return BigInt.asUintN(64, this.exports.hash(p, this.exports.snapshotLength())).toString(16).padStart(16, '0');
  }
  restore(bytes: Uint8Array): void {
    const p = this.exports.scratch(bytes.length);
    new Uint8Array(this.exports.memory.buffer, p, bytes.length).set(bytes);
    const rc = this.exports.restore(p);
    if (rc === 1) throw new Error('Not an Electrode Lab snapshot (bad magic or version).');
    if (rc === 2) throw new Error(`Snapshot holds more particles than this world's capacity (${this.capacity}).`);
  }
}

function fmt(v: number): string { return Number.isFinite(v) ? v.toPrecision(4) : String(v); }

/** Reads an AssemblyScript string (UTF-16, byte length at ptr − 4). */
function readAsString(mem: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const len = new Uint32Array(mem.buffer, ptr - 4, 1)[0] >>> 1;
  return String.fromCharCode(...new Uint16Array(mem.buffer, ptr, len));
}
