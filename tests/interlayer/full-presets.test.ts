// The paper-scale presets (0.5 × 0.5 µm slab, 2 µm cast, 6,067 particles) from the scaffolds saved in
// public/scaffolds (seed 1; the DEM itself takes 4–25 min, so CI plates into the saved ones — the file
// round trip is exact, scaffold-file.test.ts). Directions from Sung et al., Adv. Mater. 2023 (issue #5),
// at the scale of the paper's layer; the three-seed checks run on the small presets
// (pipeline-behaviour.test.ts). Measured at this capacity (0.3 mAh/cm², docs/model.md §14.6): 65 MPa 97.0 % at
// the collector side, 6.5 % Li–SE contact; 5 MPa 68.4 %, 39.7 %; thresholds leave room below them.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { runInterlayer, type InterlayerResult } from '../../src/interlayer/pipeline';
import { decodeScaffoldFile, voxelizeFinished } from '../../src/interlayer/scaffold-file';
import { conformElectrolyte, withElectrolyteLayers, kmcSeedOf } from '../../src/interlayer/pipeline';
import { carvePoreUnderElectrolyte } from '../../src/interlayer/test-scaffolds';
import { KmcLattice } from '../../src/interlayer/kmc';
import { kmcParams } from '../../src/interlayer/kmc-params';
import { interlayerPreset } from '../../src/interlayer/presets';

const CAPACITY = 0.3;   // mAh/cm²: 1.5 µm of dense Li, past the pore filling near the SE (saves CI time over 1)
const results = new Map<string, InterlayerResult>();

beforeAll(async () => {
  const kmc = await loadKmcModuleNode();
  for (const preset of ['interlayer-65MPa', 'interlayer-5MPa']) {
    const path = `public/scaffolds/${preset}-seed1.json`;
    const scaffoldFile = decodeScaffoldFile(readFileSync(path, 'utf8'), path);
    const run = await runInterlayer({ kmc }, { preset, seed: 1, capacity: CAPACITY, samples: 3, scaffoldFile });
    results.set(preset, run.result());
  }
}, 240_000);

describe('full presets (saved scaffolds, seed 1)', () => {
  it('65 MPa: Li goes to the collector and barely touches the SE; 5 MPa: larger pores, harder Li, more contact; neither near penetration', () => {
    const hi = results.get('interlayer-65MPa')!, lo = results.get('interlayer-5MPa')!;
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    for (const [name, r] of [['65 MPa', hi], ['5 MPa', lo]] as const) {
      console.log(`${name}: thickness ${(r.cell.thickness * 1e6).toFixed(3)} µm, porosity ${r.cell.porosity.toFixed(3)}, pores d50 ${(r.poreSizes.d50 * 1e9).toFixed(1)} nm; `
        + `at collector ${pct(r.final.atCollectorShare)}, near SE ${pct(r.final.nearElectrolyteShare)}, contact ${pct(r.final.contactFraction)}, `
        + `Li mean pore ${(r.final.meanDepositSize * 1e9).toFixed(1)} nm, flow ${(r.final.meanFlowStress / 1e6).toFixed(3)} MPa, margin ${r.final.penetrationMargin.toExponential(2)}, penetrations ${r.final.penetrations}`);
      expect(r.scaffold!.source).toBe('file');
      expect(r.final.capacity).toBeCloseTo(CAPACITY, 3);
    }
    expect(hi.final.atCollectorShare).toBeGreaterThan(0.9);
    expect(hi.final.contactFraction).toBeLessThan(0.15);
    expect(lo.poreSizes.d50).toBeGreaterThan(1.5 * hi.poreSizes.d50);
    expect(lo.final.meanDepositSize).toBeGreaterThan(1.2 * hi.final.meanDepositSize);
    expect(lo.final.meanFlowStress).toBeGreaterThan(1.5 * hi.final.meanFlowStress);
    expect(lo.final.contactFraction).toBeGreaterThan(2 * hi.final.contactFraction);
    expect(lo.final.atCollectorShare).toBeLessThan(hi.final.atCollectorShare);
    for (const r of [hi, lo]) {
      expect(r.final.penetrations).toBe(0);
      expect(r.final.penetrationMargin).toBeLessThan(0.05);
    }
  });
});

describe('what the DEM scaffolds lack for penetration: a large pore under the electrolyte (reference parameters)', () => {
  it('65 MPa scaffold with one pore opened under the SE: Li filling a ≤ 0.3 µm pore stays soft, a 0.4 µm one cracks the SE', async () => {
    // The paper's argument for its 5 MPa short ("larger pores → harder Li → penetration") at the reference
    // mechanism parameters (δD_i 1e-22 m³/s, K_IC 0.25 MPa√m, 1 µm flaws): σ_C ∝ ε̇·d³ with ε̇ = v_site/d, so the
    // Li in a pore of ~0.35 µm reaches the 126 MPa threshold at the local rate of this layer's few sites.
    const kmc = await loadKmcModuleNode();
    const path = 'public/scaffolds/interlayer-65MPa-seed1.json';
    const f = decodeScaffoldFile(readFileSync(path, 'utf8'), path);
    const preset = interlayerPreset('interlayer-65MPa');
    const penetrations = async (diameter: number) => {
      const g = voxelizeFinished(f.scaffold, preset.voxelSize);
      conformElectrolyte(g, preset.electrolyteConformDepth);
      const opened = diameter > 0 ? carvePoreUnderElectrolyte(g, diameter) : 0;
      const lat = await KmcLattice.create(kmc, withElectrolyteLayers(g, preset.electrolyteLayers), kmcParams({ currentDensity: 1, seed: kmcSeedOf(1) }));
      const c = lat.plate(0.2);
      console.log(`pore ${diameter * 1e9} nm under the SE (${opened} voxels opened): ${c.penetrations} penetrations, ${c.sites} sites`);
      return c.penetrations;
    };
    expect(await penetrations(0)).toBe(0);
    expect(await penetrations(300e-9)).toBe(0);
    expect(await penetrations(400e-9)).toBeGreaterThan(50);
  }, 120_000);
});
