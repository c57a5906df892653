// The streaming dump reader: columns by name, scaled/unscaled coordinates, box and periodicity,
// multi-frame, chunk-split invariance, gzip, progress, and errors that name the line.
import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DumpParser, DumpError, parseDumpText, readDumpStream, type DumpFrame } from '../../src/io/dump-reader';

// LIGGGHTS layout: trailing space after every atom line, scientific notation, 'pp pp ff'
const LIGGGHTS = `ITEM: TIMESTEP
2000
ITEM: NUMBER OF ATOMS
3
ITEM: BOX BOUNDS pp pp ff
0.0000000000000000e+00 1.0000000000000000e-04
-5.0000000000000000e-05 5.0000000000000000e-05
0.0000000000000000e+00 4.0000000000000000e-04
ITEM: ATOMS id type x y z ix iy iz vx vy vz fx fy fz omegax omegay omegaz radius 
2 1 1.5e-05 -2e-05 5.1e-06 0 0 0 0.001 0 -0.002 1e-9 2e-9 3e-9 10 20 30 5e-06 
1 1 3.5e-05 2e-05 1.52e-05 0 -1 0 0 0 0 0 0 0 0 0 0 5e-06 
3 2 9.9e-05 4.9e-05 2.5e-05 1 0 0 0 0 0 0 0 0 0 0 0 6e-06 
`;

function frameOf(text: string): DumpFrame { return parseDumpText(text)[0]; }
function errorOf(text: string): DumpError {
  try { parseDumpText(text); } catch (e) { if (e instanceof DumpError) return e; throw e; }
  throw new Error('expected a DumpError');
}

describe('dump reader', () => {
  it('reads a LIGGGHTS frame: columns by name, box, periodicity, vectors, other columns as fields', () => {
    const f = frameOf(LIGGGHTS);
    expect(f.timestep).toBe(2000);
    expect(f.count).toBe(3);
    expect(f.box).toEqual({ lo: [0, -5e-5, 0], hi: [1e-4, 5e-5, 4e-4], boundary: ['pp', 'pp', 'ff'], periodic: [true, true, false] });
    expect(f.coordinates).toBe('x y z');
    expect(Array.from(f.id!)).toEqual([2, 1, 3]);
    expect(Array.from(f.type!)).toEqual([1, 1, 2]);
    expect(Array.from(f.positions.subarray(0, 3))).toEqual([1.5e-5, -2e-5, 5.1e-6]);
    expect(Array.from(f.radius!)).toEqual([5e-6, 5e-6, 6e-6]);
    expect(Array.from(f.velocity!.subarray(0, 3))).toEqual([0.001, 0, -0.002]);
    expect(Array.from(f.force!.subarray(0, 3))).toEqual([1e-9, 2e-9, 3e-9]);
    expect(Array.from(f.omega!.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(Object.keys(f.fields)).toEqual(['ix', 'iy', 'iz']);
    expect(Array.from(f.fields.iy)).toEqual([0, -1, 0]);
  });

  it('unscales xs ys zs with the box and halves diameter; keeps unused coordinate columns as fields', () => {
    const text = LIGGGHTS.replace('ITEM: ATOMS id type x y z ix iy iz vx vy vz fx fy fz omegax omegay omegaz radius',
      'ITEM: ATOMS id type xs ys zs ix iy iz vx vy vz fx fy fz omegax omegay omegaz diameter');
    const f = frameOf(text);
    expect(f.coordinates).toBe('xs ys zs');
    // x = lo + xs (hi − lo)
    expect(f.positions[0]).toBeCloseTo(0 + 1.5e-5 * 1e-4, 20);
    expect(f.positions[1]).toBeCloseTo(-5e-5 + -2e-5 * 1e-4, 20);
    expect(f.positions[2]).toBeCloseTo(5.1e-6 * 4e-4, 20);
    expect(Array.from(f.radius!)).toEqual([2.5e-6, 2.5e-6, 3e-6]);
    const g = frameOf(LIGGGHTS.replace('x y z ix iy iz', 'xu yu zu x y z'));
    expect(g.coordinates).toBe('x y z');
    expect(Object.keys(g.fields)).toEqual(['xu', 'yu', 'zu']);
  });

  it('reads multi-frame dumps, ITEM: UNITS/TIME, old BOX BOUNDS without flags, and zero-atom frames', () => {
    const second = LIGGGHTS.replace('2000', '3000').replace('ITEM: TIMESTEP', 'ITEM: UNITS\nsi\nITEM: TIME\n0.25\nITEM: TIMESTEP');
    const empty = 'ITEM: TIMESTEP\n4000\nITEM: NUMBER OF ATOMS\n0\nITEM: BOX BOUNDS\n0 1\n0 1\n0 1\nITEM: ATOMS id x y z\n';
    const frames = parseDumpText(LIGGGHTS + second + empty);
    expect(frames.map((f) => f.timestep)).toEqual([2000, 3000, 4000]);
    expect(frames.map((f) => f.line)).toEqual([1, 13, 29]);
    expect(frames[1].units).toBe('si');
    expect(frames[1].time).toBe(0.25);
    expect(frames[2].count).toBe(0);
    expect(frames[2].box.periodic).toEqual([false, false, false]);
    expect(frames[2].box.boundary).toEqual(['', '', '']);
  });

  it('gives the same result however the input is split into chunks (text or UTF-8 bytes, CRLF)', () => {
    const text = (LIGGGHTS + LIGGGHTS.replace('2000', '2500')).replace(/\n/g, '\r\n');
    const whole = parseDumpText(text);
    const bytes = new TextEncoder().encode(text);
    let seed = 7;
    for (let trial = 0; trial < 20; trial++) {
      const p = new DumpParser();
      for (let k = 0; k < bytes.length;) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const len = trial === 0 ? 1 : 1 + (seed % 40);
        p.push(trial % 2 ? bytes.subarray(k, k + len) : text.slice(k, k + len));
        k += len;
      }
      expect(p.end().frames).toEqual(whole);
    }
  });

  it('fast number path agrees with Number() bit for bit', () => {
    let s = 12345;
    const rnd = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
    const toks: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const digits = 1 + Math.floor(rnd() * 17);
      let m = ''; for (let d = 0; d < digits; d++) m += Math.floor(rnd() * 10);
      const dot = Math.floor(rnd() * (digits + 1));
      const mant = dot === digits ? m : `${m.slice(0, dot)}.${m.slice(dot)}`;
      const exp = rnd() < 0.5 ? '' : `e${rnd() < 0.5 ? '-' : '+'}${Math.floor(rnd() * 40)}`;
      toks.push(`${rnd() < 0.3 ? '-' : ''}${mant}${exp}`);
    }
    const text = `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n${toks.length}\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS x y z\n` +
      toks.map((t) => `${t} 0 0`).join('\n');
    const f = frameOf(text);
    toks.forEach((t, i) => expect(Object.is(f.positions[3 * i], Number(t)), t).toBe(true));
  });

  it('streams gzip through DecompressionStream with progress in input bytes', async () => {
    const gz = gzipSync(Buffer.from(LIGGGHTS.repeat(3).replace(/2000/g, () => String(Math.floor(1e4 * Math.random())))));
    const chunks = Array.from({ length: Math.ceil(gz.length / 17) }, (_, k) => new Uint8Array(gz.subarray(17 * k, 17 * k + 17)));
    const seen: number[] = [];
    const r = await readDumpStream((async function* () { yield* chunks; })(), { totalBytes: gz.length, onProgress: (p) => seen.push(p.bytesRead) });
    expect(r.gzip).toBe(true);
    expect(r.frames.length).toBe(3);
    expect(r.frames[2].radius![2]).toBe(6e-6);
    expect(seen[seen.length - 1]).toBe(gz.length);
    expect(seen.every((v, k) => k === 0 || v > seen[k - 1])).toBe(true);
    // a truncated gzip stream is a clean error, not a hang
    await expect(readDumpStream((async function* () { yield gz.subarray(0, gz.length - 30); })())).rejects.toThrow(/gzip|truncated|ends/);
  });

  it('float32 columns halve memory and keep ~7 digits', () => {
    const f = parseDumpText(LIGGGHTS, { float: 32 })[0];
    expect(f.positions).toBeInstanceOf(Float32Array);
    expect(f.positions[0]).toBeCloseTo(1.5e-5, 11);
    expect(f.id).toBeInstanceOf(Float64Array);
  });

  it('errors name the line and the problem', () => {
    const cases: Array<[string, number, RegExp]> = [
      [LIGGGHTS.replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\n4'), 12, /3 of the 4 atoms.*line 4/],
      [LIGGGHTS.replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\n2'), 12, /header understates/],
      [LIGGGHTS.replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\n5') + LIGGGHTS, 13, /"ITEM: TIMESTEP" after only 3 of the 5 atoms/],
      [LIGGGHTS.replace('1.52e-05', '1.5x2e-05'), 11, /column 5 \(z\) of atom 2: "1\.5x2e-05" is not a number/],
      [LIGGGHTS.replace('1.52e-05', 'nan'), 11, /not a finite number/],
      [LIGGGHTS.replace('1.52e-05', '1e999'), 11, /overflows/],
      [LIGGGHTS.replace('1.52e-05', '0x10'), 11, /not a number/],
      [LIGGGHTS.replace(' 6e-06 ', ' '), 12, /17 values, but ITEM: ATOMS \(line 9\) names 18 columns/],
      [LIGGGHTS.replace('5e-06 \n1', '5e-06 7\n1'), 10, /19 values/],
      [LIGGGHTS.replace('pp pp ff', 'xy xz yz pp pp ff'), 5, /triclinic/],
      [LIGGGHTS.replace('-5.0000000000000000e-05 5.0000000000000000e-05', '0 1 0.5'), 7, /triclinic/],
      [LIGGGHTS.replace('ITEM: NUMBER OF ATOMS\n3\n', ''), 7, /before ITEM: NUMBER OF ATOMS/],
      [LIGGGHTS.replace(/^ITEM: TIMESTEP\n2000\n/, ''), 1, /before ITEM: TIMESTEP/],
      [LIGGGHTS.replace('x y z', 'x y q'), 9, /no complete set of coordinates/],
      [LIGGGHTS.replace('2 1 1.5e-05', '2 1.5 1.5e-05'), 10, /not a valid type/],
      ['\u0000\u0001\u00ffPNG garbage\n', 1, /expected an "ITEM:" line/],
      ['', 1, /no frame found/],
      [LIGGGHTS.slice(0, 60), 5, /ends inside the header/],
    ];
    for (const [text, line, re] of cases) {
      const e = errorOf(text);
      expect(e.line, `${re}: ${e.message}`).toBe(line);
      expect(e.message, e.message).toMatch(re);
      expect(e.message.startsWith(`line ${line}: `)).toBe(true);
    }
  });

  it('a header that overstates the count by far allocates only what is read, then fails cleanly', () => {
    const e = errorOf(LIGGGHTS.replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\n40000000'));
    expect(e.message).toMatch(/3 of the 40000000 atoms/);
    expect(errorOf(LIGGGHTS.replace('NUMBER OF ATOMS\n3', 'NUMBER OF ATOMS\n1e30')).message).toMatch(/limit|integer/);
  });

  it('refuses lines longer than the limit (binary data without line breaks)', () => {
    const p = new DumpParser({ maxLineLength: 1000 });
    expect(() => p.push('ITEM: TIMESTEP\n' + 'x'.repeat(2000))).toThrow(/line 2: line is longer than 1000/);
  });
});

describe('real LIGGGHTS 3.8 output (tests/io/fixtures, written by an exported deck in units micro)', () => {
  const dir = new URL('./fixtures/', import.meta.url);
  it('a settled pour loads: 120 unique ids, 4 template radii, atoms inside the box, a plausible packing', async () => {
    const { readFileSync } = await import('node:fs');
    const { frameToParticleSet } = await import('../../src/io/particle-set');
    const { settledSolidFraction } = await import('../../src/io/packing');
    const f = frameOf(readFileSync(new URL('liggghts-pour-settled.dump', dir), 'utf8'));
    expect(f.count).toBe(120);
    expect(new Set(f.id).size).toBe(120);
    expect(Math.max(...f.id!)).toBe(120);
    expect(new Set(f.radius).size).toBe(4);
    expect(f.columns).toEqual('id type x y z radius vx vy vz fx fy fz omegax omegay omegaz'.split(' '));
    const set = frameToParticleSet(f, { units: 'micro' });
    for (let i = 0; i < set.count; i++) {
      expect(set.positions[3 * i + 2] - set.radii[i]).toBeGreaterThan(-0.02 * set.radii[i]);   // on or above the collector (small Hertz overlap)
      expect(set.positions[3 * i + 2]).toBeLessThan(set.box.hi[2]);
    }
    const phi = settledSolidFraction(set).solidFraction;
    expect(phi).toBeGreaterThan(0.5);   // a poured frictional sphere bed: random loose packing ≈ 0.55–0.6
    expect(phi).toBeLessThan(0.66);
  });

  it('a gzip multi-frame trajectory streams: 5 frames, the first empty (dumped before insertion)', async () => {
    const { createReadStream, statSync } = await import('node:fs');
    const file = new URL('liggghts-pour-traj.dump.gz', dir);
    const r = await readDumpStream(createReadStream(file, { highWaterMark: 4096 }), { totalBytes: statSync(file).size });
    expect(r.gzip).toBe(true);
    expect(r.frames.map((f) => f.timestep)).toEqual([0, 8000, 16000, 24000, 32000]);
    expect(r.frames.map((f) => f.count)).toEqual([0, 120, 120, 120, 120]);
    // the bed falls: mean height decreases frame to frame
    const meanZ = (f: DumpFrame) => { let s = 0; for (let i = 0; i < f.count; i++) s += f.positions[3 * i + 2]; return s / f.count; };
    for (let k = 2; k < 5; k++) expect(meanZ(r.frames[k])).toBeLessThan(meanZ(r.frames[k - 1]));
  });
});
