// Synthetic voxel scaffolds for the deposition kMC, its tests and the benchmark — stand-ins for the DEM
// scaffolds of part 1 with controlled porosity and pore size.
//
// Interlayer: a Boolean model (overlapping solid spheres of radius R at Poisson-random centres) of
// Li3.75Si in a slab on the collector, with optional CNT rods, under an electrolyte layer. Spheres are
// added until the layer's pore fraction falls to the target. The pore space of overlapping spheres stays
// connected down to ~3 % porosity (the "Swiss-cheese" void percolation threshold, Elam, Kerstein &
// Rehr, PRL 52 (1984) 1516), so a 11 % layer is open from the electrolyte to the collector; the pore
// size scales with R (≈ 0.3–0.6·R at 10–25 % porosity; measure it with pore-size.ts).
// Bare cell: steel collector and an electrolyte whose rough underside touches the collector at a few
// conical asperities and stands off elsewhere by a gap.
// All randomness from the seeded xoshiro128** of src/psd/detmath.ts (never Math.random).
import { Rng } from '../psd/detmath';
import { MATERIAL, createGrid, electrolyteSurface, porosity, type VoxelGrid } from './voxel-grid';

export interface InterlayerSpec {
  /** lateral voxels */
  nx: number;
  ny: number;
  /** voxel edge, m */
  h: number;
  /** scaffold thickness, m */
  thickness: number;
  /** target pore fraction of the layer, – */
  porosity: number;
  /** radius of the Li3.75Si spheres, m */
  sphereRadius: number;
  /** fraction of the solid volume that is CNT rods (0 = Li3.75Si only), – */
  cntFraction?: number;
  /** CNT rod length, m (default 0.4 µm) */
  cntLength?: number;
  /** 'lisi' (default) or 'cnt': the material of the spheres ('cnt' gives a CNT-only scaffold of rods) */
  solid?: 'lisi' | 'cnt';
  /** electrolyte voxel layers above the scaffold (default 2) */
  electrolyteLayers?: number;
  /**
   * 'spheres' (default): Boolean model of solid spheres (pores = the gaps; may not percolate at coarse
   * voxels and low porosity); 'tubes': solid layer carved by random straight pore tubes of diameter
   * poreDiameter and length tubeLength — a pore network that percolates by construction at 10–30 %.
   */
  pores?: 'spheres' | 'tubes';
  /** m, tube diameter for pores = 'tubes' (default 60 nm) */
  poreDiameter?: number;
  /** m, tube length for pores = 'tubes' (default 0.6 µm) */
  tubeLength?: number;
  seed: number;
}

const STREAM_SCAFFOLD = 0x73636166; // "scaf"

function checkPositive(name: string, v: number, lo: number, hi: number, unit: string): void {
  if (!(Number.isFinite(v) && v >= lo && v <= hi))
    throw new RangeError(`scaffold ${name} = ${v} ${unit} is out of range: must be from ${lo} to ${hi} ${unit}.`);
}

/** Paints a ball of radius r (m); returns how many voxels changed material. */
function paintSphere(g: VoxelGrid, cx: number, cy: number, cz: number, r: number, mat: number, kTop: number, from = -1): number {
  let changed = 0;
  const { nx, ny, h } = g;
  const R = r / h; const ci = cx / h - 0.5; const cj = cy / h - 0.5; const ck = cz / h - 0.5;
  const k0 = Math.max(0, Math.ceil(ck - R)); const k1 = Math.min(kTop - 1, Math.floor(ck + R));
  for (let k = k0; k <= k1; k++) {
    const dk = k - ck;
    const rr = R * R - dk * dk; if (rr < 0) continue;
    const rj = Math.sqrt(rr);
    for (let j = Math.ceil(cj - rj); j <= Math.floor(cj + rj); j++) {
      const dj = j - cj; const ri2 = rr - dj * dj; if (ri2 < 0) continue;
      const ri = Math.sqrt(ri2);
      const jj = ((j % ny) + ny) % ny;
      for (let i = Math.ceil(ci - ri); i <= Math.floor(ci + ri); i++) {
        const ii = ((i % nx) + nx) % nx;
        const v = ii + nx * (jj + ny * k);
        if (g.material[v] !== mat && (from < 0 || g.material[v] === from)) { g.material[v] = mat; changed++; }
      }
    }
  }
  return changed;
}

/** A cylinder of radius r (m) from p to q (m), periodic in x, y, clipped to k < kTop. */
function paintRod(g: VoxelGrid, p: number[], q: number[], r: number, mat: number, kTop: number): number {
  const len = Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
  const steps = Math.max(1, Math.ceil(len / (0.5 * g.h)));
  let changed = 0;
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    changed += paintSphere(g, p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2]), r, mat, kTop);
  }
  return changed;
}

/** Li3.75Si (–CNT) interlayer on the collector under the electrolyte. */
export function interlayerScaffold(spec: InterlayerSpec): VoxelGrid {
  const { nx, ny, h, thickness, sphereRadius, seed } = spec;
  checkPositive('porosity', spec.porosity, 0.01, 0.95, '–');
  checkPositive('thickness', thickness, h, 1e-4, 'm');
  checkPositive('sphereRadius', sphereRadius, 0.5 * h, 1e-5, 'm');
  const cntFraction = spec.cntFraction ?? 0;
  checkPositive('cntFraction', cntFraction, 0, 1, '–');
  const layers = spec.electrolyteLayers ?? 2;
  const kTop = Math.round(thickness / h);
  const g = createGrid(nx, ny, kTop + layers, h);
  for (let v = nx * ny * kTop; v < g.material.length; v++) g.material[v] = MATERIAL.electrolyte;
  const rng = new Rng(seed >>> 0, STREAM_SCAFFOLD);
  const lx = nx * h; const ly = ny * h;
  const solidMat = spec.solid === 'cnt' ? MATERIAL.cnt : MATERIAL.lisi;
  const layerVoxels = nx * ny * kTop;
  const countSolid = () => { let c = 0; for (let v = 0; v < layerVoxels; v++) if (g.material[v] !== MATERIAL.pore) c++; return c; };
  // CNT rods first, to their share of the final solid volume
  if (cntFraction > 0 && solidMat === MATERIAL.lisi) {
    const target = cntFraction * (1 - spec.porosity) * layerVoxels;
    const L = spec.cntLength ?? 0.4e-6;
    while (countSolid() < target) {
      const p = [rng.next() * lx, rng.next() * ly, rng.next() * thickness];
      const u = 2 * rng.next() - 1; const phi = 2 * Math.PI * rng.next(); const s = Math.sqrt(1 - u * u);
      // CNTs in a cast film lie mostly in-plane: flatten the direction's z component
      const dir = [s * Math.cos(phi), s * Math.sin(phi), 0.3 * u];
      const dn = Math.hypot(dir[0], dir[1], dir[2]);
      const q = [p[0] + L * dir[0] / dn, p[1] + L * dir[1] / dn, Math.min(thickness, Math.max(0, p[2] + L * dir[2] / dn))];
      paintRod(g, p, q, 0.5 * h, MATERIAL.cnt, kTop);
    }
  }
  if (spec.pores === 'tubes') {
    // start solid, carve a network of random straight pore tubes of diameter poreDiameter
    const d = spec.poreDiameter ?? 60e-9;
    const L = spec.tubeLength ?? 0.6e-6;
    let open = 0;
    for (let v = 0; v < layerVoxels; v++) if (g.material[v] === MATERIAL.pore) g.material[v] = solidMat; // CNTs stay CNT
    const targetOpen = spec.porosity * layerVoxels;
    let placed = 0;
    while (open < targetOpen) {
      const p = [rng.next() * lx, rng.next() * ly, rng.next() * thickness];
      const u = 2 * rng.next() - 1; const phi = 2 * Math.PI * rng.next(); const s = Math.sqrt(1 - u * u);
      const q = [p[0] + L * s * Math.cos(phi), p[1] + L * s * Math.sin(phi), p[2] + L * u];
      open += paintRod(g, p, q, d / 2, MATERIAL.pore, kTop);
      if (++placed > 1e6) throw new Error('interlayerScaffold: did not reach the porosity after 1e6 tubes');
    }
    return g;
  }
  const targetSolid = (1 - spec.porosity) * layerVoxels;
  let solid = countSolid();
  let placed = 0;
  while (solid < targetSolid) {
    if (solidMat === MATERIAL.cnt) {
      const p = [rng.next() * lx, rng.next() * ly, rng.next() * thickness];
      const u = 2 * rng.next() - 1; const phi = 2 * Math.PI * rng.next(); const s = Math.sqrt(1 - u * u);
      const L = spec.cntLength ?? 0.4e-6;
      solid += paintRod(g, p, [p[0] + L * s * Math.cos(phi), p[1] + L * s * Math.sin(phi), Math.min(thickness, Math.max(0, p[2] + 0.3 * L * u))],
        sphereRadius, MATERIAL.cnt, kTop);
    } else {
      solid += paintSphere(g, rng.next() * lx, rng.next() * ly, -sphereRadius + rng.next() * (thickness + 2 * sphereRadius), sphereRadius, MATERIAL.lisi, kTop, MATERIAL.pore);
    }
    if (++placed > 1e7) throw new Error('interlayerScaffold: did not reach the porosity after 1e7 spheres');
  }
  return g;
}

export interface BareCellSpec {
  nx: number;
  ny: number;
  /** voxel edge, m */
  h: number;
  /** gap between collector and electrolyte away from the contacts, m */
  gap: number;
  /** number of contact points (conical asperities of the electrolyte touching the collector) */
  contacts: number;
  /** base radius of an asperity, m */
  contactRadius: number;
  electrolyteLayers?: number;
  seed: number;
}

export interface BareCell { grid: VoxelGrid; contacts: [number, number][] }

/** Steel collector (below z = 0) and an electrolyte touching it at a few asperities, a gap elsewhere. */
export function bareCell(spec: BareCellSpec): BareCell {
  const { nx, ny, h, seed } = spec;
  checkPositive('gap', spec.gap, 2 * h, 1e-5, 'm');
  checkPositive('contactRadius', spec.contactRadius, h, 1e-5, 'm');
  if (!(Number.isInteger(spec.contacts) && spec.contacts >= 1 && spec.contacts <= nx * ny))
    throw new RangeError(`scaffold contacts = ${spec.contacts} is out of range: must be an integer from 1 to nx·ny = ${nx * ny}.`);
  const G = Math.round(spec.gap / h);
  const layers = spec.electrolyteLayers ?? 2;
  const g = createGrid(nx, ny, G + layers, h);
  const rng = new Rng(seed >>> 0, STREAM_SCAFFOLD);
  const contacts: [number, number][] = [];
  for (let c = 0; c < spec.contacts; c++) contacts.push([rng.nextInt(nx), rng.nextInt(ny)]);
  const rc = spec.contactRadius / h;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    let s = G;
    for (const [ci, cj] of contacts) {
      let dx = Math.abs(i - ci); dx = Math.min(dx, nx - dx);
      let dy = Math.abs(j - cj); dy = Math.min(dy, ny - dy);
      const r = Math.hypot(dx, dy);
      if (r < rc) s = Math.min(s, Math.floor(G * r / rc));
    }
    for (let k = s; k < g.nz; k++) g.material[i + nx * (j + ny * k)] = MATERIAL.electrolyte;
  }
  return { grid: g, contacts };
}

export { porosity };

/**
 * Opens one spherical pore of diameter `diameter` (m) in a cell, centred laterally in the grid, its top at the
 * cell's mean electrolyte surface: a what-if for "a large pore under the electrolyte" (docs/model.md §14.5).
 * Solid voxels inside become pore; electrolyte stays. Returns the voxels opened.
 */
export function carvePoreUnderElectrolyte(g: VoxelGrid, diameter: number): number {
  const { nx, ny, nz, h } = g; const m = g.material;
  const top = electrolyteSurface(g);
  let mean = 0; for (const t of top) mean += t; mean = (mean / top.length) * h;
  const R = diameter / 2, cz = mean - R;
  let opened = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const x = (i + 0.5) * h - (nx * h) / 2, y = (j + 0.5) * h - (ny * h) / 2, z = (k + 0.5) * h - cz;
    const v = i + nx * (j + ny * k);
    if (x * x + y * y + z * z <= R * R && m[v] !== MATERIAL.electrolyte && m[v] !== MATERIAL.pore) { m[v] = MATERIAL.pore; opened++; }
  }
  return opened;
}
