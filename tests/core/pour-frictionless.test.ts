// Issue #2: frictionless poured spheres reach random close packing, φ in [0.62, 0.66]
// (RCP 0.634–0.64 with z = 6: Song, Wang, Makse, Nature 453 (2008) 629; Silbert 2010).
import { describe, it, expect } from 'vitest';
import { pourBulkFraction } from './pour-packing';

describe('pour, μ = 0', () => {
  it('settles to a bulk solid fraction in [0.62, 0.66] with a coordination near 6', async () => {
    const r = await pourBulkFraction(0, 1);
    console.log(`μ = 0: φ_bulk = ${r.phi.toFixed(4)}, Z = ${r.coordination.toFixed(2)}, max δ/r = ${r.maxOverlap.toExponential(2)}`);
    expect(r.phi).toBeGreaterThanOrEqual(0.62);
    expect(r.phi).toBeLessThanOrEqual(0.66);
    // isostatic frictionless packings have Z = 6; walls and rattlers pull the mean a little lower
    expect(r.coordination).toBeGreaterThan(5.5);
    expect(r.maxOverlap).toBeLessThan(0.02);
  }, 240_000);
});
