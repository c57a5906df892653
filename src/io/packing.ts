// Packing measures of a particle set with the SAME definitions as the core facade's metrics
// (src/core/world.ts: bedSurface, metrics().solidFraction), so a LIGGGHTS dump and our own
// world are measured alike: the free surface is where the solid-fraction profile (slabs of half
// the mean diameter, sphere volumes sliced exactly) first falls below half the mean of the bed's
// lower half; the solid fraction counts the volume of particles with centres below it.
import type { ParticleSet } from './particle-set';

/** Height of the bed's free surface above z = box.lo[2], m. */
export function bedSurface(set: ParticleSet): number {
  const n = set.count, p = set.positions, r = set.radii, z0 = set.box.lo[2];
  if (n === 0) return 0;
  const lx = set.box.hi[0] - set.box.lo[0], ly = set.box.hi[1] - set.box.lo[1];
  let dMean = 0, top = 0;
  for (let i = 0; i < n; i++) { dMean += 2 * r[i]; top = Math.max(top, p[3 * i + 2] - z0 + r[i]); }
  dMean /= n;
  const h = dMean / 2, bins = Math.ceil(top / h);
  const vol = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const z = p[3 * i + 2] - z0, ri = r[i];
    const b0 = Math.max(0, Math.floor((z - ri) / h)), b1 = Math.min(bins - 1, Math.floor((z + ri) / h));
    for (let b = b0; b <= b1; b++) {
      const a = Math.max(b * h, z - ri) - z, c = Math.min((b + 1) * h, z + ri) - z;
      if (c > a) vol[b] += Math.PI * (ri * ri * (c - a) - (c * c * c - a * a * a) / 3);
    }
  }
  const area = lx * ly * h;
  let ref = 0, m = 0;
  for (let b = 0; b < bins; b++) { const t = vol[b] / area; if ((b + 0.5) * h < top / 2) { ref += t; m++; } }
  ref /= Math.max(1, m);
  for (let b = Math.floor(bins / 2); b < bins; b++) if (vol[b] / area < 0.5 * ref) return b * h;
  return top;
}

/** Solid fraction below the free surface (or below `height` when given), as World.metrics() reports it without a loaded platen. */
export function settledSolidFraction(set: ParticleSet, height?: number): { solidFraction: number; height: number } {
  const h = height ?? bedSurface(set);
  const lx = set.box.hi[0] - set.box.lo[0], ly = set.box.hi[1] - set.box.lo[1], z0 = set.box.lo[2];
  let v = 0;
  for (let i = 0; i < set.count; i++) if (set.positions[3 * i + 2] - z0 < h) v += (4 / 3) * Math.PI * set.radii[i] ** 3;
  return { solidFraction: h > 0 ? v / (lx * ly * h) : 0, height: h };
}
