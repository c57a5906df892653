// Seeded sampling of particle diameters from a PSD.
//
// A PSD is volume-weighted (q3), but particles are drawn one at a time: a number process. Drawing
// diameters from q3 itself is the classic bug: the sample would then be q3-distributed BY NUMBER,
// and its volume-weighted distribution would be shifted to larger sizes (for a log-normal its median
// by a factor e^{3σ²}, +44 % at σ = 0.35). We draw from the NUMBER distribution q0 ∝ q3·D⁻³, whose
// volume-weighted distribution is q3 again.
//
// Inversion: the number CDF Q0 is tabulated exactly (closed-form moments, model.ts) on a grid in
// ln D of SAMPLE_GRID intervals plus every table-bin edge, and inverted linearly in ln D between
// nodes (relative size error < 1e-6, far below any PSD measurement).
//
// Stratified by default: the i-th of n uniforms is (i + U)/n, U uniform in [0, 1), and the result
// is shuffled. Each diameter is still marginally distributed as q0, but the sample covers the
// distribution evenly, so a few thousand particles already reproduce D10/D50/D90 to ~0.1–1 %
// (independent draws, `method: 'random'`, scatter the volume-weighted D50 of 5,000 particles by
// ~1–3 %, because a handful of the largest particles carry much of the volume).
//
// Determinism: xoshiro128** (detmath.ts) seeded with the scene seed on its own stream, and only
// IEEE-exact arithmetic in between: the same (spec, n, seed) gives bit-identical diameters in every
// JS engine.
import { Rng, STREAM_PSD, exp } from './detmath';
import { compilePsd, type CompiledPsd } from './model';
import { PsdError, type PsdOptions, type PsdSpec } from './types';

/** Intervals of the tabulated number CDF (ln-spacing ≤ ln 10/4096 ≈ 5.6e-4 for size ratio 10). */
const SAMPLE_GRID = 4096;
/** Most particles per call (the scene allows 1,000,000). */
export const MAX_SAMPLE = 10_000_000;

export interface SampleOptions extends PsdOptions {
  /** 'stratified' (default, see the header) or 'random' (independent draws). */
  method?: 'stratified' | 'random';
}

/** The tabulated number CDF: nodes x (ascending) and cumulative c (c[0] = 0, c[last] = 1). */
function numberCdfTable(c: CompiledPsd): { x: Float64Array; cum: Float64Array } {
  const nodes: number[] = [];
  for (let i = 0; i <= SAMPLE_GRID; i++) nodes.push(c.xMin + ((c.xMax - c.xMin) * i) / SAMPLE_GRID);
  for (const part of c.parts) {
    if (part.type !== 'bins') continue;
    for (const e of [...part.lo, ...part.hi]) if (e > c.xMin && e < c.xMax) nodes.push(e);
  }
  nodes.sort((a, b) => a - b);
  const x = Float64Array.from(nodes);
  const cum = new Float64Array(x.length);
  for (let i = 1; i < x.length; i++) cum[i] = cum[i - 1] + c.moment(-3, x[i - 1], x[i]);
  const total = cum[x.length - 1];
  for (let i = 1; i < x.length - 1; i++) cum[i] /= total;
  cum[x.length - 1] = 1;
  return { x, cum };
}

/**
 * n particle diameters (m) drawn from the number distribution of `spec`, truncated as in `opts`
 * (default DEFAULT_TRUNCATION), in random order. Every diameter lies in [dMin, dMax] of psdStats.
 * seed: integer 0 … 2^32 − 1 (use the scene seed).
 */
export function sampleDiameters(spec: PsdSpec | CompiledPsd, n: number, seed: number, opts?: SampleOptions): Float64Array {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SAMPLE) {
    throw new PsdError([{ path: 'n', value: n, message: `n = ${n} is not a valid particle count: must be an integer ≥ 0 and ≤ ${MAX_SAMPLE}.` }]);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new PsdError([{ path: 'seed', value: seed, message: `seed = ${seed} is not valid: must be an integer from 0 to 4294967295 (the scene seed).` }]);
  }
  const method = opts?.method ?? 'stratified';
  if (method !== 'stratified' && method !== 'random') {
    throw new PsdError([{ path: 'method', value: method, message: `method = ${JSON.stringify(method)} is not supported: must be "stratified" or "random".` }]);
  }
  const c = compilePsd(spec, opts);
  const { x, cum } = numberCdfTable(c);
  const rng = new Rng(seed, STREAM_PSD);
  const out = new Float64Array(n);
  const last = x.length - 1;
  for (let i = 0; i < n; i++) {
    const u = method === 'stratified' ? (i + rng.next()) / n : rng.next();
    // the interval k with cum[k] ≤ u < cum[k + 1]
    let lo = 0, hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] <= u) lo = mid; else hi = mid;
    }
    const width = cum[lo + 1] - cum[lo];
    const t = width > 0 ? (u - cum[lo]) / width : 0.5;
    const d = exp(x[lo] + t * (x[lo + 1] - x[lo]));
    out[i] = d < c.dMin ? c.dMin : d > c.dMax ? c.dMax : d;
  }
  if (method === 'stratified') {
    for (let i = n - 1; i > 0; i--) { // Fisher–Yates
      const j = rng.nextInt(i + 1);
      const tmp = out[i]; out[i] = out[j]; out[j] = tmp;
    }
  }
  return out;
}

/**
 * Volume-weighted percentile of a set of diameters (e.g. a sample): the diameter of the particle
 * at which the cumulative volume Σ D³ (smallest first) reaches `fraction` of the total.
 */
export function volumeWeightedPercentile(diameters: ArrayLike<number>, fraction: number): number {
  const d = Float64Array.from(diameters).sort();
  let total = 0;
  for (const x of d) total += x * x * x;
  let acc = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] * d[i] * d[i];
    if (acc + v >= fraction * total) return d[i];
    acc += v;
  }
  return d[d.length - 1];
}
