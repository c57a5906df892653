// The command line: `electrode-lab run` on a small scene writes metrics and dumps; bad input ends
// with a message naming the problem and a non-zero exit code, never a stack trace.
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'electrode-lab.mjs');
const D = 1e-4;
const scene = {
  schema: 'electrode-lab/scene', version: 1, name: 'cli-small', seed: 2,
  materials: [{ id: 'b', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.3, friction: 0.5 }],
  particles: { kind: 'monodisperse', count: 150, radius: D / 2, material: 'b' },
  domain: { lx: 5 * D, ly: 5 * D, height: 40 * D, insertFraction: 0.3 },
  walls: { collector: { material: 'b' }, platen: { material: 'b' } },
  protocol: [{ type: 'fill', maxTime: 0.1, settleSpeed: 2e-3 }, { type: 'press', velocity: 0.02, until: { pressure: 100 }, maxTime: 0.05, inertialNumber: null }, { type: 'release', velocity: 0.02, maxTime: 0.02 }],
};

describe('electrode-lab CLI', () => {
  it('run writes result JSON and one dump per protocol step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-'));
    const file = join(dir, 'scene.json');
    writeFileSync(file, JSON.stringify(scene));
    const out = execFileSync(process.execPath, [BIN, 'run', file, '--out', join(dir, 'r.json'), '--dump', join(dir, 'dumps')], { encoding: 'utf8' });
    expect(out).toMatch(/done: \d+ steps/);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(result.error).toBeNull();
    expect(result.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.protocol.map((p: { type: string }) => p.type)).toEqual(['fill', 'press', 'release']);
    expect(result.protocol[1].outcome).toBe('reached');
    expect(result.protocol[1].end.platenPressure).toBeGreaterThanOrEqual(100);
    const dumps = readdirSync(join(dir, 'dumps')).sort();
    expect(dumps).toEqual(['step0-fill.dump', 'step1-press.dump', 'step2-release.dump']);
    const dump = readFileSync(join(dir, 'dumps', dumps[1]), 'utf8').split('\n');
    expect(dump[0]).toBe('ITEM: TIMESTEP');
    expect(dump[3]).toBe('150');
    expect(dump[8]).toMatch(/^ITEM: ATOMS id type x y z radius/);
    expect(dump.slice(9).filter((l) => l.trim()).length).toBe(150);
    // same scene + seed → same hash, run twice
    execFileSync(process.execPath, [BIN, 'run', file, '--out', join(dir, 'r2.json'), '--quiet'], { encoding: 'utf8' });
    expect(JSON.parse(readFileSync(join(dir, 'r2.json'), 'utf8')).hash).toBe(result.hash);
  }, 120_000);

  it('an invalid scene exits 1 and names the field, the value and the range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...scene, materials: [{ ...scene.materials[0], poissonRatio: 0.5 }] }));
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/materials\[0\]\.poissonRatio = 0\.5/);
    expect(r.stderr).toMatch(/< 0\.5/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);   // no stack trace
  }, 60_000);

  it('malformed JSON and unknown options are reported with usage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "schema": "electrode-lab/scene",\n  "version": 1,, }');
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 2/);
    const u = spawnSync(process.execPath, [BIN, 'run', file, '--frobnicate'], { encoding: 'utf8' });
    expect(u.status).toBe(64);
    expect(u.stderr).toMatch(/unknown option --frobnicate/);
  }, 60_000);
});
