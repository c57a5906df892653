// Display units of the colour fields, automatic colour ranges and nice tick values.
// Frames carry SI values (src/worker/messages.ts, COLOR_FIELDS); the view shows µm, mm/s, and an
// SI prefix chosen from the magnitude for stresses (Pa … GPa) and forces (nN … N).

import { COLOR_FIELDS, type ColorField } from '../worker/messages';

export interface DisplayUnit {
  /** Unit text shown in the legend, e.g. 'kPa'. */
  unit: string;
  /** display value = SI value × factor. */
  factor: number;
}

const PRESSURE_UNITS: DisplayUnit[] = [
  { unit: 'Pa', factor: 1 }, { unit: 'kPa', factor: 1e-3 }, { unit: 'MPa', factor: 1e-6 }, { unit: 'GPa', factor: 1e-9 },
];
const FORCE_UNITS: DisplayUnit[] = [
  { unit: 'nN', factor: 1e9 }, { unit: 'µN', factor: 1e6 }, { unit: 'mN', factor: 1e3 }, { unit: 'N', factor: 1 },
];

/** The largest prefix that keeps `maxAbs` ≥ 1 in display units (so values read 1…999). */
function byMagnitude(units: DisplayUnit[], maxAbs: number): DisplayUnit {
  let pick = units[0];
  for (const u of units) if (maxAbs * u.factor >= 1) pick = u;
  return pick;
}

/** The force unit (nN … N) that shows `maxAbs` newtons as 1…999. */
export const forceUnit = (maxAbs: number): DisplayUnit => byMagnitude(FORCE_UNITS, maxAbs);

/** Display unit of `field` for values up to `maxAbs` (SI). */
export function displayUnit(field: ColorField, maxAbs: number): DisplayUnit {
  switch (field) {
    case 'diameter': case 'height': case 'depth': return { unit: 'µm', factor: 1e6 };
    case 'speed': return { unit: 'mm/s', factor: 1e3 };
    case 'pressure': case 'vonMises': return byMagnitude(PRESSURE_UNITS, maxAbs);
    case 'forceSum': case 'forceMax': return byMagnitude(FORCE_UNITS, maxAbs);
    case 'coordination': case 'none': case 'column': return { unit: '', factor: 1 };
  }
}

/**
 * Display unit of an imported file's column from its SI unit (FileColumn.unit): lengths in µm,
 * speeds in mm/s, forces and stresses with an SI prefix; unknown ('?') and other units as they are.
 */
export function columnUnit(siUnit: string, maxAbs: number): DisplayUnit {
  switch (siUnit) {
    case 'm': return { unit: 'µm', factor: 1e6 };
    case 'm/s': return { unit: 'mm/s', factor: 1e3 };
    case 'N': return byMagnitude(FORCE_UNITS, maxAbs);
    case 'Pa': return byMagnitude(PRESSURE_UNITS, maxAbs);
    case '?': return { unit: '', factor: 1 };
    default: return { unit: siUnit, factor: 1 };
  }
}

/** Legend title of a field, e.g. "pressure (Love–Weber)". */
export function fieldLabel(field: ColorField): string { return COLOR_FIELDS[field].label; }

/**
 * Automatic colour range of the first n values (SI): the 1st to 99th percentile, so that a few
 * particles under the platen or one fast outlier do not wash out the rest. Non-finite values are
 * skipped. For integer-valued fields (coordination) the plain min/max is used.
 */
export function autoRange(values: Float32Array, n: number, integer = false): [number, number] {
  if (n === 0) return [0, 1];
  const finite: number[] = [];
  const stride = Math.max(1, Math.floor(n / 20000)); // a sample is plenty for percentiles
  for (let i = 0; i < n; i += stride) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return [0, 1];
  finite.sort((a, b) => a - b);
  const q = (p: number) => finite[Math.min(finite.length - 1, Math.max(0, Math.round(p * (finite.length - 1))))];
  let lo = integer ? finite[0] : q(0.01);
  let hi = integer ? finite[finite.length - 1] : q(0.99);
  if (!(hi > lo)) {
    // all (nearly) equal, e.g. no contacts yet: a small range around the value, [0, 1] at zero
    if (integer || lo === 0) return [lo, lo + 1];
    const pad = Math.abs(lo) * 0.01;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** About `count` round tick values covering [lo, hi] (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  const k0 = Math.ceil(lo / step - 1e-9), k1 = Math.floor(hi / step + 1e-9);
  // k·step, rounded to the step's decimals so that 3 × 0.2 prints as 0.6
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let k = k0; k <= k1; k++) out.push(k === 0 ? 0 : Number((k * step).toFixed(Math.min(20, digits))));
  return out;
}

/** A tick label with just enough digits for the tick spacing. */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1);
  let decimals = 0;
  while (decimals < 6) {
    const scaled = (step || 1) * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * scaled) break;
    decimals++;
  }
  return v.toFixed(decimals);
}

/** A round length (1, 2, 5 × 10^k µm) whose bar is at most `maxPx` long. */
export function scaleBarLength(pxPerMicron: number, maxPx: number): number {
  const raw = maxPx / pxPerMicron;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [5, 2, 1].map((m) => m * mag).find((l) => l <= raw) ?? mag;
}
