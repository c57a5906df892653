// The deterministic math that feeds particle sampling: exp/log/erf against Math.* and tabulated
// values, and the PRNG against the reference C implementation of xoshiro128**.
import { describe, expect, it } from 'vitest';
import { asinh, cbrt, erf, erfc, exp, expm1, log, normalCdf, normalQuantile, pow, Rng, sinh } from '../../src/psd/detmath';

/** Test inputs from a fixed LCG (Numerical Recipes' 32-bit constants), independent of the code under test. */
function* lcg(n: number, seed = 12345): Generator<number> {
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s / 4294967296;
  }
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('exp and log', () => {
  it('exp matches Math.exp to 1e-14 over the whole normal range', () => {
    let worst = 0;
    for (const u of lcg(50_000)) {
      const x = (u - 0.5) * 1410; // ±705
      worst = Math.max(worst, rel(exp(x), Math.exp(x)));
    }
    for (const x of [1e-300, -1e-20, 1e-10, 0.5, 0.34657359027997264, 1, -1, 700, -700, 709.7]) worst = Math.max(worst, rel(exp(x), Math.exp(x)));
    console.log(`exp: worst relative difference to Math.exp ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-14);
  });

  it('exp handles the edges', () => {
    expect(exp(0)).toBe(1);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    expect(Math.abs(exp(-740) - Math.exp(-740))).toBeLessThan(1e-322); // subnormal results
    expect(rel(expm1(1e-10), 1.00000000005e-10)).toBeLessThan(1e-15);
    expect(rel(expm1(0.3), Math.expm1(0.3))).toBeLessThan(1e-14);
  });

  it('log matches Math.log to 1e-14 from subnormals to MAX_VALUE and near 1', () => {
    let worst = 0;
    for (const u of lcg(50_000, 99)) {
      const x = Math.exp((u - 0.5) * 1400);
      worst = Math.max(worst, rel(log(x), Math.log(x)));
      const y = 1 + (u - 0.5) * 1e-3; // near 1, where log is small
      worst = Math.max(worst, rel(log(y), Math.log(y)));
    }
    for (const x of [5e-324, 1e-310, 2.2250738585072014e-308, 0.5, 2, Math.SQRT2, 10, 1.7976931348623157e308]) worst = Math.max(worst, rel(log(x), Math.log(x)));
    console.log(`log: worst relative difference to Math.log ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-14);
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
  });

  it('pow, cbrt, sinh and asinh match Math.*', () => {
    for (const u of lcg(2000, 7)) {
      const x = 1e-6 + 100 * u;
      expect(rel(pow(x, 1.3), Math.pow(x, 1.3))).toBeLessThan(1e-14);
      expect(rel(cbrt(x), Math.cbrt(x))).toBeLessThan(1e-15);
      expect(rel(asinh(x / 10), Math.asinh(x / 10))).toBeLessThan(1e-14);
      expect(rel(asinh(-x / 1e4), Math.asinh(-x / 1e4))).toBeLessThan(1e-14);
      expect(rel(sinh(x / 20), Math.sinh(x / 20))).toBeLessThan(1e-14);
    }
    expect(cbrt(-27)).toBe(-3);
  });
});

describe('erf, erfc, normal distribution', () => {
  // reference values: Abramowitz & Stegun Table 7.1, extended with mpmath (50 digits) to 16 digits
  const ERF: Array<[number, number]> = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [2.5, 0.999593047982555]];
  const ERFC: Array<[number, number]> = [[2.5, 4.069520174449590e-4], [3, 2.209049699858544e-5], [4, 1.541725790028002e-8], [5, 1.537459794428035e-12], [10, 2.088487583762545e-45]];

  it('erf to 1e-15 and erfc to 1e-13 relative in the tail', () => {
    for (const [x, v] of ERF) {
      expect(Math.abs(erf(x) - v), `erf(${x})`).toBeLessThan(1e-15);
      expect(Math.abs(erf(-x) + v), `erf(-${x})`).toBeLessThan(1e-15);
    }
    for (const [x, v] of ERFC) expect(rel(erfc(x), v), `erfc(${x})`).toBeLessThan(1e-13);
    expect(Math.abs(erfc(-1) - (1 + 0.8427007929497149))).toBeLessThan(1e-15);
  });

  it('Φ and Φ⁻¹ give the textbook quantiles', () => {
    expect(Math.abs(normalQuantile(0.9) - 1.2815515655446004)).toBeLessThan(1e-14);
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
    expect(Math.abs(normalQuantile(0.005) + 2.5758293035489004)).toBeLessThan(1e-13);
    expect(Math.abs(normalCdf(0) - 0.5)).toBe(0);
    for (const u of lcg(200, 3)) {
      const p = 1e-6 + u * (1 - 2e-6);
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    }
  });
});

describe('Rng (xoshiro128**)', () => {
  it('reproduces the reference C implementation (Blackman & Vigna) from state {1, 2, 3, 4}', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    const first = Array.from({ length: 6 }, () => r.nextUint32());
    expect(first).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    for (let i = 0; i < 994; i++) r.nextUint32();
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([136054147, 2224941748, 1458134130]);
  });

  it('is seeded: same seed, same stream; other seed or stream, other numbers', () => {
    const take = (r: Rng) => Array.from({ length: 100 }, () => r.next());
    expect(take(new Rng(42))).toEqual(take(new Rng(42)));
    expect(take(new Rng(42))).not.toEqual(take(new Rng(43)));
    expect(take(new Rng(42, 1))).not.toEqual(take(new Rng(42, 2)));
    expect(take(new Rng(0)).some((x) => x !== 0)).toBe(true);
  });

  it('gives uniform doubles in [0, 1) (χ² over 100 cells, 200,000 draws)', () => {
    const r = new Rng(2024);
    const n = 200_000, cells = new Array(100).fill(0);
    let mean = 0, outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      else cells[Math.floor(u * 100)]++;
      mean += u / n;
    }
    expect(outside).toBe(0);
    const chi2 = cells.reduce((a, c) => a + (c - n / 100) ** 2 / (n / 100), 0);
    // χ²(99) exceeds 148 with probability 0.1 %
    expect(chi2).toBeLessThan(148);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
});
