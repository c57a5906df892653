// The browser-facing loader on Blobs (Node 20 has Blob/File with .stream(), as browsers do):
// gzip dumps stream with progress and frames as they complete; .vtp is read whole; errors are DumpErrors.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadParticleFile, frameParticles, DumpError } from '../../src/io/dump-source';
import { vtpText } from '../../src/io/vtp';

const FIX = new URL('./fixtures/', import.meta.url);

describe('dump-source (File/Blob loader)', () => {
  it('streams a gzip trajectory with progress, float32 columns by default, frames as they complete', async () => {
    const bytes = readFileSync(new URL('liggghts-pour-traj.dump.gz', FIX));
    const file = new File([bytes], 'traj.dump.gz');
    const fractions: number[] = [];
    const early: number[] = [];
    const r = await loadParticleFile(file, { onProgress: (p) => fractions.push(p.fraction), onFrame: (f) => early.push(f.timestep) });
    expect(r.format).toBe('dump');
    expect(r.gzip).toBe(true);
    expect(early).toEqual([0, 8000, 16000, 24000, 32000]);
    expect(r.frames.length).toBe(5);
    expect(r.frames[4].positions).toBeInstanceOf(Float32Array);
    expect(fractions[fractions.length - 1]).toBe(1);
    const set = frameParticles(r.frames[4]);
    expect(set.count).toBe(120);
  });

  it('reads a .vtp Blob into a particle set, and a broken dump rejects with the line', async () => {
    const vtp = vtpText({ count: 2, positions: [0, 0, 1e-6, 1e-5, 0, 1e-6], radii: [1e-6, 2e-6], fields: {}, box: { lo: [0, 0, 0], hi: [2e-5, 1e-5, 1e-5], periodic: [true, true, false] } });
    const r = await loadParticleFile(new File([vtp], 'p.vtp'));
    expect(r.format).toBe('vtp');
    expect(Array.from(r.particles!.radii)).toEqual([1e-6, 2e-6]);
    const bad = readFileSync(new URL('liggghts-pour-settled.dump', FIX), 'utf8').replace('ITEM: NUMBER OF ATOMS\n120', 'ITEM: NUMBER OF ATOMS\n121');
    const err = await loadParticleFile(new Blob([bad])).catch((e) => e);
    expect(err).toBeInstanceOf(DumpError);
    expect(err.line).toBe(129);   // the last line of the file
    expect(err.message).toMatch(/120 of the 121 atoms/);
  });

  it('can be cancelled', async () => {
    const bytes = readFileSync(new URL('liggghts-pour-settled.dump', FIX));
    const ctl = new AbortController();
    ctl.abort();
    await expect(loadParticleFile(new Blob([bytes]), { signal: ctl.signal })).rejects.toThrow(/cancelled/);
  });
});
