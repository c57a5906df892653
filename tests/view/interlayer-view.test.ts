// Pure parts of the interlayer view and tour (the drawing runs in tests/e2e/interlayer.test.ts).
import { describe, expect, it } from 'vitest';
import { lithiumRange } from '../../src/view/interlayer-view';
import { INTERLAYER_TOUR } from '../../src/ui/interlayer-tour';

describe('interlayer view', () => {
  it('colour range of the Li voxels: min–max of the positive values in display units, padded when flat', () => {
    const v = Float32Array.from([20e-9, 10e-9, 0, 40e-9, NaN]);
    expect(lithiumRange(v, 5, 1e9).map((x) => Math.round(x))).toEqual([10, 40]);
    expect(lithiumRange(v, 2, 1e9).map((x) => Math.round(x))).toEqual([10, 20]);
    const [lo, hi] = lithiumRange(Float32Array.from([5e6, 5e6]), 2, 1e-6);
    expect(lo).toBeCloseTo(5 / 1.5, 6); expect(hi).toBeCloseTo(7.5, 6);
    expect(lithiumRange(new Float32Array(0), 0, 1)).toEqual([1, 10]);
  });

  it('the tour tells the paper\'s story in three captions', () => {
    expect(INTERLAYER_TOUR).toHaveLength(3);
    expect(INTERLAYER_TOUR[0].text).toMatch(/commuters/);
    expect(INTERLAYER_TOUR[0].text).toMatch(/collector/);
    expect(INTERLAYER_TOUR[1].text).toMatch(/nanopores.*soft|soft|Coble/);
    expect(INTERLAYER_TOUR[2].text).toMatch(/penetrat/);
    expect(INTERLAYER_TOUR[2].il.colour).toBe('flowStress');
  });
});
