// Solid-fraction profile of the scaffold over height. Each sphere is sliced exactly
// (∫ π (r² − (z − z_c)²) dz over the slab) and its slices are scaled by V*/V_sphere, its target solid
// volume over its sphere volume, so that overlapping spheres do not count the shared lenses twice
// (the volume-honest radii make Σ V* the union volume; assembly/growth.ts). Without a target the
// sphere counts as it is.
import type { World } from '../core/world';

export function solidFractionsOfSlab(world: World, top: number, dz: number): { z: number[]; solid: number[] } {
  if (!(dz > 0) || !(top > 0)) throw new RangeError(`profile: dz = ${dz} m and top = ${top} m must be > 0.`);
  const bins = Math.max(1, Math.ceil(top / dz));
  const vol = new Float64Array(bins);
  const z = world.field('z'), r = world.field('radius'), tv = world.targetVolumes;
  for (let i = 0; i < z.length; i++) {
    const vs = (4 / 3) * Math.PI * (r[i] * r[i] * r[i]);
    const f = tv[i] > 0 ? tv[i] / vs : 1;
    const b0 = Math.max(0, Math.floor((z[i] - r[i]) / dz)), b1 = Math.min(bins - 1, Math.floor((z[i] + r[i]) / dz));
    for (let b = b0; b <= b1; b++) {
      const a = Math.max(b * dz, z[i] - r[i], 0) - z[i], c = Math.min((b + 1) * dz, z[i] + r[i], top) - z[i];
      if (c > a) vol[b] += f * Math.PI * (r[i] * r[i] * (c - a) - (c * c * c - a * a * a) / 3);
    }
  }
  const area = world.boxX * world.boxY;
  const zs: number[] = [], solid: number[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = b * dz, hi = Math.min(top, (b + 1) * dz);
    zs.push(0.5 * (lo + hi)); solid.push(vol[b] / (area * (hi - lo)));
  }
  return { z: zs, solid };
}
