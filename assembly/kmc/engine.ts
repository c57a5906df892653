// The event loop: galvanostatic arrivals at fixed times plus rejection-free (BKL / Gillespie) walker
// events in between.
//
// Time. The cell runs at constant current I, so charge passes deterministically: packet n (one voxel of
// Li, N_pkt = h³/Ω atoms) arrives at t_n = n·Δt with Δt = N_pkt·e/I. Between arrivals, the ad-atom
// packets in flight ("walkers") hop and nucleate with Arrhenius rates; the next walker event is drawn
// from the total walker rate R (Δτ = −ln u / R, walker chosen ∝ its rate: Bortz–Kalos–Lebowitz 1975,
// Gillespie 1977). If the drawn time passes the next arrival, the arrival happens first and the draw is
// discarded (exact, because the exponential clock is memoryless). Nothing depends on how a caller splits
// run(): each loop pass is complete in itself and no random number is carried over.
//
// Where a packet goes:
//   arrival at a pore site       → an ad-atom packet there (or it attaches at once if Li is adjacent);
//   walker next to Li            → attaches: fills its voxel (or joins the collector layer at k = 0);
//   walker hop                   → to a face-neighbour pore voxel on a conductor surface;
//   walker nucleation            → a new Li cluster in its voxel;
//   arrival at a Li|SE site      → direct plating onto Li: the deposit pushes. If its pressure
//                                   p_Li = min(σ_flow(d, ε̇), Fη_max/V_m) exceeds the SE's flaw
//                                   threshold it cracks in (penetration); otherwise it creeps away to the
//                                   nearest free pore voxel of its cluster (breadth-first, at most `budget`
//                                   Li voxels searched) or, failing that, into the collector layer if the
//                                   cluster touches the collector, or else through the Li3.75Si (MIEC)
//                                   to the nearest open pore; a site whose Li can go nowhere is blocked
//                                   (the current moves to other sites).
import * as G from "./grid";
import * as C from "./clusters";
import * as S from "./sites";
import * as W from "./walkers";
import * as R from "./rng";
import { depositPressure, pCrit } from "./mechanics";

export const ERR_NONE: i32 = 0;
export const ERR_NO_SITES: i32 = 1;    // no charge-transfer site left
export const ERR_WALKERS: i32 = 2;     // more than W.CAP packets in flight

const hopRate = new StaticArray<f64>(6);  // 1/s per direction, by substrate material
const nucRate = new StaticArray<f64>(6);  // 1/s, by substrate material

export let dtArrival: f64 = 1;   // s per packet
export let volRate: f64 = 0;     // m³/s of Li plated (I·Ω/e)
export let h: f64 = 1e-8;        // m, voxel edge
export let budget: i32 = 4096;   // Li voxels searched per creep accommodation

export let time: f64 = 0;
export let arrivals: f64 = 0;
export let events: f64 = 0;
export let hops: f64 = 0;
export let nucleations: f64 = 0;
export let penetrations: f64 = 0;
export let throughTop: f64 = 0;
export let blocked: f64 = 0;
export let stranded: f64 = 0;
export let miecTransfers: f64 = 0;
export let errorCode: i32 = 0;

export const PENCAP: i32 = 65536;
export let PENLOG: usize = 0;  // i32 voxel ids of penetration events (first PENCAP)
let STAMP: usize = 0;          // i32 BFS visit stamps
let QUEUE: usize = 0;          // i32 BFS queue
let stampNow: i32 = 0;

export function initEngine(): void {
  STAMP = G.allocZero(<usize>G.n << 2);
  QUEUE = G.allocZero(<usize>G.n << 2);
  PENLOG = G.allocZero(<usize>PENCAP << 2);
  time = 0; arrivals = 0; events = 0; hops = 0; nucleations = 0; penetrations = 0;
  throughTop = 0; blocked = 0; stranded = 0; miecTransfers = 0; errorCode = 0; stampNow = 0;
}

export function setRates(m: i32, hop: f64, nuc: f64): void { unchecked(hopRate[m] = hop); unchecked(nucRate[m] = nuc); }
export function setArrival(dt: f64, vr: f64, h_: f64): void { dtArrival = dt; volRate = vr; h = h_; }
export function setBudget(b: i32): void { budget = max(1, b); }

@inline function coords(v: i32, out: StaticArray<i32>): void {
  const k = v / G.nxy; const r = v - k * G.nxy; const j = r / G.nx;
  unchecked(out[0] = r - j * G.nx); unchecked(out[1] = j); unchecked(out[2] = k);
}
const ijk = new StaticArray<i32>(3);

/** Turns voxel v into Li metal and refreshes every cache that can see it. */
export function setLi(v: i32): void {
  G.setMat(v, G.LI);
  C.addLi(v);
  coords(v, ijk);
  G.refreshAround(unchecked(ijk[0]), unchecked(ijk[1]), unchecked(ijk[2]), 1);
  S.updateAround(unchecked(ijk[0]), unchecked(ijk[1]), unchecked(ijk[2]), 1);
}

function addLayer(): void {
  G.layerPackets++;
  if (G.layerPackets == 1) {
    // the collector turns from steel to Li: the bottom slabs see a new neighbour
    G.refreshSlabs(0, 1);
    for (let v = 0; v < min(G.n, 2 * G.nxy); v++) S.update(v);
  }
}

/** Scratch for G.neighbors6 (no callee of its users writes it while they read it). */
const NB6 = new StaticArray<i32>(6);

function hasGridLiNeighbor(v: i32): bool {
  G.neighbors6(v, NB6);
  for (let d = 0; d < 6; d++) { const u = unchecked(NB6[d]); if (u >= 0 && G.mat(u) == G.LI) return true; }
  return false;
}

/** A walker (or an arrival) at pore voxel v next to Li joins it. */
function attach(v: i32): void {
  if (hasGridLiNeighbor(v)) setLi(v);
  else addLayer(); // only the collector layer below (k = 0)
}

function walkerRate(v: i32): f64 {
  const m = <i32>G.sub(v);
  return <f64>popcnt<i32>(<i32>(G.nb(v) & 63)) * unchecked(hopRate[m]) + unchecked(nucRate[m]);
}

/** Nearest free pore voxel next to v's cluster (breadth-first over at most `budget` Li voxels), or −1. */
function frontier(v: i32): i32 {
  stampNow++;
  if (stampNow == 0x7fffffff) { memory.fill(STAMP, 0, <usize>G.n << 2); stampNow = 1; }
  let head = 0; let tail = 0;
  store<i32>(QUEUE, v); tail = 1; store<i32>(STAMP + (<usize>v << 2), stampNow);
  while (head < tail && head < budget) {
    const x = load<i32>(QUEUE + (<usize>head << 2)); head++;
    // this search is the hot loop of plating into pores that touch the SE (profiled: 70 % of the run)
    G.neighbors6(x, NB6);
    for (let d = 0; d < 6; d++) {
      const u = unchecked(NB6[d]);
      if (u < 0) continue;
      const m = G.mat(u);
      if (m == G.PORE) return u;
      if (m == G.LI && load<i32>(STAMP + (<usize>u << 2)) != stampNow) {
        store<i32>(STAMP + (<usize>u << 2), stampNow);
        store<i32>(QUEUE + (<usize>tail << 2), u); tail++;
      }
    }
  }
  return -1;
}

/** Local plating strain rate at a site: ε̇ = v_site/d, v_site = (I·Ω/e)/(sites·h²). */
function siteStrainRate(d: f64): f64 {
  const ns = max(1, S.count);
  return volRate / (<f64>ns * h * h * d);
}

/** Tries to put one packet into the Li cluster of voxel v. Returns false if it can go nowhere. */
function accommodate(v: i32, pushesSE: bool): bool {
  if (pushesSE && (G.nb(v) & G.BIT_SE) != 0) {
    let d = G.lt(v); if (!(d > 0)) d = h;
    if (depositPressure(d, siteStrainRate(d)) > pCrit) {
      // the deposit cracks the SE straight ahead (+z, away from the collector): a needle, one voxel per
      // packet. If the voxel ahead is not electrolyte, this site cannot push further.
      const u = G.neighbor(v, 4);
      if (u >= 0 && G.mat(u) == G.SE) {
        G.setLt(u, d);
        setLi(u);
        if (penetrations < <f64>PENCAP) store<i32>(PENLOG + (<usize>(<i32>penetrations) << 2), u);
        penetrations++;
        return true;
      }
      if (u < 0)       throughTop++; // the SE above the grid: the crack left the modelled region
    }
  }
  if (!C.isFull(v)) {
    const f = frontier(v);
    if (f >= 0) { setLi(f); return true; }
    C.setFlag(v, C.FULL_BIT);
  }
  if (C.touchesBottom(v)) { addLayer(); return true; }
  return throughMiec(v);
}

/**
 * A packet in a Li pocket that is full and does not touch the collector leaves through the Li3.75Si
 * itself (a mixed ionic–electronic conductor) along the shortest route to the collector, straight down
 * its column: it re-emerges as an ad-atom in the first open pore below, or deposits at the collector if
 * it meets none (the pocket is then marked as connected to the collector). Treated as instantaneous on
 * the plating time scale — a simplification, see docs/model.md §13. Fails only if the route
 * meets electrolyte (an overhang).
 */
function throughMiec(v: i32): bool {
  let u = v - G.nxy;
  while (u >= 0) {
    const m = G.mat(u);
    if (m == G.SE) return false;
    if (m == G.PORE) {
      miecTransfers++;
      if ((G.nb(u) & G.BIT_LI) != 0) { attach(u); return true; }
      const s = W.spawn(u);
      if (s < 0) { errorCode = ERR_WALKERS; return true; }
      W.setRate(s, walkerRate(u));
      return true;
    }
    u -= G.nxy;
  }
  miecTransfers++;
  C.setFlag(v, C.BOTTOM_BIT);
  addLayer();
  return true;
}

function arrival(): void {
  for (let tries = 0; tries < 1 << 20; tries++) {
    if (S.count == 0) { errorCode = ERR_NO_SITES; return; }
    const v = S.at(<i32>(R.uniform() * <f64>S.count));
    if (G.mat(v) == G.PORE) {
      if ((G.nb(v) & G.BIT_LI) != 0) { attach(v); return; }
      const s = W.spawn(v);
      if (s < 0) { errorCode = ERR_WALKERS; return; }
      W.setRate(s, walkerRate(v));
      return;
    }
    if (accommodate(v, true)) return;
    S.block(v); blocked++;
  }
  errorCode = ERR_NO_SITES;
}

function walkerEvent(s: i32): void {
  const v = W.pos(s);
  const m0 = G.mat(v);
  if (m0 != G.PORE) { // its voxel filled with Li meanwhile: the packet joins that Li
    W.kill(s);
    if (!accommodate(v, false)) stranded++;
    return;
  }
  const bits = G.nb(v);
  if ((bits & G.BIT_LI) != 0) { W.kill(s); attach(v); return; }
  const m = <i32>G.sub(v);
  const mask = <i32>(bits & 63);
  const nh = popcnt<i32>(mask);
  const hr = unchecked(hopRate[m]);
  const hopTotal = <f64>nh * hr;
  const x = R.uniform() * (hopTotal + unchecked(nucRate[m]));
  if (x < hopTotal) {
    let r = <i32>(x / hr); if (r >= nh) r = nh - 1;
    let dir = 0;
    for (; dir < 6; dir++) if ((mask & (1 << dir)) != 0) { if (r == 0) break; r--; }
    const u = G.neighbor(v, dir);
    hops++;
    if ((G.nb(u) & G.BIT_LI) != 0) { W.kill(s); attach(u); return; }
    W.setPos(s, u);
    W.setRate(s, walkerRate(u));
    return;
  }
  W.kill(s);
  nucleations++;
  setLi(v);
}

let sinceRebuild: i32 = 0;

/** Runs until `maxEvents` events have happened or `targetArrivals` packets have arrived. Returns events done. */
export function run(maxEvents: f64, targetArrivals: f64): f64 {
  let done: f64 = 0;
  while (done < maxEvents && arrivals < targetArrivals && errorCode == 0) {
    const nextArrival = (arrivals + 1) * dtArrival;
    const rw = W.count > 0 ? W.total() : 0.0;
    if (rw > 0) {
      const dt = -Math.log(R.uniformOpen()) / rw;
      if (time + dt < nextArrival) {
        time += dt;
        const s = W.select(R.uniform() * rw);
        if (W.pos(s) < 0) { W.rebuildTree(); continue; } // round-off in the tree: rebuild and redraw
        walkerEvent(s);
        done++;
        if (++sinceRebuild >= 1 << 22) { W.rebuildTree(); sinceRebuild = 0; }
        continue;
      }
    }
    time = nextArrival;
    arrivals++;
    arrival();
    done++;
  }
  events += done;
  return done;
}
