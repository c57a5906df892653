// Shared by the two pour tests (one file per friction value so vitest runs them in parallel).
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';

export const D = 1e-4; // particle diameter, m (100 µm glass-bead-like spheres; the packing is scale-free)

/**
 * Pours 2,000 monodisperse spheres into a 10 d × 10 d periodic box under gravity and lets them
 * settle; returns the bulk solid fraction of the slab from 3 d above the collector to 3 d below
 * the bed top (wall layering and the rough free surface excluded).
 * E = 1 MPa keeps the run short (dt ∝ E^-1/2) while overlaps stay < 1 % of the radius, so the
 * packing is that of hard spheres; e = 0.5.
 */
export async function pourBulkFraction(friction: number, seed: number): Promise<{ phi: number; coordination: number; maxOverlap: number }> {
  const scene = {
    schema: 'electrode-lab/scene', version: 1, name: `pour-mu${friction}`, seed,
    materials: [{ id: 'bead', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction }],
    particles: { kind: 'monodisperse', count: 2000, radius: D / 2, material: 'bead' },
    domain: { lx: 10 * D, ly: 10 * D, height: 80 * D, insertFraction: 0.3 },
    walls: { collector: { material: 'bead' }, platen: { material: 'bead' } },
    protocol: [{ type: 'fill', maxTime: 0.2, settleSpeed: 1e-3 }],
  };
  const run = await SceneRun.create(scene, await loadCoreModuleNode());
  run.runToEnd();
  if (run.error) throw new Error(run.error);
  const w = run.world;
  const top = w.bedHeight();
  const m = w.metrics();
  return { phi: w.exports.solidFractionSlab(3 * D, top - 3 * D), coordination: m.coordination, maxOverlap: m.maxOverlapRatio };
}
