// Particle size distribution (PSD) specifications. All diameters in m (SI); functions that take µm
// say so in the parameter name (`d50_um`). A PSD is VOLUME-weighted, as a laser-diffraction report
// gives it: q3(D) is the volume (mass) fraction per unit ln D, Q3(D) the volume fraction finer than D.

/**
 * A log-normal volume distribution: ln D is normal with median ln d50 and standard deviation σ
 * (σ of ln D, dimensionless; σ_g = e^σ is the geometric standard deviation). Give d50 and exactly
 * one spread: `sigmaLn`, or `span` = (D90 − D10)/D50 (= 2 sinh(1.2816 σ)), or both `d10` and `d90`
 * (σ = ln(d90/d10)/(2·1.2816); the median stays d50, and a skewed triple, d50 ≠ √(d10·d90),
 * gets a warning in psdStats: a log-normal cannot match all three, use a table then).
 */
export interface LognormalPsd {
  kind: 'lognormal';
  /** Volume-weighted median diameter D50, m. */
  d50: number;
  /** σ of ln D (dimensionless); null/absent when span or d10/d90 give the spread. */
  sigmaLn?: number | null;
  /** (D90 − D10)/D50 (dimensionless); null/absent when sigmaLn or d10/d90 give the spread. */
  span?: number | null;
  /** Volume-weighted D10, m (with d90). */
  d10?: number | null;
  /** Volume-weighted D90, m (with d10). */
  d90?: number | null;
}

/** One size class of a measured table: the volume percentage of material with dLow ≤ D < dHigh. */
export interface PsdBin {
  /** Lower edge, m. */
  dLow: number;
  /** Upper edge, m. */
  dHigh: number;
  /** Volume % in the bin (the percentages sum to 100 within 1 point; they are renormalised). */
  volumePercent: number;
}

/**
 * A measured table (laser diffraction): ascending, non-overlapping bins. Within a bin the volume is
 * spread uniformly in ln D (the instruments' classes are logarithmically spaced).
 */
export interface TablePsd {
  kind: 'table';
  bins: PsdBin[];
}

/** A component of a blend: a log-normal or a table (list a blend's parts directly, not nested). */
export interface BlendComponent {
  /** Volume (= mass, for one true density) fraction of the blend; the fractions sum to 1 ± 0.01. */
  volumeFraction: number;
  psd: LognormalPsd | TablePsd;
}

/** A discrete blend of grades by volume fraction. */
export interface BlendPsd {
  kind: 'blend';
  components: BlendComponent[];
}

export type PsdSpec = LognormalPsd | TablePsd | BlendPsd;

/**
 * How the tails are cut. First the volume-weighted quantiles `lower` and `upper` of the whole
 * distribution bound it; then, if dMax/dMin would exceed `maxSizeRatio`, the window of that ratio
 * that keeps the most volume is used. The volume inside is renormalised to 100 %.
 */
export interface PsdTruncation {
  /** Volume fraction cut from the fine tail, default 0.005 (0.5 %). */
  lower: number;
  /** Volume quantile of the coarse cut, default 0.995 (0.5 % cut). */
  upper: number;
  /** Largest dMax/dMin, default 10: the core's neighbour search is tuned for size ratios ≤ 10. */
  maxSizeRatio: number;
}

/**
 * Defaults: 0.5 %/99.5 % volume quantiles (the outermost percentiles laser-diffraction software
 * reports with confidence; they bound a log-normal at D50·e^{±2.576σ}) and a size ratio of 10
 * (docs/model.md §4: the neighbour search stays O(N) up to size ratio 10).
 */
export const DEFAULT_TRUNCATION: Readonly<PsdTruncation> = Object.freeze({ lower: 0.005, upper: 0.995, maxSizeRatio: 10 });

/**
 * No truncation: the distribution's own support (a log-normal is then cut only where less than
 * 1e-18 of it lies in any weighting, at μ − 9σ − 3σ² and μ + 9σ + σ², so that every computation
 * stays finite).
 */
export const NO_TRUNCATION: Readonly<PsdTruncation> = Object.freeze({ lower: 0, upper: 1, maxSizeRatio: Infinity });

/** Options shared by the PSD functions. */
export interface PsdOptions {
  /** Default DEFAULT_TRUNCATION; a partial object overrides only the fields it gives. */
  truncation?: Partial<PsdTruncation>;
}

/** A size class for the Farr–Groot estimate: a diameter and a number or a volume fraction. */
export type SizeClass =
  | { diameter: number; numberFraction: number }
  | { diameter: number; volumeFraction: number };

/** A problem with a PSD input: where (path), the offending value and what to do. */
export interface PsdIssue {
  path: string;
  value?: unknown;
  message: string;
}

/** Thrown by the PSD functions for an invalid spec; `issues` lists every problem found. */
export class PsdError extends Error {
  constructor(readonly issues: PsdIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'PsdError';
  }
}
