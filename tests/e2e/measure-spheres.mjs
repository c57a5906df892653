#!/usr/bin/env node
// Measures the view's frame rate with instanced low-poly spheres vs the impostor experiment
// (?spheres=impostor) at several particle counts, in headless Chromium (software rendering here:
// SwiftShader; the numbers say nothing about users' GPUs, only the ratio is of interest).
// Prints a table; not a test.   node tests/e2e/measure-spheres.mjs [10000,50000] [webgl2,webgpu]
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const counts = (process.argv[2] ?? '10000,50000').split(',').map(Number);
const backends = (process.argv[3] ?? 'webgl2,webgpu').split(',');
const WEBGPU = ['--use-angle=swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader'];
const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', server: { host: '127.0.0.1', port: 47400 + Math.floor(Math.random() * 500), hmr: false } });
await server.listen();
const base = server.resolvedUrls.local[0];
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('backend  spheres    particles  fps    ms/render  triangles  draws');
for (const backend of backends) {
  const dir = mkdtempSync(join(tmpdir(), 'el-measure-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', ...(backend === 'webgpu' ? WEBGPU : [])],
  });
  const page = ctx.pages()[0];
  for (const n of counts) {
    for (const spheres of ['mesh', 'impostor']) {
      await page.goto(`${base}?count=${n}&autoplay=0&continuous=1&renderer=${backend}&spheres=${spheres}`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, { timeout: 120_000 });
      await page.waitForFunction(() => window.electrodeLab.stats() !== null, null, { timeout: 120_000 });
      await page.evaluate(() => window.electrodeLab.send({ type: 'runSteps', n: 1 })); // the fill inserts every particle
      await page.waitForFunction((k) => (window.electrodeLab.stats()?.particles ?? 0) >= k, n, { timeout: 300_000 });
      const t0 = Date.now();
      const r0 = await page.evaluate(() => window.electrodeLab.renders());
      await page.waitForTimeout(n > 20000 ? 20_000 : 10_000);
      const r1 = await page.evaluate(() => window.electrodeLab.renders());
      const s = await page.evaluate(() => window.electrodeLab.stats());
      const fps = ((r1 - r0) * 1000) / (Date.now() - t0);
      if (spheres === 'impostor' && n === counts[0]) await page.screenshot({ path: join(root, 'tests', 'artifacts', `impostor-${backend}.png`) });
      if (spheres === 'mesh' && n === counts[0]) await page.screenshot({ path: join(root, 'tests', 'artifacts', `mesh-${backend}.png`) });
      console.log(`${backend.padEnd(8)} ${spheres.padEnd(10)} ${String(n).padStart(9)}  ${fps.toFixed(2).padStart(5)}  ${s.renderMs.toFixed(1).padStart(9)}  ${String(s.triangles).padStart(9)}  ${String(s.drawCalls).padStart(5)}`);
    }
  }
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await server.close();
