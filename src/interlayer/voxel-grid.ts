// The voxel grid handed from the scaffold (issue #5 part 1, DEM) to lithium deposition (part 2, kMC),
// and read by the pore-size analysis and the viewer.
//
// Geometry (SI): nx × ny × nz cubic voxels of edge h (m). Voxel (i, j, k) covers
// [i·h, (i+1)·h) × [j·h, (j+1)·h) × [k·h, (k+1)·h); its index is i + nx·(j + ny·k).
// Periodic in x and y. z = 0 is the current collector surface: below the grid lies the collector
// (stainless steel). Above the grid (z ≥ nz·h) lies the solid electrolyte; electrolyte voxels inside the
// grid (material ELECTROLYTE) describe a rough or per-column electrolyte surface (e.g. the bare cell's
// contact points) — everything from the lowest electrolyte voxel of a column upwards need not be
// electrolyte, the kMC reads the materials voxel by voxel.

/** Material codes, one byte per voxel. The kMC core (assembly/kmc/grid.ts) uses the same numbers. */
export const MATERIAL = {
  /** empty pore space (vacuum / gas) */
  pore: 0,
  /** lithiated scaffold, Li3.75Si (a mixed ionic–electronic conductor, lithiophilic) */
  lisi: 1,
  /** carbon nanotube (electronic conductor) */
  cnt: 2,
  /** stainless-steel current collector (explicit voxels; the collector also lies below z = 0) */
  steel: 3,
  /** solid electrolyte, Li6PS5Cl */
  electrolyte: 4,
  /** lithium metal */
  lithium: 5,
} as const;
export type MaterialName = keyof typeof MATERIAL;
export type MaterialCode = (typeof MATERIAL)[MaterialName];
export const MATERIAL_NAMES: readonly MaterialName[] = ['pore', 'lisi', 'cnt', 'steel', 'electrolyte', 'lithium'];

export interface VoxelGrid {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** voxel edge, m */
  readonly h: number;
  /** material code per voxel, index i + nx·(j + ny·k) */
  readonly material: Uint8Array;
}

/** Largest grid accepted (voxels): 64 Mi voxels keeps the kMC's ~30 bytes/voxel under 2 GiB. */
export const MAX_VOXELS = 1 << 26;

/** Checks dimensions, voxel size and material codes; throws a RangeError naming the field and the allowed range. */
export function validateGrid(g: VoxelGrid): void {
  for (const key of ['nx', 'ny', 'nz'] as const) {
    const v = g[key];
    if (!Number.isInteger(v) || v < 1 || v > 65536)
      throw new RangeError(`voxel grid ${key} = ${v} is invalid: must be an integer from 1 to 65536.`);
  }
  if (!(Number.isFinite(g.h) && g.h >= 1e-10 && g.h <= 1e-5))
    throw new RangeError(`voxel grid h = ${g.h} m is invalid: the voxel edge must be from 1e-10 to 1e-5 m.`);
  const n = g.nx * g.ny * g.nz;
  if (n > MAX_VOXELS) throw new RangeError(`voxel grid has ${n} voxels: at most ${MAX_VOXELS} are allowed.`);
  if (!(g.material instanceof Uint8Array) || g.material.length !== n)
    throw new RangeError(`voxel grid material has length ${g.material?.length}: must be a Uint8Array of nx·ny·nz = ${n}.`);
  for (let v = 0; v < n; v++) {
    if (g.material[v] > 5) {
      const [i, j, k] = coordsOf(g, v);
      throw new RangeError(`voxel grid material at (${i}, ${j}, ${k}) is ${g.material[v]}: codes are 0..5 (${MATERIAL_NAMES.join(', ')}).`);
    }
  }
}

export function createGrid(nx: number, ny: number, nz: number, h: number, fill: MaterialCode = MATERIAL.pore): VoxelGrid {
  const g = { nx, ny, nz, h, material: new Uint8Array(nx * ny * nz).fill(fill) };
  validateGrid(g);
  return g;
}

export function cloneGrid(g: VoxelGrid): VoxelGrid {
  return { nx: g.nx, ny: g.ny, nz: g.nz, h: g.h, material: g.material.slice() };
}

export const indexOf = (g: VoxelGrid, i: number, j: number, k: number): number => i + g.nx * (j + g.ny * k);

export function coordsOf(g: VoxelGrid, v: number): [number, number, number] {
  const k = Math.floor(v / (g.nx * g.ny));
  const r = v - k * g.nx * g.ny;
  const j = Math.floor(r / g.nx);
  return [r - j * g.nx, j, k];
}

/** Number of voxels of each material code. */
export function materialCounts(g: VoxelGrid): number[] {
  const c = [0, 0, 0, 0, 0, 0];
  for (let v = 0; v < g.material.length; v++) c[g.material[v]]++;
  return c;
}

/**
 * Per column, the height (in voxels) of the electrolyte surface: the lowest k from which every voxel up
 * to the grid top is electrolyte (nz if the top voxel is not electrolyte). Index i + nx·j.
 */
export function electrolyteSurface(g: VoxelGrid): Int32Array {
  const top = new Int32Array(g.nx * g.ny);
  const nxy = g.nx * g.ny;
  for (let c = 0; c < nxy; c++) {
    let k = g.nz;
    while (k > 0 && g.material[c + nxy * (k - 1)] === MATERIAL.electrolyte) k--;
    top[c] = k;
  }
  return top;
}

/** Porosity of the region between the collector and the electrolyte surface: pore + Li voxels / all voxels there. */
export function porosity(g: VoxelGrid): number {
  const top = electrolyteSurface(g);
  const nxy = g.nx * g.ny;
  let open = 0; let all = 0;
  for (let c = 0; c < nxy; c++) {
    for (let k = 0; k < top[c]; k++) {
      const m = g.material[c + nxy * k];
      if (m === MATERIAL.electrolyte) continue; // electrolyte overhangs are not part of the layer
      all++;
      if (m === MATERIAL.pore || m === MATERIAL.lithium) open++;
    }
  }
  return all > 0 ? open / all : 0;
}
