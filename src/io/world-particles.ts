// Adapter from the core World (src/core/world.ts) to the plain particle set the writers take.
// Particles are written in stable-id order (not storage order, which changes when the core
// re-sorts by cell), ids 1-based like LAMMPS tags, types = material index + 1 like LAMMPS atom types.
import type { World } from '../core/world';
import type { ParticleSet } from './particle-set';

export interface WorldSetOptions {
  /** Top of the box, m (the platen, or the bed surface); default: the world's platen height. */
  zTop?: number;
  /**
   * Include the per-particle diagnostics (contacts, forceSum, pressure, vonMises). They are filled
   * by the core on diagnostic steps only (world.step(n, true)); default true.
   */
  diagnostics?: boolean;
}

export function particleSetFromWorld(world: World, o: WorldSetOptions = {}): ParticleSet {
  const n = world.count;
  const ids = world.ids, mat = world.materials;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a] - ids[b]);
  const [x, y, z, vx, vy, vz, r] = (['x', 'y', 'z', 'vx', 'vy', 'vz', 'radius'] as const).map((k) => world.field(k));
  const positions = new Float64Array(3 * n), velocities = new Float64Array(3 * n), radii = new Float64Array(n);
  const outIds = new Int32Array(n), types = new Int32Array(n);
  order.forEach((s, i) => {
    positions[3 * i] = x[s]; positions[3 * i + 1] = y[s]; positions[3 * i + 2] = z[s];
    velocities[3 * i] = vx[s]; velocities[3 * i + 1] = vy[s]; velocities[3 * i + 2] = vz[s];
    radii[i] = r[s]; outIds[i] = ids[s] + 1; types[i] = mat[s] + 1;
  });
  const fields: ParticleSet['fields'] = {};
  if (o.diagnostics !== false) {
    const { pressure, vonMises } = world.particleStress();
    const pick = (a: ArrayLike<number>) => { const out = new Float64Array(n); order.forEach((s, i) => { out[i] = a[s]; }); return out; };
    const nc = world.contacts;
    fields.contacts = { values: Int32Array.from(order, (s) => nc[s]), unit: '' };
    fields.forceSum = { values: pick(world.field('forceSum')), unit: 'N' };
    fields.pressure = { values: pick(pressure), unit: 'Pa' };
    fields.vonMises = { values: pick(vonMises), unit: 'Pa' };
  }
  let top = o.zTop ?? world.platenZ;
  for (let i = 0; i < n; i++) top = Math.max(top, positions[3 * i + 2] + radii[i]);
  return {
    count: n, positions, radii, ids: outIds, types, velocities, fields,
    box: { lo: [0, 0, 0], hi: [world.boxX, world.boxY, top], periodic: [true, true, false] },
    timestep: world.stepCount, time: world.time,
  };
}
