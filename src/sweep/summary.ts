// What a sweep keeps from one run: the end state of each protocol step plus the bulk packing
// fraction away from the collector and the free surface (both SI).
import type { SceneRun, StepRecord, CompactionPoint } from '../scene/runner';

/** Bumped whenever RunSummary changes shape, so caches keyed by scene + core do not serve stale rows. */
export const SUMMARY_VERSION = 2;
const COMPACTION_POINTS = 200;

export interface RunSummary {
  name: string;
  hash: string;
  error: string | null;
  steps: number;
  /** Solid fraction of the slab from 3 mean diameters above the collector to 3 below the bed top. */
  bulkSolidFraction: number;
  /** Mass-based solid fraction and density of the whole bed (collector to bed top or platen). */
  solidFraction: number;
  density: number;            // kg/m³
  platenPressure: number;     // Pa
  coordination: number;
  records: { type: string; outcome: string; solidFraction: number; density: number; platenPressure: number }[];
  /** The runner's full step records (force statistics and histograms, particle loads, springback). */
  protocol: StepRecord[];
  /** The compaction curve, thinned to at most COMPACTION_POINTS points (evenly by index, last kept). */
  compaction: CompactionPoint[];
}

function thin<T>(a: readonly T[], n: number): T[] {
  if (a.length <= n) return a.slice();
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(a[Math.round((k * (a.length - 1)) / (n - 1))]);
  return out;
}

export function summarize(run: SceneRun): RunSummary {
  const w = run.world;
  const r = w.field('radius');
  let d = 0;
  for (let i = 0; i < r.length; i++) d += 2 * r[i];
  d /= Math.max(1, r.length);
  const top = w.bedHeight();
  const m = w.metrics();
  return {
    name: run.scene.name, hash: w.hash(), error: run.error ?? null, steps: w.stepCount,
    bulkSolidFraction: top > 6 * d ? w.exports.solidFractionSlab(3 * d, top - 3 * d) : NaN,
    solidFraction: m.solidFraction, density: m.density, platenPressure: m.platenPressure, coordination: m.coordination,
    records: run.records.map((rec) => ({ type: rec.type, outcome: rec.outcome, solidFraction: rec.end.solidFraction, density: rec.end.density, platenPressure: rec.end.platenPressure })),
    protocol: run.records.slice(), compaction: thin(run.compaction, COMPACTION_POINTS),
  };
}
