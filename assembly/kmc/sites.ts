// Charge-transfer sites: where Li+ from the electrolyte meets an electron. A site is
//   a pore voxel on a conductor surface (SUB ≠ 0) with an electrolyte face neighbour
//   (Li+ + e− → Li ad-atom on the scaffold surface at the MIEC|SE or collector|SE contact), or
//   a Li voxel with an electrolyte face neighbour (direct plating onto Li touching the SE),
// unless the site was blocked (its Li could go nowhere). Kept as an indexable set so an arrival
// picks a site uniformly in O(1) (equal current per site: the SE is taken as an equipotential ionic
// conductor, so the current constricts onto the sites that exist — documented in the model notes).
import { n, mat, sub, nb, PORE, LI, BIT_SE, allocZero, wrapX, wrapY, idx, nz } from "./grid";

export let POS: usize = 0;     // i32 per voxel: index in LIST, or −1
export let LIST: usize = 0;    // i32 voxel ids
export let BLOCKED: usize = 0; // u8 per voxel
export let count: i32 = 0;

export function initSites(): void {
  POS = allocZero(<usize>n << 2);
  LIST = allocZero(<usize>n << 2);
  BLOCKED = allocZero(<usize>n);
  for (let v = 0; v < n; v++) store<i32>(POS + (<usize>v << 2), -1);
  count = 0;
}

@inline export function at(s: i32): i32 { return load<i32>(LIST + (<usize>s << 2)); }

function qualifies(v: i32): bool {
  if (load<u8>(BLOCKED + <usize>v) != 0) return false;
  if ((nb(v) & BIT_SE) == 0) return false;
  const m = mat(v);
  return m == LI || (m == PORE && sub(v) != 0);
}

export function update(v: i32): void {
  const p = load<i32>(POS + (<usize>v << 2));
  const q = qualifies(v);
  if (q && p < 0) {
    store<i32>(LIST + (<usize>count << 2), v);
    store<i32>(POS + (<usize>v << 2), count);
    count++;
  } else if (!q && p >= 0) {
    count--;
    const last = at(count);
    store<i32>(LIST + (<usize>p << 2), last);
    store<i32>(POS + (<usize>last << 2), p);
    store<i32>(POS + (<usize>v << 2), -1);
  }
}

export function block(v: i32): void { store<u8>(BLOCKED + <usize>v, 1); update(v); }

/** Releases every blocked site (when plating and stripping switch). */
export function unblockAll(): void {
  memory.fill(BLOCKED, 0, <usize>n);
  updateAll();
}

export function updateAround(ci: i32, cj: i32, ck: i32, r: i32): void {
  const k0 = max(0, ck - r); const k1 = min(nz - 1, ck + r);
  for (let k = k0; k <= k1; k++) for (let dj = -r; dj <= r; dj++) for (let di = -r; di <= r; di++)
    update(idx(wrapX(ci + di), wrapY(cj + dj), k));
}

export function updateAll(): void { for (let v = 0; v < n; v++) update(v); }
