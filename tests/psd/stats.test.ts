// PSD statistics against closed forms: log-normal quantiles D50·e^{±1.2816σ}, the Hatch–Choate
// relations between weightings, truncation, blends and tables; curves; validation messages.
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/psd/detmath';
import { NO_TRUNCATION, PsdError, psdCurves, psdStats, type PsdSpec } from '../../src/psd';

const Z90 = 1.2815515655446004; // Φ⁻¹(0.9)
const rel = (a: number, b: number) => Math.abs(a / b - 1);
const none = { truncation: NO_TRUNCATION };

describe('log-normal statistics', () => {
  it.each([0.2, 0.35, 0.5, 0.8])('σ = %s: D10/D50/D90 = D50·e^{∓1.2816σ} and the Hatch–Choate means', (sigma) => {
    const d50 = 14e-6;
    const s = psdStats({ kind: 'lognormal', d50, sigmaLn: sigma }, none);
    expect(rel(s.d50, d50)).toBeLessThan(1e-9);
    expect(rel(s.d10, d50 * Math.exp(-Z90 * sigma))).toBeLessThan(1e-9);
    expect(rel(s.d90, d50 * Math.exp(Z90 * sigma))).toBeLessThan(1e-9);
    expect(rel(s.span, 2 * Math.sinh(Z90 * sigma))).toBeLessThan(1e-9);
    // number weighting: the same σ, median D50·e^{−3σ²} (Hatch & Choate 1929)
    const n50 = d50 * Math.exp(-3 * sigma * sigma);
    expect(rel(s.number.d50, n50)).toBeLessThan(1e-9);
    expect(rel(s.number.d90, n50 * Math.exp(Z90 * sigma))).toBeLessThan(1e-9);
    expect(rel(s.sauterDiameter, d50 * Math.exp(-0.5 * sigma * sigma))).toBeLessThan(1e-9);
    expect(rel(s.volumeMeanDiameter, d50 * Math.exp(0.5 * sigma * sigma))).toBeLessThan(1e-9);
    expect(rel(s.numberMeanDiameter, d50 * Math.exp(-2.5 * sigma * sigma))).toBeLessThan(1e-9);
    expect(rel(s.meanParticleVolume, (Math.PI / 6) * d50 ** 3 * Math.exp(-4.5 * sigma * sigma))).toBeLessThan(1e-9);
  });

  it('takes the spread from span or from d10/d90 as well', () => {
    const a = psdStats({ kind: 'lognormal', d50: 11e-6, span: 1.2 }, none);
    expect(rel(a.span, 1.2)).toBeLessThan(1e-9);
    const d10 = 6e-6, d90 = 11e-6 ** 2 / 6e-6; // symmetric in ln D
    const b = psdStats({ kind: 'lognormal', d50: 11e-6, d10, d90 }, none);
    expect(rel(b.d10, d10)).toBeLessThan(1e-9);
    expect(rel(b.d90, d90)).toBeLessThan(1e-9);
    expect(b.warnings).toEqual([]);
    const skewed = psdStats({ kind: 'lognormal', d50: 11e-6, d10: 9e-6, d90: 30e-6 }, none);
    expect(skewed.warnings.join(' ')).toMatch(/skewed/);
  });

  it('truncates at the 0.5 %/99.5 % volume quantiles by default and renormalises', () => {
    const d50 = 19e-6, sigma = 0.35;
    const s = psdStats({ kind: 'lognormal', d50, sigmaLn: sigma });
    const z995 = 2.5758293035489004;
    expect(rel(s.dMin, d50 * Math.exp(-z995 * sigma))).toBeLessThan(1e-9);
    expect(rel(s.dMax, d50 * Math.exp(z995 * sigma))).toBeLessThan(1e-9);
    expect(rel(s.d50, d50)).toBeLessThan(1e-9); // symmetric cut
    // renormalised: (Φ(z) − 0.005)/0.99 = 0.1
    expect(rel(s.d10, d50 * Math.exp(sigma * normalQuantile(0.005 + 0.1 * 0.99)))).toBeLessThan(1e-9);
    expect(s.truncation).toMatchObject({ lower: 0.005, upper: 0.995, maxSizeRatio: 10, limitedBySizeRatio: false });
    expect(Math.abs(s.truncation.removedFine - 0.005)).toBeLessThan(1e-12);
    expect(Math.abs(s.truncation.removedCoarse - 0.005)).toBeLessThan(1e-12);
    expect(rel(s.nominal.d10, d50 * Math.exp(-Z90 * sigma))).toBeLessThan(1e-9);
  });

  it('keeps dMax/dMin ≤ maxSizeRatio with the window that holds the most volume', () => {
    const d50 = 14e-6, sigma = 0.6; // 0.5–99.5 % would span a ratio of e^{2·2.576·0.6} ≈ 22
    const s = psdStats({ kind: 'lognormal', d50, sigmaLn: sigma });
    expect(s.dMax / s.dMin).toBeLessThanOrEqual(10);
    expect(s.dMax / s.dMin).toBeGreaterThan(10 * (1 - 1e-9));
    expect(rel(s.dMin * s.dMax, d50 * d50)).toBeLessThan(1e-6); // centred on the median (symmetric density)
    const cut = normalCdf(-Math.log(10) / (2 * sigma));
    expect(Math.abs(s.truncation.removedFine - cut)).toBeLessThan(1e-8);
    expect(s.truncation.limitedBySizeRatio).toBe(true);
    expect(s.warnings.join(' ')).toMatch(/size-ratio limit 10/);
    const wider = psdStats({ kind: 'lognormal', d50, sigmaLn: sigma }, { truncation: { maxSizeRatio: 20 } });
    expect(wider.dMax / wider.dMin).toBeGreaterThan(15);
  });
});

describe('blends and tables', () => {
  it('a blend has the D50 where Σ wₖ Qₖ(D) = 0.5', () => {
    const spec: PsdSpec = {
      kind: 'blend',
      components: [
        { volumeFraction: 0.3, psd: { kind: 'lognormal', d50: 19e-6, sigmaLn: 0.35 } },
        { volumeFraction: 0.7, psd: { kind: 'lognormal', d50: 8e-6, sigmaLn: 0.3 } },
      ],
    };
    const s = psdStats(spec, none);
    const Q = (d: number) => 0.3 * normalCdf(Math.log(d / 19e-6) / 0.35) + 0.7 * normalCdf(Math.log(d / 8e-6) / 0.3);
    expect(Math.abs(Q(s.d50) - 0.5)).toBeLessThan(1e-9);
    expect(Math.abs(Q(s.d10) - 0.1)).toBeLessThan(1e-9);
    expect(Math.abs(Q(s.d90) - 0.9)).toBeLessThan(1e-9);
  });

  it('a table spreads each class uniformly in ln D', () => {
    const table: PsdSpec = { kind: 'table', bins: [{ dLow: 1e-6, dHigh: 2e-6, volumePercent: 50 }, { dLow: 2e-6, dHigh: 4e-6, volumePercent: 50 }] };
    const s = psdStats(table, none);
    expect(rel(s.d50, 2e-6)).toBeLessThan(1e-12);
    expect(rel(s.d10, 1e-6 * 2 ** 0.2)).toBeLessThan(1e-12);
    expect(rel(s.d90, 2e-6 * 2 ** 0.8)).toBeLessThan(1e-12);
    // one class [1, 2) µm: number CDF (1 − D⁻³)/(1 − 2⁻³) with D in µm → D50 = (1 − 0.4375)^(−1/3)
    const one = psdStats({ kind: 'table', bins: [{ dLow: 1e-6, dHigh: 2e-6, volumePercent: 100 }] }, none);
    expect(rel(one.number.d50, 1e-6 * 0.5625 ** (-1 / 3))).toBeLessThan(1e-12);
    expect(one.dMin).toBeCloseTo(1e-6, 18);
    expect(one.dMax).toBeCloseTo(2e-6, 18);
  });
});

describe('curves', () => {
  it('give normalised densities and cumulatives of both weightings, q0 ∝ q3/D³', () => {
    const spec: PsdSpec = { kind: 'blend', components: [{ volumeFraction: 0.5, psd: { kind: 'lognormal', d50: 19e-6, span: 1 } }, { volumeFraction: 0.5, psd: { kind: 'lognormal', d50: 11e-6, span: 1.2 } }] };
    const c = psdCurves(spec, 400);
    const s = psdStats(spec);
    expect(c.diameter.length).toBe(400);
    expect(c.diameter[0]).toBeCloseTo(s.dMin, 15);
    let int3 = 0, int0 = 0;
    for (let i = 1; i < 400; i++) {
      const h = Math.log(c.diameter[i] / c.diameter[i - 1]);
      int3 += 0.5 * h * (c.q3[i] + c.q3[i - 1]);
      int0 += 0.5 * h * (c.q0[i] + c.q0[i - 1]);
      expect(c.Q3[i]).toBeGreaterThanOrEqual(c.Q3[i - 1]);
      expect(c.Q0[i]).toBeGreaterThanOrEqual(c.Q0[i - 1]);
    }
    expect(Math.abs(int3 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(int0 - 1)).toBeLessThan(1e-4);
    expect(c.Q3[0]).toBe(0);
    expect(c.Q3[399]).toBe(1);
    const ratio = (i: number) => (c.q0[i] * c.diameter[i] ** 3) / c.q3[i];
    for (const i of [10, 100, 200, 300]) expect(rel(ratio(i), ratio(50))).toBeLessThan(1e-12);
    // the volume CDF crosses 0.5 at D50; the number CDF lies above it (more small particles by number)
    const k = c.diameter.findIndex((d) => d >= s.d50);
    expect(Math.abs(c.Q3[k] - 0.5)).toBeLessThan(0.01);
    expect(c.Q0[k]).toBeGreaterThan(0.8);
  });
});

describe('validation', () => {
  const issue = (spec: unknown, opts?: object) => {
    try {
      psdStats(spec as PsdSpec, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(PsdError);
      return (e as PsdError).issues;
    }
    throw new Error('expected a PsdError');
  };

  it('names the parameter, the value and the allowed range', () => {
    const [neg] = issue({ kind: 'lognormal', d50: -1e-5, sigmaLn: 0.3 });
    expect(neg.path).toBe('psd.d50');
    expect(neg.message).toMatch(/psd\.d50 = -0\.00001 m .*must be ≥ 1e-9 m and ≤ 0\.02 m/);
    const [um] = issue({ kind: 'lognormal', d50: 14, sigmaLn: 0.3 });
    expect(um.message).toMatch(/If you meant 14 µm, write 0\.000014/);
    const [order] = issue({ kind: 'lognormal', d50: 10e-6, d10: 12e-6, d90: 20e-6 });
    expect(order.path).toBe('psd.d10');
    expect(order.message).toMatch(/must be < d50.*D10 < D50 < D90/);
    const [two] = issue({ kind: 'lognormal', d50: 10e-6, sigmaLn: 0.3, span: 1 });
    expect(two.message).toMatch(/exactly one spread.*sigmaLn and span are given/);
    const [sig] = issue({ kind: 'lognormal', d50: 10e-6, sigmaLn: 3 });
    expect(sig.message).toMatch(/sigmaLn = 3 is out of range: .*> 0 and ≤ 2/);
  });

  it('checks blends and tables', () => {
    const ln = { kind: 'lognormal', d50: 10e-6, sigmaLn: 0.3 };
    const [sum] = issue({ kind: 'blend', components: [{ volumeFraction: 0.5, psd: ln }, { volumeFraction: 0.4, psd: ln }] });
    expect(sum.path).toBe('psd.components');
    expect(sum.message).toMatch(/sum to 0\.9: must be 1 ± 0\.01/);
    const [pct] = issue({ kind: 'blend', components: [{ volumeFraction: 50, psd: ln }, { volumeFraction: 50, psd: ln }] });
    expect(pct.message).toMatch(/volumeFraction = 50 is out of range.*not a percentage/);
    const [nested] = issue({ kind: 'blend', components: [{ volumeFraction: 1, psd: { kind: 'blend', components: [] } }] });
    expect(nested.path).toBe('psd.components[0].psd.kind');
    expect(nested.message).toMatch(/cannot contain a blend/);
    const [overlap] = issue({ kind: 'table', bins: [{ dLow: 1e-6, dHigh: 3e-6, volumePercent: 50 }, { dLow: 2e-6, dHigh: 4e-6, volumePercent: 50 }] });
    expect(overlap.path).toBe('psd.bins[1].dLow');
    expect(overlap.message).toMatch(/overlaps the previous bin/);
    const [total] = issue({ kind: 'table', bins: [{ dLow: 1e-6, dHigh: 3e-6, volumePercent: 50 }] });
    expect(total.message).toMatch(/sum to 50 %: must be 100 ± 1/);
    const [trunc] = issue(ln, { truncation: { upper: 0.4 } });
    expect(trunc.path).toBe('truncation.upper');
  });
});
