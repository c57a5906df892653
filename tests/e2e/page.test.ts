// End-to-end: serve the app with Vite, drive it in headless Chromium (playwright-core + the system
// chromium, see scripts/setup.mjs) twice: without WebGPU flags (three's WebGL2 fallback) and with
// the four flags that make WebGPU render on SwiftShader. Checks the viewer by pixels (screenshots
// and exported PNGs, decoded in tests/e2e/png.ts) and the core against a Node run of the same
// preset (world hash). Screenshots go to tests/artifacts/ (gitignored): look at them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { SceneRun } from '../../src/scene/runner';
import { presets } from '../../src/scene/presets';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { countNear, countUnlike, decodePng, diffFraction, pngSize, type Image } from './png';
import { readFileSync } from 'node:fs';
import { parseDumpText } from '../../src/io/dump-reader';
import { readVtp } from '../../src/io/vtp';
import { validateScene } from '../../src/scene/validate';
import { benchScene } from '../../src/scene/presets';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = join(root, 'tests', 'artifacts');
const CHROMIUM = process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium';
/** The landing page's preset (src/main.ts). */
const LANDING_PRESET = 'calendering-wide';
/** The small preset most checks run on (1,500 spheres inserted at once: quick in software rendering). */
const DEFAULT_PRESET = 'pour-press-small';
/**
 * Steps after which the browser and Node hashes are compared. The whole protocol is several
 * hundred thousand steps, so the test compares at a fixed step count through the worker's
 * {type:'runSteps'} command.
 */
const HASH_STEPS = 20_000;
const VIEWPORT = { width: 1280, height: 800 };
/** Background of the 3-D view in the default theme (#52576e, src/view/viewer.ts). */
const BG: [number, number, number] = [0x52, 0x57, 0x6e];
const BASE_FLAGS = [
  '--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];
const WEBGPU_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader'];

let server: ViteDevServer;
let baseUrl: string;

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
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await server?.close().catch(() => {});
});

/** One Chromium with one page, collecting console errors of page and worker. */
class Browser {
  context!: BrowserContext;
  page!: Page;
  errors: string[] = [];
  private dir = '';

  async open(flags: string[]): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'electrode-lab-e2e-'));
    this.context = await chromium.launchPersistentContext(this.dir, {
      executablePath: CHROMIUM, headless: true, viewport: VIEWPORT, args: [...BASE_FLAGS, ...flags],
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    const p = this.page;
    p.on('console', (msg) => { if (msg.type() === 'error') this.errors.push(`[page] ${msg.text()}`); });
    p.on('pageerror', (err) => this.errors.push(`[pageerror] ${err.message}`));
    p.on('response', (res) => { if (res.status() >= 400) this.errors.push(`[http ${res.status()}] ${res.url()}`); });
    p.on('worker', (w) => w.on('console', (msg) => { if (msg.type() === 'error') this.errors.push(`[worker] ${msg.text()}`); }));
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => {});
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  text = async (id: string) => (await this.page.textContent(`#${id}`))?.trim() ?? '';
  digits = async (id: string) => Number((await this.text(id)).replace(/[^0-9]/g, ''));
  status = (s: string, timeout = 60_000) =>
    this.page.waitForFunction((want) => document.getElementById('status')?.textContent === want, s, { timeout });

  /** Waits until the view has rendered at least once more (after a state change). */
  async nextRender(after: number): Promise<void> {
    await this.page.waitForFunction((k) => window.electrodeLab.renders() > k, after, { timeout: 60_000 });
    await this.page.waitForTimeout(300); // let the compositor present it
  }

  /** The 3-D view as the user sees it (screenshot of #view, overlay included), decoded. */
  async viewShot(name: string): Promise<Image> {
    const png = await this.page.locator('#view').screenshot({ path: join(artifacts, name) });
    return decodePng(png);
  }

  /** The lil-gui controller whose name is exactly `label`. */
  private control(label: string) {
    return this.page.locator('#gui .lil-controller').filter({ has: this.page.locator('.lil-name', { hasText: new RegExp(`^${label}$`) }) });
  }
  async selectGui(label: string, option: string): Promise<void> {
    await this.control(label).locator('select').selectOption({ label: option });
  }
  async checkGui(label: string): Promise<void> {
    await this.control(label).locator('input[type=checkbox]').check();
  }
  async openFolder(title: string): Promise<void> {
    const folder = this.page.locator('#gui .lil-title', { hasText: title }).first();
    if ((await folder.getAttribute('aria-expanded')) === 'false') await folder.click();
  }
}

/** Particles: many pixels of the view's centre are neither background nor grey furniture. */
function particlePixels(img: Image): number {
  const rect = { x: Math.round(img.width * 0.2), y: Math.round(img.height * 0.2), w: Math.round(img.width * 0.6), h: Math.round(img.height * 0.7) };
  return countUnlike(img, BG, 40, rect);
}

/**
 * Coloured pixels (max − min channel > 40: particles coloured by a field, the legend's colour bar; not the
 * grey-blue background or the grey furniture) in columns x0–x1 and rows y0–y1, every second pixel each way.
 */
function colouredPixels(img: Image, x0: number, x1: number, y0 = 0, y1 = img.height): number {
  let n = 0;
  for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) {
    const i = 4 * (y * img.width + x); const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
  }
  return n;
}

/** The steps every backend must pass; `tag` names the artifacts. */
function viewerChecks(b: Browser, tag: 'webgl2' | 'webgpu', exportScale: number) {
  it('loads cross-origin isolated, reports the backend and starts the pour by itself', async () => {
    const { page } = b;
    await page.goto(baseUrl);
    expect(await page.title()).toBe('Electrode Lab');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.waitForFunction(() => document.getElementById('backend')?.dataset.backend, null, { timeout: 90_000 });
    expect(await page.$eval('#backend', (el) => (el as HTMLElement).dataset.backend)).toBe(tag);
    expect(await b.text('backend')).toMatch(tag === 'webgpu' ? /^WebGPU/ : /^WebGL2/);
    await b.status('Running');
    // the landing page runs the calendering demo by itself
    expect(await page.evaluate(() => window.electrodeLab.preset())).toBe(LANDING_PRESET);
    await page.waitForFunction(() => /\b2,000\b/.test(document.getElementById('count')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await page.isHidden('#error')).toBe(true);
    // the checks below run on the small preset
    await page.goto(`${baseUrl}?preset=${DEFAULT_PRESET}`);
    await b.status('Running');
    expect(await page.evaluate(() => window.electrodeLab.preset())).toBe(DEFAULT_PRESET);
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '1,500', null, { timeout: 30_000 });
    expect(await page.isHidden('#error')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('running advances the step counter and updates the plots', async () => {
    const { page } = b;
    const s0 = await b.digits('step');
    const n0 = await page.evaluate(() => window.electrodeLab.sampleCount());
    const chart0 = await page.$eval('[data-plot="phiTime"] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    await page.waitForFunction((k) => window.electrodeLab.sampleCount() > k + 2, n0, { timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(await b.digits('step')).toBeGreaterThan(s0);
    const chart1 = await page.$eval('[data-plot="phiTime"] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    expect(chart1).not.toBe(chart0);
    expect(Number(await b.text('time'))).toBeGreaterThan(0);
    expect(await b.text('protocol')).not.toBe('—');
    // the progress line names the protocol step and either a percentage with an ETA or "estimating"
    const eta = await b.text('eta');
    console.log(`[e2e ${tag}] progress: ${eta.replace(/\n/g, ' | ')}`);
    expect(eta).toMatch(/^Step 1 of 4: pour until the rms speed < 1 mm\/s · (estimating…|\d+ % · (about .* left|estimating…))\nthen 3 more: 3 not estimated until they start$/);
  });

  it('a click (Pause) is handled within 200 ms during a run', async () => {
    const { page } = b;
    expect(await b.text('status')).toBe('Running');
    await page.evaluate(() => {
      const w = window as unknown as { pauseTiming: { click?: number; dom?: number } };
      w.pauseTiming = {};
      const play = document.getElementById('play')!;
      const status = document.getElementById('status')!;
      play.addEventListener('click', () => (w.pauseTiming.click ??= performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (status.textContent === 'Paused') { w.pauseTiming.dom ??= performance.now(); obs.disconnect(); }
      });
      obs.observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#play');
    await b.status('Paused', 5_000);
    const t = await page.evaluate(() => (window as unknown as { pauseTiming: { click: number; dom: number } }).pauseTiming);
    const latency = t.dom - t.click;
    console.log(`[e2e ${tag}] pause latency: ${latency.toFixed(1)} ms`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(200);
    const step = await b.digits('step');
    await page.waitForTimeout(400);
    expect(await b.digits('step')).toBe(step);
    expect(await b.text('play')).toBe('Resume');
  });

  let before: Image;
  it('the canvas shows particles', async () => {
    const r = await b.page.evaluate(() => window.electrodeLab.renders());
    await b.page.evaluate(() => window.electrodeLab.redraw());
    await b.nextRender(r);
    before = await b.viewShot(`view-${tag}.png`);
    const n = particlePixels(before);
    console.log(`[e2e ${tag}] non-background pixels in the view centre: ${n} of ${before.width * before.height}`);
    expect(n).toBeGreaterThan(0.03 * before.width * before.height);
    const stats = await b.page.evaluate(() => window.electrodeLab.stats());
    console.log(`[e2e ${tag}] ${JSON.stringify(stats)}`);
  });

  it('changing the colour field changes the picture and the legend', async () => {
    const { page } = b;
    expect((await page.evaluate(() => window.electrodeLab.legend()))?.title).toMatch(/pressure/);
    const r = await page.evaluate(() => window.electrodeLab.renders());
    await b.selectGui('colour by', 'height z');
    await page.waitForFunction(() => window.electrodeLab.legend()?.title === 'height z', null, { timeout: 30_000 });
    await b.nextRender(r);
    const legend = await page.evaluate(() => window.electrodeLab.legend());
    expect(legend?.unit).toBe('µm');
    const after = await b.viewShot(`view-${tag}-height.png`);
    const d = diffFraction(before, after);
    console.log(`[e2e ${tag}] colour field change: ${(100 * d).toFixed(1)} % of pixels changed`);
    expect(d).toBeGreaterThan(0.01);
    before = after;
  });

  it('the clipping plane changes the picture', async () => {
    const { page } = b;
    const r = await page.evaluate(() => window.electrodeLab.renders());
    await b.checkGui('cut');
    await b.nextRender(r);
    const after = await b.viewShot(`view-${tag}-clipped.png`);
    const d = diffFraction(before, after);
    console.log(`[e2e ${tag}] clipping: ${(100 * d).toFixed(1)} % of pixels changed`);
    expect(d).toBeGreaterThan(0.01);
    expect(particlePixels(after)).toBeGreaterThan(0.01 * after.width * after.height);
  });

  it(`a ${exportScale}× PNG export has the requested size, particles and a legend`, async () => {
    const { page } = b;
    const view = await page.evaluate(() => window.electrodeLab.viewSize());
    const t0 = Date.now();
    const r = await page.evaluate((scale) => window.electrodeLab.exportPng({
      scale, transparent: false, title: 'Electrode Lab e2e', legend: true, scaleBar: true,
    }), exportScale);
    console.log(`[e2e ${tag}] ${r.width}×${r.height} export took ${Date.now() - t0} ms ${r.note}`);
    const png = Buffer.from(r.base64, 'base64');
    writeFileSync(join(artifacts, `export-${exportScale}x-${tag}.png`), png);
    expect(pngSize(png)).toEqual({ width: exportScale * view.w, height: exportScale * view.h });
    expect(r.note).toBe('');
    const img = decodePng(png);
    expect(particlePixels(img)).toBeGreaterThan(0.01 * img.width * img.height);
    // the legend (bottom-right) shows both ends of viridis
    const corner = { x: Math.round(img.width * 0.45), y: Math.round(img.height * 0.8), w: img.width, h: img.height };
    expect(countNear(img, [0x44, 0x01, 0x54], 20, corner)).toBeGreaterThan(50);
    expect(countNear(img, [0xfd, 0xe7, 0x25], 20, corner)).toBeGreaterThan(50);
    // and the page still renders at its own size afterwards
    const n = await page.evaluate(() => window.electrodeLab.renders());
    await page.evaluate(() => window.electrodeLab.redraw());
    await b.nextRender(n);
    expect(await page.evaluate(() => window.electrodeLab.viewSize())).toEqual(view);
    expect(b.errors).toEqual([]);
  });
}

describe('WebGL2 fallback (Chromium without WebGPU flags)', () => {
  const b = new Browser();
  beforeAll(() => b.open([]));
  afterAll(() => b.close());

  viewerChecks(b, 'webgl2', 4);

  it(`the world hash after ${HASH_STEPS} steps equals a Node run of the same preset`, async () => {
    const { page } = b;
    await page.click('#reset');
    await b.status('Ready');
    await page.evaluate((n) => window.electrodeLab.send({ type: 'runSteps', n }), HASH_STEPS);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/i.test(document.getElementById('hash')?.textContent ?? ''), null, {
      timeout: 150_000,
    });
    const browserHash = await b.text('hash');
    expect(await b.digits('step')).toBe(HASH_STEPS);

    // Node: same preset, same core, same step count (chunked differently on purpose).
    const run = await SceneRun.create(presets.get(DEFAULT_PRESET)!.build(), await loadCoreModuleNode());
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

  it('exports the particles as CSV, LIGGGHTS dump and VTK .vtp, and the scene as JSON (downloads)', async () => {
    const { page } = b;
    await b.openFolder('Export data');
    const save = async (label: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('#gui .lil-controller button', { hasText: label }).click()]);
      const file = join(artifacts, dl.suggestedFilename());
      await dl.saveAs(file);
      return { name: dl.suggestedFilename(), text: readFileSync(file, 'utf8') };
    };
    const csv = await save('Particles: CSV');
    expect(csv.name).toBe(`electrode-lab-${DEFAULT_PRESET}-step${HASH_STEPS}.csv`);
    const rows = csv.text.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^id,type,x \[m\],y \[m\],z \[m\],radius \[m\],vx \[m\/s\]/);
    expect(rows).toHaveLength(1 + 1500);
    expect(rows.slice(1).every((r) => Number(r.split(',')[5]) === 5e-6)).toBe(true);
    const dump = await save('Particles: LIGGGHTS dump');
    const [frame] = parseDumpText(dump.text);
    expect(frame.count).toBe(1500);
    expect(frame.timestep).toBe(HASH_STEPS);
    expect(frame.radius![0]).toBe(5e-6);
    const vtp = await save('Particles: VTK .vtp');
    expect(readVtp(vtp.text).count).toBe(1500);
    const sceneFile = await save('Scene: JSON');
    const scene = JSON.parse(sceneFile.text);
    expect(validateScene(scene).ok).toBe(true);
    expect(scene).toEqual(await page.evaluate(() => window.electrodeLab.scene()));
    console.log(`[e2e export] ${csv.name} ${csv.text.length} B, ${dump.name} ${dump.text.length} B, ${vtp.name} ${vtp.text.length} B, ${sceneFile.name} ${sceneFile.text.length} B`);
    expect(b.errors).toEqual([]);
  });

  it('records a WebM of the running scene with the legend composited into each frame', async () => {
    const { page } = b;
    await page.click('#play');
    await b.status('Running');
    await b.openFolder('Record video');
    const button = (label: string) => page.locator('#gui .lil-controller button', { hasText: label });
    await button('● Record WebM').click();
    await page.waitForTimeout(2500);
    const frame = await page.evaluate(() => window.electrodeLab.videoFrame());
    expect(frame).toMatch(/^data:image\/png;base64,/);
    const img = decodePng(Buffer.from(frame!.split(',')[1], 'base64'));
    writeFileSync(join(artifacts, 'video-frame.png'), Buffer.from(frame!.split(',')[1], 'base64'));
    const corner = { x: Math.round(img.width * 0.45), y: Math.round(img.height * 0.8), w: img.width, h: img.height };
    expect(countNear(img, [0x44, 0x01, 0x54], 20, corner)).toBeGreaterThan(20); // viridis ends: the legend
    expect(countNear(img, [0xfd, 0xe7, 0x25], 20, corner)).toBeGreaterThan(20);
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button('■ Stop and save WebM').click()]);
    const file = join(artifacts, 'recording.webm');
    await dl.saveAs(file);
    const bytes = readFileSync(file);
    console.log(`[e2e video] ${dl.suggestedFilename()}: ${bytes.length} bytes; ${await b.text('footer')}`);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML magic: a WebM/Matroska file
    expect(bytes.length).toBeGreaterThan(1000);
    expect(dl.suggestedFilename()).toMatch(/\.webm$/);
    await page.click('#play');
    await b.status('Paused');
    expect(b.errors).toEqual([]);
  });

  // Opt-in (ELECTRODE_LAB_E2E_FULL=1): the whole protocol in the browser and in Node.
  it.runIf(process.env.ELECTRODE_LAB_E2E_FULL)('the final hash of a full run equals a Node run', async () => {
    const { page } = b;
    await page.click('#reset');
    await b.status('Ready');
    await page.click('#play');
    await b.status('Done', 590_000);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/i.test(document.getElementById('hash')?.textContent ?? ''));
    const browserHash = await b.text('hash');
    const browserSteps = await b.digits('step');
    const run = await SceneRun.create(presets.get(DEFAULT_PRESET)!.build(), await loadCoreModuleNode());
    let r;
    do r = run.advance(2000);
    while (!r.done);
    expect(r.error).toBeUndefined();
    console.log(`[e2e] full run: browser ${browserSteps} steps ${browserHash}, node ${run.world.stepCount} steps ${run.world.hash()}`);
    expect(browserSteps).toBe(run.world.stepCount);
    expect(browserHash).toBe(run.world.hash());
  }, 600_000);

  it('shows worker errors as text in the error box, and Reset recovers', async () => {
    const { page } = b;
    await page.evaluate(() =>
      window.electrodeLab.send({ type: 'load', scene: { version: -1, name: '<img src=x onerror=alert(1)>' } as never }),
    );
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
    const box = await page.$eval('#error', (el) => ({ text: el.textContent ?? '', children: el.children.length }));
    expect(box.text).toMatch(/Invalid scene/);
    expect(box.children).toBe(0); // textContent, never HTML
    expect(await b.text('status')).toBe('Error');
    await page.screenshot({ path: join(artifacts, 'page-error.png') });
    await page.click('#reset');
    await b.status('Ready', 30_000);
    expect(await page.isHidden('#error')).toBe(true);
    expect(await b.text('count')).toMatch(/\b1,500\b/);
  });

  it('renders cleanly in the projector profile (screenshot in tests/artifacts/)', async () => {
    const { page } = b;
    await page.click('#play');
    await b.status('Running');
    await page.waitForTimeout(1500);
    await page.click('#play');
    await b.status('Paused');
    await b.openFolder('Display');
    const r = await page.evaluate(() => window.electrodeLab.renders());
    await b.checkGui('projector profile');
    await b.nextRender(r);
    await page.screenshot({ path: join(artifacts, 'page-projector.png') });
    expect(await page.evaluate(() => document.body.classList.contains('projector'))).toBe(true);
    expect(b.errors).toEqual([]);
  });
});

describe('WebGPU (Chromium with the SwiftShader WebGPU flags)', () => {
  const b = new Browser();
  beforeAll(() => b.open(WEBGPU_FLAGS));
  afterAll(() => b.close());

  viewerChecks(b, 'webgpu', 2);

  it('renders cleanly (screenshot in tests/artifacts/)', async () => {
    await b.page.screenshot({ path: join(artifacts, 'page-webgpu.png') });
    expect(b.errors).toEqual([]);
  });
});

describe('Share links and parameter editing (WebGL2)', () => {
  const b = new Browser();
  beforeAll(() => b.open([]));
  afterAll(() => b.close());
  const SHARE_STEPS = 3000;

  /** Runs `n` steps from Ready and returns the world hash the worker reports. */
  async function hashAfter(n: number): Promise<string> {
    const { page } = b;
    await page.evaluate((k) => window.electrodeLab.send({ type: 'runSteps', n: k }), n);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/i.test(document.getElementById('hash')?.textContent ?? ''), null, { timeout: 120_000 });
    expect(await b.digits('step')).toBe(n);
    return b.text('hash');
  }

  it('a shared URL reproduces the scene: same hash after N steps as a fresh run (browser and Node)', async () => {
    const { page } = b;
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl.replace(/\/$/, '') });
    await page.goto(`${baseUrl}?preset=${DEFAULT_PRESET}&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => document.getElementById('backend')?.dataset.backend, null, { timeout: 90_000 });
    // a scene that is not a preset (seed 7, friction 0.3): it must travel in the link itself
    const scene = await page.evaluate(() => {
      const s = structuredClone(window.electrodeLab.scene()!);
      s.seed = 7;
      s.materials[0].friction = 0.3;
      return s;
    });
    await page.evaluate((s) => window.electrodeLab.loadScene(s), scene);
    await page.waitForFunction(() => window.electrodeLab.scene()?.seed === 7, null, { timeout: 30_000 });
    await b.status('Ready');
    await b.selectGui('colour by', 'height z');
    await b.checkGui('cut');
    await b.openFolder('Camera');
    await page.locator('#gui .lil-controller button', { hasText: 'top view' }).click();
    await page.click('#copyLink');
    await page.waitForFunction(() => (document.getElementById('shareLink') as HTMLInputElement).value.startsWith('http'));
    const link = await page.$eval('#shareLink', (el) => (el as HTMLInputElement).value);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    console.log(`[e2e share] link: ${link.length} characters: ${link.slice(0, 120)}…`);
    expect(link).toMatch(/[?&]scene=[A-Za-z0-9_-]+/);
    expect(link).toMatch(/[?&]seed=7(&|$)/);
    const camera = await page.evaluate(() => window.electrodeLab.camera());
    const fresh = await hashAfter(SHARE_STEPS);

    await page.goto(`${link}&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => document.getElementById('backend')?.dataset.backend, null, { timeout: 90_000 });
    expect(await page.isHidden('#notice')).toBe(true);
    expect(await page.evaluate(() => window.electrodeLab.scene())).toEqual(scene);
    const s = await page.evaluate(() => ({ field: window.electrodeLab.settings.field, clip: { ...window.electrodeLab.settings.clip } }));
    expect(s.field).toBe('height');
    expect(s.clip.enabled).toBe(true);
    await page.waitForFunction(() => window.electrodeLab.camera() !== null);
    const cam2 = (await page.evaluate(() => window.electrodeLab.camera()))!;
    for (let k = 0; k < 3; k++) {
      expect(cam2.position[k]).toBeCloseTo(camera!.position[k], 3);
      expect(cam2.target[k]).toBeCloseTo(camera!.target[k], 3);
    }
    const r = await page.evaluate(() => window.electrodeLab.renders());
    await page.evaluate(() => window.electrodeLab.redraw());
    await b.nextRender(r);
    await b.viewShot('share-restored.png');
    const shared = await hashAfter(SHARE_STEPS);

    const run = await SceneRun.create(scene, await loadCoreModuleNode());
    run.advance(SHARE_STEPS);
    expect(run.world.stepCount).toBe(SHARE_STEPS);
    console.log(`[e2e share] hash after ${SHARE_STEPS} steps: original ${fresh}, shared link ${shared}, node ${run.world.hash()}`);
    expect(shared).toBe(fresh);
    expect(run.world.hash()).toBe(fresh);
    expect(b.errors).toEqual([]);
  });

  it('scene parameters: an invalid value is refused with the validator reason, a valid one applies and reloads', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=${DEFAULT_PRESET}&autoplay=0`);
    await b.status('Ready');
    await b.openFolder('Scene parameters');
    await b.openFolder('materials (2)');
    await b.openFolder('graphite');
    const nu = page.locator('[data-path="materials[0].poissonRatio"] input');
    await nu.fill('0.7');
    await nu.press('Enter');
    const err = page.locator('[data-path="materials[0].poissonRatio"] + .param-error');
    await err.waitFor({ timeout: 5_000 });
    const text = (await err.textContent()) ?? '';
    console.log(`[e2e params] ${text}`);
    expect(text).toMatch(/^Refused "0.7": .*poissonRatio.*0\.5/);
    expect(await nu.inputValue()).toBe('0.3'); // put back
    expect(await page.locator('.param-apply button').isDisabled()).toBe(true); // nothing to apply
    await err.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'params-refused.png') });

    const mu = page.locator('[data-path="materials[0].friction"] input');
    await mu.fill('0.3');
    await mu.press('Enter');
    expect(await page.locator('[data-path="materials[0].friction"] + .param-error').count()).toBe(0);
    await page.locator('.param-apply button').click();
    await page.waitForFunction(() => window.electrodeLab.scene()?.materials[0].friction === 0.3, null, { timeout: 30_000 });
    await b.status('Ready');
    expect(await b.text('scene')).toMatch(/edited/);
    expect(await page.isHidden('#error')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('the calendering guided tour steps through captions that set the view up and state the limits', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=calendering-wide&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => document.getElementById('backend')?.dataset.backend, null, { timeout: 90_000 });
    await page.click('#tourButton');
    const caption = async () => ({
      title: (await page.textContent('#tour .tour-title')) ?? '',
      text: (await page.textContent('#tour .tour-text')) ?? '',
      count: (await page.textContent('#tour .tour-count')) ?? '',
    });
    const seen = [];
    for (let k = 0; k < 5; k++) {
      const c = await caption();
      seen.push(c);
      expect(c.count).toBe(`${k + 1} / 5`);
      const s = await page.evaluate(() => ({ field: window.electrodeLab.settings.field, clip: window.electrodeLab.settings.clip.enabled, net: window.electrodeLab.settings.network.enabled }));
      if (k === 0) expect(s.field).toBe('diameter');
      if (k === 2) expect(s.net).toBe(true);
      if (k === 3) expect([s.field, s.clip, s.net]).toEqual(['vonMises', true, false]);
      if (k === 3) {
        const r = await page.evaluate(() => window.electrodeLab.renders());
        await page.evaluate(() => window.electrodeLab.redraw());
        await b.nextRender(r);
        await page.screenshot({ path: join(artifacts, 'tour-step4.png') });
      }
      await page.click('#tour .tour-next');
    }
    console.log(`[e2e tour] ${seen.map((c) => c.title).join(' | ')}`);
    expect(seen[4].text).toMatch(/Spheres, not graphite flakes/);
    expect(seen[4].text).toMatch(/No binder/);
    expect(seen[4].text).toMatch(/overlap/);
    expect(await page.isHidden('#tour')).toBe(true); // 'Done' closes it
    expect(await page.$eval('#tour', (el) => el.querySelectorAll('img,script,a').length)).toBe(0);
    // no tour for scenes without one
    await page.goto(`${baseUrl}?preset=pour-small&autoplay=0`);
    await b.status('Ready');
    expect(await page.isHidden('#tourButton')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('a malformed URL shows what is wrong (as text) and loads the default scene', async () => {
    const { page } = b;
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    const q = 'scene=%25%25not-a-scene&seed=x1&field=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&cam=1,2&clip=y,50,1';
    await page.goto(`${baseUrl}?${q}&autoplay=0`);
    await page.waitForSelector('#notice:not([hidden])', { timeout: 30_000 });
    await b.status('Ready');
    const box = await page.$eval('#notice', (el) => ({ text: el.textContent ?? '', children: el.children.length }));
    console.log(`[e2e share] notice: ${box.text}`);
    for (const p of ['scene', 'seed', 'field', 'cam']) expect(box.text).toContain(`URL parameter '${p}'`);
    expect(box.text).toContain('<img src=x onerror=alert(1)>');
    expect(box.children).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await page.evaluate(() => window.electrodeLab.preset())).toBe(LANDING_PRESET);
    expect(await b.text('count')).toMatch(/\b2,000\b/);
    // the valid parameter of the same link (clip) is kept
    expect(await page.evaluate(() => window.electrodeLab.settings.clip.enabled)).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'page-bad-link.png') });
    expect(dialogs).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('Contact-force network (WebGL2)', () => {
  const b = new Browser();
  beforeAll(() => b.open([]));
  afterAll(() => b.close());
  const N = 300, STEPS = 40_000;

  it('draws force chains from the contacts the worker sends, and leaves the run unchanged (hash = Node)', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=${DEFAULT_PRESET}&count=${N}&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => document.getElementById('backend')?.dataset.backend, null, { timeout: 90_000 });
    await b.openFolder('Force network');
    await b.checkGui('show contact forces');
    await page.evaluate((n) => window.electrodeLab.send({ type: 'runSteps', n }), STEPS);
    await page.waitForFunction(() => /^[0-9a-f]{16}$/i.test(document.getElementById('hash')?.textContent ?? ''), null, { timeout: 150_000 });
    const hash = await b.text('hash');
    const run = await SceneRun.create(benchScene(N), await loadCoreModuleNode());
    run.advance(STEPS);
    expect(run.world.stepCount).toBe(STEPS);
    console.log(`[e2e network] hash after ${STEPS} steps with the network on: browser ${hash}, node ${run.world.hash()}; protocol ${await b.text('protocol')}`);
    expect(hash).toBe(run.world.hash());

    await page.waitForFunction(() => (window.electrodeLab.network()?.drawn ?? 0) > 0, null, { timeout: 30_000 });
    const stats = (await page.evaluate(() => window.electrodeLab.network()))!;
    console.log(`[e2e network] ${JSON.stringify(stats)}`);
    const forces = run.world.contactForces().force; // Node's last diagnostic step is the same state
    expect(stats.contacts).toBe(forces.length);
    expect(stats.max).toBeCloseTo(Math.max(...forces), 6 - Math.round(Math.log10(Math.max(...forces))));
    expect((await page.evaluate(() => window.electrodeLab.legend()))?.note).toMatch(/force network: \|F\| ≥ 1·⟨F⟩/);
    let r = await page.evaluate(() => window.electrodeLab.renders());
    await page.evaluate(() => window.electrodeLab.redraw());
    await b.nextRender(r);
    const withNet = await b.viewShot('network-webgl2.png');
    r = await page.evaluate(() => window.electrodeLab.renders());
    await page.locator('#gui .lil-controller').filter({ hasText: 'show contact forces' }).locator('input').uncheck();
    await b.nextRender(r);
    const without = await b.viewShot('network-off-webgl2.png');
    const d = diffFraction(withNet, without);
    console.log(`[e2e network] network on/off: ${(100 * d).toFixed(1)} % of pixels differ`);
    expect(d).toBeGreaterThan(0.01);
    expect(b.errors).toEqual([]);
  });
});

describe('Compare mode (WebGL2)', () => {
  const b = new Browser();
  beforeAll(() => b.open([]));
  afterAll(() => b.close());

  it('shows two scenes side by side with linked cameras and one colour range', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?compare=calendering-narrow,calendering-wide&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => (window.electrodeLab.companion()?.renders ?? 0) > 0, null, { timeout: 90_000 });
    expect(await page.locator('#view .pane canvas.view-canvas').count()).toBe(2);
    expect(await page.isHidden('#notice')).toBe(true);
    // the parameter editor applies to the left scene, and says so
    expect(await page.getByText('Scene parameters (left scene)', { exact: true }).count()).toBe(1);
    await b.selectGui('colour by', 'height z');
    await page.click('#stepOnce'); // 500 steps in both scenes: the fill inserts the particles
    await page.waitForFunction(() => {
      const a = window.electrodeLab.legend(), c = window.electrodeLab.companion()?.legend;
      return a?.title === 'height z' && c?.title === 'height z' && a.hi === c.hi && a.lo === c.lo && window.electrodeLab.ownRanges().length === 2
        && window.electrodeLab.ownRanges().every((r) => r.field === 'height');
    }, null, { timeout: 60_000 });
    const a = (await page.evaluate(() => window.electrodeLab.legend()))!;
    const own = await page.evaluate(() => window.electrodeLab.ownRanges());
    console.log(`[e2e compare] own ranges (m): ${JSON.stringify(own)}; shared legend: ${a.lo}–${a.hi} ${a.unit}`);
    expect(own[0].hi).not.toBe(own[1].hi); // two different beds…
    expect(a.lo).toBeCloseTo(Math.min(own[0].lo, own[1].lo) * 1e6, 6); // …one range: the union (µm)
    expect(a.hi).toBeCloseTo(Math.max(own[0].hi, own[1].hi) * 1e6, 6);
    expect(a.note).toMatch(/of both scenes/);

    // linked cameras: a preset view and a drag on the left view move the right one too
    await b.openFolder('Camera');
    await page.locator('#gui .lil-controller button', { hasText: 'top view' }).click();
    const same = async () => {
      const [c1, c2] = await page.evaluate(() => [window.electrodeLab.camera(), window.electrodeLab.companion()!.camera]);
      for (let k = 0; k < 3; k++) {
        expect(c2!.position[k]).toBeCloseTo(c1!.position[k], 6);
        expect(c2!.target[k]).toBeCloseTo(c1!.target[k], 6);
      }
      return c1!;
    };
    const top = await same();
    const box = (await page.locator('#view .pane[data-pane="a"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const dragged = await same();
    expect(dragged.position).not.toEqual(top.position);
    const r = await page.evaluate(() => window.electrodeLab.renders());
    await page.evaluate(() => window.electrodeLab.redraw());
    await b.nextRender(r);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(artifacts, 'compare.png') });

    // PNG export in compare mode: both scenes side by side, each with its legend and its preset's title
    const paneSize = async (side: string) => { const r = (await page.locator(`#view .pane[data-pane="${side}"] canvas.view-canvas`).boundingBox())!; return { w: Math.round(r.width), h: Math.round(r.height) }; };
    const [pa, pb] = [await paneSize('a'), await paneSize('b')];
    const r2 = await page.evaluate(() => window.electrodeLab.exportPng({ scale: 2, transparent: false, title: 'e2e', legend: true, scaleBar: true }));
    const png = Buffer.from(r2.base64, 'base64');
    writeFileSync(join(artifacts, 'compare-export-2x.png'), png);
    console.log(`[e2e compare] export ${r2.width}×${r2.height} from panes ${pa.w}×${pa.h} + ${pb.w}×${pb.h} ${r2.note}`);
    expect(Math.abs(r2.width - 2 * (pa.w + pb.w))).toBeLessThanOrEqual(4);
    expect(Math.abs(r2.height - 2 * pa.h)).toBeLessThanOrEqual(2);
    const img = decodePng(png);
    const halfPixels = (x0: number, x1: number) => colouredPixels(img, x0, x1); // particles coloured by height, legend
    const left = halfPixels(0, Math.floor(img.width / 2)), right = halfPixels(Math.floor(img.width / 2), img.width);
    console.log(`[e2e compare] coloured pixels left ${left}, right ${right}`);
    expect(left).toBeGreaterThan(500);
    expect(right).toBeGreaterThan(500);
    expect(b.errors).toEqual([]);
  });

  it('records one WebM with both scenes side by side, each with its legend', async () => {
    const { page } = b;
    // self-contained (runs alone with -t): a fresh compare page, coloured by height, particles inserted
    await page.goto(`${baseUrl}?compare=calendering-narrow,calendering-wide&autoplay=0`);
    await b.status('Ready');
    await page.waitForFunction(() => (window.electrodeLab.companion()?.renders ?? 0) > 0, null, { timeout: 90_000 });
    await b.selectGui('colour by', 'height z');
    await page.click('#stepOnce');
    await page.waitForFunction(() => {
      const a = window.electrodeLab.legend(), c = window.electrodeLab.companion()?.legend;
      return a?.title === 'height z' && c?.title === 'height z' && window.electrodeLab.ownRanges().length === 2;
    }, null, { timeout: 60_000 });
    await b.status('Paused');
    // the two views' canvases (device px; the test page has devicePixelRatio 1)
    const [ca, cb] = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('#view .pane canvas.view-canvas')].map((c) => ({ w: c.width, h: c.height, pane: (c.closest('.pane') as HTMLElement).dataset.pane })));
    expect([ca.pane, cb.pane]).toEqual(['a', 'b']);

    await page.click('#play');
    await b.status('Running');
    await b.openFolder('Record video');
    const button = (label: string) => page.locator('#gui .lil-controller button', { hasText: label });
    const [ra, rb] = await page.evaluate(() => [window.electrodeLab.renders(), window.electrodeLab.companion()!.renders]);
    await button('● Record WebM').click();
    // both views render (and composite into the video) a few times while the scenes run
    await page.waitForFunction(([a, c]) => window.electrodeLab.renders() >= a + 3 && window.electrodeLab.companion()!.renders >= c + 3, [ra, rb], { timeout: 60_000 });
    await page.waitForTimeout(500);
    const frame = await page.evaluate(() => window.electrodeLab.videoFrame());
    expect(frame).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(frame!.split(',')[1], 'base64');
    writeFileSync(join(artifacts, 'compare-video-frame.png'), png);
    const img = decodePng(png);
    // the joined width: the left pane at its size, the right one scaled to the left's height, even sizes
    const wb = Math.round(cb.w * (ca.h / cb.h));
    const joined = (ca.w + wb) & ~1;
    console.log(`[e2e compare video] frame ${img.width}×${img.height} from canvases ${ca.w}×${ca.h} + ${cb.w}×${cb.h}`);
    expect(img.width).toBe(joined);
    expect(img.height).toBe(ca.h & ~1);
    expect(img.width).toBeGreaterThan(1.5 * ca.w); // not the left pane alone

    // particles in both halves (rows above the legend), and each half's own legend in its bottom-right corner
    const split = ca.w;
    const top = Math.round(img.height * 0.6);
    const left = colouredPixels(img, 0, split, 0, top), right = colouredPixels(img, split, img.width, 0, top);
    const legendIn = (x0: number, x1: number) => {
      // the bottom strip (below the scale bar and the beds: the legend's colour bar only)
      const corner = { x: x0, y: Math.round(img.height * 0.87), w: x1 - x0, h: img.height };
      return Math.min(countNear(img, [0x44, 0x01, 0x54], 20, corner), countNear(img, [0xfd, 0xe7, 0x25], 20, corner)); // viridis ends
    };
    const [legendA, legendB] = [legendIn(0, split), legendIn(split, img.width)];
    console.log(`[e2e compare video] coloured pixels (top 60 %) left ${left}, right ${right}; legend end pixels left ${legendA}, right ${legendB}`);
    expect(left).toBeGreaterThan(500);
    expect(right).toBeGreaterThan(500);
    expect(legendA).toBeGreaterThan(20);
    expect(legendB).toBeGreaterThan(20);

    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button('■ Stop and save WebM').click()]);
    const file = join(artifacts, 'compare-recording.webm');
    await dl.saveAs(file);
    const bytes = readFileSync(file);
    console.log(`[e2e compare video] ${dl.suggestedFilename()}: ${bytes.length} bytes; ${await b.text('footer')}`);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML magic: a WebM/Matroska file
    expect(bytes.length).toBeGreaterThan(1000);
    expect(dl.suggestedFilename()).toMatch(/^electrode-lab-calendering-narrow-vs-calendering-wide-.*\.webm$/);
    expect(await page.evaluate(() => window.electrodeLab.videoFrame())).toBeNull();
    await page.click('#play');
    await b.status('Paused');
    expect(b.errors).toEqual([]);
  });
});

describe('Impostor spheres (?spheres=impostor)', () => {
  for (const [tag, flags] of [['webgl2', []], ['webgpu', WEBGPU_FLAGS]] as const) {
    it(`draw the particles in ${tag} with 2 triangles each`, async () => {
      const b = new Browser();
      await b.open([...flags]);
      try {
        const { page } = b;
        await page.goto(`${baseUrl}?preset=${DEFAULT_PRESET}&spheres=impostor&autoplay=0&field=height`);
        await b.status('Ready');
        await page.waitForFunction(() => window.electrodeLab.stats() !== null, null, { timeout: 90_000 });
        await page.evaluate(() => window.electrodeLab.send({ type: 'runSteps', n: 1 }));
        await page.waitForFunction(() => (window.electrodeLab.stats()?.particles ?? 0) === 1500, null, { timeout: 60_000 });
        await page.waitForFunction(() => (window.electrodeLab.stats()?.triangles ?? 0) > 0, null, { timeout: 30_000 });
        const r = await page.evaluate(() => window.electrodeLab.renders());
        await page.evaluate(() => window.electrodeLab.redraw());
        await b.nextRender(r);
        const img = await b.viewShot(`impostors-${tag}.png`);
        const stats = (await page.evaluate(() => window.electrodeLab.stats()))!;
        console.log(`[e2e impostors ${tag}] ${stats.triangles} triangles, ${particlePixels(img)} particle pixels`);
        expect(stats.triangles).toBeLessThan(3 * 1500 + 100); // 2 per particle + the furniture
        expect(particlePixels(img)).toBeGreaterThan(0.03 * img.width * img.height);
        expect(b.errors).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }
});
