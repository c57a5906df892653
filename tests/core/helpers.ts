// Shared helpers for the core physics tests (not a test file itself).
import { World, type MaterialSI } from '../../src/core/world';
import { loadCoreModuleNode } from '../../src/core/load-node';

export async function newWorld(capacity: number): Promise<World> {
  return World.create(await loadCoreModuleNode(), capacity);
}

export function material(p: Partial<MaterialSI> = {}): MaterialSI {
  return {
    youngsModulus: 1e7, poissonRatio: 0.3, density: 2500, restitution: 1, friction: 0,
    rollingFriction: 0, yieldPressure: null, ...p,
  };
}

/** Hertz contact modulus 1/E* = (1−ν₁²)/E₁ + (1−ν₂²)/E₂ (Johnson, Contact Mechanics §4.2), computed here independently of the core. */
export function eStar(a: MaterialSI, b: MaterialSI): number {
  return 1 / ((1 - a.poissonRatio ** 2) / a.youngsModulus + (1 - b.poissonRatio ** 2) / b.youngsModulus);
}
/** Mindlin shear modulus 1/G* = (2−ν₁)/G₁ + (2−ν₂)/G₂ with G = E/(2(1+ν)). */
export function gStar(a: MaterialSI, b: MaterialSI): number {
  const G = (m: MaterialSI) => m.youngsModulus / (2 * (1 + m.poissonRatio));
  return 1 / ((2 - a.poissonRatio) / G(a) + (2 - b.poissonRatio) / G(b));
}
export function sphereMass(m: MaterialSI, r: number): number { return m.density * (4 / 3) * Math.PI * r ** 3; }

/** Rayleigh time π r √(ρ/G) / (0.1631 ν + 0.8766). */
export function rayleighTime(m: MaterialSI, r: number): number {
  const G = m.youngsModulus / (2 * (1 + m.poissonRatio));
  return (Math.PI * r * Math.sqrt(m.density / G)) / (0.1631 * m.poissonRatio + 0.8766);
}

/** ln Γ(x), x > 0: Lanczos (g = 7, n = 9), |rel. error| < 1e-14 on x > 0. */
export function lgamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
export function betaFn(a: number, b: number): number { return Math.exp(lgamma(a) + lgamma(b) - lgamma(a + b)); }

/** Small seeded PRNG (mulberry32) for test inputs: independent of the core's generator. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function gaussian(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Minimum-image separation along a periodic axis of length L. */
export function minImage(d: number, L: number): number { return d - L * Math.round(d / L); }
