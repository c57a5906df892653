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
import { depositPressure, flowStress, pCrit } from "./mechanics";

export const ERR_NONE: i32 = 0;
export const ERR_NO_SITES: i32 = 1;    // no charge-transfer site left
export const ERR_WALKERS: i32 = 2;     // more than W.CAP packets in flight
export const STOP_NO_LI: i32 = 3;      // stripping: no charge-transfer site can reach lithium any more (contact lost)

const hopRate = new StaticArray<f64>(6);  // 1/s per direction, by substrate material
const nucRate = new StaticArray<f64>(6);  // 1/s, by substrate material

export let dtArrival: f64 = 1;   // s per packet
export let volRate: f64 = 0;     // m³/s of Li plated (I·Ω/e)
export let h: f64 = 1e-8;        // m, voxel edge
export let budget: i32 = 4096;   // Li voxels searched per creep accommodation
export let stackPressure: f64 = 65e6; // Pa, on the cell while stripping: pushes soft Li back into stripped contacts

export let time: f64 = 0;
export let arrivals: f64 = 0;
export let departures: f64 = 0;  // packets stripped
/** 0 = plating (packets arrive), 1 = stripping (packets leave) */
export let mode: i32 = 0;
export let events: f64 = 0;
export let hops: f64 = 0;
export let nucleations: f64 = 0;
export let penetrations: f64 = 0;
export let throughTop: f64 = 0;
export let blocked: f64 = 0;
export let stranded: f64 = 0;
export let miecTransfers: f64 = 0;
export let errorCode: i32 = 0;

/** Stripping through the MIEC: the highest grid voxel that may still hold Li (scan top-down, reset per pass). */
let miecCursor: i32 = -1;

/** stripSource's answers besides a voxel: no Li reachable, or a packet of the collector layer */
const NO_LI: i32 = -1;
const FROM_LAYER: i32 = -2;

export const PENCAP: i32 = 65536;
export let PENLOG: usize = 0;  // i32 voxel ids of penetration events (first PENCAP)
let STAMP: usize = 0;          // i32 BFS visit stamps
let QUEUE: usize = 0;          // i32 BFS queue
let stampNow: i32 = 0;

export function initEngine(): void {
  STAMP = G.allocZero(<usize>G.n << 2);
  QUEUE = G.allocZero(<usize>G.n << 2);
  PENLOG = G.allocZero(<usize>PENCAP << 2);
  time = 0; arrivals = 0; departures = 0; mode = 0; events = 0; hops = 0; nucleations = 0; penetrations = 0;
  throughTop = 0; blocked = 0; stranded = 0; miecTransfers = 0; errorCode = 0; stampNow = 0;
}

export function setRates(m: i32, hop: f64, nuc: f64): void { unchecked(hopRate[m] = hop); unchecked(nucRate[m] = nuc); }
export function setArrival(dt: f64, vr: f64, h_: f64): void { dtArrival = dt; volRate = vr; h = h_; }
export function setBudget(b: i32): void { budget = max(1, b); }
export function setStackPressure(p: f64): void { stackPressure = p; }

@inline function coords(v: i32, out: StaticArray<i32>): void {
  const k = v / G.nxy; const r = v - k * G.nxy; const j = r / G.nx;
  unchecked(out[0] = r - j * G.nx); unchecked(out[1] = j); unchecked(out[2] = k);
}
const ijk = new StaticArray<i32>(3);

/** Turns voxel v into Li metal and refreshes every cache that can see it. */
export function setLi(v: i32): void {
  G.setMat(v, G.LI);
  if (C.dirty) C.rebuild(); else C.addLi(v);   // (rebuild registers v too)
  if (mode == 1 && v > miecCursor) miecCursor = v;   // Li attached above the stripping cursor is seen
  refreshAt(v);
}

function refreshAt(v: i32): void {
  coords(v, ijk);
  G.refreshAround(unchecked(ijk[0]), unchecked(ijk[1]), unchecked(ijk[2]), 1);
  S.updateAround(unchecked(ijk[0]), unchecked(ijk[1]), unchecked(ijk[2]), 1);
}

/**
 * Stripping: voxel v's Li leaves (it becomes open pore again; a crack in the electrolyte stays open).
 * The union–find is not told (it cannot split): it is marked stale and rebuilt by the next event that uses it.
 */
function clearLi(v: i32): void {
  G.setMat(v, G.PORE);
  C.markDirty();
  refreshAt(v);
}

function addLayer(): void {
  G.layerPackets++;
  if (G.layerPackets == 1) collectorChanged();
}

/** Stripping: one packet leaves the collector layer. */
function takeLayer(): void {
  G.layerPackets--;
  if (G.layerPackets == 0) collectorChanged();
}

/** The collector turned from steel to Li or back: the bottom slabs see a new neighbour. */
function collectorChanged(): void {
  G.refreshSlabs(0, 1);
  for (let v = 0; v < min(G.n, 2 * G.nxy); v++) S.update(v);
}

/** Scratch for G.neighbors6 (no callee of its users writes it while they read it). */
const NB6 = new StaticArray<i32>(6);

/** The first face neighbour of v in the grid that is Li metal, or −1. */
function liNeighbor(v: i32): i32 {
  G.neighbors6(v, NB6);
  for (let d = 0; d < 6; d++) { const u = unchecked(NB6[d]); if (u >= 0 && G.mat(u) == G.LI) return u; }
  return -1;
}

@inline function hasGridLiNeighbor(v: i32): bool { return liNeighbor(v) >= 0; }

/** A walker (or an arrival) at pore voxel v next to Li joins it. */
function attach(v: i32): void {
  if (hasGridLiNeighbor(v)) setLi(v);
  else addLayer(); // only the collector layer below (k = 0)
}

function walkerRate(v: i32): f64 {
  const m = <i32>G.sub(v);
  return <f64>popcnt<i32>(<i32>(G.nb(v) & 63)) * unchecked(hopRate[m]) + unchecked(nucRate[m]);
}

/**
 * Breadth-first search over the Li cluster of voxel v (at most `budget` Li voxels), in one of two modes:
 *   plating (donor = false): the nearest free pore voxel next to the cluster, or −1 (creep accommodation);
 *   stripping (donor = true): the Li that leaves when contact voxel v is oxidised (see contactDonor).
 * One search for both so that plating's creep and stripping's refill see the same cluster and reach.
 */
function clusterSearch(v: i32, donor: bool): i32 {
  stampNow++;
  if (stampNow == 0x7fffffff) { memory.fill(STAMP, 0, <usize>G.n << 2); stampNow = 1; }
  let head = 0; let tail = 0;
  store<i32>(QUEUE, v); tail = 1; store<i32>(STAMP + (<usize>v << 2), stampNow);
  while (head < tail && head < budget) {
    const x = load<i32>(QUEUE + (<usize>head << 2)); head++;
    if (donor && x < G.nxy && G.layerPackets > 0) return FROM_LAYER;   // the cluster sits on the collector layer
    // this search is the hot loop of plating into pores that touch the SE (profiled: 70 % of the run)
    G.neighbors6(x, NB6);
    for (let d = 0; d < 6; d++) {
      const u = unchecked(NB6[d]);
      if (u < 0) continue;
      const m = G.mat(u);
      if (m == G.PORE) {
        if (!donor) return u;
        if (x != v && (G.nb(x) & G.BIT_SE) == 0) return x;   // Li at the cluster's free surface, off the contact
      }
      if (m == G.LI && load<i32>(STAMP + (<usize>u << 2)) != stampNow) {
        store<i32>(STAMP + (<usize>u << 2), stampNow);
        store<i32>(QUEUE + (<usize>tail << 2), u); tail++;
      }
    }
  }
  return donor ? v : -1;
}

/** Nearest free pore voxel next to v's cluster, or −1. */
@inline function frontier(v: i32): i32 { return clusterSearch(v, false); }

/** Local plating strain rate at a site: ε̇ = v_site/d, v_site = (I·Ω/e)/(sites·h²). */
function siteStrainRate(d: f64): f64 {
  const ns = max(1, S.count);
  return volRate / (<f64>ns * h * h * d);
}

/** Tries to put one packet into the Li cluster of voxel v. Returns false if it can go nowhere. */
function accommodate(v: i32, pushesSE: bool): bool {
  if (C.dirty) C.rebuild();   // Li was stripped since the clusters were built: their flags are stale
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

/**
 * Stripping through charge-transfer site v: the Li that can reach it leaves as Li+ into the electrolyte.
 * Returns the Li voxel that leaves, FROM_LAYER, or NO_LI.
 *   Li voxel touching the SE            → oxidised at the contact (see contactDonor: soft Li is pushed back
 *                                          into the contact by the stack pressure, hard Li leaves a void);
 *   pore site next to Li                → the Li next to it (one voxel of surface diffusion to the contact
 *                                          line), again through contactDonor; the collector layer if that Li
 *                                          is the layer below k = 0;
 *   pore site on Li3.75Si (the MIEC)    → Li drawn through the MIEC, which connects all of it: the grid Li
 *                                          nearest the electrolyte first (highest k; the shortest MIEC
 *                                          route), then the collector layer (Chen 2020: Li retracts along
 *                                          the MIEC walls while the MIEC keeps the electrolyte contact);
 *   pore site on CNT or steel           → nothing: electrons only, no Li+ path (the paper: CNT lacks ionic
 *                                          conductivity).
 */
function stripSource(v: i32): i32 {
  const m = G.mat(v);
  if (m == G.LI) return contactDonor(v);
  if (m != G.PORE) return NO_LI;
  if ((G.nb(v) & G.BIT_LI) != 0) {
    const u = liNeighbor(v);
    if (u >= 0) return contactDonor(u);
    return G.layerPackets > 0 ? FROM_LAYER : NO_LI; // the Li face neighbour is the collector layer
  }
  if (!nearLisi(v)) return NO_LI;
  // the cursor moves down; Li a walker still in flight attaches above it moves it back up (setLi)
  while (miecCursor >= 0 && G.mat(miecCursor) != G.LI) miecCursor--;
  if (miecCursor >= 0) return miecCursor;
  return G.layerPackets > 0 ? FROM_LAYER : NO_LI;
}


/**
 * Which Li leaves when contact Li voxel v is oxidised: the mirror of plating's creep accommodation. If v's
 * Li flows at the stack pressure (σ_flow(d, ε̇) ≤ p_stack, the local stripping rate as in plating), the stack
 * pressure keeps it pressed into the contact and the Li that goes is the nearest Li of its cluster
 * (breadth-first, ≤ `budget` voxels) that borders open pore and not the electrolyte, or the collector layer
 * if the cluster reaches it first: the void opens away from the contact. If the Li is harder, or its
 * cluster has no such Li within reach, v itself goes and a void opens at the contact (the regime of the
 * critical stripping current: Kasemchainan et al., Nat. Mater. 18 (2019) 1105).
 */
function contactDonor(v: i32): i32 {
  let d = G.lt(v); if (!(d > 0)) d = h;
  if (flowStress(d, siteStrainRate(d)) > stackPressure) return v;
  return clusterSearch(v, true);
}

/** Does pore voxel v touch Li3.75Si (26-neighbourhood, as SUB)? SUB alone ranks Li above it. */
function nearLisi(v: i32): bool {
  coords(v, ijk);
  const i = unchecked(ijk[0]); const j = unchecked(ijk[1]); const k = unchecked(ijk[2]);
  for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++)
    if (G.matAt(i + di, j + dj, k + dk) == G.LISI) return true;
  return false;
}

/** Strips one packet through site v (see stripSource). Returns false if no Li can reach v. */
function stripThrough(v: i32): bool {
  const u = stripSource(v);
  if (u == NO_LI) return false;
  const viaMiec = G.mat(v) == G.PORE && (G.nb(v) & G.BIT_LI) == 0;   // (counted with plating's MIEC transfers)
  if (viaMiec) miecTransfers++;
  if (u == FROM_LAYER) takeLayer(); else clearLi(u);
  return true;
}

/** Scratch list of the sites that can still strip (filled only when random picks keep failing). */
let STRIPPABLE: usize = 0;

/**
 * Stripping: one packet leaves through a charge-transfer site picked uniformly (the same even current
 * distribution as plating). After 64 picks that reach no Li, the sites that can are listed and one of
 * them is picked uniformly; if there is none, stripping stops (STOP_NO_LI: the anode lost contact).
 */
function departure(): void {
  for (let tries = 0; tries < 64 && S.count > 0; tries++) {
    const v = S.at(<i32>(R.uniform() * <f64>S.count));
    if (stripThrough(v)) { departures++; return; }
  }
  if (STRIPPABLE == 0) STRIPPABLE = G.allocZero(<usize>G.n << 2);
  let k = 0;
  for (let s = 0; s < S.count; s++) { const v = S.at(s); if (stripSource(v) != NO_LI) { store<i32>(STRIPPABLE + (<usize>k << 2), v); k++; } }
  if (k == 0) { errorCode = STOP_NO_LI; return; }
  const v = load<i32>(STRIPPABLE + (<usize>(<i32>(R.uniform() * <f64>k)) << 2));
  stripThrough(v);
  departures++;
}

/**
 * Switches between plating (0) and stripping (1). Blocked sites are released at every switch (a Li site
 * blocked while plating can strip; after stripping, its Li may have room). The Li clusters, stale once Li
 * was stripped (a union–find cannot split, and pores marked full may have reopened), are rebuilt by the
 * next event that uses them (setLi, accommodate).
 */
export function setMode(m: i32): void {
  if (m != mode) {
    if (m == 1) miecCursor = G.n - 1;
    S.unblockAll();
  }
  mode = m;
  if (errorCode == STOP_NO_LI) errorCode = ERR_NONE;
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
  // stripping took the Li this ad-atom sat on and left no conductor around it: it has nowhere to go
  if (m == 0) { W.kill(s); stranded++; return; }
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

/**
 * Runs until `maxEvents` events have happened or the packet count of the current mode (arrivals when
 * plating, departures when stripping) reaches `target`. Returns events done. Packets pass at fixed times
 * whatever their direction: packet n (counting both) at n·Δt.
 */
export function run(maxEvents: f64, target: f64): f64 {
  let done: f64 = 0;
  while (done < maxEvents && (mode == 0 ? arrivals : departures) < target && errorCode == 0) {
    const nextArrival = (arrivals + departures + 1) * dtArrival;
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
    if (mode == 0) { arrivals++; arrival(); } else departure();
    done++;
  }
  events += done;
  return done;
}
