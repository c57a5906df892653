// Sampling particles from a volume-weighted PSD: the sample's VOLUME-weighted D50 must match the
// target (which fails if diameters are drawn from q3 instead of q0), all diameters lie in the
// truncated range, and the same seed gives the same bits (without any Math.exp/log/pow).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalQuantile, Rng } from '../../src/psd/detmath';
import { psdPresets, psdStats, sampleDiameters, type PsdSpec } from '../../src/psd';

/** Volume-weighted percentile of a sample, computed here independently of the code under test. */
function volumePercentile(d: Float64Array, f: number): number {
  const s = Float64Array.from(d).sort();
  const total = s.reduce((a, x) => a + x ** 3, 0);
  let acc = 0;
  for (const x of s) {
    acc += x ** 3;
    if (acc >= f * total) return x;
  }
  return s[s.length - 1];
}
const rel = (a: number, b: number) => Math.abs(a / b - 1);

const LOGNORMAL: PsdSpec = { kind: 'lognormal', d50: 14e-6, sigmaLn: 0.35 };
/** A laser-diffraction-like table: log-spaced classes (ratio 2^(1/4)) of a skewed bimodal powder. */
function measuredTable(): PsdSpec {
  const bins = [];
  let d = 2e-6;
  const raw: number[] = [];
  for (let i = 0; i < 28; i++) {
    const x = Math.log((d * 2 ** 0.125) / 1e-6);
    raw.push(0.7 * Math.exp(-0.5 * ((x - Math.log(18)) / 0.3) ** 2) + 0.3 * Math.exp(-0.5 * ((x - Math.log(6)) / 0.25) ** 2));
    bins.push({ dLow: d, dHigh: d * 2 ** 0.25, volumePercent: 0 });
    d *= 2 ** 0.25;
  }
  const sum = raw.reduce((a, b) => a + b, 0);
  bins.forEach((b, i) => (b.volumePercent = Number(((100 * raw[i]) / sum).toFixed(3))));
  return { kind: 'table', bins };
}
const CASES: Array<[string, PsdSpec]> = [
  ['log-normal σ 0.35', LOGNORMAL],
  ['graphite-large-19', psdPresets.get('graphite-large-19')!.spec],
  ['graphite-small-11', psdPresets.get('graphite-small-11')!.spec],
  ['blend wd-sig-wide', psdPresets.get('wd-sig-wide')!.spec],
  ['measured table', measuredTable()],
];
const SEEDS = [1, 2, 3, 42, 2 ** 32 - 1];

describe('sampled volume-weighted distribution', () => {
  it.each(CASES)('%s: volume-weighted D10/D50/D90 of 5,000 particles within 3 % of the target (5 seeds)', (_, spec) => {
    const target = psdStats(spec);
    for (const seed of SEEDS) {
      const d = sampleDiameters(spec, 5000, seed);
      expect(d.length).toBe(5000);
      expect(rel(volumePercentile(d, 0.5), target.d50), `seed ${seed} D50`).toBeLessThan(0.03);
      expect(rel(volumePercentile(d, 0.1), target.d10), `seed ${seed} D10`).toBeLessThan(0.03);
      expect(rel(volumePercentile(d, 0.9), target.d90), `seed ${seed} D90`).toBeLessThan(0.03);
      // and by number: the plain median of the sample is the number-weighted D50
      const sorted = Float64Array.from(d).sort();
      expect(rel(sorted[2500], target.number.d50), `seed ${seed} number D50`).toBeLessThan(0.03);
    }
  });

  it('hits the nominal log-normal D50 itself (the symmetric cut leaves it in place)', () => {
    for (const seed of SEEDS) expect(rel(volumePercentile(sampleDiameters(LOGNORMAL, 5000, seed), 0.5), 14e-6)).toBeLessThan(0.03);
  });

  it('would fail for the classic bug: drawing diameters from the volume distribution q3', () => {
    // what a naive sampler does: D = D50·e^{σ z}, z standard normal, i.e. q3 used as a number density
    const rng = new Rng(1);
    const wrong = Float64Array.from({ length: 5000 }, () => 14e-6 * Math.exp(0.35 * normalQuantile(1e-12 + rng.next() * (1 - 2e-12))));
    const err = rel(volumePercentile(wrong, 0.5), 14e-6);
    expect(err).toBeGreaterThan(0.3); // e^{3σ²} − 1 = +44 %
    expect(rel(volumePercentile(sampleDiameters(LOGNORMAL, 5000, 1), 0.5), 14e-6)).toBeLessThan(0.03);
  });

  it("independent draws (method 'random') converge too (20,000 particles)", () => {
    for (const seed of [1, 2, 3]) {
      const d = sampleDiameters(LOGNORMAL, 20_000, seed, { method: 'random' });
      expect(rel(volumePercentile(d, 0.5), psdStats(LOGNORMAL).d50)).toBeLessThan(0.03);
    }
  });

  it('stratified samples follow the number CDF closely (Kolmogorov–Smirnov distance ~1/n)', () => {
    const spec = psdPresets.get('wd-sig-wide')!.spec;
    const n = 2000;
    const d = Float64Array.from(sampleDiameters(spec, n, 9)).sort();
    const s = psdStats(spec);
    // compare at the number-weighted deciles: the fraction of the sample below each
    for (const [f, q] of [[0.1, s.number.d10], [0.5, s.number.d50], [0.9, s.number.d90]] as const) {
      const below = d.filter((x) => x < q).length / n;
      expect(Math.abs(below - f)).toBeLessThan(2 / n);
    }
  });
});

describe('range, order and determinism', () => {
  it('keeps every diameter within [dMin, dMax] and returns them in random order', () => {
    for (const [, spec] of CASES) {
      const s = psdStats(spec);
      const d = sampleDiameters(spec, 3000, 5);
      for (const x of d) {
        expect(x).toBeGreaterThanOrEqual(s.dMin);
        expect(x).toBeLessThanOrEqual(s.dMax);
      }
      let ascending = 0;
      for (let i = 1; i < d.length; i++) if (d[i] >= d[i - 1]) ascending++;
      expect(ascending / d.length).toBeGreaterThan(0.3);
      expect(ascending / d.length).toBeLessThan(0.7);
    }
  });

  it('same seed → identical bits; another seed → other diameters', () => {
    for (const [, spec] of CASES) {
      const a = sampleDiameters(spec, 2000, 77);
      const b = sampleDiameters(spec, 2000, 77);
      expect(new Uint8Array(a.buffer)).toEqual(new Uint8Array(b.buffer));
      const c = sampleDiameters(spec, 2000, 78);
      expect(c.filter((x, i) => x !== a[i]).length).toBeGreaterThan(1900);
    }
  });

  describe('uses no engine-dependent Math function', () => {
    afterEach(() => vi.restoreAllMocks());
    it('gives the same bits with Math.exp/log/pow/… replaced by throwing stubs', () => {
      const spec = psdPresets.get('wd-sig-wide')!.spec;
      const table = measuredTable(); // (built with Math.* here, before the stubs)
      const reference = sampleDiameters(spec, 1000, 3);
      const refTable = sampleDiameters(table, 1000, 3);
      const refStats = psdStats(spec);
      for (const f of ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'cbrt', 'sinh', 'cosh', 'tanh', 'asinh', 'sin', 'cos', 'tan', 'atan', 'atan2', 'hypot'] as const) {
        vi.spyOn(Math, f).mockImplementation(() => { throw new Error(`Math.${f} used`); });
      }
      const again = sampleDiameters(spec, 1000, 3);
      expect(new Uint8Array(again.buffer)).toEqual(new Uint8Array(reference.buffer));
      expect(psdStats(spec).dMax).toBe(refStats.dMax);
      expect(new Uint8Array(sampleDiameters(table, 1000, 3).buffer)).toEqual(new Uint8Array(refTable.buffer));
    });
  });

  it('refuses bad counts and seeds with a clear message', () => {
    expect(() => sampleDiameters(LOGNORMAL, -1, 1)).toThrow(/n = -1 .*integer ≥ 0/);
    expect(() => sampleDiameters(LOGNORMAL, 10, 1.5)).toThrow(/seed = 1\.5 .*integer from 0 to 4294967295/);
    expect(sampleDiameters(LOGNORMAL, 0, 1).length).toBe(0);
  });
});
