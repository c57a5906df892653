// The pieces of the PSD comparison that need no simulation: the 1.3 g/cm³ equivalence, scene
// building and refusals, and the reduction of records to a table with mean ± sd over seeds.
import { describe, expect, it } from 'vitest';
import { equivalentDensity, compareScenes, compareTable, compareMarkdown, spread, type CompareRow, type TargetState } from '../../src/scene/calendering-compare';
import { psdPresets } from '../../src/psd';

describe('equivalentDensity', () => {
  it('maps the paper\'s 1.3 g/cm³ to the state 0.396 of the way from our pour to 1.75 g/cm³', () => {
    const f = (1300 - 1005) / (1750 - 1005);
    expect(equivalentDensity(1300)).toBeCloseTo(2200 * (0.62 + f * (1750 / 2200 - 0.62)), 9);
    expect(Math.round(equivalentDensity(1300))).toBe(1517);
    expect(equivalentDensity(1750)).toBe(1750);
    expect(equivalentDensity(1800)).toBe(1800);
    expect(equivalentDensity(1500)).toBeGreaterThan(equivalentDensity(1300));
  });
});

describe('compareScenes', () => {
  const psds = [{ label: 'n', psd: psdPresets.get('small-graphite-narrow')!.spec }, { label: 'w', psd: psdPresets.get('wd-sig-wide')!.spec }];
  it('builds one valid scene per PSD and seed, pressing to the targets in increasing order', () => {
    const runs = compareScenes({ psds, seeds: [4, 5], densities: [1750, 1517], count: 300 });
    expect(runs.map((r) => `${r.label}${r.seed}`)).toEqual(['n4', 'n5', 'w4', 'w5']);
    const presses = runs[0].scene.protocol.filter((p) => p.type === 'press') as { until: { density: number } }[];
    expect(presses.map((p) => p.until.density)).toEqual([1517, 1750]);
    expect(runs[3].scene.seed).toBe(5);
  });
  it('refuses targets outside 1.0–1.9 g/cm³ and a single PSD', () => {
    expect(() => compareScenes({ psds, seeds: [1], densities: [2500] })).toThrow(/1\.0–1\.9 g\/cm³/);
    expect(() => compareScenes({ psds: psds.slice(0, 1), seeds: [1], densities: [1750] })).toThrow(/at least two PSDs/);
  });
});

describe('compareTable', () => {
  const t = (target: number, pressure: number): TargetState => ({ target, reached: true, density: target, solidFraction: target / 2200, pressure, forceMean: 1e-6, forceMax: 1e-5, forceP99: 5e-6, tailBeta: 1, loadMean: 1e5, loadMax: 1e6, loadP99: 5e5, overlapMean: 0.1, overlapMax: 0.5, coordination: 6, stressCollector: 1, stressPlaten: 1, forceHistogram: { x: [], p: [] } });
  const row = (label: string, seed: number, p: number, error: string | null = null): CompareRow => ({ label, seed, error, pouredSolidFraction: 0.62, pouredDensity: 1364, targets: [t(1750, p)], springback: 0.08, compaction: [] });
  it('gives mean ± sample sd over seeds and leaves failed runs out', () => {
    const tab = compareTable([row('a', 1, 1e5), row('a', 2, 3e5), row('b', 1, 2e5), row('b', 2, 9e9, 'blew up')]);
    const p = tab.targets[0].metrics.find((m) => m.key === 'pressure')!;
    expect(p.byLabel.a.mean).toBeCloseTo(2e5, 6);
    expect(p.byLabel.a.sd).toBeCloseTo(Math.SQRT2 * 1e5, 6);
    expect(p.byLabel.b.n).toBe(1);
    expect(compareMarkdown(tab)).toMatch(/\| platen pressure \(MPa\) \| 0\.200 ± 0\.14 \| 0\.200 \|/);
    expect(spread([]).n).toBe(0);
  });
});
