// Particles that change during a run: radius (swelling, e.g. Si → Li15Si4 at ×3.81 volume),
// material (softening on lithiation), and the volume-honest radius correction.
//
// Radius and material edits take effect at the next force pass; the current forces are kept
// (recomputing them at the same positions would advance the tangential histories twice, see
// integrate.ts). Mass and inertia follow the new radius and material density: m = ρ 4/3 π r³,
// I = 2/5 m r². Every edit records how much the particle grew since the last neighbour build
// (growthMax), which the skin test of neighbors.ts subtracts, and re-arms the energy guard
// (growth stores elastic energy in contacts that no force did work for).
//
// Volume-honest radii. Overlapping spheres share the lens where they overlap, so Σ 4/3πr³
// overstates the solid. Give each particle a target volume V* (VTGT) and choose r so that the
// sphere minus half of every lens it shares and minus the caps cut off by the two planes equals V*:
//   4/3 π r_i³ − ½ Σ_j V_lens(r_i, r_j, d_ij) − V_cap,collector − V_cap,platen = V*_i.
// Summed over particles this makes the union volume equal Σ V* whenever no point lies in three
// spheres (inclusion–exclusion; triple overlaps are counted back as a small excess, measured by
// voxel counting in tests/interlayer). Lens of two spheres at distance d < r_i + r_j:
//   V = π (r_i + r_j − d)² (d² + 2d(r_i + r_j) − 3(r_i − r_j)²) / (12 d)
// (e.g. Weisstein, MathWorld "Sphere–Sphere Intersection"); cap of height h: π h² (3r − h)/3.
// It is solved by fixed-point iteration r ← ∛(3/(4π) (V* + ½ΣV_lens + V_caps)), which converges
// quickly because the lens terms change slowly with r at the overlaps a DEM bed holds.
import {
  count, lx, ly, PX, PY, PZ, RAD, MASS, INVM, INVI, MAT, RB, VTGT, growthMax, setGrowthMax,
  ldf, stf, ldi, sti, allocF64, capacity, minImage,
} from "./state";
import { materialDensity } from "./materials";
import { NB_START, NB_J, needRebuild, rebuild } from "./neighbors";
import { rearm } from "./integrate";
import { platenMode, platenZ, PLATEN_ABSENT } from "./walls";

@inline function props(i: i32): void {
  const r = ldf(RAD, i);
  const m = materialDensity(ldi(MAT, i)) * (4.0 / 3.0) * Math.PI * r * r * r;
  stf(MASS, i, m); stf(INVM, i, 1.0 / m); stf(INVI, i, 1.0 / (0.4 * m * r * r));
  const g = r - ldf(RB, i);
  if (g > growthMax) setGrowthMax(g);
}

/** Sets one particle's radius (m); mass and inertia follow. */
export function setRadius(i: i32, r: f64): void { stf(RAD, i, r); props(i); rearm(); }
/** Sets one particle's material; mass and inertia follow the new density. */
export function setParticleMaterial(i: i32, m: i32): void { sti(MAT, i, m); props(i); rearm(); }
/** After radii or materials were written in bulk through their views: mass, inertia, growth record. */
export function updateParticles(): void {
  for (let i = 0; i < count; i++) props(i);
  rearm();
}

/** Volume of the lens shared by spheres of radii a, b at centre distance d (0 when apart). */
export function lensVolume(a: f64, b: f64, d: f64): f64 {
  const s = a + b;
  if (d >= s) return 0.0;
  const lo = Math.abs(a - b);
  if (d <= lo) { const m = Math.min(a, b); return (4.0 / 3.0) * Math.PI * m * m * m; }   // one inside the other
  const h = s - d, q = a - b;
  return Math.PI * h * h * (d * d + 2.0 * d * s - 3.0 * q * q) / (12.0 * d);
}
@inline function capVolume(r: f64, h: f64): f64 {
  if (h <= 0.0) return 0.0;
  if (h >= 2.0 * r) return (4.0 / 3.0) * Math.PI * r * r * r;
  return Math.PI * h * h * (3.0 * r - h) / 3.0;
}

let SHARED: usize = 0;
/** Σ ½ V_lens over each particle's overlaps plus its wall caps, m³, into SHARED (list must be valid). */
function sharedVolumes(): void {
  if (SHARED == 0) SHARED = allocF64(capacity);
  const n = count;
  memory.fill(SHARED, 0, <usize>n << 3);
  const top = platenMode != PLATEN_ABSENT;
  const zp = platenZ;
  for (let i = 0; i < n; i++) {
    const xi = ldf(PX, i), yi = ldf(PY, i), zi = ldf(PZ, i), ri = ldf(RAD, i);
    for (let k = ldi(NB_START, i); k < ldi(NB_START, i + 1); k++) {
      const j = ldi(NB_J, k);
      const dx = minImage(xi - ldf(PX, j), lx), dy = minImage(yi - ldf(PY, j), ly), dz = zi - ldf(PZ, j);
      const rj = ldf(RAD, j);
      const d2 = dx * dx + dy * dy + dz * dz, s = ri + rj;
      if (d2 >= s * s) continue;
      const half = 0.5 * lensVolume(ri, rj, Math.sqrt(d2));
      stf(SHARED, i, ldf(SHARED, i) + half);
      stf(SHARED, j, ldf(SHARED, j) + half);
    }
    let c = capVolume(ri, ri - zi);
    if (top) c += capVolume(ri, zi + ri - zp);
    stf(SHARED, i, ldf(SHARED, i) + c);
  }
}

/**
 * Applies `iterations` fixed-point passes of the volume-honest radius correction to every particle
 * with a target volume (VTGT > 0). Returns the largest relative radius change of the last pass.
 */
export function honestRadii(iterations: i32): f64 {
  let last = 0.0;
  const k3 = 3.0 / (4.0 * Math.PI);
  for (let it = 0; it < iterations; it++) {
    if (needRebuild()) rebuild();
    sharedVolumes();
    last = 0.0;
    for (let i = 0; i < count; i++) {
      const vt = ldf(VTGT, i);
      if (vt <= 0.0) continue;
      const r0 = ldf(RAD, i);
      const r = Math.cbrt(k3 * (vt + ldf(SHARED, i)));
      const ch = Math.abs(r - r0) / r0;
      if (ch > last) last = ch;
      stf(RAD, i, r);
      props(i);
    }
  }
  rearm();
  return last;
}

/** Σ over particles of (sphere volume − ½ shared lenses − wall caps), m³: the union volume inside the slab up to triple overlaps. */
export function honestVolume(): f64 {
  if (needRebuild()) rebuild();
  sharedVolumes();
  let v = 0.0;
  for (let i = 0; i < count; i++) {
    const r = ldf(RAD, i);
    v += (4.0 / 3.0) * Math.PI * r * r * r - ldf(SHARED, i);
  }
  return v;
}
