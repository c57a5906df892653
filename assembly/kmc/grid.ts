// The voxel lattice of the kMC: materials, and the per-voxel neighbourhood caches the event loop reads.
//
// Layout: voxel (i, j, k) is index i + nx·(j + ny·k); periodic in x and y. Below k = 0 lies the
// current collector (steel, or the dense Li layer once one has formed there); above k = nz − 1 lies
// the solid electrolyte. Materials match src/interlayer/voxel-grid.ts.
//
// Caches (recomputed locally whenever a voxel changes):
//   SUB[v]  surface substrate of a pore voxel: the most lithiophilic electron conductor (lowest
//           nucleation overpotential, set from TS as a rank) among its 26 neighbours, or 0 if none —
//           the walker domain is the pore voxels on conductor surfaces (26-neighbourhood so that a
//           walker can round edges and corners of the scaffold).
//   NB[v]   bits 0..5: the 6 face neighbours that are walker sites (+x,−x,+y,−y,+z,−z);
//           bit 6: a face neighbour is Li metal (in the grid, or the collector layer below k = 0);
//           bit 7: a face neighbour is electrolyte.
export const PORE: u8 = 0;
export const LISI: u8 = 1;
export const CNT: u8 = 2;
export const STEEL: u8 = 3;
export const SE: u8 = 4;
export const LI: u8 = 5;
export const NMAT: i32 = 6;

export const BIT_LI: u8 = 64;
export const BIT_SE: u8 = 128;

export let nx: i32 = 0;
export let ny: i32 = 0;
export let nz: i32 = 0;
export let nxy: i32 = 0;
export let n: i32 = 0;

export let MAT: usize = 0;   // u8 material
export let SUB: usize = 0;   // u8 surface substrate (0 = not a walker site)
export let NB: usize = 0;    // u8 neighbourhood bits
export let LT: usize = 0;    // f32 local pore size d (m), from TS (pore-size.ts)

/** Dense Li layer at the collector, in packets (one packet = one voxel of Li). */
export let layerPackets: i64 = 0;

/** Rank of each material as a substrate: lower = more lithiophilic (set from the nucleation overpotentials). */
const rank = new StaticArray<i32>(6);

export function allocZero(bytes: usize): usize {
  const p = heap.alloc(max<usize>(bytes, 16));
  memory.fill(p, 0, max<usize>(bytes, 16));
  return p;
}

export function initGrid(nx_: i32, ny_: i32, nz_: i32): void {
  nx = nx_; ny = ny_; nz = nz_; nxy = nx * ny; n = nxy * nz;
  MAT = allocZero(<usize>n);
  SUB = allocZero(<usize>n);
  NB = allocZero(<usize>n);
  LT = allocZero(<usize>n << 2);
  layerPackets = 0;
  for (let m = 0; m < NMAT; m++) unchecked(rank[m] = m);
}

export function setRank(m: i32, r: i32): void { unchecked(rank[m] = r); }

@inline export function mat(v: i32): u8 { return load<u8>(MAT + <usize>v); }
@inline export function setMat(v: i32, m: u8): void { store<u8>(MAT + <usize>v, m); }
@inline export function sub(v: i32): u8 { return load<u8>(SUB + <usize>v); }
@inline export function nb(v: i32): u8 { return load<u8>(NB + <usize>v); }
@inline export function lt(v: i32): f64 { return <f64>load<f32>(LT + (<usize>v << 2)); }
@inline export function setLt(v: i32, d: f64): void { store<f32>(LT + (<usize>v << 2), <f32>d); }

@inline export function wrapX(i: i32): i32 { return i < 0 ? i + nx : (i >= nx ? i - nx : i); }
@inline export function wrapY(j: i32): i32 { return j < 0 ? j + ny : (j >= ny ? j - ny : j); }
@inline export function idx(i: i32, j: i32, k: i32): i32 { return i + nx * (j + ny * k); }
@inline export function kOf(v: i32): i32 { return v / nxy; }

/** Material at (i, j, k) with periodic x, y; the collector below and the electrolyte above the grid. */
export function matAt(i: i32, j: i32, k: i32): u8 {
  if (k < 0) return layerPackets > 0 ? LI : STEEL;
  if (k >= nz) return SE;
  return mat(idx(wrapX(i), wrapY(j), k));
}

@inline export function isConductor(m: u8): bool { return m == LISI || m == CNT || m == STEEL || m == LI; }

/** Face neighbour of v in direction d (0..5 = +x,−x,+y,−y,+z,−z), or −1 outside the grid in z. */
export function neighbor(v: i32, d: i32): i32 {
  const k = v / nxy; const r = v - k * nxy; const j = r / nx; const i = r - j * nx;
  switch (d) {
    case 0: return idx(i + 1 == nx ? 0 : i + 1, j, k);
    case 1: return idx(i == 0 ? nx - 1 : i - 1, j, k);
    case 2: return idx(i, j + 1 == ny ? 0 : j + 1, k);
    case 3: return idx(i, j == 0 ? ny - 1 : j - 1, k);
    case 4: return k + 1 < nz ? v + nxy : -1;
    default: return k > 0 ? v - nxy : -1;
  }
}

/**
 * The six face neighbours of v, in neighbor()'s order (+x, −x, +y, −y, +z, −z), into out[0..5]; −1 outside
 * the grid in z. Decodes v once (two divisions instead of twelve): for loops over all six directions.
 */
@inline export function neighbors6(v: i32, out: StaticArray<i32>): void {
  const k = v / nxy; const r = v - k * nxy; const j = r / nx; const i = r - j * nx;
  const row = v - i; const plane = v - j * nx;
  unchecked(out[0] = i + 1 == nx ? row : v + 1);
  unchecked(out[1] = i == 0 ? row + nx - 1 : v - 1);
  unchecked(out[2] = j + 1 == ny ? plane : v + nx);
  unchecked(out[3] = j == 0 ? plane + (ny - 1) * nx : v - nx);
  unchecked(out[4] = k + 1 < nz ? v + nxy : -1);
  unchecked(out[5] = k > 0 ? v - nxy : -1);
}

function computeSub(i: i32, j: i32, k: i32): u8 {
  if (mat(idx(i, j, k)) != PORE) return 0;
  let best: u8 = 0; let bestRank: i32 = 0x7fffffff;
  for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
    if (di == 0 && dj == 0 && dk == 0) continue;
    const m = matAt(i + di, j + dj, k + dk);
    if (isConductor(m)) { const r = unchecked(rank[m]); if (r < bestRank) { bestRank = r; best = m; } }
  }
  return best;
}

function computeNb(i: i32, j: i32, k: i32): u8 {
  let bits: u8 = 0;
  const m0 = matAt(i + 1, j, k); const m1 = matAt(i - 1, j, k);
  const m2 = matAt(i, j + 1, k); const m3 = matAt(i, j - 1, k);
  const m4 = matAt(i, j, k + 1); const m5 = matAt(i, j, k - 1);
  if (m0 == PORE && sub(idx(wrapX(i + 1), j, k)) != 0) bits |= 1;
  if (m1 == PORE && sub(idx(wrapX(i - 1), j, k)) != 0) bits |= 2;
  if (m2 == PORE && sub(idx(i, wrapY(j + 1), k)) != 0) bits |= 4;
  if (m3 == PORE && sub(idx(i, wrapY(j - 1), k)) != 0) bits |= 8;
  if (m4 == PORE && sub(idx(i, j, k + 1)) != 0) bits |= 16;
  if (m5 == PORE && sub(idx(i, j, k - 1)) != 0) bits |= 32;
  if (m0 == LI || m1 == LI || m2 == LI || m3 == LI || m4 == LI || m5 == LI) bits |= BIT_LI;
  if (m0 == SE || m1 == SE || m2 == SE || m3 == SE || m4 == SE || m5 == SE) bits |= BIT_SE;
  return bits;
}

/** Recomputes SUB in the box |Δ| ≤ r1 and NB in |Δ| ≤ r1 + 1 around (ci, cj, ck) (k clipped to the grid). */
export function refreshAround(ci: i32, cj: i32, ck: i32, r1: i32): void {
  const k0 = max(0, ck - r1); const k1 = min(nz - 1, ck + r1);
  for (let k = k0; k <= k1; k++) for (let dj = -r1; dj <= r1; dj++) for (let di = -r1; di <= r1; di++) {
    const i = wrapX(ci + di); const j = wrapY(cj + dj);
    store<u8>(SUB + <usize>idx(i, j, k), computeSub(i, j, k));
  }
  const r2 = r1 + 1;
  const q0 = max(0, ck - r2); const q1 = min(nz - 1, ck + r2);
  for (let k = q0; k <= q1; k++) for (let dj = -r2; dj <= r2; dj++) for (let di = -r2; di <= r2; di++) {
    const i = wrapX(ci + di); const j = wrapY(cj + dj);
    store<u8>(NB + <usize>idx(i, j, k), computeNb(i, j, k));
  }
}

/** Recomputes every cache (after loading a grid, or when the collector turns from steel to Li). */
export function refreshSlabs(k0: i32, k1: i32): void {
  const a = max(0, k0); const b = min(nz - 1, k1);
  for (let k = a; k <= b; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++)
    store<u8>(SUB + <usize>idx(i, j, k), computeSub(i, j, k));
  const c = max(0, a - 1); const d = min(nz - 1, b + 1);
  for (let k = c; k <= d; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++)
    store<u8>(NB + <usize>idx(i, j, k), computeNb(i, j, k));
}
