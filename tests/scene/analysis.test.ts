// Post-processing helpers on synthetic data with known answers.
import { describe, it, expect } from 'vitest';
import { forceStatistics, heckelFit } from '../../src/scene/analysis';

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

describe('forceStatistics', () => {
  it('recovers the rate of an exponential force distribution and normalises the histogram', () => {
    // f/⟨f⟩ exponential with rate 1 (mean 1): the tail above the mean has rate β = 1
    const u = mulberry(3);
    const f = Array.from({ length: 200_000 }, () => -Math.log(1 - u()) * 2e-3);
    const s = forceStatistics(f, 40);
    expect(s.contacts).toBe(200_000);
    expect(s.mean).toBeCloseTo(2e-3, 4);
    expect(s.tailBeta).toBeGreaterThan(0.98);
    expect(s.tailBeta).toBeLessThan(1.02);
    const dx = s.histogram.x[1] - s.histogram.x[0];
    expect(s.histogram.p.reduce((a, b) => a + b, 0) * dx).toBeCloseTo(1, 10);
    expect(s.p99 / s.mean).toBeGreaterThan(4.5);   // ln(100) = 4.61 for an exponential
    expect(s.p99 / s.mean).toBeLessThan(4.75);
  });
  it('handles no contacts', () => {
    expect(forceStatistics([]).contacts).toBe(0);
  });
});

describe('heckelFit', () => {
  it('recovers K and the yield pressure from an exact Heckel curve', () => {
    const K = 2e-8, A = 0.5; // 1/Pa; yield pressure 1/(3K) = 16.7 MPa
    const curve = Array.from({ length: 50 }, (_, k) => {
      const p = (k + 1) * 1e6;
      return { pressure: p, solidFraction: 1 - Math.exp(-(K * p + A)) };
    });
    const fit = heckelFit(curve);
    expect(fit.K / K).toBeCloseTo(1, 9);
    expect(fit.A).toBeCloseTo(A, 9);
    expect(fit.yieldPressure).toBeCloseTo(1 / (3 * K), 0);
  });
});
