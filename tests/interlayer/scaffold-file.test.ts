// Saved scaffolds (src/interlayer/scaffold-file.ts): a scaffold read from its file must plate exactly as
// the live DEM scaffold it came from; broken files are refused with the field named; the files shipped in
// public/scaffolds must decode, belong to their preset with today's parameters (not stale), and keep the
// part-1 results they were saved with.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { InterlayerRun, runInterlayer, type InterlayerModules } from '../../src/interlayer/pipeline';
import { decodeScaffoldFile, encodeScaffoldFile, voxelizeFinished, ScaffoldFileError, type FinishedScaffold } from '../../src/interlayer/scaffold-file';
import { SAVED_SCAFFOLD_PRESETS, interlayerPreset } from '../../src/interlayer/presets';
import { resolveScaffoldParams, lithiatedSolidVolume } from '../../src/interlayer/scaffold-params';
import { solidVoxelVolume } from '../../src/interlayer/voxelize';

let modules: InterlayerModules;
beforeAll(async () => { modules = { core: await loadCoreModuleNode(), kmc: await loadKmcModuleNode() }; });

const OPTS = { preset: 'interlayer-65MPa', small: true, seed: 2, capacity: 0.05, samples: 4 } as const;

describe('a saved scaffold plates like the live one', () => {
  let text = '';
  let formed: FinishedScaffold;
  let live: InterlayerRun;
  beforeAll(async () => {
    live = await runInterlayer(modules, OPTS);
    formed = live.formedScaffold()!;
    text = encodeScaffoldFile({ preset: live.preset.name, seed: OPTS.seed, createdWith: 'test', scaffold: formed });
  }, 120_000);

  it('live DEM run → file → run from the file: same grid, pores and plating record', async () => {
    expect(formed).not.toBeNull();
    const file = decodeScaffoldFile(text, 'test file');
    const fromFile = await runInterlayer({ kmc: modules.kmc }, { ...OPTS, scaffoldFile: file });   // no DEM core needed
    const a = live.result(), b = fromFile.result();
    expect(a.scaffold!.source).toBe('dem');
    expect(b.scaffold!.source).toBe('file');
    expect(fromFile.handedOver!.material).toEqual(live.handedOver!.material);
    expect(b.poreSizes).toEqual(a.poreSizes);
    expect(b.cell).toEqual(a.cell);
    expect(b.plating).toEqual(a.plating);
    expect(b.final).toEqual(a.final);
    expect(b.scaffold!.history).toEqual(a.scaffold!.history);
    expect(fromFile.scaffoldSpheres()).toEqual(live.scaffoldSpheres());
  }, 120_000);

  it('refuses a file for another seed or preset, for a cell without DEM, and scaffold overrides', async () => {
    const file = decodeScaffoldFile(text);
    await expect(InterlayerRun.create(modules, { ...OPTS, seed: 3, scaffoldFile: file })).rejects.toThrow(/formed with seed 2; run it with seed 2/);
    await expect(InterlayerRun.create(modules, { ...OPTS, preset: 'interlayer-5MPa', scaffoldFile: file })).rejects.toThrow(/formed for preset 'interlayer-65MPa-small', not 'interlayer-5MPa-small'/);
    await expect(InterlayerRun.create(modules, { ...OPTS, preset: 'bare-cell', scaffoldFile: file })).rejects.toThrow(/has no DEM scaffold/);
    await expect(InterlayerRun.create(modules, { ...OPTS, scaffold: { stackPressure: 5e6 }, scaffoldFile: file })).rejects.toThrow(/the file fixes them/);
    // a file saved before the preset changed: refused, naming the parameter
    const stale = decodeScaffoldFile(text);
    stale.scaffold.params = { ...stale.scaffold.params, lisiYield: 1.9e9 };
    await expect(InterlayerRun.create(modules, { ...OPTS, scaffoldFile: stale })).rejects.toThrow(/has lisiYield = 1900000000, but preset 'interlayer-65MPa-small' now uses 300000000: form the scaffold again/);
  });

  it('names what is wrong in a broken file', () => {
    const j = JSON.parse(text) as Record<string, any>;
    const broken = (edit: (o: Record<string, any>) => void) => { const o = structuredClone(j); edit(o); return JSON.stringify(o); };
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /not JSON/],
      [broken((o) => { o.format = 'liggghts'; }), /format is "liggghts"/],
      [broken((o) => { o.version = 99; }), /version 99 is not supported/],
      [broken((o) => { o.params.stackPressure = -1; }), /stackPressure = -1 Pa is out of range/],
      [broken((o) => { o.spheres.x = o.spheres.x.slice(0, 40); }), /spheres\.x holds \d+ bytes, expected/],
      [broken((o) => { o.spheres.r = '***'; }), /spheres\.r: .*(base64|character)/i],
      [broken((o) => { delete o.params.lisiYield; }), /params\.lisiYield is missing/],
      [broken((o) => { o.params = [1, 2]; }), /params must be an object/],
      [broken((o) => { o.history[0].phase = 'melt'; }), /history\[0\]\.phase = "melt" must be "cast", "lithiate", "relax" or "done"/],
      [broken((o) => { delete o.history[1].time; }), /history\[1\]\.time \(s\)/],
      [broken((o) => { o.top *= 1.5; }), /top = .* differs from the last history thickness/],
      [broken((o) => { o.spheres.count = 0; }), /spheres\.count = 0/],
      [broken((o) => { o.top = 'high'; }), /top \(electrolyte plane height, m\)/],
      [broken((o) => { o.history = []; }), /history must be a non-empty array/],
      [broken((o) => { o.seed = 1.5; }), /seed = 1\.5 must be an integer/],
    ];
    for (const [t, re] of cases) {
      let err: unknown = null;
      try { decodeScaffoldFile(t, 'broken.json'); } catch (e) { err = e; }
      expect(err, `expected ${re}`).toBeInstanceOf(ScaffoldFileError);
      expect((err as Error).message).toMatch(/^broken\.json: /);
      expect((err as Error).message).toMatch(re);
    }
    // a NaN radius (written as base64 bytes) is caught sphere by sphere
    const nanR = structuredClone(formed.spheres.r); nanR[5] = NaN;
    const t2 = encodeScaffoldFile({ preset: null, seed: 2, createdWith: 'test', scaffold: { ...formed, spheres: { ...formed.spheres, r: nanR } } });
    expect(() => decodeScaffoldFile(t2, 'nan.json')).toThrow(/nan\.json: sphere 5 has radius NaN m/);
    const withSphere = (edit: (sp: FinishedScaffold['spheres']) => void) => {
      const sp = { x: formed.spheres.x.slice(), y: formed.spheres.y.slice(), z: formed.spheres.z.slice(), r: formed.spheres.r.slice(), kind: formed.spheres.kind.slice(), lithiation: formed.spheres.lithiation.slice() };
      edit(sp);
      return encodeScaffoldFile({ preset: null, seed: 2, createdWith: 'test', scaffold: { ...formed, spheres: sp } });
    };
    expect(() => decodeScaffoldFile(withSphere((sp) => { sp.kind[3] = 7; }), 'k.json')).toThrow(/k\.json: sphere 3 has kind 7 \(0 = Si\/Li–Si, 1 = CNT bead\)/);
    expect(() => decodeScaffoldFile(withSphere((sp) => { sp.lithiation[4] = 1.5; }), 'l.json')).toThrow(/l\.json: sphere 4 has lithiation 1\.5/);
    expect(() => decodeScaffoldFile(withSphere((sp) => { sp.x[6] = 1; }), 'x.json')).toThrow(/x\.json: sphere 6 at \(1, .* lies outside x ∈ \[−lx, 2lx\]/);
  });
});

describe('scaffolds shipped in public/scaffolds', () => {
  for (const name of SAVED_SCAFFOLD_PRESETS) {
    it(`${name}-seed1.json decodes, matches today's preset parameters and keeps its volume`, () => {
      const path = `public/scaffolds/${name}-seed1.json`;
      expect(existsSync(path), `${path} is missing: make it with npx electrode-lab interlayer ${name} --seed 1 --save-scaffold ${path}`).toBe(true);
      const f = decodeScaffoldFile(readFileSync(path, 'utf8'), path);
      expect(f.preset).toBe(name);
      expect(f.seed).toBe(1);
      // stale if the preset's parameters changed since it was saved: re-save it (command above)
      expect(f.scaffold.params).toEqual(resolveScaffoldParams(interlayerPreset(name).cell.kind === 'scaffold' ? (interlayerPreset(name).cell as { params: object }).params : {}));
      const s = f.scaffold, last = s.history[s.history.length - 1];
      expect(last.phase).toBe('done');
      expect(s.top).toBeCloseTo(last.thickness, 12);
      // volume honesty survives the file: the voxelized solid (5 nm) is the lithiated solid volume within
      // the point-sampling error (±1.5 %, part 1's own test allows 2 % at this voxel)
      const g = voxelizeFinished(s);
      expect(solidVoxelVolume(g) / lithiatedSolidVolume(s.params)).toBeGreaterThan(0.985);
      expect(solidVoxelVolume(g) / lithiatedSolidVolume(s.params)).toBeLessThan(1.015);
    });
  }

  it('65 MPa vs 5 MPa as saved: the paper\'s 3.25 µm / 11 % at 65 MPa (calibrated point, ±10 % / ±3 points) and a thicker, more porous 5 MPa layer', () => {
    const read = (n: string) => decodeScaffoldFile(readFileSync(`public/scaffolds/${n}-seed1.json`, 'utf8')).scaffold;
    const hi = read('interlayer-65MPa'), lo = read('interlayer-5MPa');
    const end = (s: FinishedScaffold) => s.history[s.history.length - 1];
    expect(end(hi).thickness).toBeGreaterThan(0.9 * 3.25e-6);
    expect(end(hi).thickness).toBeLessThan(1.1 * 3.25e-6);
    expect(Math.abs(end(hi).porosity - 0.11)).toBeLessThan(0.03);
    expect(end(lo).thickness).toBeGreaterThan(1.2 * end(hi).thickness);
    expect(end(lo).porosity).toBeGreaterThan(end(hi).porosity + 0.1);
  });
});
