// Random-close-packing estimate for any size distribution: Farr & Groot, J. Chem. Phys. 131 (2009)
// 244104 (arXiv:0912.0852), as described and checked in physics-reference §2.3, with the frictional
// scaling of §2.1 and §2.3 item 7.
//
// 1. A random line through the packing meets spheres of diameter D_k in proportion to n_k·D_k² and
//    cuts chords with density 2L/D² on [0, D], so the rod-length tail distribution is
//        T(L) = Σ_{D_k > L} a_k (1 − L²/D_k²),   a_k = n_k D_k² / Σ n D².
// 2. N rods at the equidistant quantiles T(L_j) = (j + ½)/N, longest first. T is A_m − B_m L² between
//    consecutive class diameters, so each L_j is a closed-form square root (no bisection needed).
// 3. Greedy packing on the line: a max-heap of gaps starts with f·L_1; each next rod takes the
//    largest gap g, which is replaced by f·L_j and max(g − (1+f)L_j, f·L_j).
// 4. φ = ΣL / (ΣL + Σ gaps), with f = 0.7654 calibrated so that equal spheres give 0.6435.
// 5. Friction: φ(μ) = φ · φc(μ)/0.64 with φc(μ) ≈ 0.555 + 0.085/(1 + (μ/0.2)^1.3), a fit to
//    Silbert, Soft Matter 6 (2010) 2918 (physics-reference §2.1 [E]); φc(0) = 0.64.
import { pow } from './detmath';
import { compilePsd, CompiledPsd } from './model';
import { PsdError, type PsdOptions, type PsdSpec, type SizeClass } from './types';

/** Farr & Groot's single parameter (physics-reference §2.3 item 5: gives 0.6435 for equal spheres). */
export const FARR_GROOT_F = 0.7654;
/** Rods per estimate: §2.3 recommends 1e4–2e4; at 2e4 the sampling error is < 1e-4 in φ. */
export const FARR_GROOT_RODS = 20_000;
/** Classes a continuous PSD is cut into (log-spaced; < 1 % size step for ratio 10). */
export const FARR_GROOT_CLASSES = 240;
/** φc at μ = 0, the reference of the frictional scaling (physics-reference §2.1). */
export const PHI_C_FRICTIONLESS = 0.64;

/**
 * Jamming (random close packing) fraction of equal frictional spheres, φc(μ) ≈ 0.555 + 0.085/(1 +
 * (μ/0.2)^1.3): a fit [E] to Silbert (2010) — 0.64 at μ = 0, ~0.59 at μ = 0.3, ~0.56 at μ = 1.
 */
export function jammingFraction(mu: number): number {
  if (typeof mu !== 'number' || !(mu >= 0) || !Number.isFinite(mu)) {
    throw new PsdError([{ path: 'friction', value: mu, message: `friction = ${String(mu)} is out of range: the sliding friction coefficient μ must be ≥ 0 and finite.` }]);
  }
  return 0.555 + 0.085 / (1 + pow(mu / 0.2, 1.3));
}

export interface FarrGrootOptions extends PsdOptions {
  /** Rods (default 20,000). */
  rods?: number;
  /** The gap parameter f (default 0.7654). */
  f?: number;
  /** Sliding friction μ for the frictional estimate (default 0: frictionless). */
  friction?: number;
  /** Classes a continuous PSD is cut into (default 240). */
  classes?: number;
}

export interface FarrGrootResult {
  /** Frictionless random-close-packing fraction (Farr–Groot). */
  phi: number;
  /** φ · φc(μ)/0.64 for the given friction (= phi at μ = 0). */
  phiFrictional: number;
  /** φc(μ) and the scale φc(μ)/0.64 applied. */
  phiC: number;
  frictionScale: number;
  friction: number;
  rods: number;
  f: number;
  /** Size classes used (after merging a continuous PSD into classes). */
  classes: number;
}

/** Size classes (diameter, number fraction) of a truncated PSD: log-spaced cells, rms diameter per cell. */
function classesOfPsd(c: CompiledPsd, k: number): { d: number[]; n: number[] } {
  const d: number[] = [], n: number[] = [];
  const total = c.norm(-3);
  for (let i = 0; i < k; i++) {
    const a = c.xMin + ((c.xMax - c.xMin) * i) / k;
    const b = c.xMin + ((c.xMax - c.xMin) * (i + 1)) / k;
    const m3 = c.moment(-3, a, b);
    if (!(m3 > 0)) continue;
    // the cell's number-weighted rms diameter keeps Σ n D² (the line's hit rate) exact
    d.push(Math.sqrt(c.moment(-1, a, b) / m3));
    n.push(m3 / total);
  }
  return { d, n };
}

function classesOfList(list: SizeClass[]): { d: number[]; n: number[] } {
  const err = (path: string, value: unknown, message: string) => new PsdError([{ path, value, message }]);
  if (!Array.isArray(list) || list.length === 0) throw err('classes', list, 'classes must be a non-empty array of { diameter, numberFraction } or { diameter, volumeFraction }.');
  const byVolume = 'volumeFraction' in list[0];
  const d: number[] = [], n: number[] = [];
  list.forEach((c, i) => {
    const w = byVolume ? (c as { volumeFraction: number }).volumeFraction : (c as { numberFraction: number }).numberFraction;
    if (typeof c.diameter !== 'number' || !(c.diameter > 0) || !Number.isFinite(c.diameter)) {
      throw err(`classes[${i}].diameter`, c.diameter, `classes[${i}].diameter = ${String(c.diameter)} must be a positive diameter (any unit: only ratios matter).`);
    }
    if (byVolume !== 'volumeFraction' in c || typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) {
      const key = byVolume ? 'volumeFraction' : 'numberFraction';
      throw err(`classes[${i}].${key}`, w, `classes[${i}].${key} = ${String(w)} must be a fraction ≥ 0, and every class must give the same kind of fraction as classes[0] (${key}).`);
    }
    if (w === 0) return;
    d.push(c.diameter);
    n.push(byVolume ? w / (c.diameter * c.diameter * c.diameter) : w);
  });
  if (!n.length) throw err('classes', list, 'classes: every fraction is 0: give at least one positive fraction.');
  const sum = n.reduce((a, b) => a + b, 0);
  return { d, n: n.map((x) => x / sum) };
}

/** Max-heap of gap lengths in a Float64Array. */
class GapHeap {
  private readonly a: Float64Array;
  size = 0;
  constructor(capacity: number) { this.a = new Float64Array(capacity); }
  push(v: number): void {
    const a = this.a;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] >= v) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const v = a[--this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && a[c + 1] > a[c]) c++;
      if (a[c] <= v) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = v;
    return top;
  }
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.size; i++) s += this.a[i];
    return s;
  }
}

/** Farr–Groot φ of size classes (diameters d, number fractions n). */
function packClasses(d: number[], n: number[], rods: number, f: number): number {
  // classes sorted by diameter, largest first; merge equal diameters
  const order = d.map((_, i) => i).sort((i, j) => d[j] - d[i]);
  const D: number[] = [], a: number[] = [];
  let sum = 0;
  for (const i of order) {
    const w = n[i] * d[i] * d[i];
    sum += w;
    if (D.length && D[D.length - 1] === d[i]) a[a.length - 1] += w;
    else { D.push(d[i]); a.push(w); }
  }
  const K = D.length;
  // With the classes sorted D_0 > D_1 > … > D_{K−1}, a rod of length L in [D_m, D_{m−1}) is shorter
  // than the m classes 0 … m−1, and T(L) = A_m − B_m L² with A_m = Σ_{k<m} a_k, B_m = Σ_{k<m} a_k/D_k².
  // tAt[m] = T(D_m) rises from T(D_0) = 0 to tAt[K] = T(0) = 1.
  const A = new Float64Array(K + 1), B = new Float64Array(K + 1), tAt = new Float64Array(K + 1);
  for (let m = 0; m < K; m++) {
    A[m + 1] = A[m] + a[m] / sum;
    B[m + 1] = B[m] + a[m] / sum / (D[m] * D[m]);
    tAt[m] = A[m] - B[m] * D[m] * D[m];
  }
  tAt[K] = 1;
  const heap = new GapHeap(rods + 1);
  let sumL = 0;
  let m = 1; // the segment of the current rod: tAt[m − 1] < t ≤ tAt[m]
  for (let j = 0; j < rods; j++) {
    const t = (j + 0.5) / rods;
    while (m < K && tAt[m] < t) m++;
    const L = Math.sqrt(Math.max(0, (A[m] - t) / B[m]));
    if (j === 0) heap.push(f * L);
    else {
      const g = heap.pop();
      heap.push(f * L);
      heap.push(Math.max(g - (1 + f) * L, f * L));
    }
    sumL += L;
  }
  return sumL / (sumL + heap.sum());
}

/**
 * Farr–Groot random-close-packing fraction of a PSD (truncated as in opts) or of explicit size
 * classes, with the frictional estimate φ·φc(μ)/0.64 (physics-reference §2.1, §2.3).
 */
export function farrGroot(input: PsdSpec | CompiledPsd | SizeClass[], opts: FarrGrootOptions = {}): FarrGrootResult {
  const rods = opts.rods ?? FARR_GROOT_RODS;
  const f = opts.f ?? FARR_GROOT_F;
  const friction = opts.friction ?? 0;
  const k = opts.classes ?? FARR_GROOT_CLASSES;
  if (!Number.isInteger(rods) || rods < 100 || rods > 1e7) {
    throw new PsdError([{ path: 'rods', value: rods, message: `rods = ${rods} is out of range: must be an integer from 100 to 1e7 (default ${FARR_GROOT_RODS}).` }]);
  }
  if (!(f > 0 && f < 10)) {
    throw new PsdError([{ path: 'f', value: f, message: `f = ${f} is out of range: must be > 0 and < 10 (Farr & Groot: ${FARR_GROOT_F}).` }]);
  }
  if (!Number.isInteger(k) || k < 1 || k > 100_000) {
    throw new PsdError([{ path: 'classes', value: k, message: `classes = ${k} is out of range: must be an integer from 1 to 100000 (default ${FARR_GROOT_CLASSES}).` }]);
  }
  const phiC = jammingFraction(friction);
  const { d, n } = Array.isArray(input) ? classesOfList(input) : classesOfPsd(compilePsd(input, opts), k);
  const phi = packClasses(d, n, rods, f);
  const frictionScale = phiC / PHI_C_FRICTIONLESS;
  return { phi, phiFrictional: phi * frictionScale, phiC, frictionScale, friction, rods, f, classes: d.length };
}
