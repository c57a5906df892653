// The calendering scene (issue #3): a PSD of Si-coated graphite poured into a periodic box and
// pressed by the platen to an electrode density, held, and released (springback). Reproduces the
// DEM study of Sung et al., Batteries & Supercaps 2022 (../shared/seeds/psd-dem-calendering-si-graphite.txt).
//
// Model choices (docs/model.md, "Calendering scene"):
// - True density 2.2 g/cm³ (Si-coated graphite; graphite 2.26, physics-reference §2.4) [E].
// - E softened to 5e7 Pa (graphite ≈ 10–30 GPa, physics-reference §1.2) so a browser can run it:
//   t_R ∝ E^−1/2. Stresses at the same geometry scale with E (Hertz and Thornton–Ning forces are
//   E*·R²·f(δ/R, p_y/E*)), so pressures and forces are also reported scaled to a reference
//   modulus; the yield pressure keeps the real ratio p_y/E (graphite p_y ≈ 0.2–1 GPa,
//   physics-reference §6.2: 0.5 GPa / 30 GPa = 1/60) so the plastic overlap per unit load matches.
// - μ = 0.3 [E] (graphite–graphite sliding friction 0.1–0.3; the Si coating roughens it), e = 0.5 [E].
import type { Scene, ProtocolStep } from './schema';
import { SCENE_SCHEMA_ID, CURRENT_VERSION } from './schema';
import { boxForCount, compilePsd, type PsdSpec } from '../psd';
import { validateScene } from './validate';

export interface CalenderingOptions {
  name?: string;
  psd: PsdSpec;
  count?: number;                 // particles, default 2,000
  seed?: number;
  trueDensity?: number;           // kg/m³, default 2200
  youngsModulus?: number;         // Pa, default 5e7 (softened; see the header)
  yieldRatio?: number | null;     // p_y / E, default 1/60; null = elastic Hertz
  friction?: number;              // default 0.3
  restitution?: number;           // default 0.5
  /** Target electrode densities, kg/m³, pressed in turn (default [1750]); each is held and the last released. */
  targetDensities?: number[];
  tapCycles?: number;             // default 0 (no tapping)
  gravity?: number;               // m/s², default 1000: pours 10× faster; self-weight ρgh ≈ 0.1 kPa stays ≪ the pressing pressures
  inertialNumber?: number | null; // default 1e-3 (quasi-static)
  pressVelocity?: number;         // m/s, max platen speed, default 0.05
  /** Blow-up bound on overlap / radius, default 0.9: densities above random close packing are
   * reached through plastic overlaps, which pinch small particles between large ones. */
  maxOverlapRatio?: number;
  /** Largest/smallest diameter after truncation, default 5: with ratio 10, pressing past ~1.6 g/cm³
   * squeezes the smallest spheres into their large neighbours (overlap > 0.9 r, measured), a
   * sphere artefact; ratio 5 keeps the max overlap below 0.8 r at 1.75 g/cm³. */
  maxSizeRatio?: number;
}

export function calenderingScene(o: CalenderingOptions): Scene {
  const n = o.count ?? 2000;
  const rho = o.trueDensity ?? 2200;
  const E = o.youngsModulus ?? 5e7;
  const yieldRatio = o.yieldRatio === undefined ? 1 / 60 : o.yieldRatio;
  const truncation = { lower: 0.005, upper: 0.995, maxSizeRatio: o.maxSizeRatio ?? 5 };
  const c = compilePsd(o.psd, { truncation });
  // a square box holding the particles in a bed about as tall as it is wide at a poured φ ≈ 0.6,
  // but at least 5 largest diameters wide (periodic images must not order the packing)
  const box = boxForCount(o.psd, n, { solidFraction: 0.6, heightToWidth: 1, truncation });
  const lx = Math.max(box.lx, 5.2 * c.dMax);
  const solids = n * box.meanParticleVolume;
  const insertFraction = 0.25;
  const height = (1.4 * solids) / (insertFraction * lx * lx) + 2 * c.dMax;
  const protocol: ProtocolStep[] = [
    { type: 'fill', maxTime: 0.1, settleSpeed: 2e-3 },
  ];
  if (o.tapCycles) protocol.push({ type: 'tap', cycles: o.tapCycles, height: 3e-3, settleSpeed: 2e-3, maxTime: 0.05 });
  for (const target of o.targetDensities ?? [1750]) {
    protocol.push({ type: 'press', velocity: o.pressVelocity ?? 0.05, until: { density: target }, maxTime: 2, inertialNumber: o.inertialNumber === undefined ? 1e-3 : o.inertialNumber });
    protocol.push({ type: 'hold', time: 2e-4 });
  }
  protocol.push({ type: 'release', velocity: 0.01, maxTime: 0.05 });
  const scene: Scene = {
    schema: SCENE_SCHEMA_ID,
    version: CURRENT_VERSION,
    name: o.name ?? 'calendering',
    seed: o.seed ?? 1,
    materials: [
      { id: 'si-graphite', youngsModulus: E, poissonRatio: 0.3, density: rho, restitution: o.restitution ?? 0.5, friction: o.friction ?? 0.3, rollingFriction: 0, yieldPressure: yieldRatio === null ? null : yieldRatio * E },
      // walls: 4 × E (a stiffer wall changes E* by < 20 %, presets.ts) and elastic (steel does not yield here)
      { id: 'steel', youngsModulus: 4 * E, poissonRatio: 0.3, density: 7850, restitution: o.restitution ?? 0.5, friction: o.friction ?? 0.3, rollingFriction: 0, yieldPressure: null },
    ],
    particles: { kind: 'psd', psd: o.psd, count: n, material: 'si-graphite', truncation } as Scene['particles'],
    domain: { lx, ly: lx, height, insertFraction },
    walls: { collector: { material: 'steel' }, platen: { material: 'steel', z: null } },
    gravity: o.gravity ?? 1000,
    solver: { timestep: null, timestepFraction: 0.2, skin: 0.3, rolling: 'none', maxOverlapRatio: o.maxOverlapRatio ?? 0.9 },
    protocol,
  };
  // returned complete (defaults filled in), so the preset reads like the schema and round-trips
  const v = validateScene(scene);
  if (!v.ok) throw new Error(`calenderingScene: ${v.errors.map((e) => e.message).join('; ')}`);
  return v.scene;
}
