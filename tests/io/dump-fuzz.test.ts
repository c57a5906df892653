// Fuzz: seeded random corruptions of valid dumps (and .vtp files). Every case must end in either a
// valid result (frames whose arrays are complete and finite) or a DumpError that names a line in the
// file — never another exception, a hang, or a frame with holes.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { DumpParser, DumpError, readDumpStream, type DumpFrame } from '../../src/io/dump-reader';
import { dumpFrameText } from '../../src/io/dump-writer';
import { vtpText, readVtp } from '../../src/io/vtp';
import type { ParticleSet } from '../../src/io/particle-set';

/** xoshiro-free tiny PRNG for the fuzzer (test data only): mulberry32. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

function set(n: number, seed: number): ParticleSet {
  const r = rng(seed);
  const positions = Float64Array.from({ length: 3 * n }, () => r.next() * 1e-4);
  return { count: n, positions, radii: Float64Array.from({ length: n }, () => 5e-6 * (0.5 + r.next())), velocities: Float64Array.from({ length: 3 * n }, () => r.next() - 0.5),
    ids: Int32Array.from({ length: n }, (_, i) => i + 1), types: Int32Array.from({ length: n }, (_, i) => 1 + (i % 2)),
    fields: { pressure: { values: Float64Array.from({ length: n }, () => r.next() * 1e6), unit: 'Pa' } },
    box: { lo: [0, 0, 0], hi: [1e-4, 1e-4, 1e-4], periodic: [true, true, false] } };
}

const BASES: string[] = [
  dumpFrameText(set(12, 1), { timestep: 100 }) + dumpFrameText(set(12, 2), { timestep: 200 }),
  dumpFrameText(set(25, 3)).replace('ITEM: ATOMS id type x y z', 'ITEM: ATOMS id type xs ys zs'),
  readFileSync(new URL('./fixtures/liggghts-pour-settled.dump', import.meta.url), 'utf8').split('\n').slice(0, 40).join('\n').replace('120', '31') + '\n',
];

const ABSURD = ['1e308', '-1e308', '1e309', '-1e999', 'NaN', 'nan', '-nan', 'inf', '-inf', 'Infinity', '0x1f', '1e', '--1', '.', '-', '+', '1.2.3', '9'.repeat(400), '1e-400', '\u00a01', '٣', 'null', '1,5', '2147483648', '-1', '0.5', '4.9e-324'];

function corrupt(text: string, seed: number): string | Uint8Array {
  const r = rng(seed);
  let lines = text.split('\n');
  const ops = 1 + r.int(3);
  let bytes: Uint8Array | null = null;
  for (let k = 0; k < ops; k++) {
    const li = r.int(lines.length);
    switch (r.int(12)) {
      case 0: { const t = lines.join('\n'); lines = t.slice(0, r.int(t.length + 1)).split('\n'); break; }          // truncation
      case 1: lines.splice(li, 1); break;                                                                           // drop a line
      case 2: lines.splice(li, 0, lines[li] ?? ''); break;                                                          // duplicate a line
      case 3: { const toks = (lines[li] ?? '').split(' '); if (toks.length) toks[r.int(toks.length)] = r.pick(ABSURD); lines[li] = toks.join(' '); break; } // absurd / non-numeric value
      case 4: { const toks = (lines[li] ?? '').split(' '); if (r.next() < 0.5) toks.splice(r.int(toks.length + 1), 0, '1.0'); else toks.splice(r.int(toks.length), 1); lines[li] = toks.join(' '); break; } // column count
      case 5: { const i = lines.findIndex((l) => l.startsWith('ITEM: NUMBER OF ATOMS')); if (i >= 0) lines[i + 1] = r.pick(['0', '1', '11', '13', '24', '26', '999999999', '-3', '2.5', 'many', '1e9', '']); break; } // lying count
      case 6: { const items = lines.map((l, i) => (l.startsWith('ITEM:') ? i : -1)).filter((i) => i >= 0); if (items.length) lines.splice(r.pick(items), 1); break; } // missing ITEM line
      case 7: { const a = r.int(lines.length), b = r.int(lines.length); [lines[a], lines[b]] = [lines[b], lines[a]]; break; } // swapped lines
      case 8: { const i = lines.findIndex((l) => l.startsWith('ITEM: BOX')); if (i >= 0) lines[i + 1 + r.int(3)] = r.pick(['0 1 0.5', '1 0', 'a b', '0', '0 1e309', '-1e308 1e308']); break; } // box
      case 9: { const i = lines.findIndex((l) => l.startsWith('ITEM: ATOMS')); if (i >= 0) lines[i] = r.pick(['ITEM: ATOMS', 'ITEM: ATOMS id id x y z', 'ITEM: ATOMS x y', 'ITEM: ATOMS id type x y z radius radius', 'ITEM: ATOMS id type x y z diameter vx vy']); break; } // header
      default: {                                                                                                    // binary garbage / bit flips
        const b = new TextEncoder().encode(lines.join('\n'));
        const out = new Uint8Array(b.length + 64);
        out.set(b);
        let len = b.length;
        for (let j = 0, m = 1 + r.int(20); j < m; j++) {
          const at = r.int(len + 1);
          if (r.next() < 0.5 && len > 0) out[Math.min(at, len - 1)] ^= 1 << r.int(8);
          else { out.copyWithin(at + 1, at, len); out[at] = r.int(256); len++; if (len >= out.length - 1) break; }
        }
        bytes = out.subarray(0, len);
        lines = new TextDecoder().decode(bytes).split('\n');
      }
    }
  }
  return bytes && r.next() < 0.5 ? bytes : lines.join('\n');
}

function checkFrames(frames: DumpFrame[]): void {
  for (const f of frames) {
    expect(f.positions.length).toBe(3 * f.count);
    for (const v of f.positions) expect(Number.isFinite(v)).toBe(true);
    if (f.radius) { expect(f.radius.length).toBe(f.count); for (const v of f.radius) expect(Number.isFinite(v)).toBe(true); }
    if (f.id) for (const v of f.id) expect(Number.isInteger(v)).toBe(true);
    for (const a of Object.values(f.fields)) { expect(a.length).toBe(f.count); for (const v of a) expect(Number.isFinite(v)).toBe(true); }
  }
}

describe('dump reader fuzz', () => {
  it('1,200 seeded corruptions (truncation, columns, absurd numbers, garbage, lying counts, missing ITEMs) end in a result or a line-numbered DumpError', () => {
    const tally = { valid: 0, error: 0 };
    for (let seed = 1; seed <= 1200; seed++) {
      const base = BASES[seed % BASES.length];
      const input = corrupt(base, seed);
      const totalLines = (typeof input === 'string' ? input : new TextDecoder().decode(input)).split('\n').length;
      const r = rng(seed * 7 + 1);
      const p = new DumpParser({ maxLineLength: 4096 });
      try {
        // random chunking: the corruption may split anywhere, UTF-8 sequences included
        for (let k = 0; k < input.length;) { const n = 1 + r.int(200); p.push(input.slice(k, k + n) as string & Uint8Array); k += n; }
        const { frames } = p.end();
        checkFrames(frames);
        tally.valid++;
      } catch (e) {
        if (!(e instanceof DumpError)) throw new Error(`seed ${seed}: ${(e as Error)?.stack ?? e}`);
        expect(e.line, `seed ${seed}: ${e.message}`).toBeGreaterThanOrEqual(1);
        expect(e.line, `seed ${seed}: ${e.message}`).toBeLessThanOrEqual(totalLines + 1);
        expect(e.message).toMatch(/^line \d+: \S/);
        tally.error++;
      }
    }
    console.log(`dump fuzz: ${tally.valid} valid results, ${tally.error} clean errors`);
    expect(tally.error).toBeGreaterThan(600);   // the corruptions are mostly fatal, so the checks really ran
    expect(tally.valid).toBeGreaterThan(20);
  });

  it('100 corrupted gzip streams reject cleanly (DumpError or a gzip error), never hang', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = new Uint8Array(gzipSync(BASES[0]));
    let clean = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const r = rng(seed);
      const b = gz.slice(0, seed % 3 === 0 ? r.int(gz.length) : gz.length);
      for (let j = 0; j < 1 + r.int(5); j++) b[10 + r.int(Math.max(1, b.length - 10))] ^= 1 << r.int(8);
      try { checkFrames((await readDumpStream((async function* () { yield b; })())).frames); }
      catch (e) { expect((e as Error).message).toMatch(/gzip|line \d+/); clean++; }
    }
    expect(clean).toBeGreaterThan(50);
  });

  it('300 corrupted .vtp files end in a particle set or a DumpError', () => {
    const base = vtpText(set(30, 9));
    let clean = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      let t = base;
      for (let j = 0; j < 1 + r.int(3); j++) {
        const at = r.int(t.length);
        const op = r.int(4);
        if (op === 0) t = t.slice(0, at);
        else if (op === 1) t = t.slice(0, at) + String.fromCharCode(r.int(256)) + t.slice(at + 1);
        else if (op === 2) t = t.slice(0, at) + t.slice(at + 1 + r.int(50));
        else t = t.replace(/NumberOfPoints="\d+"/, `NumberOfPoints="${r.pick(['0', '29', '31', '-1', 'x', '1e9'])}"`);
      }
      try { const s = readVtp(t); expect(s.positions.length).toBe(3 * s.count); }
      catch (e) { if (!(e instanceof DumpError)) throw new Error(`vtp seed ${seed}: ${(e as Error)?.stack ?? e}`); clean++; }
    }
    expect(clean).toBeGreaterThan(100);
  });
});
