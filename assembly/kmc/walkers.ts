// Li ad-atom packets in flight ("walkers") and their rates in a Fenwick (binary indexed) tree, so that
// the BKL step picks a walker in proportion to its total rate in O(log W) and updates it in O(log W).
// Slots are reused through a free stack; the slot order is deterministic.
import { allocZero } from "./grid";

export const CAP: i32 = 1 << 16;
export let POS: usize = 0;   // i32 voxel of each slot (−1 free)
let RATE: usize = 0;         // f64 rate of each slot
let TREE: usize = 0;         // f64 Fenwick tree, 1-based, CAP entries
let FREE: usize = 0;         // i32 stack of free slots
let freeTop: i32 = 0;
export let count: i32 = 0;

export function initWalkers(): void {
  POS = allocZero(<usize>CAP << 2);
  RATE = allocZero(<usize>CAP << 3);
  TREE = allocZero(<usize>(CAP + 1) << 3);
  FREE = allocZero(<usize>CAP << 2);
  // push slots so that slot 0 is popped first
  for (let s = 0; s < CAP; s++) {
    store<i32>(POS + (<usize>s << 2), -1);
    store<i32>(FREE + (<usize>s << 2), CAP - 1 - s);
  }
  freeTop = CAP;
  count = 0;
}

@inline export function pos(s: i32): i32 { return load<i32>(POS + (<usize>s << 2)); }
@inline export function setPos(s: i32, v: i32): void { store<i32>(POS + (<usize>s << 2), v); }
@inline export function rate(s: i32): f64 { return load<f64>(RATE + (<usize>s << 3)); }

function add(s: i32, delta: f64): void {
  for (let i = s + 1; i <= CAP; i += i & -i) store<f64>(TREE + (<usize>i << 3), load<f64>(TREE + (<usize>i << 3)) + delta);
}

export function total(): f64 {
  // the root of a power-of-two Fenwick tree holds the whole sum
  return load<f64>(TREE + (<usize>CAP << 3));
}

export function setRate(s: i32, r: f64): void {
  const old = rate(s);
  store<f64>(RATE + (<usize>s << 3), r);
  add(s, r - old);
}

/** Adds a walker at voxel v; returns its slot, or −1 when all CAP slots are in use. */
export function spawn(v: i32): i32 {
  if (freeTop == 0) return -1;
  freeTop--;
  const s = load<i32>(FREE + (<usize>freeTop << 2));
  setPos(s, v);
  count++;
  return s;
}

export function kill(s: i32): void {
  setRate(s, 0);
  setPos(s, -1);
  store<i32>(FREE + (<usize>freeTop << 2), s);
  freeTop++;
  count--;
}

/** The slot whose cumulative-rate interval holds x, 0 ≤ x < total(). */
export function select(x: f64): i32 {
  let p = 0; let rem = x;
  for (let step = CAP; step > 0; step >>= 1) {
    const q = p + step;
    if (q <= CAP) {
      const t = load<f64>(TREE + (<usize>q << 3));
      if (t <= rem) { p = q; rem -= t; }
    }
  }
  // p = number of slots whose cumulative sum ≤ x, i.e. the 0-based slot index; guard round-off
  if (p >= CAP) p = CAP - 1;
  while (p > 0 && rate(p) <= 0) p--;
  return p;
}

/** Recomputes the tree from the rates (bounds Fenwick round-off drift; called now and then). */
export function rebuildTree(): void {
  memory.fill(TREE, 0, <usize>(CAP + 1) << 3);
  for (let s = 0; s < CAP; s++) { const r = rate(s); if (r != 0) add(s, r); }
}
