// The file worker's frame packing (src/worker/file-frames.ts) on the real LIGGGHTS fixtures: unit
// style guess, positions relative to the box corner in SI, every column available, values in SI.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseDumpText } from '../../src/io/dump-reader';
import { fileFrame, fillColumn, frameSet, resolveUnits, setColumns } from '../../src/worker/file-frames';
import { readVtp, vtpText } from '../../src/io/vtp';

const fixture = (name: string) => new URL(`../io/fixtures/${name}`, import.meta.url);

describe('file frames', () => {
  const settled = parseDumpText(readFileSync(fixture('liggghts-pour-settled.dump'), 'utf8'));

  it('reads a micro-unit LIGGGHTS dump (no ITEM: UNITS, radii 47.652) as micro under auto', () => {
    const f = settled[0];
    expect(f.units).toBeNull();
    expect(resolveUnits(f, 'auto')).toBe('micro');
    expect(resolveUnits(f, 'si')).toBe('si');
    const set = frameSet(f, 'micro');
    expect(set.radii[0]).toBeCloseTo(47.652e-6, 12);
    const cols = setColumns(set).map((c) => c.name);
    // every per-atom column of the file (id type x y z radius vx vy vz fx fy fz omegax omegay omegaz) plus speed
    for (const c of ['id', 'type', 'x', 'y', 'z', 'radius', 'vx', 'vy', 'vz', 'fx', 'fy', 'fz', 'omegax', 'omegay', 'omegaz', 'speed']) expect(cols).toContain(c);
    const { event } = fileFrame(set, 0, 'fx', 'micro');
    expect(event.count).toBe(120);
    expect(event.boxX).toBeCloseTo(500e-6, 12);
    expect(event.boxZ).toBeCloseTo(3000e-6, 12);
    const pos = new Float32Array(event.positions), s = new Float32Array(event.scalar!);
    // first atom: x 79.439 µm (box lo 0), fx 3.29038 pg·µm/µs² = 3.29038e-9 N
    expect(pos[0]).toBeCloseTo(79.439e-6, 10);
    expect(s[0]).toBeCloseTo(3.29038e-9, 14);
    expect(event.column).toEqual({ name: 'fx', unit: 'N' });
    const out = new Float32Array(120);
    expect(fillColumn(set, 'nope', out)).toBe(false);
    expect(fileFrame(set, 0, 'nope', 'micro').event.scalar).toBeNull();
  });

  it('keeps all five frames of the gzip trajectory, positions inside the periodic cell', () => {
    const frames = parseDumpText(gunzipSync(readFileSync(fixture('liggghts-pour-traj.dump.gz'))).toString('utf8'));
    expect(frames).toHaveLength(5);
    for (const f of frames) {
      const { event } = fileFrame(frameSet(f, resolveUnits(frames[0], 'auto')), f.index, 'speed', 'micro');
      const p = new Float32Array(event.positions);
      for (let i = 0; i < event.count; i++) {
        expect(p[3 * i]).toBeGreaterThanOrEqual(0); expect(p[3 * i]).toBeLessThan(event.boxX * (1 + 1e-6));
        expect(p[3 * i + 1]).toBeGreaterThanOrEqual(0); expect(p[3 * i + 1]).toBeLessThan(event.boxY * (1 + 1e-6));
      }
    }
  });

  it('a .vtp round trip (what the file worker does for VTK files): SI positions, every field a column', () => {
    const set = frameSet(settled[0], 'micro');
    const back = readVtp(vtpText(set));
    const cols = setColumns(back).map((c) => c.name);
    for (const c of ['x', 'z', 'radius', 'fx', 'omegaz']) expect(cols).toContain(c);
    const { event } = fileFrame(back, 0, 'radius', 'si');
    expect(event.count).toBe(120);
    expect(new Float32Array(event.scalar!)[0]).toBeCloseTo(47.652e-6, 11);
    expect(new Float32Array(event.positions)[0]).toBeCloseTo(79.439e-6, 10);
  });
});
