// The as-cast Si–CNT layer: materials, carbon-nanotube chains and Si particles placed in the slab.
//
// CNTs are chains of touching beads (spacing 2r_b, r_b = r_t √(3/2) so a chain has the tube's volume
// and mass per length; scaffold-params.ts), laid down as persistent random walks that stay mostly in
// the plane of the coating (cast films lay their tubes flat [E]), reflected at the collector and at
// the as-cast top, rejected where they would overlap a bead already there. Bonds: stretch k = E_ax A/L
// with A = π r_t², bending k_θ = E_b I/L with I = π r_t⁴/4 (solid-rod section [E]: a multi-walled tube
// with many walls is close to it; assembly/bonds.ts gives EI = k_θ L).
// Si: diameters from a log-normal (number-weighted sampling of src/psd) until the Si volume of the
// as-cast layer is reached; inserted by random sequential addition at `castInsertScale` of their size
// (plain RSA jams near 35 % solids, below the 41.5 % of the cast layer) and grown to size by the
// scaffold's cast stage. All random numbers come from seeded generators (xoshiro128** here, the core's
// SplitMix64 for insertion); directions are drawn by rejection in a cube, so no Math.sin/cos enters.
import { World, type MaterialSI } from '../core/world';
import { Rng, exp as dexp } from '../psd/detmath';
import { sampleDiameters } from '../psd/sample';
import { type ScaffoldParams, beadRadius, solidVolumes } from './scaffold-params';
import { stageMaterial } from './lithiation';

/** Material indices in the core: 0..K Si stages (0 = Si, K = Li15Si4), then CNT, steel, electrolyte. */
export interface MaterialIndex { stages: number; cnt: number; steel: number; electrolyte: number }
export function materialIndex(p: ScaffoldParams): MaterialIndex {
  const K = p.lithiationStages;
  return { stages: K, cnt: K + 1, steel: K + 2, electrolyte: K + 3 };
}

/** Bond and bead constants of the CNT model. */
export interface CntModel {
  rb: number;        // bead radius, m
  L: number;         // bond length, m
  k: number;         // stretch stiffness, N/m
  kTheta: number;    // bending constant, J
  massScale: number; // inertia scale of the beads
  beadsPerTube: number;
}

export function cntModel(p: ScaffoldParams, dtSi: number): CntModel {
  const rt = p.cntDiameter / 2, rb = beadRadius(p), L = 2 * rb;
  const k = (p.cntAxialE * Math.PI * rt * rt) / L;
  const kTheta = (p.cntBendingE * Math.PI * (rt * rt * rt * rt)) / 4 / L;
  const m0 = p.cntDensity * (4 / 3) * Math.PI * (rb * rb * rb);
  // highest bond frequencies: stretch √(2k/m) (two-bead mode, bounded by √(4k/m) in a chain), bending
  // √(16 k_θ/(m L²)) (zig-zag mode: |∇cos θ|² summed over overlapping joints). ω·dt ≤ 0.3.
  const need = (w2m: number) => w2m * ((dtSi / 0.3) * (dtSi / 0.3));   // smallest m-scale with ω dt ≤ 0.3
  const auto = Math.max(1, need((4 * k) / m0), need((16 * kTheta) / (m0 * L * L)));
  const massScale = p.cntMassScale > 0 ? p.cntMassScale : Math.ceil(auto);
  return { rb, L, k, kTheta, massScale, beadsPerTube: Math.max(3, Math.round(p.cntLength / L)) };
}

/** The core's materials for the scaffold (see materialIndex). */
export function scaffoldMaterials(p: ScaffoldParams, cnt: CntModel): MaterialSI[] {
  const list: MaterialSI[] = [];
  for (let k = 0; k <= p.lithiationStages; k++) list.push(stageMaterial(k / p.lithiationStages, p));
  const base = { restitution: p.restitution, friction: p.friction, rollingFriction: 0 };
  list.push({ ...base, youngsModulus: p.cntContactE, poissonRatio: 0.3, density: p.cntDensity * cnt.massScale, yieldPressure: null });
  list.push({ ...base, youngsModulus: p.steelE, poissonRatio: p.steelNu, density: 7900, yieldPressure: null });
  // the moving electrolyte plane has no dashpot of its own (pair restitution √(e·1)): its contact
  // dashpots resist the plane's speed at once and limit how fast the servo may move it (walls.ts)
  list.push({ ...base, restitution: 1, youngsModulus: p.electrolyteE, poissonRatio: p.electrolyteNu, density: 1900, yieldPressure: null });
  return list;
}

/** Rayleigh time π r √(ρ/G)/(0.1631ν + 0.8766) (physics-reference §6.1). */
export function rayleighTime(r: number, m: MaterialSI): number {
  const G = m.youngsModulus / (2 * (1 + m.poissonRatio));
  return (Math.PI * r * Math.sqrt(m.density / G)) / (0.1631 * m.poissonRatio + 0.8766);
}

export interface CastLayout {
  /** per stable id: 0 = Si, 1 = CNT bead */
  kind: Uint8Array;
  /** per stable id: Si volume (full as-cast size) or bead volume, m³ */
  volume0: Float64Array;
  tubes: number;
  beads: number;
  si: number;
}

/** Si diameters (m) whose volumes add up to `volume` (the last one makes it reach it). */
export function siDiameters(p: ScaffoldParams, volume: number, seed: number): number[] {
  const meanV = (Math.PI / 6) * (p.siDiameter * p.siDiameter * p.siDiameter) * dexp(-4.5 * (p.siSigmaLn * p.siSigmaLn));
  const nEst = Math.ceil((1.3 * volume) / meanV) + 10;
  const d = p.siSigmaLn > 0 ? Array.from(sampleDiameters({ kind: 'lognormal', d50: p.siDiameter, sigmaLn: p.siSigmaLn }, nEst, seed))
    : new Array<number>(nEst).fill(p.siDiameter);
  const out: number[] = [];
  let v = 0;
  for (const x of d) { if (v >= volume) break; out.push(x); v += (Math.PI / 6) * (x * x * x); }
  return out;
}

/** Places the CNT chains and the Si particles into `world` (materials and box already set). */
export function placeCastLayer(world: World, p: ScaffoldParams, cnt: CntModel, seed: number): CastLayout {
  const mi = materialIndex(p);
  const vol = solidVolumes(p);
  const rng = new Rng(seed, 0x636e74);   // "cnt"
  const { rb, L } = cnt;
  const vBead = (4 / 3) * Math.PI * (rb * rb * rb);
  const totalBeads = p.cntMassFraction > 0 ? Math.round(vol.cnt / vBead) : 0;
  const nTubes = totalBeads > 0 ? Math.max(1, Math.round(totalBeads / cnt.beadsPerTube)) : 0;
  const h0 = p.thickness0, lx = p.lx, ly = p.ly;
  // spatial hash of placed beads (cell ≥ 2 r_b)
  const cx = Math.max(1, Math.floor(lx / (2 * rb))), cy = Math.max(1, Math.floor(ly / (2 * rb))), cz = Math.max(1, Math.floor(h0 / (2 * rb)));
  const cells = new Map<number, number[]>();
  const bx: number[] = [], by: number[] = [], bz: number[] = [];
  const cellOf = (x: number, y: number, z: number) => {
    const i = Math.min(cx - 1, Math.floor((x / lx) * cx)), j = Math.min(cy - 1, Math.floor((y / ly) * cy)), k = Math.min(cz - 1, Math.max(0, Math.floor((z / h0) * cz)));
    return [i, j, k];
  };
  const wrap = (v: number, P: number) => v - P * Math.floor(v / P);
  const free = (x: number, y: number, z: number, skip: number) => {
    const [i, j, k] = cellOf(x, y, z);
    for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      const kk = k + dk; if (kk < 0 || kk >= cz) continue;
      const key = ((i + di + cx) % cx) + cx * (((j + dj + cy) % cy) + cy * kk);
      const list = cells.get(key); if (!list) continue;
      for (const b of list) {
        if (b === skip) continue;
        let dx = bx[b] - x; dx -= lx * Math.round(dx / lx);
        let dy = by[b] - y; dy -= ly * Math.round(dy / ly);
        const dz = bz[b] - z;
        if (dx * dx + dy * dy + dz * dz < ((2 * rb) * (2 * rb)) * (1 - 1e-9)) return false;
      }
    }
    return true;
  };
  const add = (x: number, y: number, z: number) => {
    const b = bx.length; bx.push(x); by.push(y); bz.push(z);
    const [i, j, k] = cellOf(x, y, z); const key = i + cx * (j + cy * k);
    const l = cells.get(key); if (l) l.push(b); else cells.set(key, [b]);
    return b;
  };
  const unit = (flat: number): [number, number, number] => {
    for (;;) {
      const a = 2 * rng.next() - 1, b = 2 * rng.next() - 1, c = (2 * rng.next() - 1) * flat;
      const n2 = a * a + b * b + c * c;
      if (n2 > 1e-4 && n2 <= 1) { const s = 1 / Math.sqrt(n2); return [a * s, b * s, c * s]; }
    }
  };
  const tubeStarts: number[] = [];
  let placedTubes = 0;
  for (let t = 0; t < nTubes; t++) {
    let ok = false;
    for (let attempt = 0; attempt < 200 && !ok; attempt++) {
      const chain: Array<[number, number, number]> = [];
      let x = rng.next() * lx, y = rng.next() * ly, z = rb + rng.next() * (h0 - 2 * rb);
      if (!free(x, y, z, -1)) continue;
      chain.push([x, y, z]);
      let d = unit(0.3);
      for (let s = 1; s < cnt.beadsPerTube; s++) {
        let placed = false;
        for (let tries = 0; tries < 30 && !placed; tries++) {
          const q = unit(1);
          let nx = d[0] + 0.35 * q[0], ny = d[1] + 0.35 * q[1], nz = 0.5 * (d[2] + 0.35 * q[2]);
          const nn = 1 / Math.sqrt(nx * nx + ny * ny + nz * nz); nx *= nn; ny *= nn; nz *= nn;
          let zz = z + L * nz;
          if (zz < rb || zz > h0 - rb) { nz = -nz; zz = z + L * nz; }
          const xx = wrap(x + L * nx, lx), yy = wrap(y + L * ny, ly);
          // free of every placed bead and of this chain's own beads except the previous one
          if (!free(xx, yy, zz, -1)) continue;
          let selfOk = true;
          for (let c = 0; c < chain.length - 1 && selfOk; c++) {
            let dx = chain[c][0] - xx; dx -= lx * Math.round(dx / lx);
            let dy = chain[c][1] - yy; dy -= ly * Math.round(dy / ly);
            const dz = chain[c][2] - zz;
            if (dx * dx + dy * dy + dz * dz < ((2 * rb) * (2 * rb)) * (1 - 1e-9)) selfOk = false;
          }
          if (!selfOk) continue;
          x = xx; y = yy; z = zz; d = [nx, ny, nz]; chain.push([x, y, z]); placed = true;
        }
        if (!placed) break;
      }
      if (chain.length === cnt.beadsPerTube) {
        tubeStarts.push(bx.length);
        for (const [a, b, c] of chain) add(a, b, c);
        ok = true; placedTubes++;
      }
    }
  }
  const nBeads = bx.length;
  for (let b = 0; b < nBeads; b++) world.addParticle(bx[b], by[b], bz[b], rb, mi.cnt);
  for (const s of tubeStarts) {
    for (let k = 0; k < cnt.beadsPerTube - 1; k++) world.addBond(s + k, s + k + 1, L, cnt.k, 0.3);
    for (let k = 1; k < cnt.beadsPerTube - 1; k++) world.addAngle(s + k - 1, s + k, s + k + 1, cnt.kTheta, 0.3, L);
  }
  // Si at castInsertScale of their radius, largest first
  const d = siDiameters(p, vol.si, seed).sort((a, b) => b - a);
  const radii = d.map((x) => 0.5 * x * p.castInsertScale);
  const placed = world.insertRandom(radii, 0, 0, h0, 4000);
  if (placed < radii.length)
    throw new RangeError(`scaffold: only ${placed} of ${radii.length} Si particles fit at castInsertScale = ${p.castInsertScale}; lower castInsertScale (or porosity0 is too low for random insertion).`);
  const n = nBeads + radii.length;
  const kind = new Uint8Array(n), volume0 = new Float64Array(n);
  for (let b = 0; b < nBeads; b++) { kind[b] = 1; volume0[b] = vBead; }
  for (let k = 0; k < d.length; k++) volume0[nBeads + k] = (Math.PI / 6) * (d[k] * d[k] * d[k]);
  return { kind, volume0, tubes: placedTubes, beads: nBeads, si: d.length };
}
