// Deterministic elementary functions and a seeded PRNG for everything that feeds simulation inputs.
//
// ECMAScript fixes +, −, ×, ÷ and Math.sqrt to IEEE 754 binary64 with round-to-nearest-even, and
// engines never fuse them, so a computation built only from these (plus integer ops and exact
// operations such as Math.floor/Math.abs) gives the same bits in every engine. Math.exp, Math.log,
// Math.pow, Math.sin, … are "implementation-approximated" (ECMA-262 §21.3.2) and do differ between
// engines in the last bit. Particle radii are sampled through exp/log/erf, so a run's radii (and
// therefore its world hash) would depend on the browser if we used Math.*: this module replaces them.
//
// Accuracy: exp and log are within ~2 ulp (≈ 4e-16 relative) of the exact result; erf/erfc within
// ~1e-15 relative for |x| < 2.5 and ~1e-14 beyond (tests/psd/detmath.test.ts checks against Math.*
// and tabulated values). Determinism, not the last ulp, is the point.

// ------------------------------------------------------------------------------------------------
// Bit access (DataView with explicit big-endian order: independent of the platform's byte order)

const view = new DataView(new ArrayBuffer(8));

/** 2^k for integer k in [−1074, 1023], built exactly from the IEEE bit pattern. */
function pow2(k: number): number {
  if (k >= -1022) {
    view.setUint32(0, ((k + 1023) << 20) >>> 0);
    view.setUint32(4, 0);
    return view.getFloat64(0);
  }
  // subnormal powers of two: the single set mantissa bit
  const shift = k + 1074; // 0..51
  if (shift >= 32) {
    view.setUint32(0, (1 << (shift - 32)) >>> 0);
    view.setUint32(4, 0);
  } else {
    view.setUint32(0, 0);
    view.setUint32(4, (1 << shift) >>> 0);
  }
  return view.getFloat64(0);
}

// ------------------------------------------------------------------------------------------------
// exp

// ln 2 split as in fdlibm (Sun Microsystems, e_exp.c): LN2_HI has its low 32 bits zero, so k·LN2_HI
// is exact for |k| < 2^20 and x − k·LN2_HI loses nothing.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
/** Largest x with a finite exp(x) (= ln(MAX_VALUE)); below EXP_MIN the result is 0. */
const EXP_MAX = 709.782712893384;
const EXP_MIN = -745.1332191019412;
/** Taylor degree for |r| ≤ ln2/2 ≈ 0.347: the first omitted term r^16/16! < 1e-20. */
const EXP_TERMS = 15;

/** (e^r − 1)/r by Horner on 1 + r/2(1 + r/3(…)): keeps the small part apart from the leading 1. */
function expSeries(r: number): number {
  let p = 1;
  for (let n = EXP_TERMS; n >= 2; n--) p = 1 + (r * p) / n;
  return p;
}

/** e^x using only IEEE-exact operations (range reduction x = k ln2 + r, Taylor series in r). */
export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > EXP_MAX) return Infinity;
  if (x < EXP_MIN) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const y = 1 + r * expSeries(r);
  // scale by 2^k in two steps so that neither factor over- nor underflows
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return y * pow2(k + 64) * pow2(-64);
  return y * pow2(k);
}

/** e^x − 1, accurate for small |x| (the series itself for |x| ≤ ln2/2). */
export function expm1(x: number): number {
  if (Math.abs(x) <= 0.34657359027997264) return x * expSeries(x);
  return exp(x) - 1;
}

// ------------------------------------------------------------------------------------------------
// log

const SQRT2 = 1.4142135623730951; // the double nearest √2 (a constant, not a computation)
/** Terms of 2·atanh(s) = 2s(1 + s²/3 + s⁴/5 + …) for |s| ≤ 3 − 2√2 ≈ 0.1716: s^26/27 < 1e-21. */
const LOG_TERMS = 13;

/** Natural logarithm using only IEEE-exact operations (x = m·2^e, log m = 2 atanh((m−1)/(m+1))). */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) { // subnormal: scale into the normal range first (exact)
    x *= 18014398509481984; // 2^54
    e = -54;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  // mantissa m in [1, 2): same bits with the exponent field of 2^0
  view.setUint32(0, ((hi & 0x000fffff) | 0x3ff00000) >>> 0);
  let m = view.getFloat64(0);
  if (m > SQRT2) { m *= 0.5; e += 1; }   // m in (√2/2, √2], exact
  const f = m - 1;                        // exact (Sterbenz)
  const s = f / (2 + f);
  const z = s * s;
  // R = 2(z/3 + z²/5 + …) by Horner; log(1+f) = 2s + s·R = f − s·(f − R)  (since 2s = f − s·f)
  let q = 0;
  for (let n = LOG_TERMS; n >= 1; n--) q = z * (2 / (2 * n + 1) + q);
  const logm = f - s * (f - q);
  return e * LN2_HI + (logm + e * LN2_LO);
}

// ------------------------------------------------------------------------------------------------
// Derived functions

/** x^y for x > 0 as e^(y ln x) (x = 0 gives 0 for y > 0). */
export function pow(x: number, y: number): number {
  if (x === 0) return y > 0 ? 0 : y === 0 ? 1 : Infinity;
  return exp(y * log(x));
}

/** Cube root (any sign): e^(ln|x|/3), polished by one Newton step. */
export function cbrt(x: number): number {
  if (x === 0 || x !== x || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  let y = exp(log(a) / 3);
  y -= (y * y * y - a) / (3 * y * y);
  return x < 0 ? -y : y;
}

/** ln(1 + y), accurate for small |y| (Goldberg's trick: log(u)·y/(u − 1) with u = 1 + y). */
export function log1p(y: number): number {
  const u = 1 + y;
  if (u === 1) return y;
  if (u === Infinity) return Infinity;
  return (log(u) * y) / (u - 1);
}

/** Inverse hyperbolic sine (odd): log1p(a + a²/(1 + √(1 + a²))), accurate for small and large a. */
export function asinh(x: number): number {
  const a = Math.abs(x);
  const y = a > 1e150 ? log(a) + LN2_HI + LN2_LO : log1p(a + (a * a) / (1 + Math.sqrt(1 + a * a)));
  return x < 0 ? -y : y;
}

/** Hyperbolic sine (odd): with E = e^|x| − 1, sinh = (E + E/(E + 1))/2 (no cancellation for small x). */
export function sinh(x: number): number {
  const a = Math.abs(x);
  const E = expm1(a);
  const y = a > 700 ? 0.5 * exp(a) : 0.5 * (E + E / (E + 1));
  return x < 0 ? -y : y;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const INV_SQRT_PI = 0.5641895835477563;       // 1/√π
/** Below this erf comes from its series, above it erfc from its continued fraction. */
const ERF_SWITCH = 2.5;
/** Depth of the erfc continued fraction: at x = 2.5 its truncation error is below 1e-17. */
const ERFC_CF_DEPTH = 140;

/** erf(x) = 2/√π e^{−x²} Σ 2ⁿ x^{2n+1}/(2n+1)!! — all terms positive (no cancellation). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * exp(-x2) * sum;
}

/** erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x ≥ ERF_SWITCH. */
function erfcFraction(x: number): number {
  let t = x;
  for (let n = ERFC_CF_DEPTH; n >= 1; n--) t = x + (n / 2) / t;
  return (INV_SQRT_PI * exp(-x * x)) / t;
}

/** The error function. */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const a = Math.abs(x);
  const y = a < ERF_SWITCH ? erfSeries(a) : 1 - erfcFraction(a);
  return x < 0 ? -y : y;
}

/** The complementary error function 1 − erf(x), accurate in relative terms for large x. */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x >= ERF_SWITCH) return x > 27.3 ? 0 : erfcFraction(x);
  if (x <= -ERF_SWITCH) return 2 - erfcFraction(-x);
  return 1 - (x < 0 ? -erfSeries(-x) : erfSeries(x));
}

const SQRT1_2 = 0.7071067811865476; // 1/√2 (constant)

/** Standard normal CDF Φ(z) = erfc(−z/√2)/2 (accurate in both tails). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * SQRT1_2);
}

/** Standard normal quantile Φ⁻¹(p), p in (0, 1), by bisection on normalCdf (to the last bit). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  let lo = -40, hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (normalCdf(mid) < p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Φ⁻¹(0.9) = 1.2815515655446004: the z of D10/D90 of a log-normal (D = D50·e^{±zσ}). */
export const Z90 = 1.2815515655446004;

// ------------------------------------------------------------------------------------------------
// PRNG

/**
 * SplitMix32 step (a 32-bit variant of Steele, Lea & Flood's SplitMix, OOPSLA 2014; the output mix
 * constants 0x21f0aaad / 0x735a2d97 with shifts 16/15/15 are C. Wellons' "hash prospector" lowbias32
 * finalist). Used only to expand a seed into xoshiro128** state.
 */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/**
 * xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 * 47 (2021) 36; reference C code at prng.di.unimi.it): 128-bit state, period 2^128 − 1, only 32-bit
 * integer operations (Math.imul, shifts, xor), hence bit-identical in every JS engine.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * seed: any integer 0…2^32 − 1 (the scene seed); stream: separates independent uses of one seed
   * (PSD sampling uses STREAM_PSD so its numbers are unrelated to other draws from the same seed).
   */
  constructor(seed: number, stream = 0) {
    const st = { s: (seed ^ Math.imul(stream, 0x632be5ab)) | 0 };
    this.s0 = splitmix32(st) | 0;
    this.s1 = splitmix32(st) | 0;
    this.s2 = splitmix32(st) | 0;
    this.s3 = splitmix32(st) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the given raw state (for checks against the reference C implementation). */
  static fromState(a: number, b: number, c: number, d: number): Rng {
    const r = new Rng(0);
    r.s0 = a | 0; r.s1 = b | 0; r.s2 = c | 0; r.s3 = d | 0;
    return r;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits (two outputs: 27 + 26 bits; exact arithmetic). */
  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992; // (a·2^26 + b) / 2^53
  }

  /** Uniform integer in [0, n) for n ≤ 2^32 (multiply-shift; the bias < n/2^53 is negligible). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Stream id of PSD sampling ("psd" in ASCII). */
export const STREAM_PSD = 0x707364;
