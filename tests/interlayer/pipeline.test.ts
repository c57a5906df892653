// The interlayer pipeline (src/interlayer/pipeline.ts): presets, hand-over helpers, bookkeeping,
// determinism from one seed whatever the slicing, and bad input. The behaviour directions over seeds are
// in pipeline-behaviour.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { InterlayerRun, conformElectrolyte, kmcSeedOf, poreSizeSummary, resultCsv, runInterlayer, withElectrolyteLayers, type InterlayerModules } from '../../src/interlayer/pipeline';
import { INTERLAYER_PRESET_NAMES, allInterlayerPresets, interlayerPreset } from '../../src/interlayer/presets';
import { MATERIAL, createGrid, indexOf, materialCounts } from '../../src/interlayer/voxel-grid';
import { resolveScaffoldParams } from '../../src/interlayer/scaffold-params';
import { validateKmcParams, kmcParams } from '../../src/interlayer/kmc-params';

let modules: InterlayerModules;
beforeAll(async () => { modules = { core: await loadCoreModuleNode(), kmc: await loadKmcModuleNode() }; });

describe('interlayer presets', () => {
  it('has the issue\'s five configurations, each with a small variant and valid parameters', () => {
    expect([...INTERLAYER_PRESET_NAMES].sort()).toEqual(['bare-cell', 'cnt-only', 'interlayer-5MPa', 'interlayer-65MPa', 'lisi-no-cnt']);
    const all = allInterlayerPresets();
    expect(all).toHaveLength(10);
    for (const p of all) {
      expect(p.description.length).toBeGreaterThan(60);
      if (p.cell.kind === 'scaffold') expect(() => resolveScaffoldParams(p.cell.kind === 'scaffold' ? p.cell.params : {})).not.toThrow();
      expect(() => validateKmcParams(kmcParams(p.kmc))).not.toThrow();
    }
    expect(interlayerPreset('interlayer-65MPa').cell).toEqual({ kind: 'scaffold', params: { stackPressure: 65e6 } });
    expect(interlayerPreset('interlayer-5MPa-small').cell).toMatchObject({ kind: 'scaffold', params: { stackPressure: 5e6, lx: 0.3e-6 } });
    expect(interlayerPreset('lisi-no-cnt').cell).toMatchObject({ params: { cntMassFraction: 0 } });
    // presets are copies: editing one does not change the registry
    const p = interlayerPreset('bare-cell'); p.capacity = 7;
    expect(interlayerPreset('bare-cell').capacity).toBe(1);
    expect(() => interlayerPreset('interlayer-6MPa')).toThrow(/'interlayer-6MPa' is unknown; known: interlayer-65MPa, interlayer-5MPa/);
  });
});

describe('hand-over helpers', () => {
  it('adds electrolyte layers on top and keeps the grid below', () => {
    const g = createGrid(3, 2, 4, 10e-9); g.material[indexOf(g, 1, 1, 3)] = MATERIAL.lisi;
    const e = withElectrolyteLayers(g, 5);
    expect(e.nz).toBe(9);
    expect(e.material.subarray(0, 24)).toEqual(g.material);
    expect(materialCounts(e)[MATERIAL.electrolyte]).toBe(30);
  });
  it('conforms the electrolyte into dimples down to the set depth, stopping at solid', () => {
    // column (0,0): pore all the way; column (1,0): solid at k = 2; h = 10 nm, plane at the grid top (5 voxels)
    const g = createGrid(2, 1, 6, 10e-9);
    g.material[indexOf(g, 0, 0, 5)] = MATERIAL.electrolyte; g.material[indexOf(g, 1, 0, 5)] = MATERIAL.electrolyte;
    g.material[indexOf(g, 1, 0, 2)] = MATERIAL.lisi;
    const n = conformElectrolyte(g, 39e-9);  // voxel centres 5, 15, 25, 35 nm below the surface → 4 voxels
    expect([0, 1, 2, 3, 4, 5].map((k) => g.material[indexOf(g, 0, 0, k)])).toEqual([0, 4, 4, 4, 4, 4]);
    expect([0, 1, 2, 3, 4, 5].map((k) => g.material[indexOf(g, 1, 0, k)])).toEqual([0, 0, 1, 4, 4, 4]);
    expect(n).toBe(6);
    expect(conformElectrolyte(g, 0)).toBe(0);
  });
  it('decorrelates the kMC seed from the DEM seed and stays a 32-bit integer', () => {
    const s = new Set([0, 1, 2, 3, 4294967295].map(kmcSeedOf));
    expect(s.size).toBe(5);
    for (const v of s) { expect(Number.isInteger(v)).toBe(true); expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(2 ** 32); }
    expect(kmcSeedOf(1)).not.toBe(1);
  });
  it('pore-size summary: a slit of 4 voxels has d10 = d50 = d90 = its width', () => {
    const g = createGrid(8, 8, 6, 10e-9, MATERIAL.lisi);
    for (let k = 1; k < 5; k++) for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) g.material[indexOf(g, i, j, k)] = MATERIAL.pore;
    const p = poreSizeSummary(g);
    // local thickness of a slit of n voxels: n or n − 1 voxels (pore-size.ts)
    for (const d of [p.d10, p.d50, p.d90]) { expect(d).toBeGreaterThanOrEqual(30e-9 * (1 - 1e-6)); expect(d).toBeLessThanOrEqual(40e-9 * (1 + 1e-6)); }
  });
});

describe('pipeline bookkeeping (bare cell and CNT mat: no DEM, fast)', () => {
  it('plates the capacity: samples at equal charge, every packet somewhere, capacity over time consistent with the current', async () => {
    const run = await runInterlayer(modules, { preset: 'bare-cell', small: true, seed: 3, capacity: 0.05, samples: 5 });
    const r = run.result();
    expect(r.plating).toHaveLength(6);
    expect(r.plating[0].capacity).toBe(0);
    for (let k = 1; k < r.plating.length; k++) {
      const s = r.plating[k];
      expect(s.capacity).toBeCloseTo(0.05 * k / 5, 3);
      // t = Q/I: mAh/cm² over mA/cm² = hours
      expect(s.time / 3600).toBeCloseTo(s.capacity / 1, 3);
      expect(s.inventory.total).toBeGreaterThanOrEqual(r.plating[k - 1].inventory.total);
    }
    expect(r.final.capacity).toBeCloseTo(0.05, 3);
    const inv = r.final.inventory;
    expect(inv.nearElectrolyte + inv.mid + inv.atCollector + inv.inElectrolyte + inv.inFlight).toBeCloseTo(inv.total, 10);
    expect(inv.total).toBeCloseTo(r.final.capacity, 6);
    expect(r.scaffold).toBeNull();
    expect(r.cell.grid.electrolyteLayers).toBe(10);
    expect(run.contacts.length).toBeGreaterThan(0);
    // the hand-over grid has the 10 electrolyte layers on top
    const g = run.handedOver!; const nxy = g.nx * g.ny;
    for (let v = nxy * (g.nz - 10); v < g.material.length; v++) expect(g.material[v]).toBe(MATERIAL.electrolyte);
    const csv = resultCsv(r);
    expect(Object.keys(csv).sort()).toEqual(['deposits.csv', 'mechanism-map.csv', 'plating.csv', 'pore-sizes.csv']);
    expect(csv['plating.csv'].trim().split('\n')).toHaveLength(7);
  });

  it('is deterministic from the seed and independent of how the work is sliced (CNT mat)', async () => {
    const a = await runInterlayer(modules, { preset: 'cnt-only', small: true, seed: 5, capacity: 0.015, samples: 4 });
    const b = await runInterlayer(modules, { preset: 'cnt-only', small: true, seed: 5, capacity: 0.015, samples: 4 }, undefined, { kmcEvents: 997 });
    const c = await runInterlayer(modules, { preset: 'cnt-only', small: true, seed: 6, capacity: 0.015, samples: 4 });
    expect(b.result().plating).toEqual(a.result().plating);
    expect(Buffer.from(b.voxels()!.grid.material).equals(Buffer.from(a.voxels()!.grid.material))).toBe(true);
    expect(Buffer.from(c.voxels()!.grid.material).equals(Buffer.from(a.voxels()!.grid.material))).toBe(false);
  });
});

describe('pipeline with the DEM scaffold (small 65 MPa preset)', () => {
  it('is deterministic from one seed whatever the slicing; reports the scaffold history and hands over a valid grid', async () => {
    const opts = { preset: 'interlayer-65MPa', small: true, seed: 2, capacity: 0.02, samples: 2 } as const;
    const a = await runInterlayer(modules, opts);
    const b = await runInterlayer(modules, opts, undefined, { demSteps: 777, kmcEvents: 50_000 });
    const ra = a.result(); const rb = b.result();
    expect(rb.plating).toEqual(ra.plating);
    expect(rb.cell).toEqual(ra.cell);
    expect(rb.scaffold!.history).toEqual(ra.scaffold!.history);
    const hist = ra.scaffold!.history;
    expect(hist[0].phase).toBe('cast');
    expect(hist[hist.length - 1].phase).toBe('done');
    expect(hist[hist.length - 1].lithiation).toBe(1);
    expect(ra.cell.thickness).toBeGreaterThan(1.3 * ra.scaffold!.as.thickness0);   // the layer swelled
    expect(ra.cell.thickness).toBe(a.scaffold!.world.platenZ);
    // pore sizes come from the scaffold's own 5 nm grid and are ordered
    expect(ra.poreSizes.h).toBeCloseTo(5e-9, 12);
    expect(ra.poreSizes.d10).toBeLessThanOrEqual(ra.poreSizes.d50);
    expect(ra.poreSizes.d50).toBeLessThanOrEqual(ra.poreSizes.d90);
    // the hand-over grid: Li–Si, CNT, pores; electrolyte on top; grid porosity near the DEM porosity
    const counts = materialCounts(a.handedOver!);
    expect(counts[MATERIAL.lisi]).toBeGreaterThan(0); expect(counts[MATERIAL.cnt]).toBeGreaterThan(0);
    expect(Math.abs(ra.cell.grid.porosity - ra.cell.porosity)).toBeLessThan(0.05);
    // viewer arrays
    const sp = a.scaffoldSpheres()!;
    expect(sp.x.length).toBe(a.scaffold!.world.count);
    expect(sp.kind.filter((k) => k === 1).length).toBe(ra.scaffold!.as.beads);
    expect(Math.min(...sp.lithiation.filter((_, q) => sp.kind[q] === 0))).toBe(1);
    const map = a.mechanismMap();
    expect(map.curves.d.length).toBeGreaterThan(10);
    expect(map.criticalPressure).toBeCloseTo(0.25e6 / (1.12 * Math.sqrt(Math.PI * 1e-6)), -3);
  }, 60_000);
});

describe('bad input', () => {
  it('names the option and its range', async () => {
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', capacity: -1 })).rejects.toThrow(/capacity = -1 mAh\/cm² is out of range: must be a number above 0 up to 100 mAh\/cm²/);
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', currentDensity: NaN })).rejects.toThrow(/current density = NaN mA\/cm² is out of range: must be a number from 0.0001 to 100/);
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', seed: 1.5 })).rejects.toThrow(/seed = 1.5 is out of range: must be an integer from 0 to 4294967295/);
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', samples: 0 })).rejects.toThrow(/samples = 0/);
    await expect(InterlayerRun.create(modules, { preset: 'nope' })).rejects.toThrow(/'nope' is unknown/);
    await expect(InterlayerRun.create(modules, { preset: 'interlayer-65MPa', scaffold: { stackPressure: 0 } })).rejects.toThrow(/stackPressure = 0 Pa is out of range/);
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', scaffold: { stackPressure: 5e6 } })).rejects.toThrow(/has no DEM scaffold/);
    await expect(InterlayerRun.create(modules, { preset: 'bare-cell', kmc: { surfaces: { steel: { nucleationOverpotential: -1 } } } })).rejects.toThrow(/surfaces.steel.nucleationOverpotential = -1 V/);
    await expect(InterlayerRun.create({ kmc: modules.kmc }, { preset: 'interlayer-5MPa' })).rejects.toThrow(/pass the core module/);
  });
});
