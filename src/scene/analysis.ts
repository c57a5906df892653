// Post-processing of a World's state: contact-force statistics, depth profiles, the Heckel plot.
// Pure functions over SI arrays; no DOM, no physics beyond bookkeeping.
import type { World } from '../core/world';

export interface ForceStatistics {
  contacts: number;
  mean: number;            // N
  max: number;             // N
  p99: number;             // N, 99th percentile
  /** Probability density of f/⟨f⟩ (bin centres x, density p; Σ p·Δx = 1). */
  histogram: { x: number[]; p: number[] };
  /**
   * Exponential-tail rate β of P(f/⟨f⟩) ∝ exp(−β f/⟨f⟩) for f > ⟨f⟩ (maximum-likelihood:
   * β = 1/mean(f/⟨f⟩ − 1) over the tail). Granular packings give β ≈ 1–1.5 (Mueth, Jaeger,
   * Nagel, PRE 57 (1998) 3164; physics-reference §6.2).
   */
  tailBeta: number;
}

export function forceStatistics(forces: ArrayLike<number>, bins = 30): ForceStatistics {
  const f = Float64Array.from(forces).sort();
  const n = f.length;
  if (n === 0) return { contacts: 0, mean: 0, max: 0, p99: 0, histogram: { x: [], p: [] }, tailBeta: NaN };
  let sum = 0;
  for (let k = 0; k < n; k++) sum += f[k];
  const mean = sum / n;
  const xmax = f[n - 1] / mean;
  const dx = xmax / bins;
  const counts = new Array<number>(bins).fill(0);
  let tail = 0, tailN = 0;
  for (let k = 0; k < n; k++) {
    const x = f[k] / mean;
    counts[Math.min(bins - 1, Math.floor(x / dx))]++;
    if (x > 1) { tail += x - 1; tailN++; }
  }
  return {
    contacts: n, mean, max: f[n - 1], p99: f[Math.min(n - 1, Math.floor(0.99 * n))],
    histogram: { x: counts.map((_, k) => (k + 0.5) * dx), p: counts.map((c) => c / (n * dx)) },
    tailBeta: tailN > 0 ? tailN / tail : NaN,
  };
}

export interface DepthProfile {
  z: number[];             // bin centres, m (0 = collector)
  count: number[];         // particles whose centre is in the bin
  pressure: number[];      // mean Love–Weber pressure, Pa
  vonMises: number[];      // mean von Mises stress, Pa
  coordination: number[];  // mean contacts per particle (walls included)
  solidFraction: number[]; // slab solid fraction (sphere volume inside the slab)
}

/** Profiles over nBins slabs from the collector to `top` (m), from the last diagnostic step. */
export function depthProfile(world: World, nBins: number, top: number): DepthProfile {
  const z = world.field('z');
  const { pressure, vonMises } = world.particleStress();
  const nc = world.contacts;
  const h = top / nBins;
  const out: DepthProfile = { z: [], count: [], pressure: [], vonMises: [], coordination: [], solidFraction: [] };
  const acc = Array.from({ length: nBins }, () => ({ n: 0, p: 0, vm: 0, c: 0 }));
  for (let i = 0; i < z.length; i++) {
    const b = Math.floor(z[i] / h);
    if (b < 0 || b >= nBins) continue;
    acc[b].n++; acc[b].p += pressure[i]; acc[b].vm += vonMises[i]; acc[b].c += nc[i];
  }
  for (let b = 0; b < nBins; b++) {
    const a = acc[b];
    out.z.push((b + 0.5) * h);
    out.count.push(a.n);
    out.pressure.push(a.n ? a.p / a.n : 0);
    out.vonMises.push(a.n ? a.vm / a.n : 0);
    out.coordination.push(a.n ? a.c / a.n : 0);
    out.solidFraction.push(world.exports.solidFractionSlab(b * h, (b + 1) * h));
  }
  return out;
}

export interface HeckelFit {
  /** ln(1/(1−φ)) = K·p + A (Heckel 1961); K in 1/Pa. */
  K: number;
  A: number;
  /** Apparent mean yield pressure 1/(3K), Pa (physics-reference §5). */
  yieldPressure: number;
  points: { pressure: number; y: number }[];
}

/** Least-squares Heckel line over the points with p ≥ minFraction·p_max (the linear, plastic part). */
export function heckelFit(curve: { pressure: number; solidFraction: number }[], minFraction = 0.2): HeckelFit {
  const points = curve.filter((c) => c.pressure > 0 && c.solidFraction < 1).map((c) => ({ pressure: c.pressure, y: Math.log(1 / (1 - c.solidFraction)) }));
  const pmax = points.reduce((m, c) => Math.max(m, c.pressure), 0);
  const use = points.filter((c) => c.pressure >= minFraction * pmax);
  const n = use.length;
  if (n < 2) return { K: NaN, A: NaN, yieldPressure: NaN, points };
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const c of use) { sx += c.pressure; sy += c.y; sxx += c.pressure * c.pressure; sxy += c.pressure * c.y; }
  const K = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const A = (sy - K * sx) / n;
  return { K, A, yieldPressure: 1 / (3 * K), points };
}
