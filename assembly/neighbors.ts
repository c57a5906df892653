// Neighbour search: linked cells + Verlet skin, half list in CSR form, contact history carried over.
//
// Polydisperse trick (O(N) for diameter ratios of 10 and more): cells are sized by the SMALLEST
// diameter plus skin, and each pair is found only from its larger particle (ties: lower index),
// which searches out to 2r_i + skin ≥ r_i + r_j + skin. A small particle then scans 27 cells, a
// large one scans ~(2r_i/c)³ cells, so the work is proportional to the solids volume instead of
// N × (cells of the largest particle), which is what makes cells sized by the largest particle
// quadratic-like for small particles.
//
// The list is rebuilt only when some particle moved more than skin/2 since the last build (then
// no pair can have closed by more than the skin). Each particle's neighbours are sorted by index,
// so the tangential/plastic history of a pair is found in the previous list by a linear merge,
// and the iteration order (hence the floating-point sums, hence the result) is deterministic.
import {
  count, capacity, lx, ly, skin, PX, PY, PZ, RAD, X0, Y0, Z0, HIST_STRIDE, WHIST,
  VX, VY, VZ, WX, WY, WZ, FX, FY, FZ, TX, TY, TZ, MASS, INVM, INVI, MAT, ID,
  NCONT, FSUM, FMAX, SXX, SYY, SZZ, SXY, SXZ, SYZ, RB, VTGT, growthMax, setGrowthMax,
  ldf, stf, ldi, sti, allocI32, allocF64, minImage,
} from "./state";
import { remapBonds } from "./bonds";

/** Worlds at least this large are re-sorted by cell at every rebuild (cache locality of the
 * neighbour gathers, as LIGGGHTS' atom sorting); smaller ones keep their storage order, which
 * fits in cache anyway and keeps indices stable for small hand-built tests. */
export const SORT_MIN: i32 = 1024;
let TMPF: usize = 0;   // f64[capacity·2·HIST_STRIDE] scratch for permutations
let INV: usize = 0;    // i32[capacity]: old index → new index
let PERM: usize = 0;   // i32[capacity]: new index → old index (identity when not sorted)

export let NB_START: usize = 0;  // i32[capacity+1]
export let NB_J: usize = 0;      // i32[nbCap]
export let NB_H: usize = 0;      // f64[nbCap * HIST_STRIDE]
let ONB_START: usize = 0, ONB_J: usize = 0, ONB_H: usize = 0;
export let nbCap: i32 = 0;
let onbCap: i32 = 0;
export let nbCount: i32 = 0;
export let rebuilds: i32 = 0;
export let listValid: bool = false;

let CELL_START: usize = 0; let cellCap: i32 = 0;
let CELL_P: usize = 0; let PCELL: usize = 0;

export function initNeighbors(): void {
  NB_START = allocI32(capacity + 1);
  ONB_START = allocI32(capacity + 1);
  nbCap = max(capacity * 8, 1024); onbCap = nbCap;
  NB_J = allocI32(nbCap); NB_H = allocF64(nbCap * HIST_STRIDE);
  ONB_J = allocI32(onbCap); ONB_H = allocF64(onbCap * HIST_STRIDE);
  CELL_P = allocI32(capacity); PCELL = allocI32(capacity);
  TMPF = allocF64(capacity * 2 * HIST_STRIDE); INV = allocI32(capacity); PERM = allocI32(capacity);
  listValid = false;
}
export function invalidateList(): void { listValid = false; }

/** True when some particle moved farther than skin/2 since the last build (or no list yet).
 * Radius growth since the build (growthMax, kept by growth.ts) eats into the same budget: a pair
 * closes by at most 2·(largest move + largest growth), which must stay within the skin. */
export function needRebuild(): bool {
  if (!listValid) return true;
  const half = 0.5 * skin - growthMax;
  if (half <= 0.0) return true;
  const lim2 = half * half;
  const n = count;
  for (let i = 0; i < n; i++) {
    const dx = minImage(ldf(PX, i) - ldf(X0, i), lx);
    const dy = minImage(ldf(PY, i) - ldf(Y0, i), ly);
    const dz = ldf(PZ, i) - ldf(Z0, i);
    if (dx * dx + dy * dy + dz * dz > lim2) return true;
  }
  return false;
}

// grid geometry of the current build
let ncx: i32 = 1, ncy: i32 = 1, ncz: i32 = 1;
let csx: f64 = 1.0, csy: f64 = 1.0, csz: f64 = 1.0, zlo: f64 = 0.0;

function growNew(used: i32): void {
  const ncap = nbCap + (nbCap >> 1) + 1024;
  const nj = allocI32(ncap), nh = allocF64(ncap * HIST_STRIDE);
  memory.copy(nj, NB_J, <usize>used << 2);
  memory.copy(nh, NB_H, <usize>used * <usize>HIST_STRIDE << 3);
  heap.free(NB_J); heap.free(NB_H);
  NB_J = nj; NB_H = nh; nbCap = ncap;
}

/** Slot of old pair (a, b) (old indices) in the old list, or −1. The old owner is the larger
 * particle, ties going to the lower old index; its neighbours are sorted by index. */
function findOld(a: i32, b: i32): i32 {
  // ownership is decided by the radii at the old build (RB, not yet overwritten): radii may have
  // changed since (growth.ts). The other partner's row is searched too, so a pair is found even
  // if its owner changed (equal radii that became unequal, or the reverse).
  const ra = ldf(RB, ldi(INV, a)), rb = ldf(RB, ldi(INV, b));
  let owner = a, other = b;
  if (rb > ra || (rb == ra && b < a)) { owner = b; other = a; }
  const s = findIn(owner, other);
  return s >= 0 ? s : findIn(other, owner);
}
function findIn(owner: i32, other: i32): i32 {
  let lo = ldi(ONB_START, owner), hi = ldi(ONB_START, owner + 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ldi(ONB_J, mid);
    if (v == other) return mid;
    if (v < other) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

@inline function permuteF(p: usize, n: i32): void {
  for (let k = 0; k < n; k++) stf(TMPF, k, ldf(p, ldi(PERM, k)));
  memory.copy(p, TMPF, <usize>n << 3);
}
@inline function permuteI(p: usize, n: i32): void {
  for (let k = 0; k < n; k++) sti(TMPF, k, ldi(p, ldi(PERM, k)));
  memory.copy(p, TMPF, <usize>n << 2);
}

/** Reorders every per-particle array into cell order (CELL_P holds it). */
export let sorts: i32 = 0;
function sortByCell(n: i32): void {
  sorts++;
  memory.copy(PERM, CELL_P, <usize>n << 2);
  for (let k = 0; k < n; k++) sti(INV, ldi(PERM, k), k);
  permuteF(PX, n); permuteF(PY, n); permuteF(PZ, n);
  permuteF(VX, n); permuteF(VY, n); permuteF(VZ, n);
  permuteF(WX, n); permuteF(WY, n); permuteF(WZ, n);
  permuteF(FX, n); permuteF(FY, n); permuteF(FZ, n);
  permuteF(TX, n); permuteF(TY, n); permuteF(TZ, n);
  permuteF(RAD, n); permuteF(MASS, n); permuteF(INVM, n); permuteF(INVI, n);
  permuteF(RB, n); permuteF(VTGT, n);
  permuteF(FSUM, n); permuteF(FMAX, n);
  permuteF(SXX, n); permuteF(SYY, n); permuteF(SZZ, n); permuteF(SXY, n); permuteF(SXZ, n); permuteF(SYZ, n);
  permuteI(MAT, n); permuteI(ID, n); permuteI(NCONT, n); permuteI(PCELL, n);
  const rec = <usize>(2 * HIST_STRIDE) << 3;   // both wall records of a particle
  for (let k = 0; k < n; k++) memory.copy(TMPF + <usize>k * rec, WHIST + <usize>ldi(PERM, k) * rec, rec);
  memory.copy(WHIST, TMPF, <usize>n * rec);
  for (let k = 0; k < n; k++) sti(CELL_P, k, k);
  remapBonds(INV);
}

export function rebuild(): void {
  const n = count;
  // swap new/old buffers: the old list keeps the history to carry over
  let t = ONB_START; ONB_START = NB_START; NB_START = t;
  t = ONB_J; ONB_J = NB_J; NB_J = t;
  t = ONB_H; ONB_H = NB_H; NB_H = t;
  const tc = onbCap; onbCap = nbCap; nbCap = tc;
  const hadOld = listValid;

  if (n == 0) { sti(NB_START, 0, 0); nbCount = 0; listValid = true; return; }
  // geometry
  let rmin = Infinity, zmin = Infinity, zmax = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = ldf(RAD, i), z = ldf(PZ, i);
    if (r < rmin) rmin = r;
    if (z < zmin) zmin = z;
    if (z > zmax) zmax = z;
  }
  let c = 2.0 * rmin + skin;
  zlo = zmin;
  const zext = zmax - zmin;
  // bound the number of cells (a few per particle) so sparse or very tall systems stay cheap
  for (;;) {
    ncx = max(1, <i32>Math.floor(lx / c)); ncy = max(1, <i32>Math.floor(ly / c));
    ncz = max(1, <i32>Math.floor(zext / c) + 1);
    if (<f64>ncx * <f64>ncy * <f64>ncz <= 4.0 * <f64>n + 64.0) break;
    c *= 1.26;
  }
  csx = lx / <f64>ncx; csy = ly / <f64>ncy; csz = c;
  const ncell = ncx * ncy * ncz;
  if (ncell + 1 > cellCap) {
    if (cellCap > 0) heap.free(CELL_START);
    cellCap = ncell + 1 + (ncell >> 1);
    CELL_START = allocI32(cellCap);
  }
  memory.fill(CELL_START, 0, <usize>(ncell + 1) << 2);
  // counting sort of particles into cells (stable: ascending index within a cell)
  for (let i = 0; i < n; i++) {
    let cx = <i32>Math.floor(ldf(PX, i) / csx); cx = cx < 0 ? 0 : (cx >= ncx ? ncx - 1 : cx);
    let cy = <i32>Math.floor(ldf(PY, i) / csy); cy = cy < 0 ? 0 : (cy >= ncy ? ncy - 1 : cy);
    let cz = <i32>Math.floor((ldf(PZ, i) - zlo) / csz); cz = cz < 0 ? 0 : (cz >= ncz ? ncz - 1 : cz);
    const cell = (cz * ncy + cy) * ncx + cx;
    sti(PCELL, i, cell);
    sti(CELL_START, cell + 1, ldi(CELL_START, cell + 1) + 1);
  }
  for (let k = 0; k < ncell; k++) sti(CELL_START, k + 1, ldi(CELL_START, k + 1) + ldi(CELL_START, k));
  // fill (use FILL cursor = a copy of starts in CELL_P positions)
  for (let i = 0; i < n; i++) {
    const cell = ldi(PCELL, i);
    const pos = ldi(CELL_START, cell);
    sti(CELL_P, pos, i);
    sti(CELL_START, cell, pos + 1);
  }
  // restore starts (they were advanced to the ends)
  for (let k = ncell; k > 0; k--) sti(CELL_START, k, ldi(CELL_START, k - 1));
  sti(CELL_START, 0, 0);
  if (n >= SORT_MIN) sortByCell(n);
  else for (let i = 0; i < n; i++) { sti(PERM, i, i); sti(INV, i, i); }

  let pos = 0;
  for (let i = 0; i < n; i++) {
    sti(NB_START, i, pos);
    const xi = ldf(PX, i), yi = ldf(PY, i), zi = ldf(PZ, i), ri = ldf(RAD, i);
    const rc = 2.0 * ri + skin;
    const cell = ldi(PCELL, i);
    const cx = cell % ncx, cy = (cell / ncx) % ncy, cz = cell / (ncx * ncy);
    const kx = <i32>Math.ceil(rc / csx), ky = <i32>Math.ceil(rc / csy), kz = <i32>Math.ceil(rc / csz);
    const allX = 2 * kx + 1 >= ncx, allY = 2 * ky + 1 >= ncy;
    const x0 = allX ? 0 : cx - kx, x1 = allX ? ncx - 1 : cx + kx;
    const y0 = allY ? 0 : cy - ky, y1 = allY ? ncy - 1 : cy + ky;
    const z0 = max(0, cz - kz), z1 = min(ncz - 1, cz + kz);
    const start = pos;
    for (let qz = z0; qz <= z1; qz++) {
      for (let qy0 = y0; qy0 <= y1; qy0++) {
        let qy = qy0; if (qy < 0) qy += ncy; else if (qy >= ncy) qy -= ncy;
        for (let qx0 = x0; qx0 <= x1; qx0++) {
          let qx = qx0; if (qx < 0) qx += ncx; else if (qx >= ncx) qx -= ncx;
          const q = (qz * ncy + qy) * ncx + qx;
          const e = ldi(CELL_START, q + 1);
          for (let s = ldi(CELL_START, q); s < e; s++) {
            const j = ldi(CELL_P, s);
            if (j == i) continue;
            const rj = ldf(RAD, j);
            if (rj > ri || (rj == ri && j < i)) continue;
            const dx = minImage(ldf(PX, j) - xi, lx);
            const dy = minImage(ldf(PY, j) - yi, ly);
            const dz = ldf(PZ, j) - zi;
            const cut = ri + rj + skin;
            if (dx * dx + dy * dy + dz * dz < cut * cut) {
              if (pos >= nbCap) growNew(pos);
              sti(NB_J, pos, j);
              pos++;
            }
          }
        }
      }
    }
    // insertion sort by j (short lists), then carry the history over from the old list
    for (let a = start + 1; a < pos; a++) {
      const v = ldi(NB_J, a);
      let b = a - 1;
      while (b >= start && ldi(NB_J, b) > v) { sti(NB_J, b + 1, ldi(NB_J, b)); b--; }
      sti(NB_J, b + 1, v);
    }
    const oi = ldi(PERM, i);
    for (let a = start; a < pos; a++) {
      const dst = NB_H + (<usize>a * <usize>HIST_STRIDE << 3);
      const src = hadOld ? findOld(oi, ldi(PERM, ldi(NB_J, a))) : -1;
      if (src >= 0) memory.copy(dst, ONB_H + (<usize>src * <usize>HIST_STRIDE << 3), <usize>HIST_STRIDE << 3);
      else memory.fill(dst, 0, <usize>HIST_STRIDE << 3);
    }
  }
  sti(NB_START, n, pos);
  nbCount = pos;
  for (let i = 0; i < n; i++) { stf(X0, i, ldf(PX, i)); stf(Y0, i, ldf(PY, i)); stf(Z0, i, ldf(PZ, i)); stf(RB, i, ldf(RAD, i)); }
  setGrowthMax(0.0);
  rebuilds++;
  listValid = true;
}

/** Loads a list written by snapshot(): i32 start[n+1], i32 j[nb], f64 hist[nb·HIST_STRIDE]. */
export function restoreList(p: usize, n: i32, nb: i32): void {
  if (nb > nbCap) {
    heap.free(NB_J); heap.free(NB_H);
    nbCap = nb + (nb >> 1) + 1024;
    NB_J = allocI32(nbCap); NB_H = allocF64(nbCap * HIST_STRIDE);
  }
  memory.copy(NB_START, p, <usize>(n + 1) << 2); p += <usize>(n + 1) << 2;
  memory.copy(NB_J, p, <usize>nb << 2); p += <usize>nb << 2;
  memory.copy(NB_H, p, <usize>nb * <usize>HIST_STRIDE << 3);
  nbCount = nb;
  // a list with no pairs is rebuilt on the next step (rebuild timing never changes results:
  // forces are summed in (i, j) order whatever extra non-touching pairs a list holds)
  listValid = nb > 0 || n == 0;
}
