// Core-level failures surface as errors whose message names the cause.
import { describe, it, expect } from 'vitest';
import { SimulationError, World } from '../../src/core/world';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { newWorld, material, rayleighTime, rng, eStar, sphereMass } from './helpers';

const R = 1e-3;

/** The cause named by the message must be the one the error code says. */
const CAUSE: Record<number, RegExp> = {
  1: /NaN/,
  2: /overlap/,
  3: /kinetic energy ran away/,
  5: /left the box/,
  6: /moved farther than the periodic box/,
};

function catchSim(f: () => unknown): SimulationError {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(SimulationError); return e as SimulationError; }
  throw new Error('expected a SimulationError, none was thrown');
}

function expectBlowUp(err: SimulationError, code?: number): void {
  expect(Object.keys(CAUSE).map(Number)).toContain(err.code);
  if (code !== undefined) expect(err.code).toBe(code);
  expect(err.message).toMatch(CAUSE[err.code]);
  expect(err.message).toMatch(/timestep/);
  expect(err.message).toMatch(/at step \d+/);
}

async function gas(n: number, L: number, dtFactor: number): Promise<World> {
  const p = material({ restitution: 0.5, friction: 0.5 });
  const w = await newWorld(n);
  w.setBox(L, L); w.setGravity(9.81); w.setSkin(0.2 * R);
  w.setMaterials([p]); w.setWallMaterials(0, 0); w.setPlatenFixed(12e-3); w.seed(3);
  expect(w.insertRandom(new Array(n).fill(R), 0, 0, 12e-3)).toBe(n);
  const u = rng(1);
  for (let i = 0; i < n; i++) w.setVelocity(i, 0.2 * (u() - 0.5), 0.2 * (u() - 0.5), 0.2 * (u() - 0.5));
  w.setTimestep(dtFactor * rayleighTime(p, R));
  return w;
}

describe('blow-ups are reported with their cause', () => {
  it('control: the same scene at a sensible timestep (0.1 Rayleigh) runs without error', async () => {
    const w = await gas(80, 10e-3, 0.1);
    expect(w.step(3000)).toBe(3000);
    w.free();
  });

  for (const f of [3, 10, 30]) {
    it(`a timestep far too large (${f} × Rayleigh time) stops the run with a named cause`, async () => {
      const w = await gas(80, 10e-3, f);
      const err = catchSim(() => w.step(20000));
      expectBlowUp(err);
      // stopped early, and the world can still be inspected
      expect(w.stepCount).toBeLessThan(20000);
      expect(w.field('x').length).toBe(80);
      console.log(`[errors] dt = ${f} t_R: code ${err.code}: ${err.message.slice(0, 110)}…`);
      w.free();
    });
  }

  async function pair(overlapRatio: number, dtFactor: number, v = 0): Promise<World> {
    const p = material({ restitution: 1, friction: 0 });
    const w = await newWorld(2);
    const L = 10e-3;
    w.setBox(L, L); w.setGravity(0); w.setSkin(0.2 * R); w.setMaterials([p]); w.setWallMaterials(0, 0); w.removePlaten();
    // stacked along z far above the collector, so nothing but the pair interacts
    w.addParticle(L / 2, L / 2, 1, R, 0);
    w.addParticle(L / 2, L / 2, 1 + (2 - overlapRatio) * R, R, 0);
    w.setVelocity(0, 0, 0, v / 2); w.setVelocity(1, 0, 0, -v / 2);
    w.setTimestep(dtFactor * rayleighTime(p, R));
    return w;
  }

  it('energy runaway: an overlapping pair released with dt = 5 t_R gains kinetic energy', async () => {
    // the elastic energy of a 5 % overlap is all the pair can ever get back; with dt ≫ the contact
    // time the first kick alone gives it several times more
    const w = await pair(0.05, 5);
    const err = catchSim(() => w.step(1000));
    expectBlowUp(err, 3);
    w.free();
  });

  it('control: the same overlapping pair at dt = 0.05 t_R separates without error', async () => {
    const w = await pair(0.05, 0.05);
    expect(w.step(1000)).toBe(1000);
    w.free();
  });

  it('overlap: a head-on impact at 30 m/s exceeds maxOverlapRatio and names both particles', async () => {
    const w = await pair(-0.05, 0.05, 30);
    const err = catchSim(() => w.step(2000));
    expectBlowUp(err, 2);
    expect(err.message).toMatch(/particle [01] and particle [01]/);
    w.free();
  });

  it('NaN: a non-finite velocity is reported as NaN for that particle', async () => {
    const w = await pair(-0.5, 0.05);
    w.setVelocity(1, Number.NaN, 0, 0);
    const err = catchSim(() => w.step(10));
    expectBlowUp(err, 1);
    expect(err.particle).toBe(1);
    expect(err.message).toMatch(/particle 1\b/);
    w.free();
  });

  it('escape: a particle shot through the collector in one step is reported', async () => {
    const w = await pair(-0.5, 0.05);
    w.setPosition(0, 5e-3, 5e-3, 2 * R);
    w.setVelocity(0, 0, 0, -1e4);
    const err = catchSim(() => w.step(10));
    expectBlowUp(err, 5);
    expect(err.particle).toBe(0);
    expect(err.message).toMatch(/collector/);
    w.free();
  });

  it('escape sideways (more than a box length in one step) is not reported as crossing the collector/platen', async () => {
    const w = await pair(-0.5, 0.05);
    w.setVelocity(0, 1e4, 0, 0);
    const err = catchSim(() => w.step(10));
    expectBlowUp(err);
    // the particle left through the periodic sides; z is still 1 m: a message naming the collector
    // or the platen, or quoting x as "z = …", names the wrong cause
    expect(err.message).not.toMatch(/collector or the platen/);
    w.free();
  });
});

describe('no false alarms from the blow-up guards', () => {
  const p = material({ restitution: 0.5, friction: 0.5 });
  async function onPlane(z: (delta0: number) => number): Promise<World> {
    const w = await newWorld(4);
    const L = 8e-3, G = 9.81;
    w.setBox(L, L); w.setGravity(G); w.setSkin(0.2 * R); w.setMaterials([p]); w.setWallMaterials(0, 0); w.removePlaten();
    w.setTimestep(0.05 * rayleighTime(p, R));
    const delta0 = ((sphereMass(p, R) * G) / ((4 / 3) * eStar(p, p) * Math.sqrt(R))) ** (2 / 3);
    w.addParticle(L / 4, L / 2, z(delta0), R, 0);
    w.addParticle((3 * L) / 4, L / 2, z(delta0), R, 0);
    return w;
  }
  // A sphere resting on the collector is the most stable state there is: KE stays at rounding level.

  it('spheres set down touching the collector, at rest, settle without a blow-up report', async () => {
    const w = await onPlane(() => R);
    expect(w.step(2000)).toBe(2000);
    expect(w.exports.kineticEnergy()).toBeLessThan(1e-12);
    w.free();
  });

  it('spheres placed at their Hertz equilibrium on the collector run without a blow-up report', async () => {
    const w = await onPlane((d0) => R - d0);
    expect(w.step(2000)).toBe(2000);
    w.free();
  });
});

describe('capacity', () => {
  it('inserting more particles than the capacity throws a SimulationError about capacity', async () => {
    const w = await newWorld(10);
    w.setBox(10e-3, 10e-3); w.setGravity(9.81); w.setSkin(0.2 * R);
    w.setMaterials([material()]); w.setWallMaterials(0, 0); w.removePlaten();
    const err = catchSim(() => w.insertRandom(new Array(20).fill(R), 0, 0, 20e-3));
    expect(err.code).toBe(4);
    expect(err.message).toMatch(/capacity/);
    expect(err.message).toMatch(/\b10\b/);
    expect(w.count).toBe(10);   // filled up to the capacity, not beyond
    // and one more by hand
    const err2 = catchSim(() => w.addParticle(1e-3, 1e-3, 15e-3, R, 0));
    expect(err2.code).toBe(4);
    expect(err2.message).toMatch(/capacity/);
    expect(w.count).toBe(10);
    // the error is cleared once reported: the world still steps
    w.setTimestep(0.05 * rayleighTime(material(), R));
    expect(w.step(10)).toBe(10);
    w.free();
  });

  it('World.create with capacity 0 (or not a positive integer) throws a RangeError naming capacity', async () => {
    const mod = await loadCoreModuleNode();
    for (const cap of [0, -1, 2.5, Number.NaN]) {
      await expect(World.create(mod, cap)).rejects.toThrow(RangeError);
      await expect(World.create(mod, cap)).rejects.toThrow(/capacity/);
    }
  });
});
