// Adding particles: explicitly placed, or randomly inserted without overlap into a box region.
//
// Random insertion is random sequential addition: each particle (in the order given; the
// facade passes the largest first, which is what lets polydisperse sets fit) tries uniformly
// random positions until one overlaps nothing already there. Overlap tests use a grid in which
// every particle is entered into each cell its bounding box touches, so a small candidate only
// looks at the few cells around it even when size ratios are large.
import {
  count, capacity, lx, ly, PX, PY, PZ, RAD, MASS, INVM, INVI, MAT, ID,
  ldf, stf, ldi, sti, allocI32, setCount, raise, ERR_CAPACITY, minImage,
} from "./state";
import { materialDensity } from "./materials";
import { uniform } from "./rng";
import { invalidateList } from "./neighbors";
import { invalidateForces } from "./integrate";

/** Appends one particle at rest. Returns its index, or −1 when at capacity. */
export function addParticle(x: f64, y: f64, z: f64, r: f64, mat: i32): i32 {
  const i = count;
  if (i >= capacity) { raise(ERR_CAPACITY, i, -1, <f64>capacity); return -1; }
  let xx = x % lx; if (xx < 0.0) xx += lx;
  let yy = y % ly; if (yy < 0.0) yy += ly;
  stf(PX, i, xx); stf(PY, i, yy); stf(PZ, i, z);
  setProps(i, r, mat);
  sti(ID, i, i);
  setCount(i + 1);
  invalidateList(); invalidateForces();
  return i;
}

export function setProps(i: i32, r: f64, mat: i32): void {
  const m = materialDensity(mat) * (4.0 / 3.0) * Math.PI * r * r * r;
  stf(RAD, i, r); sti(MAT, i, mat);
  stf(MASS, i, m); stf(INVM, i, 1.0 / m); stf(INVI, i, 1.0 / (0.4 * m * r * r));
}

// insertion grid state
let gx: i32 = 1, gy: i32 = 1, gz: i32 = 1;
let gcx: f64 = 1.0, gcy: f64 = 1.0, gcz: f64 = 1.0, gz0: f64 = 0.0;
let HEAD: usize = 0;  // i32[cells], −1 = empty
let NEXT: usize = 0; let ENT: usize = 0; let entCap: i32 = 0; let entN: i32 = 0;

let CELLS: usize = 0; let cellsCap: i32 = 0;   // scratch: cells touched by one sphere

/** Fills CELLS with the grid cells the bounding box of a sphere touches (periodic in x, y); returns their number. */
function touchedCells(x: f64, y: f64, z: f64, r: f64): i32 {
  const ax = <i32>Math.floor((x - r) / gcx), bx = min(<i32>Math.floor((x + r) / gcx), ax + gx - 1);
  const ay = <i32>Math.floor((y - r) / gcy), by = min(<i32>Math.floor((y + r) / gcy), ay + gy - 1);
  const az = max(0, <i32>Math.floor((z - r - gz0) / gcz)), bz = min(gz - 1, <i32>Math.floor((z + r - gz0) / gcz));
  const need = (bx - ax + 1) * (by - ay + 1) * max(0, bz - az + 1);
  if (need > cellsCap) { if (cellsCap > 0) heap.free(CELLS); cellsCap = need * 2; CELLS = allocI32(cellsCap); }
  let k = 0;
  for (let qz = az; qz <= bz; qz++)
    for (let qy0 = ay; qy0 <= by; qy0++)
      for (let qx0 = ax; qx0 <= bx; qx0++) {
        const qx = ((qx0 % gx) + gx) % gx, qy = ((qy0 % gy) + gy) % gy;
        sti(CELLS, k++, (qz * gy + qy) * gx + qx);
      }
  return k;
}

function gridAdd(i: i32): void {
  const m = touchedCells(ldf(PX, i), ldf(PY, i), ldf(PZ, i), ldf(RAD, i));
  for (let k = 0; k < m; k++) {
    const c = ldi(CELLS, k);
    if (entN >= entCap) {
      const nc = entCap * 2 + 1024;
      const nn = allocI32(nc), ne = allocI32(nc);
      memory.copy(nn, NEXT, <usize>entN << 2); memory.copy(ne, ENT, <usize>entN << 2);
      if (entCap > 0) { heap.free(NEXT); heap.free(ENT); }
      NEXT = nn; ENT = ne; entCap = nc;
    }
    sti(ENT, entN, i); sti(NEXT, entN, ldi(HEAD, c)); sti(HEAD, c, entN); entN++;
  }
}

function overlapsAny(x: f64, y: f64, z: f64, r: f64): bool {
  const m = touchedCells(x, y, z, r);
  for (let k = 0; k < m; k++) {
    for (let e = ldi(HEAD, ldi(CELLS, k)); e >= 0; e = ldi(NEXT, e)) {
      const j = ldi(ENT, e);
      const dx = minImage(ldf(PX, j) - x, lx), dy = minImage(ldf(PY, j) - y, ly), dz = ldf(PZ, j) - z;
      const s = ldf(RAD, j) + r;
      if (dx * dx + dy * dy + dz * dz < s * s) return true;
    }
  }
  return false;
}

/**
 * Inserts n particles with radii RADS[k] and materials MATS[k] (pointers to scratch arrays) at
 * random non-overlapping positions with centres in [0,lx)×[0,ly)×[z0+r, z1−r], also avoiding
 * particles already present. Returns how many were inserted (all, unless the region is too
 * full: each particle gets up to `attempts` tries).
 */
export function insertRandom(n: i32, RADS: usize, MATS: usize, z0: f64, z1: f64, attempts: i32): i32 {
  let rmin = Infinity, rmax = 0.0;
  for (let k = 0; k < n; k++) { const r = ldf(RADS, k); if (r < rmin) rmin = r; if (r > rmax) rmax = r; }
  for (let i = 0; i < count; i++) { const r = ldf(RAD, i); if (r < rmin) rmin = r; if (r > rmax) rmax = r; }
  // grid: cells about one small diameter, at most ~8 cells per particle
  let c = 2.0 * rmin;
  const total = <f64>(n + count);
  for (;;) {
    gx = max(1, <i32>Math.floor(lx / c)); gy = max(1, <i32>Math.floor(ly / c));
    gz = max(1, <i32>Math.ceil((z1 - z0) / c));
    if (<f64>gx * <f64>gy * <f64>gz <= 8.0 * total + 64.0) break;
    c *= 1.26;
  }
  gcx = lx / <f64>gx; gcy = ly / <f64>gy; gcz = (z1 - z0) / <f64>gz; gz0 = z0;
  const ncell = gx * gy * gz;
  HEAD = allocI32(ncell);
  memory.fill(HEAD, 0xff, <usize>ncell << 2);
  entN = 0;
  for (let i = 0; i < count; i++) {
    const z = ldf(PZ, i), r = ldf(RAD, i);
    if (z + r > z0 && z - r < z1) gridAdd(i);
  }
  let done = 0;
  for (let k = 0; k < n; k++) {
    if (count >= capacity) { raise(ERR_CAPACITY, count, -1, <f64>capacity); break; }
    const r = ldf(RADS, k);
    const span = z1 - z0 - 2.0 * r;
    if (span < 0.0) break;
    let placed = false;
    for (let a = 0; a < attempts; a++) {
      const x = uniform() * lx, y = uniform() * ly, z = z0 + r + uniform() * span;
      if (!overlapsAny(x, y, z, r)) {
        const i = count;
        stf(PX, i, x); stf(PY, i, y); stf(PZ, i, z);
        setProps(i, r, ldi(MATS, k));
        sti(ID, i, i);
        setCount(i + 1);
        gridAdd(i);
        placed = true;
        break;
      }
    }
    if (!placed) break;
    done++;
  }
  heap.free(HEAD);
  if (entCap > 0) { heap.free(NEXT); heap.free(ENT); entCap = 0; }
  invalidateList(); invalidateForces();
  return done;
}
