// `electrode-lab import | export | deck`: output names what was read, conversions round-trip,
// malformed files end with the line number and exit code 1, bad options with 64.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVtp } from '../../src/io/vtp';
import { parseDumpText } from '../../src/io/dump-reader';

const BIN = join(__dirname, '..', '..', 'bin', 'electrode-lab.mjs');
const FIX = join(__dirname, 'fixtures');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('electrode-lab import/export/deck', () => {
  it('import prints frames, atoms, box, columns and field ranges (µm), and converts to .vtp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-io-'));
    const r = cli('import', join(FIX, 'liggghts-pour-traj.dump.gz'), '--units', 'micro', '--out', join(dir, 'last.vtp'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/custom dump \(gzip\), 5 frames/);
    expect(r.stdout).toMatch(/frame 4 \(timestep 32000\): 120 atoms; columns: id type x y z radius vx vy vz/);
    expect(r.stdout).toMatch(/box x \[0 µm, 500 µm\] periodic, y \[0 µm, 500 µm\] periodic, z \[0 µm, 3000 µm\]/);
    expect(r.stdout).toMatch(/radius\s+min [\d.]+ µm\s+max [\d.]+ µm/);
    expect(r.stdout).toMatch(/vz\s+min \S+ m\/s/);
    const set = readVtp(readFileSync(join(dir, 'last.vtp'), 'utf8'));
    expect(set.count).toBe(120);
    expect(set.box.hi[0]).toBeCloseTo(5e-4, 12);   // converted to SI
  });

  it('a malformed dump ends with its line number and exit code 1; a bad option with 64', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-io-'));
    const text = readFileSync(join(FIX, 'liggghts-pour-settled.dump'), 'utf8').split('\n');
    text[20] = text[20].replace(/ \S+ $/, ' 1.5x ');
    writeFileSync(join(dir, 'bad.dump'), text.join('\n'));
    const r = cli('import', join(dir, 'bad.dump'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 21: column 15 \(omegaz\) of atom 12: "1\.5x" is not a number/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);   // no stack trace
    expect(cli('import', join(dir, 'bad.dump'), '--units', 'lj').status).toBe(64);
  });

  it('export runs a scene and writes its particles; deck writes a LIGGGHTS deck', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-io-'));
    const scene = {
      schema: 'electrode-lab/scene', version: 1, name: 'io-export', seed: 5,
      materials: [{ id: 'b', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction: 0.5 }],
      particles: { kind: 'monodisperse', count: 80, radius: 5e-5, material: 'b' },
      domain: { lx: 5e-4, ly: 5e-4, height: 3e-3, insertFraction: 0.3 },
      walls: { collector: { material: 'b' }, platen: { material: 'b' } },
      protocol: [{ type: 'fill', maxTime: 0.05, settleSpeed: 5e-3 }],
    };
    writeFileSync(join(dir, 'scene.json'), JSON.stringify(scene));
    const r = cli('export', join(dir, 'scene.json'), '--format', 'dump', '--out', join(dir, 'out.dump'), '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const f = parseDumpText(readFileSync(join(dir, 'out.dump'), 'utf8'))[0];
    expect(f.count).toBe(80);
    expect(f.columns).toEqual(['id', 'type', 'x', 'y', 'z', 'radius', 'vx', 'vy', 'vz', 'contacts', 'forceSum', 'pressure', 'vonMises']);
    expect(Array.from(f.radius!).every((x) => x === 5e-5)).toBe(true);
    const d = cli('deck', join(dir, 'scene.json'), '--out', join(dir, 'deck'));
    expect(d.status, d.stderr).toBe(0);
    expect(readFileSync(join(dir, 'deck', 'in.deck'), 'utf8')).toMatch(/particles_in_region 80 /);
    expect(existsSync(join(dir, 'deck', 'platen.stl'))).toBe(false);   // no press step
    expect(cli('export', 'no-such-preset', '--out', join(dir, 'x.vtp')).stderr).toMatch(/neither a scene file nor a preset/);
  });
});
