import { describe, expect, it } from 'vitest';
import { niceLevels, triangleIsoSegment, ternarySvg } from '../../src/sweep/ternary-svg';
import { simplexPoints } from '../../src/sweep/ternary';

describe('ternary contour map', () => {
  it('picks round levels strictly inside the range', () => {
    expect(niceLevels(0.597, 0.651, 6)).toEqual([0.6, 0.61, 0.62, 0.63, 0.64, 0.65]);
    expect(niceLevels(0, 1, 4)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceLevels(1, 1, 5)).toEqual([]);
  });
  it('crosses a triangle where linear interpolation says', () => {
    // values 0, 1, 0 at (0,0), (1,0), (0,1): the 0.5 iso-line runs from (0.5,0) to (0.5,0.5)
    const seg = triangleIsoSegment([[0, 0], [1, 0], [0, 1]], [0, 1, 0], 0.5);
    expect(seg).toHaveLength(2);
    const sorted = seg.map(([x, y]) => [x, y]).sort((a, b) => a[1] - b[1]);
    expect(sorted[0][0]).toBeCloseTo(0.5, 12); expect(sorted[0][1]).toBeCloseTo(0, 12);
    expect(sorted[1][0]).toBeCloseTo(0.5, 12); expect(sorted[1][1]).toBeCloseTo(0.5, 12);
    expect(triangleIsoSegment([[0, 0], [1, 0], [0, 1]], [0, 1, 0], 2)).toEqual([]);
  });
  it('draws iso-lines of a planar field as straight lines of constant value', () => {
    // φ = a: its iso-lines are parallel to the B–C edge; every drawn vertex must have a = level
    const pts = simplexPoints(0.1);
    const svg = ternarySvg(pts, pts.map((p) => p.a), 0.1, { title: 'a', labels: ['A', 'B', 'C'], contours: 4 });
    const d = /<path d="([^"]+)"/.exec(svg)![1];
    const xs = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(xs.length).toBeGreaterThan(20);
    // screen y points down, so b + c = x_t + y_t/√3 is constant along X − Y/√3: one value per level
    const key = (p: number[]) => p[0] - p[1] / Math.sqrt(3);
    const groups = new Set(xs.map((p) => key(p).toFixed(0)));
    expect(groups.size).toBeGreaterThanOrEqual(4);
    expect(groups.size).toBeLessThanOrEqual(8); // 4 levels (rounding of the key to whole px may split a level in two)
  });
});
