// Unit tests of the view's pure helpers (no DOM, no GPU): colormap tables, display units,
// automatic ranges, ticks, scale bars, export sizes, the schema-driven parameter formatting, and
// the worker's frame packing against a real World.
import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, COLORMAPS, cssColor, linearLut, lut, srgbToLinear } from '../../src/view/colormaps';
import { autoRange, displayUnit, formatTick, niceTicks, scaleBarLength } from '../../src/view/units';
import { exportSize } from '../../src/view/export';
import { formatNumber, formatRange } from '../../src/ui/params';
import { materialDescriptor, domainDescriptor } from '../../src/scene/schema';
import { BufferPool, FramePacker, fillScalar } from '../../src/worker/frames';
import { COLOR_FIELD_NAMES, SIM_COLOR_FIELD_NAMES, FRAMES_IN_FLIGHT, frameBuffers } from '../../src/worker/messages';
import { SceneRun } from '../../src/scene/runner';
import { presets } from '../../src/scene/presets';
import { loadCoreModuleNode } from '../../src/core/load-node';

describe('colormaps', () => {
  it('has 33 control points per map and matplotlib end points', () => {
    for (const name of COLORMAP_NAMES) expect(COLORMAPS[name].match(/[0-9a-f]{6}/g)).toHaveLength(33);
    // viridis #440154 → #fde725, magma #000004 → #fcfdbf, cividis #00224e → #fee838 (matplotlib _cm_listed)
    expect(cssColor('viridis', 0)).toBe('rgb(68, 1, 84)');
    expect(cssColor('viridis', 1)).toBe('rgb(253, 231, 37)');
    expect(cssColor('magma', 1)).toBe('rgb(252, 253, 191)');
    expect(cssColor('cividis', 0)).toBe('rgb(0, 34, 78)');
    // coolwarm's midpoint is Moreland's neutral grey (0.8654)
    const mid = cssColor('coolwarm', 0.5).match(/\d+/g)!.map(Number);
    for (const c of mid) expect(Math.abs(c - 221)).toBeLessThanOrEqual(2);
  });

  it('interpolates into 256 monotonic-luminance entries for the sequential maps', () => {
    for (const name of ['viridis', 'cividis', 'magma'] as const) {
      const t = lut(name);
      expect(t).toHaveLength(768);
      let last = -1;
      for (let i = 0; i < 256; i += 8) {
        const y = 0.2126 * srgbToLinear(t[3 * i]) + 0.7152 * srgbToLinear(t[3 * i + 1]) + 0.0722 * srgbToLinear(t[3 * i + 2]);
        expect(y).toBeGreaterThan(last);
        last = y;
      }
    }
  });

  it('converts to linear light for the GPU', () => {
    expect(srgbToLinear(0)).toBe(0);
    expect(srgbToLinear(1)).toBeCloseTo(1, 12);
    expect(srgbToLinear(0.5)).toBeCloseTo(0.214, 3);
    expect(linearLut('viridis')[767]).toBeCloseTo(srgbToLinear(37 / 255), 2);
  });
});

describe('display units and ranges', () => {
  it('picks µm, mm/s and an SI prefix that keeps stresses and forces at 1…999', () => {
    expect(displayUnit('diameter', 1e-5)).toEqual({ unit: 'µm', factor: 1e6 });
    expect(displayUnit('speed', 1)).toEqual({ unit: 'mm/s', factor: 1e3 });
    expect(displayUnit('pressure', 20).unit).toBe('Pa');
    expect(displayUnit('pressure', 3e4).unit).toBe('kPa');
    expect(displayUnit('vonMises', 2.5e6).unit).toBe('MPa');
    expect(displayUnit('forceSum', 3e-6).unit).toBe('µN');
    expect(displayUnit('forceSum', 3e-10).unit).toBe('nN');
    expect(displayUnit('coordination', 6).unit).toBe('');
  });

  it('auto range is the 1st–99th percentile, min–max for integers, and never empty', () => {
    const v = new Float32Array(1000).map((_, i) => i);
    v[999] = 1e9; // one outlier
    const [lo, hi] = autoRange(v, 1000);
    expect(lo).toBeCloseTo(10, 0);
    expect(hi).toBeLessThan(1000);
    expect(autoRange(new Float32Array([3, 4, 5, 6]), 4, true)).toEqual([3, 6]);
    expect(autoRange(new Float32Array(10), 10)).toEqual([0, 1]);
    const [a, b] = autoRange(new Float32Array([2, 2, 2]), 3);
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
    expect(autoRange(new Float32Array([NaN, 1, 2, 3]), 4)[1]).toBe(3);
  });

  it('nice ticks and tick labels', () => {
    expect(niceTicks(0, 20.24, 5)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(5.025, 352, 5)).toEqual([100, 200, 300]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-1e-6, 3e-6, 4)).toEqual([-1e-6, 0, 1e-6, 2e-6, 3e-6]);
    expect(formatTick(0.25, 0.25)).toBe('0.25');
    expect(formatTick(2.5, 2.5)).toBe('2.5');
    expect(formatTick(100, 100)).toBe('100');
    expect(formatTick(1e-6, 1e-6)).toBe('1.0e-6');
  });

  it('scale bars are 1, 2 or 5 × 10^k µm and fit', () => {
    expect(scaleBarLength(1.6, 160)).toBe(100);
    expect(scaleBarLength(1, 160)).toBe(100);
    expect(scaleBarLength(10, 160)).toBe(10);
    expect(scaleBarLength(3, 160)).toBe(50);
    expect(scaleBarLength(1000, 160)).toBeCloseTo(0.1, 12);
  });
});

describe('export size', () => {
  const css = { w: 700, h: 800 };
  const req = { transparent: false, title: '', legend: true, scaleBar: true };
  it('multiplies the on-screen size, or takes an explicit one', () => {
    expect(exportSize({ ...req, scale: 4 }, css, 8192)).toEqual({ w: 2800, h: 3200, note: '' });
    expect(exportSize({ ...req, scale: null, width: 3840, height: 2160 }, css, 8192)).toEqual({ w: 3840, h: 2160, note: '' });
    expect(exportSize({ ...req, scale: null, width: 7680, height: 4320 }, css, 8192)).toEqual({ w: 7680, h: 4320, note: '' });
  });
  it('falls back to what the GPU takes, with a note', () => {
    const r = exportSize({ ...req, scale: null, width: 7680, height: 4320 }, css, 4096);
    expect(r.w).toBe(4096);
    expect(r.h).toBe(2304);
    expect(r.note).toMatch(/at most 4096 px/);
  });
  it('caps at 7680 × 4320 pixels', () => {
    const r = exportSize({ ...req, scale: 8 }, { w: 1920, h: 1080 }, 16384);
    expect(r.w * r.h).toBeLessThanOrEqual(7680 * 4320);
    expect(r.note).toMatch(/7680 × 4320/);
  });
  it('refuses sizes that are not positive', () => {
    expect(() => exportSize({ ...req, scale: null, width: 0, height: 10 }, css, 4096)).toThrow(/not a positive size/);
  });
});

describe('scene parameter panel formatting', () => {
  it('shows values in display units with ranges from the descriptors', () => {
    expect(formatNumber(materialDescriptor.fields.youngsModulus, 5e7)).toBe('50 MPa');
    expect(formatNumber(domainDescriptor.fields.lx, 1e-4)).toBe('100 µm');
    expect(formatNumber(materialDescriptor.fields.yieldPressure, null)).toMatch(/null/);
    expect(formatRange(materialDescriptor.fields.poissonRatio)).toBe('range (-1, 0.5)');
    expect(formatRange(domainDescriptor.fields.lx)).toBe('range (0, 1000000] µm');
  });
});

describe('worker frames', () => {
  it('pack positions, radii on layout changes, and the requested field, in SI', async () => {
    const run = await SceneRun.create(presets.get('pour-small')!.build(), await loadCoreModuleNode());
    run.advance(600); // fill inserts 1,500 spheres; ≥ 1,024 so storage gets re-sorted at rebuilds
    const w = run.world;
    const pool = new BufferPool();
    const packer = new FramePacker();
    const a = packer.build(w, 4e-4, 'diameter', pool);
    expect(a.frame.count).toBe(1500);
    expect(a.frame.radii).not.toBeNull();
    const pos = new Float32Array(a.frame.positions, 0, 3 * 1500);
    expect(pos[3 * 7 + 2]).toBeCloseTo(w.field('z')[7], 9);
    expect(new Float32Array(a.frame.scalar!, 0, 1500)[0]).toBeCloseTo(1e-5, 9);
    expect(a.transfer).toEqual(frameBuffers(a.frame));

    // same layout: no radii; in-flight frames are limited
    const b = packer.build(w, 4e-4, 'none', pool);
    expect(b.frame.radii).toBeNull();
    expect(b.frame.scalar).toBeNull();
    expect(pool.canSend).toBe(FRAMES_IN_FLIGHT > 2);
    pool.released(frameBuffers(a.frame));
    expect(pool.canSend).toBe(true);
    // a buffer comes back and is reused
    const c = packer.build(w, 4e-4, 'none', pool);
    expect(c.frame.positions).toBe(a.frame.positions);

    // after a re-sort the radii are sent again
    const v0 = w.layoutVersion;
    while (w.layoutVersion === v0 && !run.done) run.advance(500);
    expect(w.layoutVersion).not.toBe(v0);
    pool.released(frameBuffers(b.frame));
    pool.released(frameBuffers(c.frame));
    const d = packer.build(w, 4e-4, 'none', pool);
    expect(d.frame.radii).not.toBeNull();
    expect(d.frame.layoutVersion).toBe(w.layoutVersion);

    // every simulation field fills finite values ('column' belongs to imported files)
    const out = new Float32Array(1500);
    for (const f of SIM_COLOR_FIELD_NAMES) {
      if (f === 'none') continue;
      out.fill(NaN);
      fillScalar(w, f, out, 1500);
      expect(out.every(Number.isFinite), f).toBe(true);
    }
    w.free();
  });
});
