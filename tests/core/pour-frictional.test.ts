// Issue #2: poured monodisperse spheres with μ = 0.5 pack at a bulk solid fraction in [0.56, 0.62]
// — between random loose packing (0.55, Jerkins et al. PRL 101 (2008) 018301) and the frictional
// jamming fraction φc(μ = 0.5) ≈ 0.58–0.59 (Silbert, Soft Matter 6 (2010) 2918); the band allows
// for the pouring history and the finite slab (~±0.01 sampling noise over ~1,000 spheres).
import { describe, it, expect } from 'vitest';
import { pourBulkFraction } from './pour-packing';

describe('pour, μ = 0.5', () => {
  it('settles to a bulk solid fraction in [0.56, 0.62]', async () => {
    const r = await pourBulkFraction(0.5, 1);
    console.log(`μ = 0.5: φ_bulk = ${r.phi.toFixed(4)}, Z = ${r.coordination.toFixed(2)}, max δ/r = ${r.maxOverlap.toExponential(2)}`);
    expect(r.phi).toBeGreaterThanOrEqual(0.56);
    expect(r.phi).toBeLessThanOrEqual(0.62);
    expect(r.maxOverlap).toBeLessThan(0.02); // hard-sphere regime: overlaps do not inflate φ
  }, 240_000);
});
