// Writers: our dump → our reader → the same particles (bit for bit); our .vtp → readVtp → the
// same; the VTK base64 layout checked with Node's own Buffer decoder; CSV header and values; the
// World → particle set adapter against the world's own arrays.
import { describe, it, expect } from 'vitest';
import { parseDumpText } from '../../src/io/dump-reader';
import { dumpFrameText, dumpFrameChunks } from '../../src/io/dump-writer';
import { frameToParticleSet, type ParticleSet } from '../../src/io/particle-set';
import { vtpText, readVtp } from '../../src/io/vtp';
import { csvText } from '../../src/io/csv-writer';
import { encodeBase64, decodeBase64 } from '../../src/io/base64';
import { particleSetFromWorld } from '../../src/io/world-particles';
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';

function randomSet(n: number, seed: number): ParticleSet {
  let s = seed >>> 0 || 1;
  const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32; };
  const positions = new Float64Array(3 * n), velocities = new Float64Array(3 * n), radii = new Float64Array(n);
  const ids = new Int32Array(n), types = new Int32Array(n), p = new Float64Array(n), c = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) { positions[3 * i + k] = rnd() * 1e-4 * (k === 2 ? 3 : 1); velocities[3 * i + k] = (rnd() - 0.5) * 10 ** (-6 * rnd()); }
    radii[i] = 1e-6 + 1e-5 * rnd(); ids[i] = 1 + ((i * 7919) % (3 * n)); types[i] = 1 + (i % 3);
    p[i] = (rnd() - 0.3) * 10 ** (12 * rnd()); c[i] = Math.floor(rnd() * 14);
  }
  // awkward values: extremes and negative zero round-trip too
  if (n > 3) { p[0] = 1e-300; p[1] = -1.7976931348623157e308; p[2] = -0; positions[2] = 5e-324; }
  return { count: n, positions, radii, ids, types, velocities,
    fields: { pressure: { values: p, unit: 'Pa' }, 'coordination number': { values: c, unit: '' } },
    box: { lo: [0, 0, 0], hi: [1e-4, 1e-4, 3e-4], periodic: [true, true, false] }, timestep: 1234, time: 0.00125 };
}

function expectSameParticles(a: ParticleSet, b: ParticleSet, fieldMap: Record<string, string>): void {
  expect(b.count).toBe(a.count);
  expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
  expect(Array.from(b.radii)).toEqual(Array.from(a.radii));
  expect(Array.from(b.velocities!)).toEqual(Array.from(a.velocities!));
  expect(Array.from(b.ids!)).toEqual(Array.from(a.ids!));
  expect(Array.from(b.types!)).toEqual(Array.from(a.types!));
  for (const [from, to] of Object.entries(fieldMap)) {
    const x = Array.from(a.fields[from].values), y = Array.from(b.fields[to].values);
    // Object.is: -0 must stay -0
    x.forEach((v, i) => expect(Object.is(v, y[i]), `${from}[${i}]: ${v} vs ${y[i]}`).toBe(true));
  }
  expect(b.box.lo).toEqual(a.box.lo);
  expect(b.box.hi).toEqual(a.box.hi);
  expect(b.box.periodic).toEqual(a.box.periodic);
}

describe('LIGGGHTS dump writer', () => {
  it('round-trips through the reader bit for bit (ids, types, velocities, fields, box, periodicity)', () => {
    const set = randomSet(500, 3);
    const text = dumpFrameText(set);
    expect(text.split('\n')[8]).toBe('ITEM: ATOMS id type x y z radius vx vy vz pressure coordination_number');
    const frames = parseDumpText(text);
    expect(frames.length).toBe(1);
    expect(frames[0].timestep).toBe(1234);
    expectSameParticles(set, frameToParticleSet(frames[0]), { pressure: 'pressure', 'coordination number': 'coordination_number' });
  });

  it('chunked output equals the whole text, and concatenated frames read as a multi-frame dump', () => {
    const a = randomSet(300, 5), b = randomSet(300, 9);
    expect(Array.from(dumpFrameChunks(a, { linesPerChunk: 7 })).join('')).toBe(dumpFrameText(a));
    const frames = parseDumpText(dumpFrameText(a, { timestep: 10 }) + dumpFrameText(b, { timestep: 20 }));
    expect(frames.map((f) => f.timestep)).toEqual([10, 20]);
    expectSameParticles(b, frameToParticleSet(frames[1]), { pressure: 'pressure' });
  });

  it('refuses inconsistent sets with a message naming the array', () => {
    const set = randomSet(10, 1);
    expect(() => dumpFrameText({ ...set, radii: (set.radii as Float64Array).subarray(0, 9) })).toThrow(/radii has 9 values, expected 10/);
    const bad = randomSet(10, 1); bad.radii[4] = NaN;
    expect(() => dumpFrameText(bad)).toThrow(/radius of particle 4 is NaN/);
  });
});

describe('VTK PolyData writer and reader', () => {
  it('base64 matches Node’s encoder both ways', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 12289, 40000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
      const b64 = encodeBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(decodeBase64(b64))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips through readVtp, and its arrays are [UInt32 byte count][little-endian data] in one base64 stream', () => {
    const set = randomSet(400, 11);
    const text = vtpText(set);
    expect(text).toMatch(/<VTKFile type="PolyData" version="0.1" byte_order="LittleEndian" header_type="UInt32">/);
    expect(text).toMatch(/<Piece NumberOfPoints="400" NumberOfVerts="400"/);
    // decode 'radius' independently of our reader
    const m = /<DataArray type="Float64" Name="radius" format="binary">([^<]*)<\/DataArray>/.exec(text)!;
    const raw = Buffer.from(m[1], 'base64');
    expect(raw.readUInt32LE(0)).toBe(8 * 400);
    expect(raw.length).toBe(4 + 8 * 400);
    for (let i = 0; i < 400; i++) expect(raw.readDoubleLE(4 + 8 * i)).toBe(set.radii[i]);
    const back = readVtp(text);
    expectSameParticles(set, back, { pressure: 'pressure', 'coordination number': 'coordination number' });
    expect(back.fields.pressure.unit).toBe('Pa');
    expect(back.time).toBe(0.00125);
  });

  it('reads ASCII DataArrays (as ParaView writes with Data Mode: Ascii) and refuses compressed files', () => {
    const ascii = `<?xml version="1.0"?><VTKFile type="PolyData" version="0.1" byte_order="LittleEndian"><PolyData><Piece NumberOfPoints="2">
<PointData><DataArray type="Float32" Name="diameter" format="ascii">2 4</DataArray><DataArray type="Float64" Name="v" NumberOfComponents="3" format="ascii">1 2 3 4 5 6</DataArray></PointData>
<Points><DataArray type="Float32" NumberOfComponents="3" format="ascii">0 0 0 1 1 1</DataArray></Points></Piece></PolyData></VTKFile>`;
    const s = readVtp(ascii);
    expect(Array.from(s.radii)).toEqual([1, 2]);
    expect(Array.from(s.fields.v_1.values)).toEqual([2, 5]);
    expect(s.box.lo).toEqual([-1, -1, -1]);
    expect(() => readVtp(ascii.replace('byte_order="LittleEndian"', 'byte_order="LittleEndian" compressor="vtkZLibDataCompressor"'))).toThrow(/compressed/);
    expect(() => readVtp(ascii.replace('format="ascii">0 0 0 1 1 1', 'format="ascii">0 0 0 1 1'))).toThrow(/line 3: <Points> holds/);
    expect(() => readVtp('hello')).toThrow(/not a VTK XML file/);
  });
});

describe('CSV writer', () => {
  it('one header row with SI units in brackets, then exact values', () => {
    const set = randomSet(50, 13);
    const lines = csvText(set).trimEnd().split('\n');
    expect(lines[0]).toBe('id,type,x [m],y [m],z [m],radius [m],vx [m/s],vy [m/s],vz [m/s],pressure [Pa],coordination number');
    expect(lines.length).toBe(51);
    const row = lines[7].split(',').map(Number);
    expect(row[0]).toBe(set.ids![6]);
    expect(row[4]).toBe(set.positions[3 * 6 + 2]);
    expect(row[9]).toBe(set.fields.pressure.values[6]);
  });
});

describe('World → particle set', () => {
  it('writes every particle once in id order with the world’s values, and the dump reads back', async () => {
    const scene = {
      schema: 'electrode-lab/scene', version: 1, name: 'io-world', seed: 4,
      materials: [{ id: 'a', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction: 0.5 }, { id: 'w', youngsModulus: 4e6, poissonRatio: 0.3, density: 7800, restitution: 0.5, friction: 0.5 }],
      particles: { kind: 'list', radius: Array.from({ length: 60 }, (_, i) => 4e-5 + 1e-6 * (i % 7)), material: 'a' },
      domain: { lx: 5e-4, ly: 5e-4, height: 3e-3, insertFraction: 0.2 },
      walls: { collector: { material: 'w' }, platen: { material: 'w' } },
      protocol: [{ type: 'fill', maxTime: 1e-3, settleSpeed: 1e-9 }],
    };
    const run = await SceneRun.create(scene, await loadCoreModuleNode());
    run.advance(400);
    const w = run.world;
    w.step(1, true);
    const set = particleSetFromWorld(w);
    expect(set.count).toBe(w.count);
    expect(Array.from(set.ids!)).toEqual(Array.from({ length: w.count }, (_, i) => i + 1));
    const slotOf = new Map(Array.from(w.ids, (id, slot) => [id, slot]));
    const z = w.field('z'), r = w.field('radius');
    for (let i = 0; i < set.count; i++) {
      const slot = slotOf.get(set.ids![i] as number - 1)!;
      expect(set.positions[3 * i + 2]).toBe(z[slot]);
      expect(set.radii[i]).toBe(r[slot]);
    }
    expect(set.box.hi[0]).toBe(5e-4);
    expect(Object.keys(set.fields)).toEqual(['contacts', 'forceSum', 'pressure', 'vonMises']);
    const back = frameToParticleSet(parseDumpText(dumpFrameText(set))[0]);
    expectSameParticles(set, back, { forceSum: 'forceSum', pressure: 'pressure', contacts: 'contacts' });
    run.world.free();
  });
});
