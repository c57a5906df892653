// LIGGGHTS/LAMMPS files of a World: one dump frame (readable by OVITO, LIGGGHTS `read_dump` and
// our reader, see dump-writer.ts and docs/formats.md) and a LAMMPS data file for `read_data`.
// SI units.
import type { World } from '../core/world';
import { dumpFrameText } from './dump-writer';
import { particleSetFromWorld } from './world-particles';

/**
 * One dump frame of the world: id type x y z radius vx vy vz contacts forceSum pressure vonMises,
 * in id order; the box top is zTop (or the highest particle top when that is higher, so every
 * atom lies inside the box as read_dump and OVITO expect).
 */
export function liggghtsDumpFrame(world: World, zTop: number): string {
  return dumpFrameText(particleSetFromWorld(world, { zTop }));
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
