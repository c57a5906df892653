// Determinism: the same scene and seed give a bit-identical state (hash) in two separate worlds;
// another seed gives another state; snapshot/restore continues bit-identically.
//
// The scene is a polydisperse, two-material, frictional, damped pour (EPSD rolling resistance)
// onto the collector with a platen coming down at constant speed, so that contact histories
// (tangential springs, rolling moments), neighbour rebuilds and the platen state all take part
// in the stepped state.
import { describe, it, expect, beforeAll } from 'vitest';
import type { World } from '../../src/core/world';
import { newWorld, material, rayleighTime } from './helpers';

const R = 1e-3;
const L0 = 8e-3;
// 150 particles keep their storage order; ≥ 1,024 are re-sorted by cell at neighbour rebuilds,
// which the snapshot (and the determinism) must survive as well
let N = 150;
let L = L0;

async function scene(seed: number, capacity = N): Promise<World> {
  const w = await newWorld(capacity);
  configure(w);
  w.seed(seed);
  const radii = Array.from({ length: N }, (_, k) => R * (0.5 + (0.5 * k) / N)).reverse();
  expect(w.insertRandom(radii, radii.map((_, k) => k % 2), 0, 30e-3)).toBe(N);
  return w;
}

/** Everything that is configuration (not in a snapshot): box, gravity, skin, materials, walls, dt. */
function configure(w: World): void {
  const a = material({ youngsModulus: 1e7, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction: 0.5, rollingFriction: 0.1 });
  const b = material({ youngsModulus: 2e7, poissonRatio: 0.25, density: 3000, restitution: 0.7, friction: 0.3, rollingFriction: 0.05 });
  w.setBox(L, L);
  w.setGravity(9.81);
  w.setSkin(0.2 * R);
  w.setRolling('epsd');
  w.setMaterials([a, b]);
  w.setWallMaterials(0, 1);
  w.setPlatenVelocity(-0.05, 32e-3);
  w.setTimestep(0.1 * rayleighTime(a, 0.5 * R));
}

const STEPS = 3000;

for (const n of [150, 1100]) describe(`determinism, ${n} particles`, () => {
  beforeAll(() => { N = n; L = L0 * Math.sqrt(n / 150); });
  it('same scene and seed → same hash in two separate worlds; another seed → another hash', async () => {
    const a = await scene(42), b = await scene(42), c = await scene(43);
    expect(a.hash()).toBe(b.hash());
    a.step(STEPS); b.step(STEPS); c.step(STEPS);
    expect(a.stepCount).toBe(STEPS);
    expect(a.hash()).toBe(b.hash());
    expect(c.hash()).not.toBe(a.hash());
    // the same positions bit for bit, not just the same hash
    expect(Array.from(a.field('z'))).toEqual(Array.from(b.field('z')));
    // meaningful: the particles moved and touched, so histories and rebuilds are in the state
    a.step(1, true);
    b.step(1, true);
    expect(a.metrics().contactPairs + a.metrics().wallContacts).toBeGreaterThan(0);
    expect(a.exports.rebuildCount()).toBeGreaterThan(2);
    if (N >= 1024) expect(a.layoutVersion).toBeGreaterThan(0);   // the re-sort path was taken
    expect(a.hash()).toBe(b.hash());
    a.free(); b.free(); c.free();
  });

  it('hash() is 16 hex digits, as documented (World.hash)', async () => {
    // several states, so that both halves of the u64 range (top bit 0 and 1) are likely covered
    const a = await scene(42);
    const seen: string[] = [];
    for (let k = 0; k < 8; k++) { a.step(10); seen.push(a.hash()); }
    for (const h of seen) expect(h).toMatch(/^[0-9a-f]{16}$/);
    a.free();
  });

  it('a changed state changes the hash (one ulp of one velocity)', async () => {
    const a = await scene(42);
    a.step(100);
    const h = a.hash();
    const vx = a.field('vx')[7];
    const buf = new Float64Array([vx]);
    new BigInt64Array(buf.buffer)[0] += 1n;
    a.setVelocity(7, buf[0], a.field('vy')[7], a.field('vz')[7]);
    expect(a.field('vx')[7]).not.toBe(vx);
    expect(a.hash()).not.toBe(h);
    a.free();
  });

  it('snapshot → restore into the same world (rewind) → stepping reproduces the run', async () => {
    const a = await scene(7);
    a.step(STEPS / 2);
    const snap = a.snapshot();
    a.step(STEPS / 2);
    const h = a.hash();
    a.restore(snap);
    a.step(STEPS / 2);
    expect(a.hash()).toBe(h);
    a.free();
  });

  it('snapshot → restore into a fresh world → stepping gives the same hash as never stopping', async () => {
    const a = await scene(7);
    a.step(STEPS / 2);
    const snap = a.snapshot();
    // per-slot particle properties at the snapshot (the layout may change when a steps on)
    const props = {
      radius: Array.from(a.field('radius')), mass: Array.from(a.field('mass')),
      material: Array.from(a.materials), id: Array.from(a.ids),
    };
    a.step(STEPS / 2);
    const ref = a.hash();
    // a fresh world with the same configuration (and a larger capacity), no particles inserted
    const b = await newWorld(2 * N);
    configure(b);
    b.restore(snap);
    expect(b.count).toBe(N);
    // the restored particles are the same particles: radius, mass, material, id
    expect({
      radius: Array.from(b.field('radius')), mass: Array.from(b.field('mass')),
      material: Array.from(b.materials), id: Array.from(b.ids),
    }).toEqual(props);
    b.step(STEPS / 2);
    expect(b.stepCount).toBe(STEPS);
    expect(b.hash()).toBe(ref);
    a.free(); b.free();
  });
});
