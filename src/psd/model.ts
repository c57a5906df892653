// The PSD model: a spec compiled to a mixture of volume densities in x = ln(D / 1 m), truncated and
// renormalised, with moments, quantiles, statistics and curves. Everything here uses detmath (no
// Math.exp/log/pow) because the truncation limits and the number CDF feed the particle sampling.
//
// Weightings. q3(x) is the volume fraction per unit ln D. The number density is q0 ∝ q3·D⁻³ (a
// particle of diameter D carries volume ∝ D³), and in general the r-weighted density (r = 0 number,
// 2 surface, 3 volume) is ∝ q3·D^(r−3). All of them follow from the moments
//     M_p(a, b) = ∫_a^b q3(x) e^{p x} dx,   p = r − 3,
// which are closed-form for both building blocks:
//   log-normal (median μ = ln D50, σ):  M_p = e^{pμ + p²σ²/2} [Φ((b − μ − pσ²)/σ) − Φ((a − μ − pσ²)/σ)]
//     (so the number distribution of a log-normal volume distribution is log-normal with the same σ
//      and median D50·e^{−3σ²}: the Hatch–Choate relation, Hatch & Choate, J. Franklin Inst. 207 (1929) 369);
//   table bin (volume v uniform in ln D on [l, h]):  M_p = v/(h − l) · ∫ e^{px} dx.
import { exp, expm1, log, normalCdf, asinh, Z90 } from './detmath';
import { assertPsd } from './validate';
import {
  DEFAULT_TRUNCATION,
  type LognormalPsd,
  type PsdOptions,
  type PsdSpec,
  type PsdTruncation,
  type TablePsd,
} from './types';

/**
 * A log-normal is integrated over [μ − 9σ − 3σ², μ + 9σ + σ²]: the p-weighted density is a normal of
 * mean μ + pσ², so for every weighting used (p = −3 … 1) at least 9 of its own standard deviations lie
 * inside on each side (< 1.2e-19 of it outside).
 */
const LN_SUPPORT = 9;
const lnLow = (q: LnPart) => q.mu - LN_SUPPORT * q.sigma - 3 * q.sigma * q.sigma;
const lnHigh = (q: LnPart) => q.mu + LN_SUPPORT * q.sigma + q.sigma * q.sigma;

interface LnPart { type: 'ln'; w: number; mu: number; sigma: number }
/** Bins in x with volume fractions v (Σv = 1 within the part). */
interface BinPart { type: 'bins'; w: number; lo: number[]; hi: number[]; v: number[] }
type Part = LnPart | BinPart;

/** σ of ln D of a log-normal spec (from sigmaLn, span or d10/d90). */
export function lognormalSigma(s: LognormalPsd): number {
  if (s.sigmaLn != null) return s.sigmaLn;
  if (s.span != null) return asinh(s.span / 2) / Z90;  // span = 2 sinh(Z90 σ)
  return log((s.d90 as number) / (s.d10 as number)) / (2 * Z90);
}

/** Φ(zb) − Φ(za) for za ≤ zb, computed in the tail where it is small (no cancellation). */
function normalDiff(za: number, zb: number): number {
  if (za >= 0) return normalCdf(-za) - normalCdf(-zb);
  return normalCdf(zb) - normalCdf(za);
}

/** ∫_a^b e^{px} dx for a ≤ b. */
function expIntegral(p: number, a: number, b: number): number {
  if (p === 0) return b - a;
  return (exp(p * a) * expm1(p * (b - a))) / p;
}

function compileParts(spec: PsdSpec, weight: number, out: Part[]): void {
  if (spec.kind === 'lognormal') {
    out.push({ type: 'ln', w: weight, mu: log(spec.d50), sigma: lognormalSigma(spec) });
  } else if (spec.kind === 'table') {
    out.push(compileTable(spec, weight));
  } else {
    let sum = 0;
    for (const c of spec.components) sum += c.volumeFraction;
    for (const c of spec.components) compileParts(c.psd, (weight * c.volumeFraction) / sum, out);
  }
}

function compileTable(spec: TablePsd, weight: number): BinPart {
  let sum = 0;
  for (const b of spec.bins) sum += b.volumePercent;
  const part: BinPart = { type: 'bins', w: weight, lo: [], hi: [], v: [] };
  for (const b of spec.bins) {
    if (b.volumePercent <= 0) continue;
    part.lo.push(log(b.dLow));
    part.hi.push(log(b.dHigh));
    part.v.push(b.volumePercent / sum);
  }
  return part;
}

/** The distribution's own support in x (before any truncation). */
function support(parts: Part[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const q of parts) {
    if (q.type === 'ln') {
      lo = Math.min(lo, lnLow(q));
      hi = Math.max(hi, lnHigh(q));
    } else {
      lo = Math.min(lo, q.lo[0]);
      hi = Math.max(hi, q.hi[q.hi.length - 1]);
    }
  }
  return [lo, hi];
}

/** M_p(a, b) of the untruncated mixture (see the header). */
function momentOf(parts: Part[], p: number, a: number, b: number): number {
  if (!(b > a)) return 0;
  let total = 0;
  for (const q of parts) {
    if (q.type === 'ln') {
      const lo = Math.max(a, lnLow(q));
      const hi = Math.min(b, lnHigh(q));
      if (!(hi > lo)) continue;
      const shift = q.mu + p * q.sigma * q.sigma;
      total += q.w * exp(p * q.mu + 0.5 * p * p * q.sigma * q.sigma) * normalDiff((lo - shift) / q.sigma, (hi - shift) / q.sigma);
    } else {
      for (let j = 0; j < q.v.length; j++) {
        const lo = Math.max(a, q.lo[j]);
        const hi = Math.min(b, q.hi[j]);
        if (!(hi > lo)) continue;
        total += ((q.w * q.v[j]) / (q.hi[j] - q.lo[j])) * expIntegral(p, lo, hi);
      }
    }
  }
  return total;
}

/** q3 of the untruncated mixture at x, per unit ln D (unnormalised: Σ weights = 1). */
function densityOf(parts: Part[], x: number): number {
  let total = 0;
  for (const q of parts) {
    if (q.type === 'ln') {
      const z = (x - q.mu) / q.sigma;
      if (x >= lnLow(q) && x <= lnHigh(q)) total += (q.w * 0.3989422804014327 * exp(-0.5 * z * z)) / q.sigma; // 1/√(2π)
    } else {
      for (let j = 0; j < q.v.length; j++) {
        if (x >= q.lo[j] && x < q.hi[j]) total += (q.w * q.v[j]) / (q.hi[j] - q.lo[j]);
      }
    }
  }
  return total;
}

/** Smallest x in [a, b] with f(x) ≥ target for a non-decreasing f, by bisection to the last bit. */
function invert(f: (x: number) => number, target: number, a: number, b: number): number {
  let lo = a, hi = b;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < target) lo = mid; else hi = mid;
  }
  return hi;
}

/** Options with every truncation field filled in. */
export function resolveTruncation(opts?: PsdOptions): PsdTruncation {
  return { ...DEFAULT_TRUNCATION, ...(opts?.truncation ?? {}) };
}

/** What the truncation did, in volume fractions of the untruncated distribution. */
export interface TruncationReport extends PsdTruncation {
  /** Volume fraction below dMin and above dMax (of the untruncated distribution). */
  removedFine: number;
  removedCoarse: number;
  /** True when the size-ratio limit (not the quantiles) set the range. */
  limitedBySizeRatio: boolean;
}

/** A validated, compiled and truncated PSD. */
export class CompiledPsd {
  readonly parts: Part[];
  /** Truncated range in x = ln(D/m), and in m. */
  readonly xMin: number;
  readonly xMax: number;
  readonly dMin: number;
  readonly dMax: number;
  readonly truncation: TruncationReport;
  /** Untruncated support in x. */
  readonly xLo: number;
  readonly xHi: number;
  private readonly norms = new Map<number, number>();

  constructor(readonly spec: PsdSpec, opts?: PsdOptions) {
    const t = resolveTruncation(opts);
    assertPsd(spec, t);
    const parts: Part[] = [];
    compileParts(spec, 1, parts);
    this.parts = parts;
    [this.xLo, this.xHi] = support(parts);
    const total = momentOf(parts, 0, this.xLo, this.xHi);
    const cdf = (x: number) => momentOf(parts, 0, this.xLo, x) / total;
    let a = t.lower > 0 ? invert(cdf, t.lower, this.xLo, this.xHi) : this.xLo;
    let b = t.upper < 1 ? invert(cdf, t.upper, this.xLo, this.xHi) : this.xHi;
    let limited = false;
    // (1 − 1e-12): so that dMax/dMin never exceeds the limit by a rounding error
    const width = t.maxSizeRatio === Infinity ? Infinity : log(t.maxSizeRatio) * (1 - 1e-12);
    if (b - a > width) {
      a = bestWindow(cdf, a, b, width);
      b = a + width;
      limited = true;
    }
    this.xMin = a;
    this.xMax = b;
    this.dMin = exp(a);
    this.dMax = exp(b);
    this.truncation = { ...t, removedFine: cdf(a), removedCoarse: 1 - cdf(b), limitedBySizeRatio: limited };
  }

  /** M_p over the truncated range [xMin, xMax]. */
  norm(p: number): number {
    let v = this.norms.get(p);
    if (v === undefined) {
      v = momentOf(this.parts, p, this.xMin, this.xMax);
      this.norms.set(p, v);
    }
    return v;
  }

  /** M_p(a, b) clipped to the truncated range, unnormalised. */
  moment(p: number, a: number, b: number): number {
    return momentOf(this.parts, p, Math.max(a, this.xMin), Math.min(b, this.xMax));
  }

  /** Cumulative distribution at x of the weighting p = r − 3 (p = 0 volume, −3 number), in [0, 1]. */
  cdf(p: number, x: number): number {
    if (x <= this.xMin) return 0;
    if (x >= this.xMax) return 1;
    return this.moment(p, this.xMin, x) / this.norm(p);
  }

  /** Density per unit ln D of the weighting p at x, normalised over the truncated range. */
  density(p: number, x: number): number {
    if (x < this.xMin || x > this.xMax) return 0;
    return (densityOf(this.parts, x) * exp(p * x)) / this.norm(p);
  }

  /** The x (= ln D) at which the p-weighted cumulative reaches `fraction`. */
  quantileX(p: number, fraction: number): number {
    if (fraction <= 0) return this.xMin;
    if (fraction >= 1) return this.xMax;
    return invert((x) => this.cdf(p, x), fraction, this.xMin, this.xMax);
  }

  /** Diameter (m) at which the p-weighted cumulative reaches `fraction`. */
  quantile(p: number, fraction: number): number {
    return exp(this.quantileX(p, fraction));
  }

  /** Mean particle volume, m³: (π/6)·E0[D³] = (π/6)·M_0/M_−3. */
  meanParticleVolume(): number {
    return (Math.PI / 6) * (this.norm(0) / this.norm(-3));
  }
}

/**
 * The start x of the window [x, x + width] in [a, b] that holds the most volume: a scan of 256
 * points, then golden-section refinement around the best (the volume in the window is unimodal
 * in x for a log-normal; the scan guards against blends and tables with several modes).
 */
function bestWindow(cdf: (x: number) => number, a: number, b: number, width: number): number {
  const g = (x: number) => cdf(x + width) - cdf(x);
  const n = 256;
  const span = b - width - a;
  let best = a, bestG = -Infinity;
  for (let i = 0; i <= n; i++) {
    const x = a + (span * i) / n;
    const v = g(x);
    if (v > bestG) { bestG = v; best = x; }
  }
  let lo = Math.max(a, best - span / n), hi = Math.min(a + span, best + span / n);
  const r = 0.6180339887498949; // (√5 − 1)/2
  let c = hi - r * (hi - lo), d = lo + r * (hi - lo);
  let gc = g(c), gd = g(d);
  for (let i = 0; i < 80; i++) {
    if (gc >= gd) { hi = d; d = c; gd = gc; c = hi - r * (hi - lo); gc = g(c); }
    else { lo = c; c = d; gc = gd; d = lo + r * (hi - lo); gd = g(d); }
  }
  const x = 0.5 * (lo + hi);
  return g(x) >= bestG ? x : best;
}

/** Validates and compiles a spec (throws PsdError listing every problem). */
export function compilePsd(spec: PsdSpec | CompiledPsd, opts?: PsdOptions): CompiledPsd {
  return spec instanceof CompiledPsd ? spec : new CompiledPsd(spec, opts);
}

// ------------------------------------------------------------------------------------------------
// Statistics and curves

/** Percentile diameters of one weighting, m. span = (D90 − D10)/D50. */
export interface Percentiles {
  d10: number;
  d50: number;
  d90: number;
  span: number;
}

export interface PsdStats extends Percentiles {
  /** Volume-weighted percentiles (the same as the top-level d10 … span). */
  volume: Percentiles;
  /** Number-weighted percentiles (what counting particles gives). */
  number: Percentiles;
  /** Volume-weighted percentiles of the untruncated distribution (as specified). */
  nominal: Percentiles;
  /** Truncated size range, m; every sampled diameter lies in [dMin, dMax]. */
  dMin: number;
  dMax: number;
  /** Mean diameters, m: D[1,0] (number mean), D[3,2] (Sauter), D[4,3] (volume mean). */
  numberMeanDiameter: number;
  sauterDiameter: number;
  volumeMeanDiameter: number;
  /** Mean particle volume (π/6)·E0[D³], m³. */
  meanParticleVolume: number;
  truncation: TruncationReport;
  /** Things worth telling the user (skewed d10/d50/d90, size-ratio cut). */
  warnings: string[];
}

const percentiles = (c: CompiledPsd, p: number): Percentiles => {
  const d10 = c.quantile(p, 0.1), d50 = c.quantile(p, 0.5), d90 = c.quantile(p, 0.9);
  return { d10, d50, d90, span: (d90 - d10) / d50 };
};

const um = (x: number) => `${Number((x * 1e6).toPrecision(4))} µm`;
const pct = (x: number) => `${Number((100 * x).toPrecision(3))} %`;

/** D10, D50, D90, span (volume- and number-weighted), range, mean diameters and the truncation. */
export function psdStats(spec: PsdSpec | CompiledPsd, opts?: PsdOptions): PsdStats {
  const c = spec instanceof CompiledPsd ? spec : compilePsd(spec, opts);
  const volume = percentiles(c, 0);
  const untruncated = new CompiledPsd(c.spec, { truncation: { lower: 0, upper: 1, maxSizeRatio: Infinity } });
  const warnings: string[] = [];
  const t = c.truncation;
  if (t.limitedBySizeRatio) {
    warnings.push(`The distribution is wider than the size-ratio limit ${t.maxSizeRatio}: it is cut to ${um(c.dMin)}–${um(c.dMax)}, removing ${pct(t.removedFine)} of the volume at the fine end and ${pct(t.removedCoarse)} at the coarse end.`);
  }
  checkSkew(c.spec, '', warnings);
  return {
    ...volume,
    volume,
    number: percentiles(c, -3),
    nominal: percentiles(untruncated, 0),
    dMin: c.dMin,
    dMax: c.dMax,
    numberMeanDiameter: c.norm(-2) / c.norm(-3),
    sauterDiameter: c.norm(0) / c.norm(-1),
    volumeMeanDiameter: c.norm(1) / c.norm(0),
    meanParticleVolume: c.meanParticleVolume(),
    truncation: t,
    warnings,
  };
}

function checkSkew(spec: PsdSpec, path: string, warnings: string[]): void {
  if (spec.kind === 'blend') {
    spec.components.forEach((k, i) => checkSkew(k.psd, `${path}components[${i}].psd.`, warnings));
  } else if (spec.kind === 'lognormal' && spec.d10 != null && spec.d90 != null) {
    const asym = log((spec.d50 * spec.d50) / (spec.d10 * spec.d90)) / log(spec.d90 / spec.d10);
    if (Math.abs(asym) > 0.1) {
      warnings.push(`${path}d10/d50/d90 = ${um(spec.d10)}/${um(spec.d50)}/${um(spec.d90)} are skewed (d50 is not near √(d10·d90) = ${um(exp(0.5 * log(spec.d10 * spec.d90)))}): the log-normal keeps D50 and takes σ from D90/D10, so its D10 and D90 differ from the given ones. Paste the measured table instead.`);
    }
  }
}

export interface PsdCurves {
  /** Diameters, m, log-spaced from dMin to dMax (the truncated range). */
  diameter: Float64Array;
  /** Volume-weighted density per unit ln D (∫ q3 d ln D = 1) and cumulative (0 … 1). */
  q3: Float64Array;
  Q3: Float64Array;
  /** Number-weighted density per unit ln D and cumulative. */
  q0: Float64Array;
  Q0: Float64Array;
}

/**
 * Curve data for plots: n log-spaced diameters and both weightings. Densities are per unit ln D;
 * multiply by ln 10 ≈ 2.303 for the per-decade densities laser-diffraction software plots.
 */
export function psdCurves(spec: PsdSpec | CompiledPsd, n = 200, opts?: PsdOptions): PsdCurves {
  const c = spec instanceof CompiledPsd ? spec : compilePsd(spec, opts);
  const count = Math.max(2, Math.floor(n));
  const out: PsdCurves = {
    diameter: new Float64Array(count), q3: new Float64Array(count), Q3: new Float64Array(count),
    q0: new Float64Array(count), Q0: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    // the last point sits just inside dMax so that table densities (bins are [dLow, dHigh)) show
    const x = i === count - 1 ? c.xMax - 1e-12 * (c.xMax - c.xMin) : c.xMin + ((c.xMax - c.xMin) * i) / (count - 1);
    out.diameter[i] = exp(x);
    out.q3[i] = c.density(0, x);
    out.q0[i] = c.density(-3, x);
    out.Q3[i] = i === count - 1 ? 1 : c.cdf(0, x);
    out.Q0[i] = i === count - 1 ? 1 : c.cdf(-3, x);
  }
  return out;
}
