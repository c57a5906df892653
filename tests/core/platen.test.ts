// Re-setting the platen's speed (as the runner's servo-like inertial-number cap does every check)
// must not disturb the dynamics: a second force pass at the same positions would advance the
// tangential contact histories twice and pump energy into the bed.
import { describe, it, expect } from 'vitest';
import { newWorld, material } from './helpers';

async function bed(resetEvery: number): Promise<string> {
  const r = 5e-5;
  const w = await newWorld(300);
  w.setBox(16 * r, 16 * r); w.setGravity(9.81); w.setSkin(0.3 * r);
  w.setMaterials([material({ youngsModulus: 1e6, restitution: 0.5, friction: 0.5 })]); w.setWallMaterials(0, 0);
  w.seed(5);
  w.setPlatenFixed(60 * r);
  w.insertRandom(new Array(300).fill(r), 0, 0, 50 * r);
  w.setTimestep(2e-6);
  w.step(20000);                                 // poured and settled
  w.setPlatenVelocity(-0.002, w.bedHeight());
  for (let k = 0; k < 4000 / resetEvery; k++) {
    w.step(resetEvery);
    w.setPlatenVelocity(-0.002);                 // same speed, same place
  }
  return w.hash();
}

describe('platen speed changes', () => {
  it('re-setting the same platen speed is a no-op for the dynamics', async () => {
    expect(await bed(50)).toBe(await bed(4000));
  }, 120_000);
});
