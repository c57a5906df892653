// Particle count ↔ box size, round trips and the small-box warning.
import { describe, expect, it } from 'vitest';
import { boxForCount, countForBox, NO_TRUNCATION, psdPresets, psdStats, type BoxForCountOptions, type PsdSpec } from '../../src/psd';

const LN: PsdSpec = { kind: 'lognormal', d50: 14e-6, sigmaLn: 0.4 };

describe('countForBox and boxForCount', () => {
  it('count = φ·V_box / mean particle volume, with V̄ = (π/6) D50³ e^{−4.5σ²} for a log-normal', () => {
    const v = (Math.PI / 6) * 14e-6 ** 3 * Math.exp(-4.5 * 0.16);
    const r = countForBox(LN, 4e-4, 3e-4, 1e-4, 0.6, { truncation: NO_TRUNCATION });
    expect(r.exactCount / ((0.6 * 4e-4 * 3e-4 * 1e-4) / v)).toBeCloseTo(1, 9);
    expect(r.count).toBe(Math.round(r.exactCount));
    expect(countForBox(LN, 4e-4, 3e-4, 1e-4, 0.6).warnings).toEqual([]); // default truncation: dMax ≈ 39 µm
  });

  it.each<[string, BoxForCountOptions]>([
    ['cube', { solidFraction: 0.6 }],
    ['given height', { solidFraction: 0.62, height: 8e-5 }],
    ['aspect 2, flat', { solidFraction: 0.55, aspectY: 2, heightToWidth: 0.5 }],
  ])('round-trips N → box → N (%s)', (_, opts) => {
    for (const [, preset] of psdPresets) {
      for (const n of [500, 5000, 123_457]) {
        const box = boxForCount(preset.spec, n, opts);
        expect(box.ly / box.lx).toBeCloseTo(opts.aspectY ?? 1, 12);
        if (opts.height !== undefined) expect(box.height).toBe(opts.height);
        expect(countForBox(preset.spec, box.lx, box.ly, box.height, opts.solidFraction).count).toBe(n);
      }
    }
  });

  it('warns when the box is less than 5 largest diameters wide', () => {
    const spec = psdPresets.get('wd-sig-wide')!.spec;
    const dMax = psdStats(spec).dMax;
    const narrow = countForBox(spec, 4.5 * dMax, 6 * dMax, 2e-4, 0.6);
    expect(narrow.warnings).toHaveLength(1);
    expect(narrow.warnings[0]).toMatch(/^lx = .* is less than 5 largest diameters/);
    expect(countForBox(spec, 5.01 * dMax, 5.01 * dMax, 2e-4, 0.6).warnings).toEqual([]);
    const small = boxForCount(spec, 300, { solidFraction: 0.6 });
    expect(small.lx).toBeLessThan(5 * dMax);
    expect(small.warnings.join(' ')).toMatch(/lx = .*less than 5 largest diameters.*Use a wider box \(≈ \d+ particles/);
    // the suggested count does give a wide enough box
    const suggested = Number(/≈ (\d+) particles/.exec(small.warnings[0])![1]);
    expect(countForBox(spec, 5 * dMax, 5 * dMax, small.height, 0.6).count).toBeLessThanOrEqual(suggested);
  });

  it('refuses bad inputs naming them', () => {
    expect(() => countForBox(LN, 1e-4, 1e-4, 1e-4, 1.2)).toThrow(/solidFraction = 1\.2 is out of range/);
    expect(() => countForBox(LN, -1e-4, 1e-4, 1e-4, 0.6)).toThrow(/lx = -0\.0001 is not valid/);
    expect(() => boxForCount(LN, 0, { solidFraction: 0.6 })).toThrow(/n = 0 .*integer ≥ 1/);
  });
});
