// Validation of the calendering scene against the directions of Sung et al. 2022 (issue #3), over
// three seeds, at the presets' own parameters (2,000 spheres, calenderingScene defaults):
// - poured: the wide PSD (WD-SiG) packs denser than the narrow one (SiG) at the same friction, and
//   the large grade packs loosest of the three single grades or ties within the seed noise;
// - pressed to the same densities (1.3 g/cm³-equivalent and 1.75 g/cm³): the wide PSD needs a lower
//   platen pressure and carries a lower mean particle load Σ|F|/πr²; springback is positive; the
//   compaction curve rises monotonically; the pressure at 1.75 g/cm³ is reported in MPa.
// The raw mean contact force is NOT asserted lower for the wide PSD: in a Hertz sphere packing it
// scales with p·d², and the wide PSD has the larger particles (docs/model.md §10 gives the numbers
// and why). Runs go through the worker pool on every core; this file takes minutes, not seconds.
import { beforeAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { calenderingScene } from '../../src/scene/calendering';
import { compareScenes, compareRow, compareTable, compareMarkdown, equivalentDensity, type CompareRow } from '../../src/scene/calendering-compare';
import { psdPresets } from '../../src/psd';
import { runScenesInParallel } from '../../src/sweep/node-pool';
import type { RunSummary } from '../../src/sweep/summary';

const SEEDS = [1, 2, 3];
const COUNT = 2000;
const EQ_13 = Math.round(equivalentDensity(1300));
const spec = (name: string) => psdPresets.get(name)!.spec;

let rows: CompareRow[] = [];
let pours: Record<string, RunSummary[]> = {};

beforeAll(async () => {
  const runs = compareScenes({ psds: [{ label: 'narrow', psd: spec('small-graphite-narrow') }, { label: 'wide', psd: spec('wd-sig-wide') }], seeds: SEEDS, densities: [EQ_13, 1750], count: COUNT });
  // pour-only runs of the other two single grades (the small grade is SiG itself: its pours come from the runs above)
  const pourOnly = ['graphite-large-19', 'graphite-medium-14'].flatMap((g) => SEEDS.map((seed) => {
    const s = calenderingScene({ name: `${g}-seed${seed}`, psd: spec(g), seed, count: COUNT });
    s.protocol = s.protocol.filter((p) => p.type === 'fill');
    return { g, seed, scene: s };
  }));
  const res = await runScenesInParallel([...runs.map((r) => r.scene), ...pourOnly.map((p) => p.scene)], { threads: availableParallelism(), cacheDir: null });
  rows = runs.map((r, k) => compareRow(r.label, r.seed, r.scene, res[k].protocol, res[k].compaction, res[k].error));
  pours = { large: res.slice(runs.length, runs.length + 3), medium: res.slice(runs.length + 3) };
  console.log(compareMarkdown(compareTable(rows), { [EQ_13]: '≙ paper 1.3' }));
}, 1_800_000);

const of = (label: string) => rows.filter((r) => r.label === label).sort((a, b) => a.seed - b.seed);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
const at = (r: CompareRow, target: number) => r.targets.find((t) => t.target === target)!;

describe('calendering validation (3 seeds × 2,000 spheres)', () => {
  it('every run finishes and reaches both target densities', () => {
    expect(rows.length).toBe(6);
    for (const r of rows) {
      expect(r.error).toBeNull();
      expect(r.targets.map((t) => t.reached)).toEqual([true, true]);
      for (const t of r.targets) expect(Math.abs(t.density - t.target)).toBeLessThan(5); // kg/m³: checked every 50 steps
    }
  });

  it('poured: the wide PSD packs denser than the narrow one, seed by seed', () => {
    const w = of('wide'), n = of('narrow');
    for (let k = 0; k < SEEDS.length; k++) expect(w[k].pouredSolidFraction).toBeGreaterThan(n[k].pouredSolidFraction);
  });

  it('poured: the large grade packs loosest of the three single grades, or ties within the seed noise', () => {
    const bulk = (s: RunSummary[]) => s.map((r) => { expect(r.error).toBeNull(); return r.solidFraction; });
    const large = bulk(pours.large), medium = bulk(pours.medium), small = of('narrow').map((r) => r.pouredSolidFraction);
    // "ties within noise": the large grade's mean may exceed another grade's by at most two standard errors of the difference
    const se = (a: number[], b: number[]) => Math.sqrt(sd(a) ** 2 / a.length + sd(b) ** 2 / b.length);
    console.log(`poured φ (bed): large ${mean(large).toFixed(4)} ± ${sd(large).toFixed(4)}, medium ${mean(medium).toFixed(4)} ± ${sd(medium).toFixed(4)}, small ${mean(small).toFixed(4)} ± ${sd(small).toFixed(4)}`);
    expect(mean(large)).toBeLessThanOrEqual(mean(medium) + 2 * se(large, medium));
    expect(mean(large)).toBeLessThanOrEqual(mean(small) + 2 * se(large, small));
  });

  it('pressed to the same density, the wide PSD needs a lower platen pressure (mean of the paired seed differences < 0)', () => {
    for (const target of [EQ_13, 1750]) {
      const diff = SEEDS.map((_, k) => at(of('wide')[k], target).pressure - at(of('narrow')[k], target).pressure);
      expect(mean(diff)).toBeLessThan(0);
    }
  });

  it('pressed to the same density, the wide PSD carries a lower mean particle load Σ|F|/πr²', () => {
    for (const target of [EQ_13, 1750]) {
      const diff = SEEDS.map((_, k) => at(of('wide')[k], target).loadMean - at(of('narrow')[k], target).loadMean);
      expect(mean(diff)).toBeLessThan(0);
    }
  });

  it('springs back after release (positive thickness recovery) for both PSDs', () => {
    for (const r of rows) {
      expect(r.springback).not.toBeNull();
      expect(r.springback!).toBeGreaterThan(0.005);
      expect(r.springback!).toBeLessThan(0.5);
    }
  });

  it('the compaction curve rises monotonically (pressure averaged over density bins) and 1.75 g/cm³ is reported in MPa', () => {
    for (const r of rows) {
      const c = r.compaction.filter((p) => p.pressure > 0);
      const lo = c[0].density, hi = c[c.length - 1].density;
      const bins = 8, sum = new Array(bins).fill(0), cnt = new Array(bins).fill(0);
      for (const p of c) { const b = Math.min(bins - 1, Math.floor(((p.density - lo) / (hi - lo)) * bins)); sum[b] += p.pressure; cnt[b]++; }
      const means = sum.map((s, b) => s / cnt[b]).filter((x, b) => cnt[b] > 0);
      expect(means.length).toBeGreaterThanOrEqual(5);
      for (let b = 1; b < means.length; b++) expect(means[b]).toBeGreaterThan(means[b - 1]);
    }
    const md = compareMarkdown(compareTable(rows));
    expect(md).toMatch(/\*\*at 1\.750 g\/cm³\*\*/);
    expect(md).toMatch(/\| platen pressure \(MPa\) \| 0\.1\d+ ± [\d.]+ \| 0\.1\d+ ± [\d.]+ \|/);
  });
});
