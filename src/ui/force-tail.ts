// The exponential tail drawn over the contact-force histogram: P(f/⟨f⟩) ≈ C·exp(−β f/⟨f⟩) for
// f > ⟨f⟩ (Mueth, Jaeger, Nagel, PRE 57 (1998) 3164; β from forceStatistics' maximum-likelihood
// estimate). The amplitude C makes the line carry the histogram's own probability in the bins
// above ⟨f⟩ (those whose centre is > 1, from their lower edge e₀):
// ∫_e₀^∞ C e^(−βx) dx = C e^(−β e₀)/β = P(f/⟨f⟩ > e₀), so C = P·β·e^(β e₀).
import type { StepRecord } from '../worker/messages';

/** The tail line at the histogram's bin centres (null below ⟨f⟩ or when β is unknown). */
export function tailCurve(h: { x: number[]; p: number[] }, beta: number): (number | null)[] {
  const n = h.x.length;
  if (n === 0 || !(beta > 0) || !Number.isFinite(beta)) return h.x.map(() => null);
  const dx = n > 1 ? h.x[1] - h.x[0] : 2 * h.x[0];
  let above = 0, e0 = NaN;
  for (let k = 0; k < n; k++) {
    if (h.x[k] <= 1) continue;
    if (Number.isNaN(e0)) e0 = h.x[k] - dx / 2;
    above += h.p[k] * dx;
  }
  if (Number.isNaN(e0)) return h.x.map(() => null);
  const c = above * beta * Math.exp(beta * e0);
  return h.x.map((x) => (x > 1 ? c * Math.exp(-beta * x) : null));
}

/** The last finished protocol step whose end state had contacts (what the force plot shows). */
export function latestForceRecord(records: StepRecord[]): StepRecord | null {
  for (let k = records.length - 1; k >= 0; k--) {
    const r = records[k];
    if (r.forces.contacts > 0 && r.forceHistogram && r.forceHistogram.x.length > 0) return r;
  }
  return null;
}
