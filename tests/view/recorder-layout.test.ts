// Unit test of the video layout (src/view/recorder.ts videoLayout): one view as before (even size),
// compare mode's two views side by side, the right one scaled to the left's height. No DOM needed.
import { describe, expect, it } from 'vitest';
import { videoLayout } from '../../src/view/recorder';

describe('videoLayout', () => {
  it('one view: its own size, floored to even', () => {
    expect(videoLayout([{ width: 641, height: 481 }])).toEqual({ width: 640, height: 480, rects: [{ x: 0, y: 0, w: 640, h: 480 }] });
  });

  it('two views of one height: side by side, the joined width', () => {
    const l = videoLayout([{ width: 335, height: 800 }, { width: 335, height: 800 }]);
    expect(l).toEqual({ width: 670, height: 800, rects: [{ x: 0, y: 0, w: 335, h: 800 }, { x: 335, y: 0, w: 335, h: 800 }] });
  });

  it('two views of different heights: the right one scaled to the left height, even sizes', () => {
    const l = videoLayout([{ width: 401, height: 600 }, { width: 300, height: 400 }]);
    expect(l.height).toBe(600);
    expect(l.rects[0]).toEqual({ x: 0, y: 0, w: 401, h: 600 });
    // 300 × 600/400 = 450; 401 + 450 = 851 → 850: the last pane absorbs the odd pixel
    expect(l.rects[1]).toEqual({ x: 401, y: 0, w: 449, h: 600 });
    expect(l.width).toBe(850);
    expect(l.width % 2).toBe(0);
  });

  it('refuses no views', () => {
    expect(() => videoLayout([])).toThrow(/no view/);
  });
});
