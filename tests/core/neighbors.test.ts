// The Verlet neighbour list against a brute-force O(N²) search: the list must hold exactly the
// unordered pairs {i, j} with minimum-image distance (periodic in x and y, not in z) below
// r_i + r_j + skin, each once. Polydisperse, size ratio 10 (log-uniform radii), which exercises
// the "search from the larger particle" scheme, and a small box where the largest cutoff is close
// to half the box, which exercises the periodic wrap of the cell search.
import { describe, it, expect } from 'vitest';
import type { World } from '../../src/core/world';
import { newWorld, material, rng, minImage, rayleighTime } from './helpers';

const R0 = 0.1e-3;            // smallest radius; the largest is 10·R0
const SKIN = 0.1e-3;
const mat = material({ youngsModulus: 1e7, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction: 0.5 });

function logUniformRadii(n: number, seed: number): number[] {
  const u = rng(seed);
  const r = Array.from({ length: n }, () => R0 * 10 ** u());
  r[0] = R0; r[1] = 10 * R0;    // make sure both ends of the range are present
  return r.sort((a, b) => b - a); // largest first (random sequential addition fills better)
}

async function world(L: number, cap: number): Promise<World> {
  const w = await newWorld(cap);
  w.setBox(L, L);
  w.setGravity(0);
  w.setSkin(SKIN);
  w.setMaterials([mat]);
  w.setWallMaterials(0, 0);
  w.removePlaten();
  w.setTimestep(0.1 * rayleighTime(mat, R0));
  return w;
}

const key = (i: number, j: number, n: number) => Math.min(i, j) * n + Math.max(i, j);

function bruteForce(w: World, extra: number): Set<number> {
  const n = w.count, L = w.boxX, Ly = w.boxY;
  const x = w.field('x'), y = w.field('y'), z = w.field('z'), r = w.field('radius');
  const out = new Set<number>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = minImage(x[i] - x[j], L), dy = minImage(y[i] - y[j], Ly), dz = z[i] - z[j];
      const c = r[i] + r[j] + extra;
      if (dx * dx + dy * dy + dz * dz < c * c) out.add(key(i, j, n));
    }
  }
  return out;
}

/** The list as a set of unordered pairs; fails on self pairs and on pairs listed twice. */
function listSet(pairs: Array<[number, number]>, n: number): Set<number> {
  const s = new Set<number>();
  for (const [i, j] of pairs) {
    expect(i).not.toBe(j);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(n);
    const k = key(i, j, n);
    expect(s.has(k)).toBe(false);
    s.add(k);
  }
  return s;
}

/** The list the core is using right now, read without forcing a rebuild. */
function liveList(w: World): Array<[number, number]> {
  const e = w.exports, n = w.count;
  const start = new Int32Array(e.memory.buffer, e.ptr(24), n + 1);
  const js = new Int32Array(e.memory.buffer, e.ptr(25), start[n]);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let q = start[i]; q < start[i + 1]; q++) out.push([i, js[q]]);
  return out;
}

function compare(w: World, label: string): number {
  const n = w.count;
  const got = listSet(w.neighborPairs(), n);
  const want = bruteForce(w, SKIN);
  const missing = [...want].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !want.has(k));
  expect({ label, missing: missing.slice(0, 5), extra: extra.slice(0, 5) }).toEqual({ label, missing: [], extra: [] });
  expect(got.size).toBe(want.size);
  return want.size;
}

describe('neighbour list = brute force, size ratio 10', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`random non-overlapping packing (insertRandom), seed ${seed}`, async () => {
      const L = 6e-3;
      const radii = logUniformRadii(350, seed);
      const w = await world(L, radii.length);
      w.seed(seed);
      expect(w.insertRandom(radii, 0, 0, 25e-3)).toBe(radii.length);   // φ ≈ 0.23
      const pairs = compare(w, `seed ${seed}`);
      expect(pairs).toBeGreaterThan(100);   // a meaningful number of pairs
      w.free();
    });
  }

  for (const seed of [11, 12]) {
    it(`small box, largest cutoff ≈ 0.48 of the box (periodic wrap), seed ${seed}`, async () => {
      // 2r_max + skin = 2.1 mm; L = 4.4 mm: the cell search of a large particle spans nearly the whole box
      const L = 4.4e-3;
      expect((2 * 10 * R0 + SKIN) / L).toBeGreaterThan(0.45);
      expect((2 * 10 * R0 + SKIN) / L).toBeLessThan(0.5);
      const radii = logUniformRadii(120, seed);
      const w = await world(L, radii.length);
      w.seed(seed);
      expect(w.insertRandom(radii, 0, 0, 10e-3)).toBe(radii.length);
      // pairs that only exist through the periodic images must be present
      const x = w.field('x'), r = w.field('radius');
      let wrapped = 0;
      for (let i = 0; i < w.count; i++) for (let j = i + 1; j < w.count; j++)
        if (Math.abs(x[i] - x[j]) > 0.5 * L && Math.abs(minImage(x[i] - x[j], L)) < r[i] + r[j] + SKIN) wrapped++;
      expect(wrapped).toBeGreaterThan(0);
      compare(w, `small box, seed ${seed}`);
      w.free();
    });
  }

  it('overlapping particles placed with addParticle (also outside [0, L) in x, y)', async () => {
    const L = 5e-3;
    const u = rng(77);
    const w = await world(L, 300);
    for (let k = 0; k < 300; k++) {
      const r = R0 * 10 ** u();
      // positions up to one box outside: addParticle wraps them into the box
      w.addParticle((3 * u() - 1) * L, (3 * u() - 1) * L, 1e-3 + 6e-3 * u(), r, 0);
    }
    const x = w.field('x'), y = w.field('y');
    for (let i = 0; i < w.count; i++) {
      expect(x[i] >= 0 && x[i] < L && y[i] >= 0 && y[i] < L).toBe(true);
    }
    const overlapping = bruteForce(w, 0).size;
    expect(overlapping).toBeGreaterThan(50);   // dense: many overlapping pairs
    compare(w, 'overlapping');
    w.free();
  });

  it('a pair approaching from just outside the cutoff is in the list before it touches (skin/2 rule)', async () => {
    // Each sphere moves towards the other; the gap starts at 1.05·skin, so the pair is not listed
    // at the first build. Without a rebuild the list only stays valid while no particle has moved
    // more than skin/2 (then no gap can have closed by more than skin); both move, so the gap
    // closes twice as fast as either moves: a looser rebuild rule misses this contact.
    const L = 6e-3;
    const w = await world(L, 2);
    const r1 = 5 * R0, r2 = R0;
    w.addParticle(2e-3, 3e-3, 5e-3, r1, 0);
    w.addParticle(2e-3 + r1 + r2 + 1.05 * SKIN, 3e-3, 5e-3, r2, 0);
    const v = 0.05;
    w.setVelocity(0, v, 0, 0); w.setVelocity(1, -v, 0, 0);
    w.step(0);
    expect(liveList(w).length).toBe(0);
    let touchingSteps = 0;
    for (let k = 0; k < 4000; k++) {
      w.step(1);
      const x = w.field('x');
      if (Math.abs(x[1] - x[0]) < r1 + r2) {
        touchingSteps++;
        expect(liveList(w).length).toBe(1);
      }
    }
    expect(touchingSteps).toBeGreaterThan(10);
    w.free();
  });

  it('stays correct while particles move (gravity, random velocities, collisions, rebuilds)', async () => {
    const L = 6e-3;
    const radii = logUniformRadii(300, 5);
    const w = await world(L, radii.length);
    w.seed(5);
    expect(w.insertRandom(radii, 0, 0, 14e-3)).toBe(radii.length);   // φ ≈ 0.36
    w.setGravity(9.81);
    const u = rng(5);
    for (let i = 0; i < w.count; i++) w.setVelocity(i, 0.6 * (u() - 0.5), 0.6 * (u() - 0.5), -0.3 * u());
    const rebuilds0 = w.exports.rebuildCount();
    let touchingSeen = 0;
    w.setTimestep(0.2 * rayleighTime(mat, R0));
    for (let chunk = 0; chunk < 20; chunk++) {
      w.step(400);
      // the list in use (not rebuilt by us) must hold every pair that touches now: that is
      // what the skin/2 displacement criterion guarantees
      const live = listSet(liveList(w), w.count);
      const touching = bruteForce(w, 0);
      touchingSeen += touching.size;
      const missed = [...touching].filter((k) => !live.has(k));
      expect(missed).toEqual([]);
      if (chunk % 5 === 4) compare(w, `after ${(chunk + 1) * 400} steps`);
    }
    // the test is meaningful only if the list was rebuilt during the run and contacts occurred
    expect(w.exports.rebuildCount() - rebuilds0).toBeGreaterThan(5);
    expect(touchingSeen).toBeGreaterThan(100);
    console.log(`[neighbors] moving: ${w.exports.rebuildCount() - rebuilds0} rebuilds, ${touchingSeen} touching pairs checked`);
    w.free();
  });

  describe('worlds of ≥ 1,024 particles (storage re-sorted by cell at rebuilds)', () => {
    async function bigBed(): Promise<World> {
      const L = 5e-3;
      const w = await world(L, 1200);
      w.setGravity(100);   // strong gravity: a dense, loaded bed with many sticking contacts quickly
      w.seed(9);
      const u = rng(3);
      // size ratio √10 here, so that 1,100 fit a small box (the full ratio 10 is covered above)
      const radii = Array.from({ length: 1100 }, () => R0 * 10 ** (0.5 * u())).sort((a, b) => b - a);
      expect(w.insertRandom(radii, 0, 0, 6e-3)).toBe(1100);
      const v = rng(4);
      for (let i = 0; i < w.count; i++) w.setVelocity(i, 0.2 * (v() - 0.5), 0.2 * (v() - 0.5), -0.2 * v());
      return w;
    }

    it('list = brute force before and after the particles have moved and been re-sorted', async () => {
      const w = await bigBed();
      compare(w, 'big, initial');
      const sorts0 = w.layoutVersion;
      w.step(6000);
      expect(w.layoutVersion).toBeGreaterThan(sorts0);   // the re-sort path was taken
      const live = listSet(liveList(w), w.count);
      const touching = bruteForce(w, 0);
      expect(touching.size).toBeGreaterThan(100);
      expect([...touching].filter((k) => !live.has(k))).toEqual([]);
      compare(w, 'big, after 6000 steps');
      w.free();
    });

    it('contact histories follow their pairs through rebuilds and re-sorts', async () => {
      // Two identical worlds; B is additionally rebuilt (and re-sorted) every 10 steps. Rebuild
      // timing must not change the physics: the tangential springs of the (many, frictional,
      // mostly sticking) contacts must be carried to the same pairs. Only the order of force
      // sums of particles with ≥ 3 contacts can differ, i.e. rounding (1e-16 relative), which
      // 300 steps of a dense bed amplify far less than to 1e-9. A lost or mis-assigned history
      // changes tangential forces by O(μF_n) and the velocities by O(10 %).
      const a = await bigBed(), b = await bigBed();
      a.step(6000); b.step(6000);
      a.step(1, true); b.step(1, true);
      expect(a.metrics().contactPairs).toBeGreaterThan(300);
      const sortsB = b.layoutVersion;
      for (let k = 0; k < 30; k++) { a.step(10); b.step(10); b.exports.buildNeighbors(); }
      expect(b.layoutVersion - sortsB).toBeGreaterThanOrEqual(30);
      const byId = (w: World, f: 'x' | 'z' | 'vx' | 'vz' | 'wx' | 'wy') => {
        const ids = w.ids, x = w.field(f), out = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) out[ids[i]] = x[i];
        return out;
      };
      for (const f of ['x', 'z', 'vx', 'vz', 'wx', 'wy'] as const) {
        const xa = byId(a, f), xb = byId(b, f);
        let d = 0, scale = 0;
        for (let i = 0; i < xa.length; i++) { d = Math.max(d, Math.abs(xa[i] - xb[i])); scale = Math.max(scale, Math.abs(xa[i])); }
        expect(d / scale, f).toBeLessThan(1e-9);
      }
      a.free(); b.free();
    });
  });
});
