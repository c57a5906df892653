// Comparison of two (or more) PSDs pressed to the same electrode densities (issue #3, "Outputs"):
// the paper's narrow small graphite (SiG) vs its wide blend (WD-SiG) at 1.3 and 1.75 g/cm³, over
// several seeds. This module only builds the scenes and reduces run summaries to a table and plot
// data; running them is the caller's job (Node worker threads in the CLI, Web Workers in the browser).
import type { Scene } from './schema';
import type { StepRecord, CompactionPoint } from './runner';
import { calenderingScene, type CalenderingOptions } from './calendering';
import type { PsdSpec } from '../psd';

/**
 * Mean tap density of the paper's two powders, kg/m³: SiG 0.94 and WD-SiG 1.07 g/cm³
 * (Sung et al. 2022, ../shared/seeds/psd-dem-calendering-si-graphite.txt). Used only to map the
 * paper's densities below our poured state to an equivalent state (equivalentDensity below).
 */
export const PAPER_TAP_DENSITY = 1005;
/** The paper's highest calendering target, kg/m³. */
export const PAPER_TOP_DENSITY = 1750;
/**
 * Poured solid fraction of our cohesionless spheres (μ 0.3, mean of SiG 0.612 and WD-SiG 0.627 at
 * 2,000 spheres, docs/model.md §10). Real flaky, cohesive powders pour far looser (tap φ ≈ 0.43–0.49).
 */
export const SPHERE_POURED_FRACTION = 0.62;

/**
 * The density in our sphere model equivalent to the paper's electrode density `paperDensity`:
 * the same fraction of the way from the poured (tap) state to 1.75 g/cm³,
 *   f = (ρ − ρ_tap,paper) / (1.75 − ρ_tap,paper),  φ_eq = φ_pour + f (φ_1.75 − φ_pour).
 * Densities at or above 1.75 g/cm³ map to themselves. 1.3 g/cm³ → f = 0.396 → 1.517 g/cm³ at 2.2 g/cm³.
 * Why: our spheres pour at ≈ 1.36 g/cm³, above 1.3, so "1.3 g/cm³" would need no pressing at all;
 * what the paper's 1.3 state means is "part-way pressed", and this keeps that meaning (docs/model.md §10).
 */
export function equivalentDensity(paperDensity: number, trueDensity = 2200, pouredFraction = SPHERE_POURED_FRACTION): number {
  if (paperDensity >= PAPER_TOP_DENSITY) return paperDensity;
  const f = (paperDensity - PAPER_TAP_DENSITY) / (PAPER_TOP_DENSITY - PAPER_TAP_DENSITY);
  const phiTop = PAPER_TOP_DENSITY / trueDensity;
  return trueDensity * (pouredFraction + f * (phiTop - pouredFraction));
}

export interface ComparePsd { label: string; psd: PsdSpec }

export interface CompareOptions {
  psds: ComparePsd[];
  seeds: number[];
  /** Target densities the beds are pressed to in turn, kg/m³ (model densities: map paper values with equivalentDensity). */
  densities: number[];
  count?: number;
  /** Anything else calenderingScene takes (E, friction, …), the same for every PSD. */
  scene?: Omit<CalenderingOptions, 'psd' | 'seed' | 'count' | 'targetDensities' | 'name'>;
}

export interface CompareRun { label: string; seed: number; scene: Scene }

/** One calendering scene per PSD and seed, all pressed to the same densities. */
export function compareScenes(o: CompareOptions): CompareRun[] {
  if (o.psds.length < 2) throw new Error('compare: give at least two PSDs.');
  if (o.seeds.length < 1) throw new Error('compare: give at least one seed.');
  const sorted = [...o.densities].sort((a, b) => a - b);
  if (sorted.some((d, k) => !(d >= 1000 && d <= 1900) || (k > 0 && d === sorted[k - 1])))
    throw new Error(`compare: target densities must be distinct values in 1.0–1.9 g/cm³ (got ${o.densities.map((d) => (d / 1000).toFixed(3)).join(', ')} g/cm³).`);
  const runs: CompareRun[] = [];
  for (const p of o.psds) for (const seed of o.seeds) {
    runs.push({ label: p.label, seed, scene: calenderingScene({ ...o.scene, name: `${p.label}-seed${seed}`, psd: p.psd, seed, count: o.count, targetDensities: sorted }) });
  }
  return runs;
}

/** What a compare row keeps at one target density. SI units (Pa, N, kg/m³). */
export interface TargetState {
  target: number;
  reached: boolean;
  density: number;
  solidFraction: number;
  pressure: number;
  forceMean: number;
  forceMax: number;
  forceP99: number;
  tailBeta: number;
  loadMean: number;
  loadMax: number;
  loadP99: number;
  overlapMean: number;
  overlapMax: number;
  coordination: number;
  stressCollector: number;
  stressPlaten: number;
  forceHistogram: { x: number[]; p: number[] };
}

export interface CompareRow {
  label: string;
  seed: number;
  error: string | null;
  pouredSolidFraction: number;
  pouredDensity: number;
  targets: TargetState[];
  springback: number | null;
  compaction: CompactionPoint[];
}

/** Reduces one run's records (RunSummary.protocol / SceneRun.records) to a compare row. */
export function compareRow(label: string, seed: number, scene: Scene, protocol: StepRecord[], compaction: CompactionPoint[], error: string | null): CompareRow {
  const fill = protocol.find((r) => r.type === 'fill');
  const targets: TargetState[] = [];
  scene.protocol.forEach((step, k) => {
    if (step.type !== 'press' || !('density' in step.until)) return;
    const rec = protocol.find((r) => r.index === k);
    if (!rec) return;
    targets.push({
      target: step.until.density, reached: rec.outcome === 'reached', density: rec.end.density, solidFraction: rec.end.solidFraction,
      pressure: rec.end.platenPressure, forceMean: rec.forces.mean, forceMax: rec.forces.max, forceP99: rec.forces.p99, tailBeta: rec.forces.tailBeta,
      loadMean: rec.particleLoad.mean, loadMax: rec.particleLoad.max, loadP99: rec.particleLoad.p99,
      overlapMean: rec.end.meanOverlapRatio, overlapMax: rec.end.maxOverlapRatio, coordination: rec.end.coordination,
      stressCollector: rec.stressBottom, stressPlaten: rec.stressTop, forceHistogram: rec.forceHistogram,
    });
  });
  const release = protocol.find((r) => r.type === 'release');
  return {
    label, seed, error,
    pouredSolidFraction: fill ? fill.end.solidFraction : NaN, pouredDensity: fill ? fill.end.density : NaN,
    targets, springback: release ? release.springback : null, compaction,
  };
}

export interface Spread { mean: number; sd: number; n: number; values: number[] }

export function spread(values: number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  const mean = n ? v.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  return { mean, sd, n, values: v };
}

/** Metrics of the comparison table: key in TargetState, label, display unit and factor from SI. */
export const COMPARE_METRICS = [
  ['pressure', 'platen pressure', 'MPa', 1e-6],
  ['forceMean', 'mean contact force', 'mN', 1e3],
  ['forceP99', 'p99 contact force', 'mN', 1e3],
  ['forceMax', 'max contact force', 'mN', 1e3],
  ['loadMean', 'mean particle load Σ|F|/πr²', 'MPa', 1e-6],
  ['loadMax', 'max particle load Σ|F|/πr²', 'MPa', 1e-6],
  ['stressCollector', 'particle pressure, collector third', 'MPa', 1e-6],
  ['stressPlaten', 'particle pressure, platen third', 'MPa', 1e-6],
  ['coordination', 'coordination number Z', '', 1],
  ['overlapMean', 'mean overlap / r', '', 1],
  ['overlapMax', 'max overlap / r', '', 1],
] as const;

export interface CompareTable {
  labels: string[];
  seeds: number[];
  poured: Record<string, Spread>;           // label → poured density, kg/m³
  springback: Record<string, Spread>;       // label → springback fraction
  targets: { target: number; metrics: { key: string; name: string; unit: string; factor: number; byLabel: Record<string, Spread> }[]; reached: Record<string, number> }[];
}

export function compareTable(rows: CompareRow[]): CompareTable {
  const labels = [...new Set(rows.map((r) => r.label))];
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const of = (label: string) => rows.filter((r) => r.label === label && !r.error);
  const targetValues = [...new Set(rows.flatMap((r) => r.targets.map((t) => t.target)))].sort((a, b) => a - b);
  return {
    labels, seeds,
    poured: Object.fromEntries(labels.map((l) => [l, spread(of(l).map((r) => r.pouredDensity))])),
    springback: Object.fromEntries(labels.map((l) => [l, spread(of(l).map((r) => r.springback ?? NaN))])),
    targets: targetValues.map((target) => {
      const at = (l: string) => of(l).map((r) => r.targets.find((t) => t.target === target)).filter((t): t is TargetState => !!t && t.reached);
      return {
        target,
        reached: Object.fromEntries(labels.map((l) => [l, at(l).length])),
        metrics: COMPARE_METRICS.map(([key, name, unit, factor]) => ({ key, name, unit, factor, byLabel: Object.fromEntries(labels.map((l) => [l, spread(at(l).map((t) => t[key]))])) })),
      };
    }),
  };
}

const fmt = (s: Spread, factor: number) => (s.n === 0 ? 'n/a' : `${(s.mean * factor).toPrecision(3)}${s.n > 1 ? ` ± ${(s.sd * factor).toPrecision(2)}` : ''}`);

/** The table as Markdown (mean ± sample sd over seeds). */
export function compareMarkdown(t: CompareTable, paperLabels?: Record<number, string>): string {
  const head = `| quantity | ${t.labels.join(' | ')} |\n|---|${t.labels.map(() => '---').join('|')}|\n`;
  let out = `Seeds: ${t.seeds.join(', ')} (mean ± sample sd over seeds)\n\n` + head;
  out += `| poured density (g/cm³) | ${t.labels.map((l) => fmt(t.poured[l], 1e-3)).join(' | ')} |\n`;
  for (const tg of t.targets) {
    const name = `${(tg.target / 1000).toFixed(3)} g/cm³${paperLabels?.[tg.target] ? ` (${paperLabels[tg.target]})` : ''}`;
    out += `| **at ${name}**: runs reached | ${t.labels.map((l) => String(tg.reached[l])).join(' | ')} |\n`;
    for (const m of tg.metrics) out += `| ${m.name}${m.unit ? ` (${m.unit})` : ''} | ${t.labels.map((l) => fmt(m.byLabel[l], m.factor)).join(' | ')} |\n`;
  }
  out += `| springback after release (%) | ${t.labels.map((l) => fmt(t.springback[l], 100)).join(' | ')} |\n`;
  return out;
}

/** Plot data as CSV: one line per compaction point of every run (label, seed, density g/cm³, pressure MPa). */
export function compactionCsv(rows: CompareRow[]): string {
  let out = 'label,seed,density_g_cm3,solid_fraction,pressure_MPa,inertial_number\n';
  for (const r of rows) for (const p of r.compaction) out += `${r.label},${r.seed},${(p.density / 1000).toFixed(5)},${p.solidFraction.toFixed(5)},${(p.pressure / 1e6).toPrecision(5)},${p.inertialNumber.toPrecision(3)}\n`;
  return out;
}

/** Plot data as CSV: force histograms at every target (label, seed, target, bin centre mN, density 1/mN). */
export function histogramCsv(rows: CompareRow[]): string {
  let out = 'label,seed,target_g_cm3,force_mN,probability_density_per_mN\n';
  for (const r of rows) for (const t of r.targets) t.forceHistogram.x.forEach((x, k) => {
    out += `${r.label},${r.seed},${(t.target / 1000).toFixed(3)},${(x * 1e3).toPrecision(5)},${(t.forceHistogram.p[k] / 1e3).toPrecision(5)}\n`;
  });
  return out;
}
