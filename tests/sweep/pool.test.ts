// The sweep machinery: the ternary lattice, and the Node worker-thread pool with its cache.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simplexPoints, ternaryToXY } from '../../src/sweep/ternary';
import { runScenesInParallel } from '../../src/sweep/node-pool';
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { summarize } from '../../src/sweep/summary';

describe('simplexPoints', () => {
  it('step 0.1 gives the 66 blends of three grades, each summing to 1', () => {
    const pts = simplexPoints(0.1);
    expect(pts.length).toBe(66);
    for (const p of pts) expect(Math.abs(p.a + p.b + p.c - 1)).toBeLessThan(1e-15);
    expect(new Set(pts.map((p) => `${p.a},${p.b},${p.c}`)).size).toBe(66);
    expect(simplexPoints(0.05).length).toBe(231);
    expect(() => simplexPoints(0.3)).toThrow(/must divide 1 evenly/);
    expect(ternaryToXY({ a: 0, b: 0, c: 1 }).y).toBeCloseTo(Math.sqrt(3) / 2, 12);
  });
});

describe('runScenesInParallel', () => {
  const D = 1e-4;
  const scene = (seed: number) => ({
    schema: 'electrode-lab/scene', version: 1, name: `pool-${seed}`, seed,
    materials: [{ id: 'b', youngsModulus: 1e6, poissonRatio: 0.3, density: 2500, restitution: 0.3, friction: 0.5 }],
    particles: { kind: 'monodisperse', count: 120, radius: D / 2, material: 'b' },
    domain: { lx: 5 * D, ly: 5 * D, height: 40 * D, insertFraction: 0.3 },
    walls: { collector: { material: 'b' }, platen: { material: 'b' } },
    protocol: [{ type: 'fill', maxTime: 0.05, settleSpeed: 5e-3 }],
  });

  it('runs scenes on worker threads with the same results as in-process, then serves them from the cache', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'el-sweep-'));
    const scenes = [scene(1), scene(2), scene(3)];
    const seen: boolean[] = [];
    const res = await runScenesInParallel(scenes, { threads: 2, cacheDir, onResult: (_k, _r, cached) => seen.push(cached) });
    expect(res.map((r) => r.name)).toEqual(['pool-1', 'pool-2', 'pool-3']);
    expect(seen).toEqual([false, false, false]);
    expect(readdirSync(cacheDir).length).toBe(3);
    // same hash as an in-process run: threads change nothing
    const local = await SceneRun.create(scenes[1], await loadCoreModuleNode());
    local.runToEnd();
    expect(res[1].hash).toBe(summarize(local).hash);
    expect(res[0].hash).not.toBe(res[1].hash);
    const again: boolean[] = [];
    const res2 = await runScenesInParallel(scenes, { threads: 2, cacheDir, onResult: (_k, _r, cached) => again.push(cached) });
    expect(again).toEqual([true, true, true]);
    expect(res2.map((r) => r.hash)).toEqual(res.map((r) => r.hash));
  }, 120_000);
});
