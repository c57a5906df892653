// The scenes and numbers behind the PSD and sweep panels (the DOM parts run in tests/e2e/science.test.ts).
import { describe, expect, it } from 'vitest';
import { sweepBaseScene, sweepEta, GRADES } from '../../src/ui/sweep-panel';
import { blendScenes, sweepGrades } from '../../src/sweep/ternary-sweep';
import { psdPresets, psdStats } from '../../src/psd';
import { validateScene } from '../../src/scene/validate';

describe('sweep panel scene', () => {
  it('is an equal blend of the three grade presets, valid, with the chosen protocol', () => {
    for (const p of ['quick', 'pour', 'calender'] as const) {
      const s = sweepBaseScene(200, p);
      expect(validateScene(s).ok).toBe(true);
      const g = sweepGrades(s);
      GRADES.forEach((name, k) => expect(g[k]).toMatchObject(psdPresets.get(name)!.spec));
      const types = s.protocol.map((x) => x.type);
      if (p === 'calender') expect(types).toEqual(['fill', 'press', 'hold', 'release']);
      else expect(types).toEqual(['fill']);
    }
    expect(sweepBaseScene(200, 'quick').materials[0].youngsModulus).toBe(2e6);
    expect(blendScenes(sweepBaseScene(120, 'quick'), 0.5)).toHaveLength(6);
  });

  it('estimates the time left from the rate of the blends run here', () => {
    expect(sweepEta(10, 0, 5)).toBeNull();
    expect(sweepEta(10, 2, 6)).toBe(30);
    expect(sweepEta(10, 2, 0)).toBe(0);
  });

  it('PSD panel stats: a log-normal preset has span (D90−D10)/D50 as specified by volume, smaller D50 by number', () => {
    const s = psdStats(psdPresets.get('graphite-large-19')!.spec);
    // truncation at 0.5/99.5 % shifts the percentiles slightly: within 3 %
    expect(s.volume.d50 * 1e6).toBeCloseTo(19, 0);
    expect(Math.abs(s.volume.span - 1.0)).toBeLessThan(0.03);
    expect(s.number.d50).toBeLessThan(s.volume.d50);
  });
});
