// The exponential tail over the force histogram: on forces drawn from an exact exponential
// distribution the line must match the histogram above ⟨f⟩ and carry the same probability.
import { describe, expect, it } from 'vitest';
import { forceStatistics } from '../../src/scene/analysis';
import { tailCurve, latestForceRecord } from '../../src/ui/force-tail';
import { Rng } from '../../src/psd/detmath';
import type { StepRecord } from '../../src/worker/messages';

describe('force tail line', () => {
  it('matches an exponential force distribution (β = 1) above the mean', () => {
    // f ~ Exp(1): P(f/⟨f⟩) = e^(−x), ML tail rate β = 1/mean(x − 1 | x > 1) = 1 (memoryless)
    const rng = new Rng(42);
    const f = Array.from({ length: 200_000 }, () => -Math.log(1 - rng.next()));
    const s = forceStatistics(f, 30);
    expect(s.tailBeta).toBeGreaterThan(0.97);
    expect(s.tailBeta).toBeLessThan(1.03);
    const line = tailCurve(s.histogram, s.tailBeta);
    const dx = s.histogram.x[1] - s.histogram.x[0];
    let mass = 0, hist = 0;
    s.histogram.x.forEach((x, k) => {
      if (x <= 1) { expect(line[k]).toBeNull(); return; }
      mass += (line[k] as number) * dx; hist += s.histogram.p[k] * dx;
      // bins with many counts: the line is within 10 % of the histogram
      if (s.histogram.p[k] * 200_000 * dx > 500) expect(Math.abs((line[k] as number) / s.histogram.p[k] - 1)).toBeLessThan(0.1);
    });
    // the line's probability over the histogram's tail range ≈ the histogram's own (it extends past the last bin)
    expect(mass).toBeGreaterThan(0.95 * hist);
    expect(mass).toBeLessThan(1.02 * hist);
  });

  it('gives no line without a finite β and picks the last record with contacts', () => {
    expect(tailCurve({ x: [0.5, 1.5], p: [0.5, 0.5] }, NaN)).toEqual([null, null]);
    const rec = (index: number, contacts: number) => ({ index, forces: { contacts }, forceHistogram: { x: contacts ? [1] : [], p: contacts ? [1] : [] } }) as unknown as StepRecord;
    expect(latestForceRecord([rec(0, 5), rec(1, 0)])?.index).toBe(0);
    expect(latestForceRecord([rec(0, 0)])).toBeNull();
  });
});
