// Li metal clusters: union–find over Li voxels (path halving, union by size). A root carries two flags:
//   BOTTOM_BIT: the cluster touches the current collector (a Li voxel in the bottom layer k = 0), or was
//               found to reach it through the Li3.75Si: it can push Li into the dense collector layer;
//   FULL_BIT:   a creep search from this cluster found no free pore within its reach; pores never reopen
//               while plating, so later packets skip that search (merging with a non-full cluster clears it).
// Clusters only merge while plating; stripping cannot split a union–find, so rebuild() starts them afresh
// from the grid before plating resumes.
import { n, nxy, mat, LI, neighbors6, allocZero } from "./grid";

const NB6 = new StaticArray<i32>(6);   // scratch for neighbors6

export let PARENT: usize = 0; // i32: parent voxel, or −1 if the voxel is not Li
export let SIZE: usize = 0;   // i32: cluster size at roots
export let BOTTOM: usize = 0; // u8 flags at roots (BOTTOM_BIT | FULL_BIT)
export const BOTTOM_BIT: u8 = 1;
export const FULL_BIT: u8 = 2;
export let clusterCount: i32 = 0;

export function initClusters(): void {
  PARENT = allocZero(<usize>n << 2);
  SIZE = allocZero(<usize>n << 2);
  BOTTOM = allocZero(<usize>n);
  for (let v = 0; v < n; v++) store<i32>(PARENT + (<usize>v << 2), -1);
  clusterCount = 0;
}

@inline function parent(v: i32): i32 { return load<i32>(PARENT + (<usize>v << 2)); }
@inline function setParent(v: i32, p: i32): void { store<i32>(PARENT + (<usize>v << 2), p); }

export function find(v: i32): i32 {
  let x = v;
  while (true) {
    const p = parent(x);
    if (p == x) return x;
    const g = parent(p);
    setParent(x, g);
    x = g;
  }
}

export function touchesBottom(v: i32): bool { return (load<u8>(BOTTOM + <usize>find(v)) & BOTTOM_BIT) != 0; }
export function isFull(v: i32): bool { return (load<u8>(BOTTOM + <usize>find(v)) & FULL_BIT) != 0; }
export function setFlag(v: i32, bit: u8): void { const r = find(v); store<u8>(BOTTOM + <usize>r, load<u8>(BOTTOM + <usize>r) | bit); }

function union(a: i32, b: i32): void {
  let ra = find(a); let rb = find(b);
  if (ra == rb) return;
  let sa = load<i32>(SIZE + (<usize>ra << 2)); let sb = load<i32>(SIZE + (<usize>rb << 2));
  if (sa < sb) { const t = ra; ra = rb; rb = t; const s = sa; sa = sb; sb = s; }
  setParent(rb, ra);
  store<i32>(SIZE + (<usize>ra << 2), sa + sb);
  const fa = load<u8>(BOTTOM + <usize>ra); const fb = load<u8>(BOTTOM + <usize>rb);
  store<u8>(BOTTOM + <usize>ra, ((fa | fb) & BOTTOM_BIT) | (fa & fb & FULL_BIT));
  clusterCount--;
}

/** Registers voxel v (already set to LI) as a cluster and merges it with its Li face neighbours. */
export function addLi(v: i32): void {
  setParent(v, v);
  store<i32>(SIZE + (<usize>v << 2), 1);
  store<u8>(BOTTOM + <usize>v, v < nxy ? 1 : 0);
  clusterCount++;
  neighbors6(v, NB6);
  for (let d = 0; d < 6; d++) {
    const u = unchecked(NB6[d]);
    if (u >= 0 && mat(u) == LI && parent(u) >= 0) union(v, u); // (unregistered Li: prepare() adds it later)
  }
}

/**
 * Stripping removed Li since the last rebuild: the union–find (which cannot split) is stale. Set by the
 * engine when it removes Li; the next event that needs clusters rebuilds them first (event-driven, so the
 * result does not depend on when anyone looks).
 */
export let dirty: bool = false;
export function markDirty(): void { dirty = true; counted = -1; }
/** count()'s flood-fill result while the grid has not changed since (−1: none) */
let counted: i32 = -1;

/** Forgets every cluster and registers the Li voxels of the grid again (after stripping). */
export function rebuild(): void {
  dirty = false;
  for (let v = 0; v < n; v++) store<i32>(PARENT + (<usize>v << 2), -1);
  memory.fill(BOTTOM, 0, <usize>n);
  clusterCount = 0;
  for (let v = 0; v < n; v++) if (mat(v) == LI) addLi(v);
}

let VISIT: usize = 0;  // i32 per voxel: visit stamp of count() (its own scratch: read-only for the union–find)
let FILL: usize = 0;   // i32 flood-fill queue
let visitNow: i32 = 0;

/** Number of Li clusters in the grid now: the union–find's count, or a flood fill while it is stale. */
export function count(): i32 {
  if (!dirty) return clusterCount;
  if (counted >= 0) return counted;   // asked again (counters, samples) before any Li changed
  if (VISIT == 0) { VISIT = allocZero(<usize>n << 2); FILL = allocZero(<usize>n << 2); }
  visitNow++;
  if (visitNow == 0x7fffffff) { memory.fill(VISIT, 0, <usize>n << 2); visitNow = 1; }
  let c = 0;
  for (let v = 0; v < n; v++) {
    if (mat(v) != LI || load<i32>(VISIT + (<usize>v << 2)) == visitNow) continue;
    c++;
    store<i32>(VISIT + (<usize>v << 2), visitNow); store<i32>(FILL, v);
    let head = 0; let tail = 1;
    while (head < tail) {
      const x = load<i32>(FILL + (<usize>head << 2)); head++;
      neighbors6(x, NB6);
      for (let d = 0; d < 6; d++) {
        const u = unchecked(NB6[d]);
        if (u >= 0 && mat(u) == LI && load<i32>(VISIT + (<usize>u << 2)) != visitNow) {
          store<i32>(VISIT + (<usize>u << 2), visitNow);
          store<i32>(FILL + (<usize>tail << 2), u); tail++;
        }
      }
    }
  }
  counted = c;
  return c;
}
