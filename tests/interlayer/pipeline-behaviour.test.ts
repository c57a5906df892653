// Behaviour of the interlayer scene end to end (DEM scaffold → voxel grid → kMC plating), over three seeds,
// on the small presets (0.3 × 0.3 µm slab; src/interlayer/presets.ts), 0.2 mAh/cm² at 1 mA/cm² unless said.
// Directions from Sung et al., Adv. Mater. 2023 (issue #5):
//  - 65 MPa interlayer: most plated Li ends at the collector side and the Li–electrolyte contact stays small;
//  - bare SUS/SE cell: Li grows unevenly at the contact points and touches the electrolyte far more;
//  - 5 MPa interlayer: larger pores and harder Li than 65 MPa;
//  - CNT-only mat: more Li–SE contact than the Li3.75Si–CNT interlayer.
//  - 5 MPa: "more penetration" holds only in a sensitivity run (δD_i = 1e-25 m³/s, three decades below the
//    reference range 1e-22…1e-20); with the reference parameters no deposit in these ≤ 50 nm DEM pores comes
//    within 1/20 of the 126 MPa Griffith threshold, at either pressure (checked below; docs/model.md §14.5).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { runInterlayer, type InterlayerModules, type InterlayerRun } from '../../src/interlayer/pipeline';
import { lithiumPerColumn } from '../../src/interlayer/kmc-metrics';

const SEEDS = [1, 2, 3];
const CAPACITY = 0.2;
let modules: InterlayerModules;
beforeAll(async () => { modules = { core: await loadCoreModuleNode(), kmc: await loadKmcModuleNode() }; });

// runs shared between the tests of this file (each test also works alone)
const cache = new Map<string, Promise<InterlayerRun>>();
function run(preset: string, seed: number, capacity = CAPACITY): Promise<InterlayerRun> {
  const key = `${preset}/${seed}/${capacity}`;
  if (!cache.has(key)) cache.set(key, runInterlayer(modules, { preset, small: true, seed, capacity, samples: 4 }));
  return cache.get(key)!;
}
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

describe('interlayer formed at 65 MPa vs the bare SUS/SE cell', () => {
  it('65 MPa: most Li at the collector side, small Li–SE contact; the bare cell touches the SE far more', async () => {
    for (const seed of SEEDS) {
      const a = (await run('interlayer-65MPa', seed)).result().final;
      const b = (await run('bare-cell', seed)).result().final;
      console.log(`seed ${seed}: 65 MPa at collector ${pct(a.atCollectorShare)}, near SE ${pct(a.nearElectrolyteShare)}, contact ${pct(a.contactFraction)}; bare contact ${pct(b.contactFraction)}`);
      expect(a.atCollectorShare).toBeGreaterThan(0.75);
      expect(a.nearElectrolyteShare).toBeLessThan(0.15);
      expect(a.contactFraction).toBeLessThan(0.25);     // of the nominal area
      expect(b.contactFraction).toBeGreaterThan(1);     // the whole (rough) SE underside is wetted
      expect(b.contactFraction).toBeGreaterThan(4 * a.contactFraction);
      expect(a.capacity).toBeCloseTo(CAPACITY, 3);
    }
  }, 120_000);

  it('CNT-only mat (no Li–Si highway): more Li–SE contact than the 65 MPa interlayer (paper: "traffic jam near the city centre")', async () => {
    for (const seed of SEEDS) {
      const a = (await run('interlayer-65MPa', seed)).result().final;
      const c = (await run('cnt-only', seed)).result().final;
      console.log(`seed ${seed}: CNT-only contact ${pct(c.contactFraction)}, near SE ${pct(c.nearElectrolyteShare)}; 65 MPa contact ${pct(a.contactFraction)}, near SE ${pct(a.nearElectrolyteShare)}`);
      expect(c.contactFraction).toBeGreaterThan(1.5 * a.contactFraction);
    }
  }, 120_000);

  it('bare cell: early Li grows unevenly, around the contact points, leaving most of the collector bare', async () => {
    for (const seed of SEEDS) {
      const r = await run('bare-cell', seed, 0.002);   // early: ~10 nm of Li on average, one voxel
      const v = r.voxels()!; const { nx, ny } = v.grid;
      const perColumn = lithiumPerColumn(v.grid);
      let near = 0; let all = 0; let nearColumns = 0;
      for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
        const close = r.contacts.some(([ci, cj]) => {
          const dx = Math.min(Math.abs(i - ci), nx - Math.abs(i - ci)); const dy = Math.min(Math.abs(j - cj), ny - Math.abs(j - cj));
          return (dx * dx + dy * dy) * v.grid.h ** 2 <= (120e-9) ** 2;   // within 120 nm of a contact
        });
        all += perColumn[i + nx * j]; if (close) { near += perColumn[i + nx * j]; nearColumns++; }
      }
      const share = nearColumns / (nx * ny);
      const last = r.plating[r.plating.length - 1];
      console.log(`seed ${seed}: ${r.contacts.length} contacts cover ${pct(share)} of the columns and hold ${pct(near / all)} of the Li; bare columns ${pct(last.bareColumns)}, column CV ${last.columnCv.toFixed(2)}`);
      expect(all).toBeGreaterThan(0);
      expect(near / all).toBeGreaterThan(1.3 * share);
      expect(last.bareColumns).toBeGreaterThan(0.4);
      expect(last.columnCv).toBeGreaterThan(1);   // uneven: per-column Li varies more than its mean
    }
  }, 60_000);
});

describe('interlayer formed at 5 MPa vs 65 MPa', () => {
  it('5 MPa gives larger pores and harder Li; with the reference parameters nothing comes near the penetration threshold', async () => {
    for (const seed of SEEDS) {
      const hi = (await run('interlayer-65MPa', seed)).result();
      const lo = (await run('interlayer-5MPa', seed)).result();
      console.log(`seed ${seed}: pores d50 ${(lo.poreSizes.d50 * 1e9).toFixed(1)} vs ${(hi.poreSizes.d50 * 1e9).toFixed(1)} nm, mean ${(lo.poreSizes.dMean * 1e9).toFixed(1)} vs ${(hi.poreSizes.dMean * 1e9).toFixed(1)} nm; `
        + `Li mean pore ${(lo.final.meanDepositSize * 1e9).toFixed(1)} vs ${(hi.final.meanDepositSize * 1e9).toFixed(1)} nm, flow stress ${(lo.final.meanFlowStress / 1e6).toFixed(3)} vs ${(hi.final.meanFlowStress / 1e6).toFixed(3)} MPa; `
        + `penetrations ${lo.final.penetrations} vs ${hi.final.penetrations}; porosity ${lo.cell.porosity.toFixed(3)} vs ${hi.cell.porosity.toFixed(3)}`);
      expect(lo.cell.porosity).toBeGreaterThan(hi.cell.porosity + 0.03);
      expect(lo.poreSizes.dMean).toBeGreaterThan(1.1 * hi.poreSizes.dMean);
      expect(lo.final.meanDepositSize).toBeGreaterThan(1.1 * hi.final.meanDepositSize);
      // Coble creep along the plating line: σ ∝ d², so larger pores hold harder Li
      expect(lo.final.meanFlowStress).toBeGreaterThan(1.2 * hi.final.meanFlowStress);
      // the largest deposit stress on the map stays far below the Griffith threshold in both, and so does the
      // Li at the contacts at the kMC's local rate (current over the sites): the margin to penetration is < 1/20
      for (const r of [hi, lo]) {
        const maxStress = Math.max(...r.mechanism.deposits.map((d) => d.flowStress));
        expect(maxStress).toBeLessThan(0.1 * r.mechanism.criticalPressure);
        expect(r.final.penetrationMargin).toBeLessThan(0.05);
        expect(r.final.penetrations).toBe(0);
      }
    }
  }, 180_000);

  it('sensitivity run (δD_i = 1e-25 m³/s): where Li is hard enough to crack the SE, the 5 MPa layer penetrates more', async () => {
    // Not the paper's conditions (see the header): what the model does once deposits can reach the threshold.
    // The 5 MPa layer touches the SE with more Li (more contact sites), so more sites crack it, although the
    // 65 MPa layer's fewer sites each carry more current (its hardest contact can be harder).
    const kmc = { mechanism: { interfaceDiffusivity: 1e-25 } };
    for (const seed of SEEDS) {
      const [hi, lo] = await Promise.all(['interlayer-65MPa', 'interlayer-5MPa'].map((preset) =>
        runInterlayer(modules, { preset, small: true, seed, capacity: CAPACITY, samples: 2, kmc }).then((r) => r.result())));
      console.log(`seed ${seed} (δD 1e-25): penetrations 5 MPa ${lo.final.penetrations} vs 65 MPa ${hi.final.penetrations}; Li–SE contact voxels ${lo.final.contactStress.voxels} vs ${hi.final.contactStress.voxels}; margin ${lo.final.penetrationMargin.toFixed(2)} vs ${hi.final.penetrationMargin.toFixed(2)}`);
      expect(hi.final.penetrations).toBeGreaterThan(0);
      expect(lo.final.penetrations).toBeGreaterThan(1.5 * hi.final.penetrations);
      expect(lo.final.contactStress.voxels).toBeGreaterThan(hi.final.contactStress.voxels);
    }
  }, 240_000);
});
