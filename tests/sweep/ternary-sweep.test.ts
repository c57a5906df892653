// The ternary sweep's scenes: one valid scene per blend, fractions as on the lattice, every pour box
// tall enough for its own blend, the same bed height for all, and the Farr–Groot column in the CSV.
import { describe, it, expect } from 'vitest';
import { blendScenes, sweepCsv, SWEEP_CSV_HEADER } from '../../src/sweep/ternary-sweep';
import { calenderingScene } from '../../src/scene/calendering';
import { validateScene } from '../../src/scene/validate';
import { psdPresets, compilePsd, type PsdSpec } from '../../src/psd';
import type { RunSummary } from '../../src/sweep/summary';

const g = (k: string) => psdPresets.get(k)!.spec as Extract<PsdSpec, { kind: 'lognormal' }>;
const base = calenderingScene({
  name: 'tern', count: 2000, targetDensities: [], maxSizeRatio: 10,
  psd: { kind: 'blend', components: [{ volumeFraction: 0.34, psd: g('graphite-large-19') }, { volumeFraction: 0.33, psd: g('graphite-medium-14') }, { volumeFraction: 0.33, psd: g('graphite-small-11') }] },
});

describe('blendScenes', () => {
  const rows = blendScenes(base, 0.1);
  it('makes 66 valid scenes with the lattice fractions and ≥ the base count', () => {
    expect(rows.length).toBe(66);
    for (const r of rows) {
      const v = validateScene(r.scene);
      if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('\n'));
      const p = r.scene.particles as { count: number; psd: PsdSpec };
      expect(p.count).toBeGreaterThanOrEqual(2000);
      const parts = p.psd.kind === 'blend' ? p.psd.components.map((c) => c.volumeFraction) : [1];
      expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(parts.length).toBe([r.a, r.b, r.c].filter((f) => f > 0).length);
    }
  });
  it('gives every blend at least the base blend\'s bed height at φ = 0.6', () => {
    const height = (r: { scene: typeof base }) => {
      const p = r.scene.particles as { count: number; psd: PsdSpec; truncation: any };
      return (p.count * compilePsd(p.psd, { truncation: p.truncation }).meanParticleVolume()) / (0.6 * r.scene.domain.lx * r.scene.domain.ly);
    };
    const h0 = height({ scene: base });
    const heights = rows.map(height);
    // counts are rounded to whole particles: within one particle's share of the base height
    for (const h of heights) expect(h).toBeGreaterThan(h0 * (1 - 1e-3));
    // fine-rich blends get more particles than the base count to reach it
    const counts = rows.map((r) => (r.scene.particles as { count: number }).count);
    expect(Math.max(...counts)).toBeGreaterThan(2000);
  });
  it('puts the Farr–Groot estimate beside each row of the CSV', () => {
    const fake: RunSummary[] = rows.map((_, k) => ({ name: '', hash: k.toString(16), error: null, steps: 1, bulkSolidFraction: 0.6, solidFraction: 0.6, density: 1300, platenPressure: 0, coordination: 4, records: [], protocol: [], compaction: [] }));
    const csv = sweepCsv(rows, fake).trim().split('\n');
    expect(csv[0]).toBe(SWEEP_CSV_HEADER);
    expect(csv.length).toBe(67);
    const fg = csv.slice(1).map((l) => Number(l.split(',')[7]));
    expect(fg.every((x) => x > 0.6 && x < 0.75)).toBe(true);
    expect(new Set(fg).size).toBeGreaterThan(10);          // it varies with the blend
  });
  it('refuses a scene that is not a three-grade blend', () => {
    const mono = calenderingScene({ name: 'x', psd: g('graphite-small-11'), targetDensities: [] });
    expect(() => blendScenes(mono, 0.1)).toThrow(/exactly three components/);
  });
});
