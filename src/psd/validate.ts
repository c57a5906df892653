// Checks of PSD specs and truncation options. Every message names the parameter (its path), the
// value, the allowed range and what to do, in the style of the scene validator.
import type { PsdIssue, PsdSpec, PsdTruncation } from './types';
import { PsdError } from './types';
import { exp, log, sinh, Z90 } from './detmath';

/** Diameters, m: 1 nm (below any powder a laser-diffraction report resolves) to 2 cm (the scene's largest radius, 1 cm). */
export const D_MIN_ALLOWED = 1e-9;
export const D_MAX_ALLOWED = 2e-2;
/** σ of ln D, dimensionless: up to 2 (σ_g ≈ 7.4; far wider than any milled powder). */
export const SIGMA_MAX = 2;
/** Largest span (D90 − D10)/D50, the span of σ = SIGMA_MAX (≈ 12.9). */
export const SPAN_MAX = 2 * sinh(Z90 * SIGMA_MAX);
/** Volume fractions of a blend and percentages of a table must sum to 1 (100 %) within this. */
export const FRACTION_SUM_TOLERANCE = 0.01;
/** Most bins of a table (instruments report ≤ ~100; 1000 leaves room for resampled data). */
export const MAX_BINS = 1000;
/** Most components of a blend. */
export const MAX_COMPONENTS = 16;

const fmt = (x: number) => String(Number(x.toPrecision(12)));
const show = (v: unknown) => (typeof v === 'number' ? fmt(v) : JSON.stringify(v));
const um = (x: number) => `${fmt(x)} m (${fmt(x * 1e6)} µm)`;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null;

function diameter(issues: PsdIssue[], path: string, v: unknown, name = 'diameter'): v is number {
  if (!isNum(v)) {
    issues.push({ path, value: v, message: `${path} = ${show(v)} is not a number: must be a ${name} in m, > 0 and ≤ ${D_MAX_ALLOWED} m (e.g. 1.4e-5 for 14 µm).` });
    return false;
  }
  if (v < D_MIN_ALLOWED || v > D_MAX_ALLOWED) {
    const hint = v > 1e-3 && v <= 1e3 && v * 1e-6 >= D_MIN_ALLOWED ? ` If you meant ${fmt(v)} µm, write ${fmt(v * 1e-6)}.` : '';
    issues.push({ path, value: v, message: `${path} = ${um(v)} is out of range: a ${name} must be ≥ ${D_MIN_ALLOWED} m and ≤ ${D_MAX_ALLOWED} m (diameters are in m).${hint}` });
    return false;
  }
  return true;
}

/** Every problem with a PSD spec (empty when valid). `path` prefixes the field names. */
export function checkPsd(spec: unknown, path = 'psd', nested = false): PsdIssue[] {
  const issues: PsdIssue[] = [];
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (!isObj(spec)) {
    return [{ path, value: spec, message: `${path || 'psd'} = ${show(spec)} is not a PSD: must be an object with "kind": "lognormal", "table" or "blend".` }];
  }
  const kinds = nested ? ['lognormal', 'table'] : ['lognormal', 'table', 'blend'];
  if (!kinds.includes(spec.kind as string)) {
    const why = nested && spec.kind === 'blend' ? ' (a blend cannot contain a blend: list its components directly)' : '';
    return [{ path: at('kind'), value: spec.kind, message: `${at('kind')} = ${show(spec.kind)} is not supported${why}: must be one of ${kinds.map(show).join(', ')}.` }];
  }
  const known: Record<string, string[]> = {
    lognormal: ['kind', 'd50', 'sigmaLn', 'span', 'd10', 'd90'],
    table: ['kind', 'bins'],
    blend: ['kind', 'components'],
  };
  for (const k of Object.keys(spec)) {
    if (!known[spec.kind as string].includes(k)) {
      issues.push({ path: at(k), value: spec[k], message: `${at(k)} is not a field of a ${show(spec.kind)} PSD: known fields are ${known[spec.kind as string].join(', ')}. Remove it or fix its name.` });
    }
  }
  if (spec.kind === 'lognormal') checkLognormal(spec, at, issues);
  else if (spec.kind === 'table') checkTable(spec, at, issues);
  else checkBlend(spec, at, issues);
  return issues;
}

function checkLognormal(spec: Record<string, unknown>, at: (k: string) => string, issues: PsdIssue[]): void {
  const okD50 = diameter(issues, at('d50'), spec.d50, 'median diameter D50');
  const ways = [given(spec.sigmaLn) && 'sigmaLn', given(spec.span) && 'span', (given(spec.d10) || given(spec.d90)) && 'd10/d90'].filter(Boolean);
  if (ways.length !== 1) {
    const it = ways.length === 0 ? 'none is given' : `${ways.join(' and ')} are given; keep only one`;
    issues.push({ path: at('sigmaLn'), value: spec.sigmaLn, message: `${at('d50')}: give exactly one spread, sigmaLn (σ of ln D, > 0 and ≤ ${SIGMA_MAX}), span ((D90 − D10)/D50, > 0) or both d10 and d90: ${it}.` });
    return;
  }
  if (ways[0] === 'sigmaLn') {
    const s = spec.sigmaLn;
    if (!isNum(s) || s <= 0 || s > SIGMA_MAX) {
      issues.push({ path: at('sigmaLn'), value: s, message: `${at('sigmaLn')} = ${show(s)} is out of range: σ of ln D must be > 0 and ≤ ${SIGMA_MAX} (dimensionless; commercial graphite ≈ 0.3–0.5). For equal spheres use the "monodisperse" particle kind.` });
    }
  } else if (ways[0] === 'span') {
    const s = spec.span;
    if (!isNum(s) || s <= 0 || s > SPAN_MAX) {
      issues.push({ path: at('span'), value: s, message: `${at('span')} = ${show(s)} is out of range: span = (D90 − D10)/D50 must be > 0 and ≤ ${fmt(SPAN_MAX)} (σ ≤ ${SIGMA_MAX}; commercial graphite ≈ 1.0–1.3).` });
    }
  } else {
    const okD10 = diameter(issues, at('d10'), spec.d10, 'D10');
    const okD90 = diameter(issues, at('d90'), spec.d90, 'D90');
    if (okD10 && okD50 && (spec.d10 as number) >= (spec.d50 as number)) {
      issues.push({ path: at('d10'), value: spec.d10, message: `${at('d10')} = ${um(spec.d10 as number)} must be < d50 = ${um(spec.d50 as number)} (D10 < D50 < D90). Check the order of the values.` });
    }
    if (okD90 && okD50 && (spec.d90 as number) <= (spec.d50 as number)) {
      issues.push({ path: at('d90'), value: spec.d90, message: `${at('d90')} = ${um(spec.d90 as number)} must be > d50 = ${um(spec.d50 as number)} (D10 < D50 < D90). Check the order of the values.` });
    }
    if (okD10 && okD90 && log((spec.d90 as number) / (spec.d10 as number)) / (2 * Z90) > SIGMA_MAX) {
      issues.push({ path: at('d90'), value: spec.d90, message: `${at('d10')}/${at('d90')}: D90/D10 = ${fmt((spec.d90 as number) / (spec.d10 as number))} implies σ > ${SIGMA_MAX}: must be ≤ ${fmt(exp(2 * Z90 * SIGMA_MAX))}. Use a table for such a wide distribution.` });
    }
  }
}

function checkTable(spec: Record<string, unknown>, at: (k: string) => string, issues: PsdIssue[]): void {
  const bins = spec.bins;
  const p = at('bins');
  if (!Array.isArray(bins) || bins.length === 0 || bins.length > MAX_BINS) {
    issues.push({ path: p, value: bins, message: `${p} must be an array of 1 to ${MAX_BINS} bins { dLow, dHigh, volumePercent } (diameters in m), got ${Array.isArray(bins) ? `${bins.length} entries` : show(bins)}.` });
    return;
  }
  let sum = 0;
  let prevHigh = -Infinity;
  let ok = true;
  bins.forEach((b, i) => {
    const bp = `${p}[${i}]`;
    if (!isObj(b)) {
      issues.push({ path: bp, value: b, message: `${bp} = ${show(b)} must be an object { dLow, dHigh, volumePercent }.` });
      ok = false;
      return;
    }
    for (const k of Object.keys(b)) {
      if (!['dLow', 'dHigh', 'volumePercent'].includes(k)) {
        issues.push({ path: `${bp}.${k}`, value: b[k], message: `${bp}.${k} is not a field of a bin: known fields are dLow, dHigh, volumePercent. Remove it or fix its name.` });
        ok = false;
      }
    }
    const lo = diameter(issues, `${bp}.dLow`, b.dLow, 'bin edge');
    const hi = diameter(issues, `${bp}.dHigh`, b.dHigh, 'bin edge');
    if (lo && hi && (b.dHigh as number) <= (b.dLow as number)) {
      issues.push({ path: `${bp}.dHigh`, value: b.dHigh, message: `${bp}.dHigh = ${um(b.dHigh as number)} must be > dLow = ${um(b.dLow as number)}. Swap the edges or fix the bin.` });
      ok = false;
    }
    if (lo && (b.dLow as number) < prevHigh * (1 - 1e-9)) {
      issues.push({ path: `${bp}.dLow`, value: b.dLow, message: `${bp}.dLow = ${um(b.dLow as number)} overlaps the previous bin (which ends at ${um(prevHigh)}): bins must be sorted by size, ascending, without overlap.` });
      ok = false;
    }
    if (hi) prevHigh = b.dHigh as number;
    if (!lo || !hi) ok = false;
    const v = b.volumePercent;
    if (!isNum(v) || v < 0 || v > 100) {
      issues.push({ path: `${bp}.volumePercent`, value: v, message: `${bp}.volumePercent = ${show(v)} is out of range: must be ≥ 0 and ≤ 100 (volume % in the bin).` });
      ok = false;
    } else sum += v;
  });
  if (ok && Math.abs(sum - 100) > 100 * FRACTION_SUM_TOLERANCE) {
    issues.push({ path: p, value: sum, message: `${p}: the volume percentages sum to ${fmt(sum)} %: must be 100 ± ${100 * FRACTION_SUM_TOLERANCE} (they are renormalised within that). Check for missing bins or a cumulative column pasted as a bin column.` });
  }
}

function checkBlend(spec: Record<string, unknown>, at: (k: string) => string, issues: PsdIssue[]): void {
  const comps = spec.components;
  const p = at('components');
  if (!Array.isArray(comps) || comps.length === 0 || comps.length > MAX_COMPONENTS) {
    issues.push({ path: p, value: comps, message: `${p} must be an array of 1 to ${MAX_COMPONENTS} components { volumeFraction, psd }, got ${Array.isArray(comps) ? `${comps.length} entries` : show(comps)}.` });
    return;
  }
  let sum = 0;
  let ok = true;
  comps.forEach((c, i) => {
    const cp = `${p}[${i}]`;
    if (!isObj(c)) {
      issues.push({ path: cp, value: c, message: `${cp} = ${show(c)} must be an object { volumeFraction, psd }.` });
      ok = false;
      return;
    }
    for (const k of Object.keys(c)) {
      if (k !== 'volumeFraction' && k !== 'psd') {
        issues.push({ path: `${cp}.${k}`, value: c[k], message: `${cp}.${k} is not a field of a blend component: known fields are volumeFraction, psd. Remove it or fix its name.` });
      }
    }
    const f = c.volumeFraction;
    if (!isNum(f) || f <= 0 || f > 1) {
      issues.push({ path: `${cp}.volumeFraction`, value: f, message: `${cp}.volumeFraction = ${show(f)} is out of range: must be > 0 and ≤ 1 (a volume fraction, not a percentage). Remove components with no volume.` });
      ok = false;
    } else sum += f;
    issues.push(...checkPsd(c.psd, `${cp}.psd`, true));
  });
  if (ok && Math.abs(sum - 1) > FRACTION_SUM_TOLERANCE) {
    issues.push({ path: p, value: sum, message: `${p}: the volume fractions sum to ${fmt(sum)}: must be 1 ± ${FRACTION_SUM_TOLERANCE} (they are renormalised within that). Adjust them so they add up to 1.` });
  }
}

/** Every problem with truncation options (empty when valid). */
export function checkTruncation(t: PsdTruncation, path = 'truncation'): PsdIssue[] {
  const issues: PsdIssue[] = [];
  if (!isNum(t.lower) || t.lower < 0 || t.lower >= 0.5) {
    issues.push({ path: `${path}.lower`, value: t.lower, message: `${path}.lower = ${show(t.lower)} is out of range: the volume fraction cut from the fine tail must be ≥ 0 and < 0.5 (default 0.005).` });
  }
  if (!isNum(t.upper) || t.upper <= 0.5 || t.upper > 1) {
    issues.push({ path: `${path}.upper`, value: t.upper, message: `${path}.upper = ${show(t.upper)} is out of range: the volume quantile of the coarse cut must be > 0.5 and ≤ 1 (default 0.995).` });
  }
  if (typeof t.maxSizeRatio !== 'number' || !(t.maxSizeRatio > 1)) {
    issues.push({ path: `${path}.maxSizeRatio`, value: t.maxSizeRatio, message: `${path}.maxSizeRatio = ${show(t.maxSizeRatio)} is out of range: the largest dMax/dMin must be > 1 (default 10; Infinity = no limit).` });
  }
  return issues;
}

/** Throws a PsdError listing every problem, if any. */
export function assertPsd(spec: unknown, truncation?: PsdTruncation): asserts spec is PsdSpec {
  const issues = [...checkPsd(spec), ...(truncation ? checkTruncation(truncation) : [])];
  if (issues.length) throw new PsdError(issues);
}
