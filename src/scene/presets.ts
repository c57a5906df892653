// Built-in scenes. Every preset must pass validateScene (tests/scene/presets.test.ts iterates the
// registry), and `build` returns a fresh object each call so callers may mutate it.

import { CURRENT_VERSION, SCENE_SCHEMA_ID, type Material, type ProtocolStep, type Scene } from './schema';
import { calenderingScene } from './calendering';
import { equivalentDensity } from './calendering-compare';

/** The paper's 1.3 g/cm³ in our sphere model, kg/m³ (1,517; docs/model.md §10). */
const PAPER_13_EQUIVALENT = Math.round(equivalentDensity(1300));
import { psdPresets } from '../psd';

export interface Preset {
  title: string;
  description: string;
  build: () => Scene;
}

const RADIUS = 5e-6; // 5 µm: a typical graphite anode particle (D50 ≈ 10–20 µm, fine fraction ~10 µm)
const DIAMETER = 2 * RADIUS;

/**
 * Graphite-like particles. E is softened from ~10–30 GPa to 5e7 Pa so the pour runs in a browser:
 * the Rayleigh timestep ∝ E^-1/2, so 5e7 Pa takes ~25× fewer steps than 30 GPa, while gravity
 * loads on 5 µm spheres stay far too small to cause noticeable overlaps.
 * ρ = 2200 kg/m³: true density of Si-coated graphite (2.2 g/cm³). ν, e, μ: common DEM values.
 */
function graphite(youngsModulus: number): Material {
  return {
    id: 'graphite', youngsModulus, poissonRatio: 0.3, density: 2200,
    restitution: 0.5, friction: 0.5, rollingFriction: 0, yieldPressure: null,
  };
}

/**
 * Wall material: 4 × the particle E, not steel's 2e11 Pa. Against a wall the Hertz effective
 * modulus E* = 1/((1−ν²)/E_p + (1−ν_w²)/E_w) saturates at E_p/(1−ν²) as E_w grows, so 4 × E_p
 * already gives 80 % of a rigid wall and a stiffer wall changes almost nothing; it would only make
 * per-material timestep estimates (t_R ∝ E^-1/2) look needlessly restrictive. The density is
 * steel's, but walls are moved kinematically, so it does not enter the dynamics.
 */
function wall(particleE: number): Material {
  return {
    id: 'wall', youngsModulus: 4 * particleE, poissonRatio: 0.3, density: 7850,
    restitution: 0.5, friction: 0.5, rollingFriction: 0, yieldPressure: null,
  };
}

/** All fields written out, in descriptor order (so a preset's JSON reads like the schema). */
function scene(name: string, f: Pick<Scene, 'materials' | 'particles' | 'domain' | 'protocol'>): Scene {
  return {
    schema: SCENE_SCHEMA_ID,
    version: CURRENT_VERSION,
    name,
    seed: 1,
    materials: f.materials,
    particles: f.particles,
    domain: f.domain,
    walls: { collector: { material: 'wall' }, platen: { material: 'wall', z: null } },
    gravity: 9.81,
    solver: { timestep: null, timestepFraction: 0.2, skin: 0.3, rolling: 'none', maxOverlapRatio: 0.5 },
    protocol: f.protocol,
  };
}

const SMALL_E = 5e7;
const FILL: ProtocolStep = { type: 'fill', maxTime: 0.02, settleSpeed: 1e-3 }; // free fall from 400 µm ≈ 9 ms
const SETTLE: ProtocolStep = { type: 'settle', maxTime: 0.01, settleSpeed: 1e-3 };

/**
 * 1,500 spheres in a 100 × 100 µm periodic box (10 diameters: no strong box ordering), 400 µm tall:
 * the spheres fill 20 % of it at insertion (≤ insertFraction 0.25) and pack ≈ 13 layers deep.
 */
function small(name: string, protocol: ProtocolStep[]): Scene {
  return scene(name, {
    materials: [graphite(SMALL_E), wall(SMALL_E)],
    particles: { kind: 'monodisperse', count: 1500, radius: RADIUS, material: 'graphite' },
    domain: { lx: 1e-4, ly: 1e-4, height: 4e-4, insertFraction: 0.25 },
    protocol,
  });
}

export const BENCH_DEFAULT_COUNT = 2000;
const BENCH_LAYERS = 20;
const PACKED_FRACTION = 0.6; // a poured monodisperse packing, ≈ random loose to random close

/**
 * The benchmark scene: n monodisperse 5 µm spheres (E = 1e8 Pa), a square periodic box sized for
 * ≈ 20 particle layers after pouring, fill, then press to 1 MPa and servo-hold 1 MPa for a dense
 * compressed packing. Deterministic in n (seed 1).
 */
export function benchScene(n: number): Scene {
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new RangeError(`benchScene: n = ${n} must be an integer from 1 to 1,000,000`);
  }
  const E = 1e8;
  const volume = (n * 4 * Math.PI * RADIUS ** 3) / 3;
  // Packed height h = V / (φ L²) = 20 d  ⇒  L = √(V / (φ · 20 d)); at least 6 d so that small n
  // neither break the periodic minimum-image rule nor trigger the "< 5 diameters" warning.
  const side = Math.max(6 * DIAMETER, Math.sqrt(volume / (PACKED_FRACTION * BENCH_LAYERS * DIAMETER)));
  const lx = Math.ceil(side * 1e7) / 1e7; // whole 0.1 µm
  const insertFraction = 0.3;
  // 25 % headroom over the exact fit; at least 4 diameters so a single particle can be inserted.
  const height = Math.ceil(Math.max(4 * DIAMETER, (1.25 * volume) / (insertFraction * lx * lx)) * 1e6) / 1e6;
  const bench = scene(`bench-pour-compress-${n}`, {
    materials: [graphite(E)],
    particles: { kind: 'monodisperse', count: n, radius: RADIUS, material: 'graphite' },
    domain: { lx, ly: lx, height, insertFraction },
    protocol: [
      { type: 'fill', maxTime: 0.01, settleSpeed: 1e-3 },
      { type: 'press', velocity: 0.05, until: { pressure: 1e6 }, maxTime: 0.01, inertialNumber: null },
      { type: 'servo', pressure: 1e6, time: 5e-4, gain: null },
    ],
  });
  // Walls of the particle material (so LIGGGHTS, which models walls with the particle type in
  // bench/liggghts/bench.in, runs exactly the same contacts), and gravity raised to 1000 m/s² to
  // shorten the pour ~10×: the compressed state is set by the 1 MPa platen, against which the
  // bed's self-weight (ρ g h φ ≈ 0.3 kPa) is negligible.
  bench.walls = { collector: { material: 'graphite' }, platen: { material: 'graphite', z: null } };
  bench.gravity = 1000;
  return bench;
}

export const presets = new Map<string, Preset>([
  ['pour-small', {
    title: 'Pour (1,500 graphite spheres)',
    description:
      '1,500 graphite-like 5 µm spheres poured into a 100 µm periodic box and left to settle. ' +
      'E is softened to 50 MPa (real graphite ≈ 10–30 GPa) because the timestep ∝ E^-1/2; this keeps it fast in a browser.',
    build: () => small('pour-small', [FILL, SETTLE].map((s) => ({ ...s }))),
  }],
  ['pour-press-small', {
    title: 'Pour and press (1,500 graphite spheres)',
    description:
      'The pour-small packing, pressed by the platen at 50 mm/s to a solid fraction of 0.62, then released.',
    build: () => small('pour-press-small', [
      { ...FILL },
      { ...SETTLE },
      { type: 'press', velocity: 0.05, until: { solidFraction: 0.62 }, maxTime: 0.01, inertialNumber: null }, // ≈ 275 µm of travel ≈ 5.5 ms
      { type: 'release', velocity: 0.05, maxTime: 0.005 },
    ]),
  }],
  ['bench-pour-compress', {
    title: `Benchmark: pour and compress (${BENCH_DEFAULT_COUNT.toLocaleString('en-US')} spheres)`,
    description:
      `benchScene(${BENCH_DEFAULT_COUNT}): 5 µm spheres (E = 100 MPa) poured into a box sized for ≈ 20 layers, ` +
      'pressed to 1 MPa and servo-held at 1 MPa.',
    build: () => benchScene(BENCH_DEFAULT_COUNT),
  }],
  ['calendering-wide', {
    title: 'Calendering: WD-SiG wide PSD to 1.3-equivalent and 1.75 g/cm³',
    description:
      '2,000 Si-coated graphite spheres with the WD-SiG blend (50 % D50 19 µm + 50 % D50 11 µm by volume; Sung et al. 2022) poured, ' +
      'pressed quasi-statically (I ≤ 1e-3) to 1.517 g/cm³ (the sphere-model equivalent of the paper’s 1.3 g/cm³: our spheres pour at ≈ 1.37) then 1.75 g/cm³, held and released (springback). E softened to 50 MPa with ' +
      'p_y/E = 1/60 (graphite); pressures scale with E, so ×600 gives the equivalent at 30 GPa.',
    build: () => calenderingScene({ name: 'calendering-wide', psd: psdPresets.get('wd-sig-wide')!.spec, targetDensities: [PAPER_13_EQUIVALENT, 1750] }),
  }],
  ['calendering-narrow', {
    title: 'Calendering: SiG narrow PSD to 1.3-equivalent and 1.75 g/cm³',
    description: 'As calendering-wide with the paper\'s SiG: the small graphite grade alone (D50 11 µm).',
    build: () => calenderingScene({ name: 'calendering-narrow', psd: psdPresets.get('small-graphite-narrow')!.spec, targetDensities: [PAPER_13_EQUIVALENT, 1750] }),
  }],
]);
