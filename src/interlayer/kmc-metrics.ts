// What the deposition run reports: where the lithium is, how much of it touches the electrolyte, and
// where its deposits sit on the deformation-mechanism map. Pure functions of a material grid (plus the
// core's counters), so the CLI, the worker and the tests share them.
import { flowStress, platingStrainRate, type MechanismParams } from './mechanism-map';
import { MATERIAL, electrolyteSurface, type VoxelGrid } from './voxel-grid';

export interface LithiumInventory {
  /** packets (voxels) of Li in each place */
  layer: number;           // dense layer at the collector (lifts the scaffold)
  nearCollector: number;   // pores in the lower third of the layer
  mid: number;             // middle third
  nearElectrolyte: number; // upper third
  inElectrolyte: number;   // penetrated into the electrolyte
  inFlight: number;        // ad-atom packets
  total: number;
}

/** mAh/cm² of `packets` in a plating sample (packets are in proportion to the plated charge). */
export const capacityOf = (packets: number, s: { inventory: { total: number }; capacity: number }): number =>
  (s.inventory.total > 0 ? (packets / s.inventory.total) * s.capacity : 0);

/**
 * Lithium by place. Thirds are taken per column between the collector (k = 0) and that column's
 * electrolyte surface in `reference` (the grid before plating).
 */
export function lithiumInventory(current: VoxelGrid, reference: VoxelGrid, layerPackets: number, inFlight: number): LithiumInventory {
  const { nx, ny, nz } = current;
  const nxy = nx * ny;
  const top = electrolyteSurface(reference);
  const inv: LithiumInventory = { layer: layerPackets, nearCollector: 0, mid: 0, nearElectrolyte: 0, inElectrolyte: 0, inFlight, total: 0 };
  for (let k = 0; k < nz; k++) for (let c = 0; c < nxy; c++) {
    const v = c + nxy * k;
    if (current.material[v] !== MATERIAL.lithium) continue;
    if (reference.material[v] === MATERIAL.electrolyte) { inv.inElectrolyte++; continue; }
    const f = (k + 0.5) / Math.max(1, top[c]);
    if (f < 1 / 3) inv.nearCollector++; else if (f < 2 / 3) inv.mid++; else inv.nearElectrolyte++;
  }
  inv.total = inv.layer + inv.nearCollector + inv.mid + inv.nearElectrolyte + inv.inElectrolyte + inv.inFlight;
  return inv;
}

/**
 * Li–electrolyte contact area, m²: faces shared by a Li voxel and an electrolyte voxel (the grid top
 * counts as electrolyte), plus, once the collector carries a Li layer, the electrolyte voxels resting on it.
 */
export function lithiumElectrolyteContact(g: VoxelGrid, layerPackets: number): number {
  const { nx, ny, nz, h } = g; const nxy = nx * ny; const m = g.material;
  let faces = 0;
  const L = MATERIAL.lithium; const E = MATERIAL.electrolyte;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const v = i + nx * (j + ny * k); const a = m[v];
    if (a !== L && a !== E) continue;
    // count each face once: +x, +y, +z neighbours
    const b0 = m[((i + 1) % nx) + nx * (j + ny * k)];
    const b1 = m[i + nx * (((j + 1) % ny) + ny * k)];
    const b2 = k + 1 < nz ? m[v + nxy] : E;
    const other = a === L ? E : L;
    if (b0 === other) faces++;
    if (b1 === other) faces++;
    if (b2 === other && (a === L || k + 1 < nz)) faces++;
    if (k === 0 && a === E && layerPackets > 0) faces++;
  }
  return faces * h * h;
}

/** Size of the Li in voxel v for the mechanism map: its local pore size, or one voxel edge where it has none, m. */
export const depositSize = (poreSize: Float32Array, v: number, h: number): number => (poreSize[v] > 0 ? poreSize[v] : h);

/** Flow stress of Li of size d growing at `velocity` (strain rate v/d), Pa: the mechanism map's operative branch. */
export const platingFlowStress = (d: number, velocity: number, mech: MechanismParams): number => flowStress(d, platingStrainRate(velocity, d), mech);

export interface DepositPoint {
  /** local pore size, m */
  d: number;
  /** Li voxels at this size */
  voxels: number;
  /** flow stress at the mean plating strain rate v/d, Pa */
  flowStress: number;
}

/** Li deposits grouped by local pore size (one group per distinct size), for the mechanism-map plot. */
export function depositPoints(g: VoxelGrid, poreSize: Float32Array, velocity: number, mech: MechanismParams): DepositPoint[] {
  const groups = new Map<number, number>();
  for (let v = 0; v < g.material.length; v++) {
    if (g.material[v] !== MATERIAL.lithium) continue;
    const d = depositSize(poreSize, v, g.h);
    groups.set(d, (groups.get(d) ?? 0) + 1);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0])
    .map(([d, voxels]) => ({ d, voxels, flowStress: platingFlowStress(d, velocity, mech) }));
}

/** Li voxels per column (index i + nx·j), the grid part only. */
export function lithiumPerColumn(g: VoxelGrid): Int32Array {
  const nxy = g.nx * g.ny; const out = new Int32Array(nxy);
  for (let v = 0; v < g.material.length; v++) if (g.material[v] === MATERIAL.lithium) out[v % nxy]++;
  return out;
}

/** The Li that touches the electrolyte and how hard it is (what decides penetration, penetration.ts). */
export interface ContactStress {
  /** Li voxels with a face on the electrolyte */
  voxels: number;
  /** largest and voxel-mean flow stress of those voxels at the strain rate velocity/d, Pa (the caller picks the velocity) */
  maxStress: number;
  meanStress: number;
  /** local pore size of the hardest of them, m */
  sizeOfMax: number;
}

/**
 * Flow stress of the Li at the Li|electrolyte contacts (the mechanism map's σ_flow(d, v/d), d = the voxel's
 * local pore size, v = `velocity`: the pipeline passes the kMC's local rate, the current over the sites). Its
 * largest value over the Griffith threshold is the margin to penetration: a deposit
 * must push harder than that to crack the SE (physics-reference §6.7), so the ratio says how far a cell is
 * from penetrating even when nothing penetrates.
 */
export function electrolyteContactStress(g: VoxelGrid, poreSize: Float32Array, velocity: number, mech: MechanismParams): ContactStress {
  const { nx, ny, nz } = g; const nxy = nx * ny; const m = g.material;
  const L = MATERIAL.lithium; const E = MATERIAL.electrolyte;
  let voxels = 0; let sum = 0; let maxStress = 0; let sizeOfMax = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const v = i + nx * (j + ny * k);
    if (m[v] !== L) continue;
    const touches = (k + 1 >= nz || m[v + nxy] === E) || (k > 0 && m[v - nxy] === E)
      || m[((i + 1) % nx) + nx * (j + ny * k)] === E || m[((i + nx - 1) % nx) + nx * (j + ny * k)] === E
      || m[i + nx * (((j + 1) % ny) + ny * k)] === E || m[i + nx * (((j + ny - 1) % ny) + ny * k)] === E;
    if (!touches) continue;
    const d = depositSize(poreSize, v, g.h);
    const s = platingFlowStress(d, velocity, mech);
    voxels++; sum += s;
    if (s > maxStress) { maxStress = s; sizeOfMax = d; }
  }
  return { voxels, maxStress, meanStress: voxels ? sum / voxels : 0, sizeOfMax };
}
