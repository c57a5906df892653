// The browser sweep pool (src/sweep/browser-pool.ts, browser-sweep.ts) in headless Chromium: a small
// ternary sweep runs on Web Workers, gives the same snapshot hashes as Node runs of the same scenes
// (determinism across engines), is served from the cache the second time, and returns the CSV, the
// contour map SVG and a PNG rendered from it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { calenderingScene } from '../../src/scene/calendering';
import { psdPresets } from '../../src/psd';
import { blendScenes } from '../../src/sweep/ternary-sweep';
import { SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { decodePng } from './png';
import { Browser, CHROMIUM, artifacts, startServer } from './harness';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

/** A tiny three-grade blend scene (pour only, soft contacts) so six blends run in seconds. */
function baseScene() {
  const grades = ['graphite-large-19', 'graphite-medium-14', 'graphite-small-11'].map((n) => psdPresets.get(n)!.spec);
  const s = calenderingScene({ name: 'tiny-blend', psd: { kind: 'blend', components: grades.map((psd) => ({ volumeFraction: 1 / 3, psd })) } as never, count: 120, youngsModulus: 2e6, seed: 7 });
  s.protocol = [{ type: 'fill', maxTime: 0.03, settleSpeed: 5e-3 }] as typeof s.protocol;
  return s;
}

let server: ViteDevServer;
let baseUrl = '';
const b = new Browser();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\`, which installs Chromium or explains how.`);
  ({ server, baseUrl } = await startServer());
  await b.open();
});

afterAll(async () => {
  await b.close();
  await server?.close().catch(() => {});
});

describe('browser sweep pool', () => {
  it('runs a ternary sweep on Web Workers with the hashes of Node runs, caches it, and renders the map', async () => {
    const base = baseScene();
    const rows = blendScenes(base, 0.5);
    expect(rows.length).toBe(6);
    const { page, errors } = b;
    await page.goto(`${baseUrl}tests/e2e/blank.html`);
    // a string, not a function: vitest would rewrite a dynamic import() inside a function body
    const out = (await page.evaluate(`(async (scene) => {
      const m = await import('/src/sweep/browser-sweep.ts');
      const p = await import('/src/sweep/browser-pool.ts');
      const first = [];
      const r1 = await m.runTernarySweepInBrowser(scene, 0.5, { workers: 2, metric: 'solidFraction', onResult: (_k, _r, cached) => first.push(cached) });
      const second = [];
      await p.runScenesInBrowser(r1.rows.map((r) => r.scene), { workers: 2, onResult: (_k, _r, cached) => second.push(cached) });
      const png = new Uint8Array(await (await m.svgToPng(r1.demSvg, 1)).arrayBuffer());
      return { hashes: r1.results.map((r) => r.hash), errors: r1.results.map((r) => r.error), csv: r1.csv, svg: r1.demSvg, first, second, png: Array.from(png) };
    })(${JSON.stringify(base)})`)) as { hashes: string[]; errors: (string | null)[]; csv: string; svg: string; first: boolean[]; second: boolean[]; png: number[] };
    expect(errors).toEqual([]);
    expect(out.errors.every((e) => e === null)).toBe(true);
    expect(out.first).toEqual([false, false, false, false, false, false]);
    expect(out.second).toEqual([true, true, true, true, true, true]);
    expect(out.csv.trim().split('\n').length).toBe(7);
    expect(out.svg).toContain('<svg');
    expect(out.svg).not.toContain('no finite values');
    // the same scenes in Node: identical snapshot hashes (determinism across engines)
    const mod = await loadCoreModuleNode();
    for (const k of [0, 5]) {
      const run = await SceneRun.create(rows[k].scene, mod);
      run.runToEnd();
      expect(out.hashes[k]).toBe(run.world.hash());
      run.world.free();
    }
    expect(new Set(out.hashes).size).toBe(6);
    const png = Buffer.from(out.png);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'ternary-browser.png'), png);
    const img = decodePng(png);
    expect(img.width).toBe(640);
    expect(img.height).toBe(640);
  });
});
