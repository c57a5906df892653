// End-to-end: serve the app with Vite, drive it in headless Chromium (playwright-core + the system
// chromium, see scripts/setup.mjs), and check it against a Node run of the same preset.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { SceneRun } from '../../src/scene/runner';
import { presets } from '../../src/scene/presets';
import { loadCoreModuleNode } from '../../src/core/load-node';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = join(root, 'tests', 'artifacts');
const CHROMIUM = process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium';
const PRESET = 'pour-small';
/**
 * Steps after which the browser and Node hashes are compared. The whole pour-small protocol is
 * ~224k steps (~35 s in Node on a 2-core machine, longer in software-only Chromium), so the test
 * compares at a fixed step count instead, using the worker's {type:'runSteps'} command.
 */
const HASH_STEPS = 20_000;

let server: ViteDevServer;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
let baseUrl: string;
const consoleErrors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

const text = async (id: string) => (await page.textContent(`#${id}`))?.trim() ?? '';
const digits = async (id: string) => Number((await text(id)).replace(/[^0-9]/g, ''));

beforeAll(async () => {
  if (!existsSync(join(root, 'build', 'core.wasm'))) {
    throw new Error('build/core.wasm is missing: run `npm test` (or `npm run build:core`) first.');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`npm test\`, which installs Chromium or explains how.`);
  }
  const port = await freePort();
  server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  });
  await server.listen();
  baseUrl = `http://127.0.0.1:${port}/`;

  userDataDir = mkdtempSync(join(tmpdir(), 'electrode-lab-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 900, height: 700 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`[page] ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`[pageerror] ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) consoleErrors.push(`[http ${res.status()}] ${res.url()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`[worker] ${msg.text()}`);
    }),
  );
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await server?.close().catch(() => {});
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('Electrode Lab page', () => {
  it('loads cross-origin isolated, without console errors, with 1500 particles', async () => {
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, {
      timeout: 60_000,
    });
    expect(await page.title()).toBe('Electrode Lab');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Before the pour the page shows "0 of 1,500 inserted" (a 'fill' step inserts them on start).
    expect(await text('count')).toMatch(/\b1,500\b/);
    expect(await digits('step')).toBe(0);
    expect(await page.isEnabled('#play')).toBe(true);
    expect(await page.isHidden('#error')).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('Start makes the step counter advance', async () => {
    expect(await text('play')).toBe('Start');
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Running');
    await page.waitForFunction(() => Number(document.getElementById('step')!.textContent!.replace(/\D/g, '')) > 0);
    const first = await digits('step');
    await page.waitForFunction(
      (s) => Number(document.getElementById('step')!.textContent!.replace(/\D/g, '')) > s,
      first,
    );
    expect(await digits('step')).toBeGreaterThan(first);
    expect(await text('count')).toBe('1,500');
    expect(await text('play')).toBe('Pause');
    expect(Number((await text('time')).replace(/[^0-9.]/g, ''))).toBeGreaterThan(0);
    expect(await text('protocol')).not.toBe('—');
  });

  it('Pause is handled within 200 ms while running', async () => {
    expect(await text('status')).toBe('Running');
    // Let it run a little longer so that the worker is mid-stream, then time click -> DOM change
    // inside the page (independent of the CDP round trip).
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      const w = window as unknown as { pauseTiming: { click?: number; dom?: number } };
      w.pauseTiming = {};
      const play = document.getElementById('play')!;
      const status = document.getElementById('status')!;
      play.addEventListener('click', () => (w.pauseTiming.click ??= performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (status.textContent === 'Paused') {
          w.pauseTiming.dom ??= performance.now();
          obs.disconnect();
        }
      });
      obs.observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Paused', null, {
      timeout: 5_000,
    });
    const t = await page.evaluate(() => (window as unknown as { pauseTiming: { click: number; dom: number } }).pauseTiming);
    const latency = t.dom - t.click;
    console.log(`[e2e] pause latency: ${latency.toFixed(1)} ms`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(200);
    // ...and it really stopped.
    const step = await digits('step');
    await page.waitForTimeout(400);
    expect(await digits('step')).toBe(step);
    expect(await text('play')).toBe('Resume');
  });

  it(`the world hash after ${HASH_STEPS} steps equals a Node run of the same preset`, async () => {
    // Browser: reset, then exactly HASH_STEPS steps through the worker contract.
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
    await page.evaluate((n) => window.electrodeLab.send({ type: 'runSteps', n }), HASH_STEPS);
    await page.waitForFunction(() => /^-?[0-9a-f]+$/i.test(document.getElementById('hash')?.textContent ?? ''), null, {
      timeout: 150_000,
    });
    const browserHash = await text('hash');
    expect(await digits('step')).toBe(HASH_STEPS);

    // Node: same preset, same core, same step count (chunked differently on purpose).
    const preset = presets.get(PRESET);
    expect(preset).toBeDefined();
    const run = await SceneRun.create(preset!.build(), await loadCoreModuleNode());
    while (run.world.stepCount < HASH_STEPS) {
      const r = run.advance(Math.min(97, HASH_STEPS - run.world.stepCount));
      expect(r.error).toBeUndefined();
      if (r.done) break;
    }
    expect(run.world.stepCount).toBe(HASH_STEPS);
    const nodeHash = run.world.hash();
    console.log(`[e2e] hash after ${HASH_STEPS} steps: browser ${browserHash}, node ${nodeHash}`);
    expect(browserHash).toBe(nodeHash);
  });

  // Opt-in (ELECTRODE_LAB_E2E_FULL=1): the whole protocol, ~224k steps, about a minute per side.
  it.runIf(process.env.ELECTRODE_LAB_E2E_FULL)('the final hash of a full run equals a Node run', async () => {
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Done', null, {
      timeout: 590_000,
      polling: 1000,
    });
    await page.waitForFunction(() => /^-?[0-9a-f]+$/i.test(document.getElementById('hash')?.textContent ?? ''));
    const browserHash = await text('hash');
    const browserSteps = await digits('step');
    const run = await SceneRun.create(presets.get(PRESET)!.build(), await loadCoreModuleNode());
    let r;
    do r = run.advance(2000);
    while (!r.done);
    expect(r.error).toBeUndefined();
    console.log(`[e2e] full run: browser ${browserSteps} steps ${browserHash}, node ${run.world.stepCount} steps ${run.world.hash()}`);
    expect(browserSteps).toBe(run.world.stepCount);
    expect(browserHash).toBe(run.world.hash());
  }, 600_000);

  it('shows worker errors as text in the error box, and Reset recovers', async () => {
    await page.evaluate(() =>
      window.electrodeLab.send({ type: 'load', scene: { version: -1, name: '<img src=x onerror=alert(1)>' } as never }),
    );
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
    const box = await page.$eval('#error', (el) => ({ text: el.textContent ?? '', children: el.children.length }));
    expect(box.text.length).toBeGreaterThan(0);
    expect(box.children).toBe(0); // textContent, never HTML
    expect(await text('status')).toBe('Error');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'page-error.png'), fullPage: true });
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready', null, {
      timeout: 30_000,
    });
    expect(await page.isHidden('#error')).toBe(true);
    expect(await text('count')).toMatch(/\b1,500\b/);
  });

  it('renders cleanly (screenshot in tests/artifacts/)', async () => {
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('step')!.textContent!.replace(/\D/g, '')) > 0);
    await page.waitForTimeout(500);
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Paused');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'page.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
