// Spheres → the voxel grid handed to lithium deposition (src/interlayer/voxel-grid.ts).
//
// A voxel is solid when its centre lies inside a sphere (point sampling: the solid volume converges
// as h³ per voxel with an error ∝ surface·h, which averages out over many spheres). Voxels whose
// centre is above the electrolyte plane z_top are electrolyte; the collector lies below z = 0,
// outside the grid. The grid is periodic in x and y like the DEM slab: nx = round(lx/h), the edge is
// adjusted to lx/nx so the period is exact in x; ny = round(ly/edge) (exact for square slabs, within
// half a voxel otherwise).
import { MATERIAL, type MaterialCode, type VoxelGrid, validateGrid } from './voxel-grid';

export interface SphereSet {
  x: ArrayLike<number>; y: ArrayLike<number>; z: ArrayLike<number>; r: ArrayLike<number>;
  /** voxel material code of each sphere */
  material: ArrayLike<number>;
}

export interface VoxelizeOptions {
  lx: number; ly: number;
  /** electrolyte plane height, m (the slab top) */
  top: number;
  /** requested voxel edge, m */
  h: number;
  /** grid height, m (default: top, rounded up to whole voxels) */
  height?: number;
}

export function voxelizeSpheres(s: SphereSet, o: VoxelizeOptions): VoxelGrid {
  if (!(o.h > 0) || !(o.lx > 0) || !(o.ly > 0) || !(o.top > 0))
    throw new RangeError(`voxelize: h = ${o.h} m, lx = ${o.lx} m, ly = ${o.ly} m, top = ${o.top} m must all be > 0.`);
  const nx = Math.max(1, Math.round(o.lx / o.h));
  const h = o.lx / nx;
  const ny = Math.max(1, Math.round(o.ly / h));
  const nz = Math.max(1, Math.ceil((o.height ?? o.top) / h - 1e-9));
  const nxy = nx * ny;
  const mat = new Uint8Array(nxy * nz);
  // electrolyte above the plane
  for (let k = 0; k < nz; k++) if ((k + 0.5) * h > o.top) mat.fill(MATERIAL.electrolyte, k * nxy, (k + 1) * nxy);
  const n = s.r.length;
  for (let p = 0; p < n; p++) {
    const cx = s.x[p], cy = s.y[p], cz = s.z[p], r = s.r[p];
    const code = s.material[p] as MaterialCode;
    const r2 = r * r;
    const i0 = Math.ceil((cx - r) / h - 0.5), i1 = Math.floor((cx + r) / h - 0.5);
    const j0 = Math.ceil((cy - r) / h - 0.5), j1 = Math.floor((cy + r) / h - 0.5);
    const k0 = Math.max(0, Math.ceil((cz - r) / h - 0.5)), k1 = Math.min(nz - 1, Math.floor((cz + r) / h - 0.5));
    for (let k = k0; k <= k1; k++) {
      const dz = (k + 0.5) * h - cz;
      const rz = r2 - dz * dz;
      if (rz < 0) continue;
      for (let j = j0; j <= j1; j++) {
        const dy = (j + 0.5) * h - cy;
        const ryz = rz - dy * dy;
        if (ryz < 0) continue;
        const jj = ((j % ny) + ny) % ny;
        for (let i = i0; i <= i1; i++) {
          const dx = (i + 0.5) * h - cx;
          if (dx * dx > ryz) continue;
          const ii = ((i % nx) + nx) % nx;
          const v = ii + nx * (jj + ny * k);
          if (mat[v] === MATERIAL.pore) mat[v] = code;
        }
      }
    }
  }
  const g: VoxelGrid = { nx, ny, nz, h, material: mat };
  validateGrid(g);
  return g;
}

/** Solid (scaffold) volume of a grid below the electrolyte, m³: voxels that are neither pore, lithium nor electrolyte. */
export function solidVoxelVolume(g: VoxelGrid): number {
  let c = 0;
  for (let v = 0; v < g.material.length; v++) {
    const m = g.material[v];
    if (m === MATERIAL.lisi || m === MATERIAL.cnt || m === MATERIAL.steel) c++;
  }
  return c * (g.h * g.h * g.h);
}
