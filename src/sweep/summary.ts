// What a sweep keeps from one run: the end state of each protocol step plus the bulk packing
// fraction away from the collector and the free surface (both SI).
import type { SceneRun } from '../scene/runner';

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
  };
}
