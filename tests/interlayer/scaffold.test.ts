// The Li3.75Si–CNT scaffold (src/interlayer/scaffold.ts), on a REDUCED slab so the file runs in
// seconds: 0.3 × 0.3 µm laterally, 0.6 µm as cast (the paper's layer is 2 µm; the issue asks ≥ 0.5 µm
// for the scene itself), CNTs 0.2 µm long, inertial number 2e-2 (the scene default is 1e-3; see
// docs/model.md §12 for what the faster growth changes: a higher servo lag).
// Checked: the as-cast composition (58.5 % porosity, Si:CNT 90:10 by mass), volume honesty after
// lithiation (Σ targets = Si × 3.81 + CNT exactly; the core's sphere − ½ lens sum and an independent
// voxel count of the union within stated tolerances), every Si ends as Li15Si4, the hand-over grid,
// and the direction of the paper's pressure effect: 5 MPa gives a thicker, more porous layer with
// larger pores than 65 MPa.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { Scaffold } from '../../src/interlayer/scaffold';
import { resolveScaffoldParams, type ScaffoldParams } from '../../src/interlayer/scaffold-params';
import { materialCounts, porosity, MATERIAL, validateGrid } from '../../src/interlayer/voxel-grid';
import { solidVoxelVolume } from '../../src/interlayer/voxelize';
import { scaffoldReport } from '../../src/interlayer/scaffold-report';

const REDUCED: Partial<ScaffoldParams> = {
  lx: 0.3e-6, ly: 0.3e-6, thickness0: 0.6e-6, cntLength: 0.2e-6,
  inertialNumber: 2e-2, castSteps: 1500, sampleEvery: 1000,
};

describe('scaffold parameters', () => {
  it('names the parameter, value and range of bad input', () => {
    expect(() => resolveScaffoldParams({ stackPressure: -5 })).toThrow(/stackPressure = -5 Pa is out of range: must be a number from 10000 to 1000000000 Pa/);
    expect(() => resolveScaffoldParams({ porosity0: NaN })).toThrow(/porosity0 = NaN/);
    expect(() => resolveScaffoldParams({ lithiationStages: 2.5 })).toThrow(/lithiationStages = 2.5 .* an integer/);
    expect(() => resolveScaffoldParams({ lithiation: 'sideways' as never })).toThrow(/lithiation = "sideways": must be "uniform" or "front"/);
    expect(() => resolveScaffoldParams({ lx: 0.15e-6 })).toThrow(/too small/);
    expect(() => resolveScaffoldParams({ cntLength: 0.49e-6 })).toThrow(/cntLength .* exceeds 0.9 × the box side/);
    expect(() => resolveScaffoldParams({ bogus: 1 } as never)).toThrow(/"bogus" is unknown/);
  });
});

describe('scaffold: as cast', () => {
  it('has the paper\'s porosity and Si:CNT mass ratio, inside the slab', async () => {
    const s = await Scaffold.create(await loadCoreModuleNode(), REDUCED, 3);
    const p = s.params, i = s.info;
    expect(Math.abs(i.porosity0 - 0.585)).toBeLessThan(0.005);       // last Si particle / bead quantization
    const mSi = i.siVolume * p.siDensity, mC = i.cntVolume * p.cntDensity;
    expect(Math.abs(mC / (mSi + mC) - 0.1)).toBeLessThan(0.01);
    expect(i.tubes).toBeGreaterThan(10);
    const z = s.world.field('z'), r = s.world.field('radius');
    for (let k = 0; k < z.length; k++) { expect(z[k] - r[k]).toBeGreaterThanOrEqual(-1e-12); expect(z[k] + r[k]).toBeLessThanOrEqual(p.thickness0 + 1e-12); }
    expect(s.world.bondCount).toBe(i.tubes * (i.beads / i.tubes - 1));
  });
});

describe('scaffold: determinism', () => {
  it('same parameters and seed → the same state hash, however advance() is split; another seed differs', async () => {
    const mod = await loadCoreModuleNode();
    const q = { ...REDUCED, castSteps: 300 };
    const a = await Scaffold.create(mod, q, 5), b = await Scaffold.create(mod, q, 5), c = await Scaffold.create(mod, q, 6);
    a.advance(700);
    for (let k = 0; k < 7; k++) b.advance(100);
    c.advance(700);
    expect(a.phase).toBe('lithiate');
    expect(a.world.hash()).toBe(b.world.hash());
    expect(a.world.hash()).not.toBe(c.world.hash());
  });
});

describe('scaffold: lithiation under 65 and 5 MPa (reduced slab)', () => {
  const runs: Record<string, Scaffold> = {};
  beforeAll(async () => {
    const mod = await loadCoreModuleNode();
    for (const P of [65e6, 5e6]) {
      const s = await Scaffold.create(mod, { ...REDUCED, stackPressure: P }, 1);
      s.runToEnd();
      runs[P / 1e6] = s;
    }
  }, 120_000);

  it('keeps the solid volume honest: Σ targets = Si × 3.81 + CNT; the sphere union matches it', () => {
    for (const s of Object.values(runs)) {
      const i = s.info;
      const tv = s.world.targetVolumes;
      let sum = 0; for (let k = 0; k < tv.length; k++) sum += tv[k];
      expect(Math.abs(sum / i.lithiatedVolume - 1)).toBeLessThan(1e-9);
      expect(Math.abs(i.lithiatedVolume / (i.siVolume * 3.81 + i.cntVolume) - 1)).toBeLessThan(1e-12);
      // sphere − ½ lenses − wall caps: equal to the targets up to the fixed-point residual
      expect(Math.abs(s.world.honestVolume() / sum - 1)).toBeLessThan(2e-3);
      // independent check: voxel count of the union (point sampling at 2.5 nm, ~1/30 of a lithiated
      // diameter: ±0.5 % from the surface sampling); triple overlaps make the union exceed Σ targets slightly
      const grid = s.voxelize(2.5e-9);
      const vox = solidVoxelVolume(grid);
      console.log(`${s.params.stackPressure / 1e6} MPa: Σ targets ${sum.toExponential(5)} m³, sphere−½lens ${s.world.honestVolume().toExponential(5)}, voxel union ${vox.toExponential(5)} (${((vox / sum - 1) * 100).toFixed(2)} %); sum of plain sphere volumes ${(s.world.field('radius').reduce((a, r) => a + (4 / 3) * Math.PI * r ** 3, 0) / sum * 100 - 100).toFixed(1)} % more`);
      expect(Math.abs(vox / sum - 1)).toBeLessThan(0.01);
    }
  });

  it('ends with every Si particle fully lithiated (Li15Si4 stage)', () => {
    for (const s of Object.values(runs)) {
      const K = s.params.lithiationStages, mats = s.world.materials;
      let si = 0;
      for (let k = 0; k < mats.length; k++) if (mats[k] <= K) { expect(mats[k]).toBe(K); si++; }
      expect(si).toBe(s.info.si);
      expect(s.metrics().lithiation).toBe(1);
    }
  });

  it('hands over a valid voxel grid: Li–Si, CNT, pores, electrolyte above the plane', () => {
    const s = runs[65];
    const g = s.voxelize();
    validateGrid(g);
    const c = materialCounts(g);
    expect(c[MATERIAL.lisi]).toBeGreaterThan(0); expect(c[MATERIAL.cnt]).toBeGreaterThan(0); expect(c[MATERIAL.pore]).toBeGreaterThan(0);
    expect(g.nz * g.h).toBeGreaterThanOrEqual(s.world.platenZ - 1e-15);
    const ps = s.poreSizes(g);
    expect(Math.abs(porosity(g) - ps.porosity)).toBeLessThan(0.01);
    const report = scaffoldReport(s, ps);
    console.log(report.join('\n'));
    expect(report.some((l) => l.startsWith('| done | 1.00 |'))).toBe(true);
  });

  it('5 MPa gives a thicker, more porous layer with larger pores than 65 MPa (the paper\'s direction)', () => {
    const hi = runs[65], lo = runs[5];
    const a = hi.metrics(), b = lo.metrics();
    const pa = hi.poreSizes(), pb = lo.poreSizes();
    console.log(`65 MPa: h ${(a.thickness * 1e6).toFixed(3)} µm, porosity ${a.porosity.toFixed(3)}, mean pore ${(pa.dMean * 1e9).toFixed(1)} nm, d90 ${(pa.d90 * 1e9).toFixed(1)} nm`);
    console.log(` 5 MPa: h ${(b.thickness * 1e6).toFixed(3)} µm, porosity ${b.porosity.toFixed(3)}, mean pore ${(pb.dMean * 1e9).toFixed(1)} nm, d90 ${(pb.d90 * 1e9).toFixed(1)} nm`);
    expect(b.porosity).toBeGreaterThan(a.porosity + 0.03);
    expect(b.thickness).toBeGreaterThan(a.thickness);
    expect(pb.dMean).toBeGreaterThan(1.05 * pa.dMean);
    // both layers swelled: thicker than cast
    expect(a.thickness).toBeGreaterThan(1.3 * hi.params.thickness0);
  });
});
