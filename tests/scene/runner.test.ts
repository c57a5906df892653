// The protocol runner: a servo-held platen reaches its set pressure, the collector then carries the
// platen load plus the bed's weight (static force balance; the box is periodic laterally, so no side
// walls take any load), and results do not depend on how callers split their advance() calls.
import { describe, it, expect } from 'vitest';
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';

const D = 1e-4;
function scene(protocol: unknown[], seed = 1) {
  return {
    schema: 'electrode-lab/scene', version: 1, name: 'runner-test', seed,
    materials: [{ id: 'bead', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.3, friction: 0.3 }],
    particles: { kind: 'monodisperse', count: 400, radius: D / 2, material: 'bead' },
    domain: { lx: 6 * D, ly: 6 * D, height: 60 * D, insertFraction: 0.3 },
    walls: { collector: { material: 'bead' }, platen: { material: 'bead' } },
    protocol,
  };
}

describe('SceneRun', () => {
  it('servo holds the set pressure; collector = platen + weight / area', async () => {
    const p = 200; // Pa
    const run = await SceneRun.create(scene([
      { type: 'fill', maxTime: 0.3, settleSpeed: 1e-3 },
      { type: 'servo', pressure: p, time: 0.05 },
      { type: 'hold', time: 0.02 },
    ]), await loadCoreModuleNode());
    run.runToEnd();
    expect(run.error).toBeUndefined();
    const servo = run.records[1], hold = run.records[2];
    const area = 36 * D * D;
    const weight = 400 * 2500 * (Math.PI / 6) * D ** 3 * 9.81;
    console.log(`servo: platen ${servo.end.platenPressure.toFixed(2)} Pa (set ${p}); hold: collector ${hold.end.collectorPressure.toFixed(2)} Pa vs ${(hold.end.platenPressure + weight / area).toFixed(2)} Pa`);
    expect(Math.abs(servo.end.platenPressure - p) / p).toBeLessThan(0.05);
    // at rest the collector must carry the platen load plus the weight (1 % for residual motion)
    const expected = hold.end.platenPressure + weight / area;
    expect(Math.abs(hold.end.collectorPressure - expected) / expected).toBeLessThan(0.01);
    expect(run.records.map((r) => r.type)).toEqual(['fill', 'servo', 'hold']);
  }, 120_000);

  it('gives the same hash however advance() calls are split', async () => {
    const protocol = [{ type: 'fill', maxTime: 0.004, settleSpeed: 1e-6 }, { type: 'press', velocity: 0.05, until: { solidFraction: 0.5 }, maxTime: 0.002 }];
    const mod = await loadCoreModuleNode();
    const a = await SceneRun.create(scene(protocol), mod);
    a.runToEnd(undefined, 2000);
    const b = await SceneRun.create(scene(protocol), mod);
    b.runToEnd(undefined, 97);
    expect(a.error).toBeUndefined();
    expect(b.world.stepCount).toBe(a.world.stepCount);
    expect(b.world.hash()).toBe(a.world.hash());
  }, 120_000);

  it('reports a bad scene with every problem named', async () => {
    const bad = scene([{ type: 'fill', maxTime: 0.1, settleSpeed: 1e-3 }]) as any;
    bad.materials[0].poissonRatio = 0.5;
    bad.materials[0].youngsModulus = -1;
    await expect(SceneRun.create(bad, await loadCoreModuleNode())).rejects.toThrow(/poissonRatio[\s\S]*youngsModulus|youngsModulus[\s\S]*poissonRatio/);
  });
});

describe('SceneRun calendering steps', () => {
  it('tapping densifies a poured bed; pressing stops at the target density with I capped', async () => {
    const mod = await loadCoreModuleNode();
    const base = scene([]) as any;
    const run = await SceneRun.create({
      ...base,
      protocol: [
        { type: 'fill', maxTime: 0.3, settleSpeed: 1e-3 },
        { type: 'tap', cycles: 5, height: 1e-3, settleSpeed: 1e-3, maxTime: 0.1 },
        { type: 'press', velocity: 0.05, until: { density: 1550 }, maxTime: 0.5, inertialNumber: 1e-2 },
      ],
    }, mod);
    run.runToEnd();
    expect(run.error).toBeUndefined();
    const [fill, tap, press] = run.records;
    console.log(`poured φ = ${fill.end.solidFraction.toFixed(4)}, tapped φ = ${tap.end.solidFraction.toFixed(4)}, pressed ρ = ${press.end.density.toFixed(1)} kg/m³`);
    expect(tap.outcome).toBe('reached');
    expect(tap.end.solidFraction).toBeGreaterThan(fill.end.solidFraction);   // tapping compacts
    expect(press.outcome).toBe('reached');
    expect(press.end.density).toBeGreaterThanOrEqual(1550);
    expect(press.end.density).toBeLessThan(1550 * 1.01);                     // stopped close to the target
    // once loaded, the platen keeps I near or below the cap (one check interval of lag allowed)
    const loaded = run.compaction.filter((c) => c.pressure > 0.5 * press.end.platenPressure);
    expect(loaded.length).toBeGreaterThan(3);
    expect(Math.max(...loaded.slice(1).map((c) => c.inertialNumber))).toBeLessThan(2e-2);
    // once the platen carries load, the compaction curve is monotonic in density (the platen only descends)
    const curve = run.compaction.filter((c) => c.pressure > 0);
    expect(curve.length).toBeGreaterThan(5);
    for (let k = 1; k < curve.length; k++) expect(curve[k].density).toBeGreaterThanOrEqual(curve[k - 1].density);
    // the pressed record's depth profile: every particle counted once, a packed bulk, the load carried through it
    const prof = press.profile;
    expect(prof.z.length).toBe(12);
    expect(prof.count.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.97 * run.world.count);
    const bulk = prof.solidFraction.slice(2, 10);
    expect(Math.min(...bulk)).toBeGreaterThan(0.5);
    expect(Math.max(...bulk)).toBeLessThan(0.8);
    expect(Math.min(...prof.pressure.slice(1, 11))).toBeGreaterThan(0);
  }, 180_000);
});
