// `electrode-lab sweep` end to end on a tiny three-grade blend (6 blends at step 0.5): CSV, contour
// maps as SVG and, through the system Chromium, PNG; `electrode-lab compare` refuses bad input
// with the option, the allowed range and exit code 64.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calenderingScene } from '../../src/scene/calendering';
import { psdPresets } from '../../src/psd';

const BIN = join(__dirname, '..', '..', 'bin', 'electrode-lab.mjs');
const CHROMIUM = process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium';

describe('electrode-lab sweep / compare', () => {
  it('sweep writes the CSV, both contour maps and their PNGs', () => {
    const grades = ['graphite-large-19', 'graphite-medium-14', 'graphite-small-11'].map((n) => psdPresets.get(n)!.spec);
    const s = calenderingScene({ name: 'tiny-blend', psd: { kind: 'blend', components: grades.map((psd) => ({ volumeFraction: 1 / 3, psd })) } as never, count: 120, youngsModulus: 2e6, seed: 3 });
    s.protocol = [{ type: 'fill', maxTime: 0.02, settleSpeed: 5e-3 }] as typeof s.protocol;
    const dir = mkdtempSync(join(tmpdir(), 'el-sweep-cli-'));
    writeFileSync(join(dir, 'scene.json'), JSON.stringify(s));
    const r = spawnSync(process.execPath, [BIN, 'sweep', join(dir, 'scene.json'), '--step', '0.5', '--threads', '2', '--out', join(dir, 'out'), '--png', '--seeds', '3,4'], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/ERROR/);
    expect(r.stdout).toMatch(/sweep done: 6 blends × 2 seed/);
    const csv = readFileSync(join(dir, 'out', 'ternary.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(7);
    expect(csv.slice(1).every((l) => l.endsWith(',2'))).toBe(true);  // both seeds in every mean
    expect(readFileSync(join(dir, 'out', 'ternary.svg'), 'utf8')).toContain('<svg');
    if (!existsSync(CHROMIUM)) return; // the PNG needs Chromium; npm test installs it
    for (const f of ['ternary.png', 'ternary-farr-groot.png']) {
      const png = readFileSync(join(dir, 'out', f));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1280);   // 640 px SVG at 2×
      expect(png.readUInt32BE(20)).toBe(1280);
    }
  }, 180_000);

  it('compare names the bad option and its range', () => {
    const bad = (args: string[], msg: RegExp) => {
      const r = spawnSync(process.execPath, [BIN, 'compare', ...args], { encoding: 'utf8' });
      expect(r.status).toBe(64);
      expect(r.stderr).toMatch(msg);
    };
    bad(['--densities', '1.3,2.5'], /--densities: electrode densities in g\/cm³, each from 1.0 to 1.9/);
    bad(['--psds', 'small-graphite-narrow,nope'], /--psds: unknown PSD preset 'nope'/);
    bad(['--count', '50'], /--count: an integer from 200/);
    bad(['--seeds', '1,x'], /--seeds/);
  });

  it('psd prints D10/D50/D90 and span and writes both curves; a bad ratio is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-psd-cli-'));
    const r = spawnSync(process.execPath, [BIN, 'psd', 'graphite-medium-14', '--out', join(dir, 'c.csv')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const d50 = Number(/volume-weighted \(sampled\)\s+D10 [\d.]+ µm\s+D50 ([\d.]+) µm/.exec(r.stdout)![1]);
    expect(Math.abs(d50 - 14) / 14).toBeLessThan(0.03);  // the grade's D50 survives the 0.5/99.5 % truncation
    const csv = readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('diameter_um,q3_per_lnD,Q3,q0_per_lnD,Q0');
    expect(csv.length).toBe(201);
    expect(Number(csv[200].split(',')[2])).toBeCloseTo(1, 6);   // cumulative volume ends at 1
    const bad = spawnSync(process.execPath, [BIN, 'psd', 'graphite-medium-14', '--max-size-ratio', '0.5'], { encoding: 'utf8' });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/--max-size-ratio: .* from 1.5 to 100/);
  });
});
