// Particle count ↔ box size. A box lx × ly × height filled to solid fraction φ holds
//     N = φ·lx·ly·height / V̄,   V̄ = (π/6)·E0[D³] = (π/6)·M_0/M_−3
// particles, V̄ being the mean particle volume of the truncated number distribution (model.ts).
// Periodic boxes narrower than ~5 largest diameters order the packing (the images of one large
// particle are then close enough to template its neighbours): both functions warn there, as the
// scene validator does.
import { cbrt } from './detmath';
import { compilePsd, type CompiledPsd } from './model';
import { PsdError, type PsdOptions, type PsdSpec } from './types';

/** Lateral box size below which a warning is given, in largest diameters (as the scene validator). */
export const MIN_LATERAL_DIAMETERS = 5;

export interface BoxCount {
  /** Particles that fill the box to the solid fraction (rounded to the nearest integer, ≥ 1). */
  count: number;
  /** The same before rounding. */
  exactCount: number;
  /** Mean particle volume, m³, and largest diameter, m (truncated distribution). */
  meanParticleVolume: number;
  dMax: number;
  warnings: string[];
}

export interface BoxSize {
  /** Box lengths, m. `height` is the bed height at the solid fraction, not a pouring box. */
  lx: number;
  ly: number;
  height: number;
  meanParticleVolume: number;
  dMax: number;
  warnings: string[];
}

export interface BoxForCountOptions extends PsdOptions {
  /** Solid fraction of the bed, in (0, 1) (e.g. 0.6 for a poured graphite bed). */
  solidFraction: number;
  /** ly/lx, default 1. */
  aspectY?: number;
  /** Bed height, m; when omitted the height is heightToWidth × lx. */
  height?: number;
  /** height/lx when height is not given, default 1. */
  heightToWidth?: number;
}

const um = (x: number) => `${Number((x * 1e6).toPrecision(4))} µm`;

function positive(name: string, v: unknown, what: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new PsdError([{ path: name, value: v, message: `${name} = ${String(v)} is not valid: must be a positive number (${what}).` }]);
  }
}

function fraction(v: unknown): void {
  if (typeof v !== 'number' || !(v > 0 && v < 1)) {
    throw new PsdError([{ path: 'solidFraction', value: v, message: `solidFraction = ${String(v)} is out of range: must be > 0 and < 1 (random packings of spheres: 0.55–0.70).` }]);
  }
}

function lateralWarnings(lx: number, ly: number, dMax: number, n: (l: number) => number): string[] {
  const out: string[] = [];
  for (const [name, l] of [['lx', lx], ['ly', ly]] as const) {
    if (l < MIN_LATERAL_DIAMETERS * dMax) {
      out.push(`${name} = ${um(l)} is less than ${MIN_LATERAL_DIAMETERS} largest diameters (${um(MIN_LATERAL_DIAMETERS * dMax)}): the periodic images are close enough to order the packing. Use a wider box (≈ ${Math.ceil(n(MIN_LATERAL_DIAMETERS * dMax))} particles or more at this height and solid fraction).`);
    }
  }
  return out;
}

/** How many particles fill lx × ly × height (m) to `solidFraction`. */
export function countForBox(spec: PsdSpec | CompiledPsd, lx: number, ly: number, height: number, solidFraction: number, opts?: PsdOptions): BoxCount {
  positive('lx', lx, 'box length in m');
  positive('ly', ly, 'box length in m');
  positive('height', height, 'bed height in m');
  fraction(solidFraction);
  const c = compilePsd(spec, opts);
  const v = c.meanParticleVolume();
  const exactCount = (solidFraction * lx * ly * height) / v;
  // particles for a square box of side l at the same height and solid fraction
  const scaled = (l: number) => (exactCount * Math.max(l, lx) * Math.max(l, ly)) / (lx * ly);
  return {
    count: Math.max(1, Math.round(exactCount)),
    exactCount,
    meanParticleVolume: v,
    dMax: c.dMax,
    warnings: lateralWarnings(lx, ly, c.dMax, scaled),
  };
}

/** The box that n particles fill to `solidFraction` (lx from n, the aspect and the height). */
export function boxForCount(spec: PsdSpec | CompiledPsd, n: number, opts: BoxForCountOptions): BoxSize {
  if (!Number.isInteger(n) || n < 1) {
    throw new PsdError([{ path: 'n', value: n, message: `n = ${n} is not a valid particle count: must be an integer ≥ 1.` }]);
  }
  fraction(opts.solidFraction);
  const aspectY = opts.aspectY ?? 1;
  positive('aspectY', aspectY, 'ly/lx');
  const c = compilePsd(spec, opts);
  const v = c.meanParticleVolume();
  const solid = (n * v) / opts.solidFraction; // lx·ly·height
  let lx: number, height: number;
  if (opts.height !== undefined) {
    positive('height', opts.height, 'bed height in m');
    height = opts.height;
    lx = Math.sqrt(solid / (aspectY * height));
  } else {
    const hw = opts.heightToWidth ?? 1;
    positive('heightToWidth', hw, 'height/lx');
    lx = cbrt(solid / (aspectY * hw));
    height = hw * lx;
  }
  const ly = aspectY * lx;
  const scaled = (l: number) => (n * Math.max(l, lx) * Math.max(l, ly)) / (lx * ly);
  return { lx, ly, height, meanParticleVolume: v, dMax: c.dMax, warnings: lateralWarnings(lx, ly, c.dMax, scaled) };
}
