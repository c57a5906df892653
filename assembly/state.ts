// Structure-of-arrays particle storage and world parameters of the DEM core.
//
// Every per-particle quantity is a raw f64 (or i32) array in linear memory, addressed by
// pointer so that the TS facade can make typed-array views without copies. Arrays are sized
// for `capacity` particles when the world is created; nothing per-particle is reallocated
// afterwards. Only the neighbour list grows (see neighbors.ts), which may grow memory: the
// facade therefore re-creates its views whenever `memory.buffer` changes.
//
// Units: SI throughout (m, kg, s, N, Pa).

// ---- raw memory helpers ----------------------------------------------------------------
@inline export function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline export function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline export function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline export function sti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

/** Allocates zeroed memory (the TLSF allocator of the `minimal` runtime aligns to 16 bytes). */
export function allocZero(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}
export function allocF64(n: i32): usize { return allocZero(<usize>max(n, 1) << 3); }
export function allocI32(n: i32): usize { return allocZero(<usize>max(n, 1) << 2); }

// ---- sizes -----------------------------------------------------------------------------
export let capacity: i32 = 0;
export let count: i32 = 0;

// ---- per-particle arrays (pointers) --------------------------------------------------------
export let PX: usize = 0; export let PY: usize = 0; export let PZ: usize = 0;        // position, m
export let VX: usize = 0; export let VY: usize = 0; export let VZ: usize = 0;        // velocity, m/s
export let WX: usize = 0; export let WY: usize = 0; export let WZ: usize = 0;        // angular velocity, rad/s
export let FX: usize = 0; export let FY: usize = 0; export let FZ: usize = 0;        // force, N
export let TX: usize = 0; export let TY: usize = 0; export let TZ: usize = 0;        // torque, N·m
export let RAD: usize = 0;    // radius, m
export let MASS: usize = 0;   // mass, kg
export let INVM: usize = 0;   // 1/mass, 1/kg
export let INVI: usize = 0;   // 1/moment of inertia (solid sphere, 2/5 m r²), 1/(kg·m²)
export let MAT: usize = 0;    // material index, i32
export let ID: usize = 0;     // stable particle id (insertion order), i32: storage slots are re-sorted by cell
export let X0: usize = 0; export let Y0: usize = 0; export let Z0: usize = 0;        // positions at last neighbour rebuild
// diagnostics, filled on "diagnostic" steps only (see forces.ts)
export let NCONT: usize = 0;  // contacts (particles + walls), i32
export let FSUM: usize = 0;   // Σ |F_contact|, N
export let FMAX: usize = 0;   // max |F_contact|, N
export let SXX: usize = 0; export let SYY: usize = 0; export let SZZ: usize = 0;     // Love–Weber Σ f⊗b (N·m), sym.
export let SXY: usize = 0; export let SXZ: usize = 0; export let SYZ: usize = 0;
// per-particle wall contact history: 2 walls × HIST_STRIDE f64 (collector, platen)
export let WHIST: usize = 0;
// radius change during a run (growth.ts): radius at the last neighbour build, m, and the target
// solid volume of the volume-honest radius correction, m³ (0 = no correction for this particle)
export let RB: usize = 0;
export let VTGT: usize = 0;
/** Largest radius increase of any particle since the last neighbour build, m (growth.ts keeps it;
 * the skin test of neighbors.ts subtracts it, so growth can never close a pair the list misses). */
export let growthMax: f64 = 0.0;
export function setGrowthMax(g: f64): void { growthMax = g; }

/** Per-contact history record (f64 slots): shear displacement (3), max overlap (1), rolling moment (3), spare. */
export const HIST_STRIDE: i32 = 8;
export const H_SX: i32 = 0; export const H_SY: i32 = 1; export const H_SZ: i32 = 2;
export const H_DMAX: i32 = 3;
export const H_MX: i32 = 4; export const H_MY: i32 = 5; export const H_MZ: i32 = 6;

// ---- world parameters ---------------------------------------------------------------------
export let lx: f64 = 1.0;           // periodic box length in x, m
export let ly: f64 = 1.0;           // periodic box length in y, m
export let gravity: f64 = 9.81;     // m/s², along −z
export let dt: f64 = 1e-9;          // timestep, s
export let skin: f64 = 0.0;         // Verlet skin, m
export let rollingMode: i32 = 0;    // 0 none, 1 constant directional torque, 2 EPSD
export let maxOverlapRatio: f64 = 0.5;  // blow-up bound on δ / min(r_i, r_j)
export let time: f64 = 0.0;         // s
export let stepCount: f64 = 0.0;    // steps taken (f64: exact up to 2^53)

export function setCapacity(cap: i32): void {
  capacity = cap;
  PX = allocF64(cap); PY = allocF64(cap); PZ = allocF64(cap);
  VX = allocF64(cap); VY = allocF64(cap); VZ = allocF64(cap);
  WX = allocF64(cap); WY = allocF64(cap); WZ = allocF64(cap);
  FX = allocF64(cap); FY = allocF64(cap); FZ = allocF64(cap);
  TX = allocF64(cap); TY = allocF64(cap); TZ = allocF64(cap);
  RAD = allocF64(cap); MASS = allocF64(cap); INVM = allocF64(cap); INVI = allocF64(cap);
  MAT = allocI32(cap); ID = allocI32(cap);
  X0 = allocF64(cap); Y0 = allocF64(cap); Z0 = allocF64(cap);
  NCONT = allocI32(cap); FSUM = allocF64(cap); FMAX = allocF64(cap);
  SXX = allocF64(cap); SYY = allocF64(cap); SZZ = allocF64(cap);
  SXY = allocF64(cap); SXZ = allocF64(cap); SYZ = allocF64(cap);
  WHIST = allocF64(cap * 2 * HIST_STRIDE);
  RB = allocF64(cap); VTGT = allocF64(cap);
}

export function setBox(x: f64, y: f64): void { lx = x; ly = y; }
export function setGravity(g: f64): void { gravity = g; }
export function setTimestep(t: f64): void { dt = t; }
export function setSkin(s: f64): void { skin = s; }
export function setRollingMode(m: i32): void { rollingMode = m; }
export function setMaxOverlapRatio(r: f64): void { maxOverlapRatio = r; }
export function setCount(n: i32): void { count = n; }
export function setClock(t: f64, steps: f64): void { time = t; stepCount = steps; }
export function advanceClock(): void { time += dt; stepCount += 1.0; }

// ---- error reporting (no strings in the core: the facade turns codes into messages) ---------
export const ERR_NONE: i32 = 0;
export const ERR_NAN: i32 = 1;          // non-finite position or velocity of particle errParticle
export const ERR_OVERLAP: i32 = 2;      // overlap/radius above maxOverlapRatio (errValue = ratio)
export const ERR_ENERGY: i32 = 3;       // kinetic energy above the energy put in (errValue = KE/budget)
export const ERR_CAPACITY: i32 = 4;     // more particles than capacity
export const ERR_ESCAPED: i32 = 5;      // particle left through the collector or platen (errParticle, errValue = z)
export const ERR_JUMP: i32 = 6;         // particle moved farther than the box in one step (errParticle)
export let errCode: i32 = 0;
export let errParticle: i32 = -1;
export let errParticle2: i32 = -1;
export let errValue: f64 = 0.0;
export function raise(code: i32, i: i32, j: i32, v: f64): void {
  if (errCode != ERR_NONE) return;   // keep the first cause
  errCode = code; errParticle = i; errParticle2 = j; errValue = v;
}
export function clearError(): void { errCode = 0; errParticle = -1; errParticle2 = -1; errValue = 0.0; }

/** Minimum-image wrap of a separation along a periodic axis of length L. */
@inline export function minImage(d: f64, L: f64): f64 {
  if (d > 0.5 * L) return d - L;
  if (d < -0.5 * L) return d + L;
  return d;
}
