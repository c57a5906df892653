// The contact-force network the worker sends (src/worker/frames.ts): captured by stable id at a
// diagnostic step, mapped onto each frame's storage slots. Checked on a lattice whose contacts and
// Hertz forces are known in closed form, and across a re-sort of the storage order.
import { describe, expect, it } from 'vitest';
import { World } from '../../src/core/world';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { BufferPool, FramePacker, captureNetwork } from '../../src/worker/frames';
import { frameBuffers } from '../../src/worker/messages';

const R = 5e-6; // m
const A = 1.9 * R; // lattice spacing: every nearest-neighbour pair overlaps by δ = 0.1 R
const [NX, NY, NZ] = [12, 10, 10]; // 1,200 particles: ≥ 1,024, so the core re-sorts storage by cell
const E = 1e7, NU = 0.3, RHO = 2500;

async function lattice(): Promise<World> {
  const w = await World.create(await loadCoreModuleNode(), NX * NY * NZ);
  w.setMaterials([{ youngsModulus: E, poissonRatio: NU, density: RHO, restitution: 0.9, friction: 0.5, rollingFriction: 0, yieldPressure: null }]);
  w.setWallMaterials(0, 0);
  w.setBox(NX * A, NY * A);
  w.setGravity(0);
  w.setTimestep(1e-9);
  w.setSkin(0.3 * R);
  w.removePlaten();
  for (let k = 0; k < NZ; k++) for (let j = 0; j < NY; j++) for (let i = 0; i < NX; i++) w.addParticle((i + 0.5) * A, (j + 0.5) * A, R + k * A, R);
  return w;
}

/** Minimum-image distance of slots a and b in a frame's positions (x, y periodic). */
function distance(p: Float32Array, a: number, b: number, lx: number, ly: number): number {
  let dx = p[3 * b] - p[3 * a], dy = p[3 * b + 1] - p[3 * a + 1];
  const dz = p[3 * b + 2] - p[3 * a + 2];
  dx -= lx * Math.round(dx / lx); dy -= ly * Math.round(dy / ly);
  return Math.hypot(dx, dy, dz);
}

describe('contact-force network in frames', () => {
  it('carries every lattice contact with the Hertz force, and maps ids onto slots across a re-sort', async () => {
    const w = await lattice();
    w.step(1, true);
    const net = captureNetwork(w);
    // x and y rings are periodic (NX and NY pairs per ring), z columns have NZ − 1 pairs
    const expected = NY * NZ * NX + NX * NZ * NY + NX * NY * (NZ - 1);
    expect(net.forces.length).toBe(expected);
    // Hertz: F = 4/3 E* √R* δ^{3/2}, E* = E / (2(1 − ν²)), R* = R/2, δ = 2R − A (no damping at rest)
    const hertz = (4 / 3) * (E / (2 * (1 - NU * NU))) * Math.sqrt(R / 2) * (2 * R - A) ** 1.5;
    for (const f of net.forces) expect(Math.abs(f / hertz - 1)).toBeLessThan(1e-3);

    const pool = new BufferPool();
    const packer = new FramePacker();
    const a = packer.build(w, 1e-4, 'none', pool, net);
    expect(a.frame.contactCount).toBe(expected);
    expect(a.frame.contactStep).toBe(1);
    expect(a.transfer).toEqual(frameBuffers(a.frame));
    const pos = new Float32Array(a.frame.positions, 0, 3 * w.count);
    const pairs = new Uint32Array(a.frame.contactPairs!, 0, 2 * expected);
    for (let k = 0; k < expected; k++) expect(distance(pos, pairs[2 * k], pairs[2 * k + 1], w.boxX, w.boxY) / A).toBeCloseTo(1, 4);

    // the overlapping lattice flies apart: neighbour rebuilds re-sort the storage order
    const v0 = w.layoutVersion;
    for (let s = 0; s < 200 && w.layoutVersion === v0; s++) w.step(50);
    expect(w.layoutVersion).not.toBe(v0);
    pool.released(frameBuffers(a.frame));
    const b = packer.build(w, 1e-4, 'none', pool, net); // the old capture on the new slot order
    const pb = new Uint32Array(b.frame.contactPairs!, 0, 2 * b.frame.contactCount);
    const ids = w.ids;
    expect(b.frame.contactCount).toBe(expected);
    for (let k = 0; k < expected; k++) {
      expect(ids[pb[2 * k]]).toBe(net.ids[2 * k]);
      expect(ids[pb[2 * k + 1]]).toBe(net.ids[2 * k + 1]);
    }
    // without a network a frame carries none
    const c = packer.build(w, 1e-4, 'none', pool);
    expect([c.frame.contactCount, c.frame.contactPairs, c.frame.contactStep]).toEqual([0, null, null]);
    w.free();
  });
});
