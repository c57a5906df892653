// The PSD presets: the paper's three graphite grades, SiG and the WD-SiG blend.
import { describe, expect, it } from 'vitest';
import { checkPsd, farrGroot, psdPresets, psdStats } from '../../src/psd';

describe('PSD presets', () => {
  it('has the required presets, each valid and documented', () => {
    expect([...psdPresets.keys()]).toEqual(expect.arrayContaining(['graphite-large-19', 'graphite-medium-14', 'graphite-small-11', 'small-graphite-narrow', 'wd-sig-wide']));
    for (const [key, p] of psdPresets) {
      expect(checkPsd(p.spec), key).toEqual([]);
      expect(p.title.length, key).toBeGreaterThan(5);
      expect(p.description, key).toMatch(/Sung|paper/);
    }
    const stats = [...psdPresets].map(([key, p]) => { const s = psdStats(p.spec); return `${key}: D10/D50/D90 ${[s.d10, s.d50, s.d90].map((d) => (d * 1e6).toFixed(2)).join('/')} µm, span ${s.span.toFixed(3)}, range ${(s.dMin * 1e6).toFixed(2)}–${(s.dMax * 1e6).toFixed(2)} µm, φ_FG ${farrGroot(p.spec).phi.toFixed(4)}`; });
    console.log(stats.join('\n'));
  });

  it.each([['graphite-large-19', 19], ['graphite-medium-14', 14], ['graphite-small-11', 11]])('%s: D50 = %s µm, span in the commercial 1.0–1.3', (key, d50) => {
    const s = psdStats(psdPresets.get(key)!.spec);
    expect(s.nominal.d50 / (d50 * 1e-6)).toBeCloseTo(1, 9);
    expect(s.d50 / (d50 * 1e-6)).toBeCloseTo(1, 6);
    expect(s.nominal.span).toBeGreaterThanOrEqual(1.0 - 1e-9);
    expect(s.nominal.span).toBeLessThanOrEqual(1.3);
    expect(s.truncation.limitedBySizeRatio).toBe(false);
  });

  it('SiG is the small grade; the smallest grade packs densest of the three (as the paper found)', () => {
    expect(psdPresets.get('small-graphite-narrow')!.spec).toEqual(psdPresets.get('graphite-small-11')!.spec);
    const phi = (k: string) => farrGroot(psdPresets.get(k)!.spec).phi;
    expect(phi('graphite-small-11')).toBeGreaterThan(phi('graphite-medium-14'));
    expect(phi('graphite-medium-14')).toBeGreaterThan(phi('graphite-large-19'));
  });

  it('WD-SiG spans ≈ 4–50 µm (cut to a size ratio of 10), is wider than SiG and packs denser', () => {
    const wd = psdStats(psdPresets.get('wd-sig-wide')!.spec);
    const sig = psdStats(psdPresets.get('small-graphite-narrow')!.spec);
    expect(wd.dMin).toBeGreaterThan(3e-6);
    expect(wd.dMin).toBeLessThan(5e-6);
    expect(wd.dMax).toBeGreaterThan(40e-6);
    expect(wd.dMax).toBeLessThanOrEqual(50e-6);
    expect(wd.dMax / wd.dMin).toBeLessThanOrEqual(10);
    expect(wd.span).toBeGreaterThan(sig.span);
    expect(farrGroot(psdPresets.get('wd-sig-wide')!.spec).phi).toBeGreaterThan(farrGroot(psdPresets.get('small-graphite-narrow')!.spec).phi);
  });
});
