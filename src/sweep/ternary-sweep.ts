// The ternary blend map: one scene per blend of three grades, run in parallel, with the Farr–Groot
// estimate beside each DEM result (physics-reference §2.3, §6.3).
import type { Scene } from '../scene/schema';
import type { PsdSpec, BlendPsd } from '../psd';
import { farrGroot, compilePsd, countForBox, type PsdTruncation } from '../psd';
import { simplexPoints, type TernaryPoint } from './ternary';
import type { RunSummary } from './summary';

export interface BlendRow extends TernaryPoint {
  scene: Scene;
  farrGroot: number;             // frictionless RCP estimate
  farrGrootFrictional: number;   // scaled by φc(μ)/0.64
}

/** The three grades of a sweep scene: particles must be a 'psd' blend of exactly three components. */
export function sweepGrades(scene: Scene): [PsdSpec, PsdSpec, PsdSpec] {
  const p = scene.particles as { kind: string; psd?: PsdSpec };
  if (p.kind !== 'psd' || p.psd?.kind !== 'blend' || (p.psd as BlendPsd).components.length !== 3) {
    throw new Error('sweep needs particles.kind = "psd" with psd.kind = "blend" of exactly three components (the grades A, B, C at the corners of the map); their volumeFractions are replaced by each blend of the sweep.');
  }
  const c = (p.psd as BlendPsd).components;
  return [c[0].psd, c[1].psd, c[2].psd];
}

/** Scenes for every blend on the simplex lattice (step 0.1 → 66). */
export function blendScenes(base: Scene, step: number): BlendRow[] {
  const grades = sweepGrades(base);
  // every blend gets at least the base scene's bed height (at φ ≈ 0.6) and at least the base count:
  // a fixed count would leave fine-rich blends a bed too thin to have a bulk
  const bp = base.particles as { psd: PsdSpec; count: number; truncation?: PsdTruncation };
  const bedHeight = (bp.count * compilePsd(bp.psd, { truncation: bp.truncation }).meanParticleVolume()) / (0.6 * base.domain.lx * base.domain.ly);
  const friction = base.materials.find((m) => m.id === (base.particles as { material: string }).material)?.friction ?? 0;
  return simplexPoints(step).map((pt) => {
    const parts = [pt.a, pt.b, pt.c].map((f, k) => ({ volumeFraction: f, psd: grades[k] })).filter((x) => x.volumeFraction > 0);
    const psd: PsdSpec = parts.length === 1 ? parts[0].psd : { kind: 'blend', components: parts as BlendPsd['components'] };
    const scene = structuredClone(base);
    const particles = scene.particles as { psd: PsdSpec; count: number; truncation?: PsdTruncation };
    particles.psd = psd;
    // each blend holds a different solids volume (count fixed): give its pour the height it needs
    const c = compilePsd(psd, { truncation: particles.truncation });
    particles.count = Math.max(bp.count, countForBox(c, scene.domain.lx, scene.domain.ly, bedHeight, 0.6).count);
    const solids = particles.count * c.meanParticleVolume();
    const d = scene.domain;
    d.height = Math.max(d.height, (1.15 * solids) / (d.insertFraction * d.lx * d.ly) + 2 * c.dMax);
    scene.name = `${base.name} A${pt.a.toFixed(2)} B${pt.b.toFixed(2)} C${pt.c.toFixed(2)}`;
    const fg = farrGroot(psd, { friction });
    return { ...pt, scene, farrGroot: fg.phi, farrGrootFrictional: fg.phiFrictional };
  });
}

export const SWEEP_CSV_HEADER = 'fraction_A,fraction_B,fraction_C,dem_bulk_solid_fraction,dem_bed_solid_fraction,dem_bed_density_g_cm3,coordination,farr_groot,farr_groot_frictional,hash,error,dem_bulk_sd,seeds';

/**
 * One line per blend. `results` holds one RunSummary per blend, or (several seeds) one array per
 * seed, each in blend order: the DEM columns are then means over the seeds that ran without error,
 * dem_bulk_sd the sample sd of the bulk fraction between seeds, and hash/error those of the first seed.
 */
export function sweepCsv(rows: BlendRow[], results: RunSummary[] | RunSummary[][]): string {
  const bySeed: RunSummary[][] = Array.isArray(results[0]) ? (results as RunSummary[][]) : [results as RunSummary[]];
  const lines = [SWEEP_CSV_HEADER];
  rows.forEach((r, k) => {
    const all = bySeed.map((res) => res[k]);
    const ok = all.filter((s) => !s.error);
    const mean = (f: (s: RunSummary) => number) => (ok.length ? ok.reduce((a, s) => a + f(s), 0) / ok.length : NaN);
    const bulk = mean((s) => s.bulkSolidFraction);
    const sd = ok.length > 1 ? Math.sqrt(ok.reduce((a, s) => a + (s.bulkSolidFraction - bulk) ** 2, 0) / (ok.length - 1)) : NaN;
    lines.push([r.a, r.b, r.c, bulk, mean((s) => s.solidFraction), mean((s) => s.density) / 1000, mean((s) => s.coordination), r.farrGroot, r.farrGrootFrictional, all[0].hash, JSON.stringify(all[0].error ?? ''), Number.isFinite(sd) ? sd : '', ok.length]
      .map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)).join(','));
  });
  return lines.join('\n') + '\n';
}

/** Mean bulk solid fraction of each blend over seeds (NaN where every seed failed). */
export function seedMeans(results: RunSummary[][]): number[] {
  return results[0].map((_, k) => {
    const ok = results.map((r) => r[k]).filter((s) => !s.error && Number.isFinite(s.bulkSolidFraction));
    return ok.length ? ok.reduce((a, s) => a + s.bulkSolidFraction, 0) / ok.length : NaN;
  });
}
