// `electrode-lab interlayer`: runs a preset end to end and writes JSON + CSV; bad input ends with a
// message naming the option and its range (exit 64), never a stack trace.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'electrode-lab.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'interlayer', ...args], { encoding: 'utf8' });

describe('electrode-lab interlayer', () => {
  it('bare cell: prints Li by place, contact, nucleations, penetrations, and writes result.json + CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-il-'));
    const r = cli('bare-cell', '--small', '--capacity', '0.02', '--current', '0.5', '--samples', '4', '--seed', '7', '--out', dir, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Bare SUS\/SE cell/);
    expect(r.stdout).toMatch(/Pore sizes .* d10 [\d.]+ nm, d50 [\d.]+ nm, d90 [\d.]+ nm/);
    expect(r.stdout).toMatch(/at 0.5 mA\/cm² to 0.02 mAh\/cm²/);
    expect(r.stdout).toMatch(/Li inventory \(mAh\/cm²\): near electrolyte [\d.]+, mid-layer [\d.]+, at collector [\d.]+/);
    expect(r.stdout).toMatch(/Li–electrolyte contact: [\d.]+ µm² = [\d.]+ % of the nominal area/);
    expect(r.stdout).toMatch(/Nucleation sites: \d+; penetration events: \d+/);
    expect(readdirSync(dir).sort()).toEqual(['deposits.csv', 'mechanism-map.csv', 'plating.csv', 'pore-sizes.csv', 'result.json']);
    const res = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(res.preset).toBe('bare-cell-small');
    expect(res.seed).toBe(7);
    expect(res.currentDensity).toBe(0.5);
    expect(res.final.capacity).toBeCloseTo(0.02, 3);
    // 0.02 mAh/cm² at 0.5 mA/cm² takes 0.04 h
    expect(res.final.time / 3600).toBeCloseTo(0.04, 3);
    expect(res.plating).toHaveLength(5);
    const plating = readFileSync(join(dir, 'plating.csv'), 'utf8').trim().split('\n');
    expect(plating[0]).toMatch(/^time_h,phase,cycle,li_on_anode_mAh_cm2,stripped_mAh_cm2,near_electrolyte_mAh_cm2,mid_mAh_cm2,at_collector_mAh_cm2/);
    expect(plating).toHaveLength(6);
    const map = readFileSync(join(dir, 'mechanism-map.csv'), 'utf8').trim().split('\n');
    expect(map[0]).toBe('d_nm,coble_MPa,dislocation_MPa,flow_MPa,penetration_threshold_MPa');
    expect(map.length).toBeGreaterThan(100);
    const dep = readFileSync(join(dir, 'deposits.csv'), 'utf8').trim().split('\n');
    const voxels = dep.slice(1).reduce((a, l) => a + Number(l.split(',')[1]), 0);
    expect(voxels).toBeGreaterThan(0);
    // same seed → same result
    const dir2 = mkdtempSync(join(tmpdir(), 'el-il-'));
    expect(cli('bare-cell', '--small', '--capacity', '0.02', '--current', '0.5', '--samples', '4', '--seed', '7', '--out', dir2, '--quiet').status).toBe(0);
    const res2 = JSON.parse(readFileSync(join(dir2, 'result.json'), 'utf8'));
    expect(res2.plating).toEqual(res.plating);
  }, 60_000);

  it('--cycles strips and re-plates: a cycle table, cycles.csv, and the run ends plated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-il-'));
    const r = cli('bare-cell', '--small', '--capacity', '0.02', '--samples', '2', '--cycles', '2', '--out', dir, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Cycles \(strip 0\.02 mAh\/cm², re-plate 0\.02 mAh\/cm²; stack pressure 65\.0 MPa while stripping\)/);
    const cyc = readFileSync(join(dir, 'cycles.csv'), 'utf8').trim().split('\n');
    expect(cyc[0]).toBe('cycle,plated_mAh_cm2,stripped_mAh_cm2,efficiency,contact_lost,left_mAh_cm2,contact_after_strip_fraction,contact_after_plate_fraction,penetrations');
    expect(cyc).toHaveLength(3);
    const res = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(res.cycles).toHaveLength(2);
    for (const y of res.cycles) { expect(y.plated).toBeCloseTo(0.02, 4); expect(y.stripped).toBeGreaterThan(0); expect(y.stripped).toBeLessThanOrEqual(y.plated + 1e-9); }
    expect(res.plating[res.plating.length - 1].phase).toBe('plate');
    expect(res.plating.some((s: { phase: string }) => s.phase === 'strip')).toBe(true);
  }, 60_000);

  it('with a DEM scaffold: prints thickness and porosity over time and writes scaffold.csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-il-'));
    const r = cli('lisi-no-cnt', '--small', '--capacity', '0.01', '--samples', '2', '--out', dir, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Scaffold \(DEM\): \d+ Si \+ 0 CNT beads/);
    expect(r.stdout).toMatch(/time \(ns\)\s+phase\s+lithiation\s+thickness \(µm\)\s+porosity/);
    expect(r.stdout).toMatch(/final: thickness [\d.]+ µm, porosity 0\.\d+ at 65\.0 MPa \(paper at 65 MPa: 3.25 µm, 0.110\)/);
    const csv = readFileSync(join(dir, 'scaffold.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('time_ns,phase,lithiation,thickness_um,porosity,platen_MPa');
    expect(csv[csv.length - 1]).toMatch(/,done,1,/);
  }, 90_000);

  it('names the option and its range for bad input', () => {
    const cases: [string[], RegExp][] = [
      [['interlayer-65MPa', '--capacity', '-1'], /--capacity -1: the plated capacity in mAh\/cm² must be a number above 0 and up to 100/],
      [['interlayer-65MPa', '--capacity', 'abc'], /--capacity abc: .* must be a number/],
      [['interlayer-65MPa', '--current', '1e9'], /--current 1e9: the current density in mA\/cm² must be a number from 0.0001 to 100/],
      [['interlayer-65MPa', '--seed', '2.5'], /--seed 2.5: the seed must be an integer from 0 to 4294967295/],
      [['interlayer-65MPa', '--voxel-nm', '0'], /--voxel-nm 0: the kMC voxel edge in nm must be a number from 2 to 100/],
      [['interlayer-65MPa', '--cycles', '21'], /--cycles 21: the number of plating\/stripping cycles after the first plating must be an integer from 0 to 20/],
      [['interlayer-65MPa', '--bogus'], /unknown option --bogus/],
      [['interlayer-65MPa', '--out'], /--out needs a value/],
      [['interlayer-7MPa'], /'interlayer-7MPa' is unknown; known: interlayer-65MPa, interlayer-5MPa, bare-cell, cnt-only, lisi-no-cnt/],
      [[], /needs exactly one preset/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(64);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);   // no stack trace
    }
  }, 60_000);

  it('--save-scaffold writes a file that --scaffold plates into with the same result; bad uses are refused before any DEM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'el-il-save-'));
    const file = join(dir, 's.json');
    const a = cli('interlayer-65MPa', '--small', '--capacity', '0.01', '--samples', '2', '--save-scaffold', file, '--out', join(dir, 'a'), '--quiet');
    expect(a.status, a.stderr).toBe(0);
    const b = cli('interlayer-65MPa', '--small', '--capacity', '0.01', '--samples', '2', '--scaffold', file, '--out', join(dir, 'b'), '--quiet');
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Time: scaffold from the file/);
    const ra = JSON.parse(readFileSync(join(dir, 'a', 'result.json'), 'utf8')), rb = JSON.parse(readFileSync(join(dir, 'b', 'result.json'), 'utf8'));
    expect(rb.plating).toEqual(ra.plating);
    expect(rb.scaffold.source).toBe('file');
    expect(JSON.parse(readFileSync(file, 'utf8')).createdWith).toBe(`electrode-lab interlayer interlayer-65MPa-small --seed 1 --save-scaffold ${file}`);
    // any stack pressure: the scaffold forms under it and the report says so
    const c = cli('interlayer-65MPa', '--small', '--stack', '20', '--capacity', '0.01', '--samples', '2', '--quiet');
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/stack pressure set to 20 MPa \(--stack\)/);
    expect(c.stdout).toMatch(/porosity [\d.]+ at 20\.0 MPa \(paper, at 65 MPa only/);
    const bad = [
      [['interlayer-65MPa', '--small', '--save-scaffold', join(dir, 'no', 'such', 'x.json')], /--save-scaffold .*: the folder .* does not exist or is not writable/],
      [['interlayer-65MPa', '--small', '--scaffold', file, '--save-scaffold', join(dir, 'y.json')], /--save-scaffold and --scaffold together/],
      [['bare-cell', '--scaffold', file], /preset bare-cell has no DEM scaffold/],
      [['interlayer-65MPa', '--small', '--scaffold', join(dir, 'missing.json')], /--scaffold .*missing\.json: cannot read it/],
      [['interlayer-65MPa', '--small', '--seed', '2', '--scaffold', file], /formed with seed 1; run it with seed 1/],
      [['interlayer-65MPa', '--small', '--stack', '0'], /--stack 0: the stack pressure in MPa must be a number from 0\.01 to 1000/],
      [['bare-cell', '--stack', '5'], /--stack: preset bare-cell-small has no DEM scaffold|--stack: preset bare-cell has no DEM scaffold/],
      [['interlayer-65MPa', '--small', '--stack', '20', '--scaffold', file], /the file fixes them/],
    ] as const;
    for (const [args, re] of bad) {
      const r = cli(...args);
      expect(r.status, r.stdout + r.stderr).toBe(64);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);   // no stack trace
    }
  }, 120_000);
});
