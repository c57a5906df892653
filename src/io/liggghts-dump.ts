// Writes particles as a LIGGGHTS/LAMMPS custom text dump (one frame), readable by OVITO and by
// LIGGGHTS `read_dump`. Columns are named in the `ITEM: ATOMS` header; SI units.
import type { World } from '../core/world';

export function liggghtsDumpFrame(world: World, zTop: number): string {
  const n = world.count;
  const f = (k: Parameters<World['field']>[0]) => world.field(k);
  const [x, y, z, vx, vy, vz, r, fsum] = (['x', 'y', 'z', 'vx', 'vy', 'vz', 'radius', 'forceSum'] as const).map(f);
  const mat = world.materials, nc = world.contacts, ids = world.ids;
  const { pressure, vonMises } = world.particleStress();
  const lines = [
    'ITEM: TIMESTEP', String(world.stepCount),
    'ITEM: NUMBER OF ATOMS', String(n),
    'ITEM: BOX BOUNDS pp pp ff',
    `0 ${world.boxX}`, `0 ${world.boxY}`, `0 ${zTop}`,
    'ITEM: ATOMS id type x y z radius vx vy vz contacts forceSum pressure vonMises',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(`${ids[i] + 1} ${mat[i] + 1} ${x[i]} ${y[i]} ${z[i]} ${r[i]} ${vx[i]} ${vy[i]} ${vz[i]} ${nc[i]} ${fsum[i]} ${pressure[i]} ${vonMises[i]}`);
  }
  return lines.join('\n') + '\n';
}

/** LAMMPS data file (atom_style granular: id type diameter density x y z) plus velocities. */
export function lammpsDataFile(world: World, zTop: number, densities: number[]): string {
  const n = world.count;
  const [x, y, z, vx, vy, vz, wx, wy, wz, r] = (['x', 'y', 'z', 'vx', 'vy', 'vz', 'wx', 'wy', 'wz', 'radius'] as const).map((k) => world.field(k));
  const mat = world.materials, ids = world.ids;
  const types = Math.max(1, ...Array.from(mat, (m) => m + 1));
  const out = [
    'LIGGGHTS data file written by electrode-lab', '',
    `${n} atoms`, `${types} atom types`, '',
    `0 ${world.boxX} xlo xhi`, `0 ${world.boxY} ylo yhi`, `0 ${zTop} zlo zhi`, '', 'Atoms', '',
  ];
  for (let i = 0; i < n; i++) out.push(`${ids[i] + 1} ${mat[i] + 1} ${2 * r[i]} ${densities[mat[i]]} ${x[i]} ${y[i]} ${z[i]}`);
  out.push('', 'Velocities', '');
  for (let i = 0; i < n; i++) out.push(`${ids[i] + 1} ${vx[i]} ${vy[i]} ${vz[i]} ${wx[i]} ${wy[i]} ${wz[i]}`);
  return out.join('\n') + '\n';
}
