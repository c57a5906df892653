// Shared e2e helpers for the topic files (science, file import, interlayer): a Vite dev server on a
// free port and one headless Chromium (SwiftShader WebGL2, no GPU) with a page whose console
// errors (page and workers) are collected. tests/e2e/page.test.ts keeps its own copy of the same
// set-up (it also runs the WebGPU flags).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { countUnlike, decodePng, type Image } from './png';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = join(root, 'tests', 'artifacts');
export const CHROMIUM = process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };
/** Background of the 3-D view in the default theme (#52576e, src/view/viewer.ts). */
export const BG: [number, number, number] = [0x52, 0x57, 0x6e];
const FLAGS = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); });
  });
}

/** Starts Vite on a free port; returns the server and its base URL. */
export async function startServer(): Promise<{ server: ViteDevServer; baseUrl: string }> {
  const port = await freePort();
  const server = await createServer({
    root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  });
  await server.listen();
  mkdirSync(artifacts, { recursive: true });
  return { server, baseUrl: `http://127.0.0.1:${port}/` };
}

export class Browser {
  context!: BrowserContext;
  page!: Page;
  errors: string[] = [];
  private dir = '';

  async open(flags: string[] = []): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'electrode-lab-e2e-'));
    this.context = await chromium.launchPersistentContext(this.dir, {
      executablePath: CHROMIUM, headless: true, viewport: VIEWPORT, args: [...FLAGS, ...flags], acceptDownloads: true,
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

  /** The 3-D view as the user sees it (screenshot of #view), decoded; saved under tests/artifacts. */
  async viewShot(name: string): Promise<Image> {
    const png = await this.page.locator('#view').screenshot({ path: join(artifacts, name) });
    return decodePng(png);
  }

  /** Waits until the view has rendered at least once more. */
  async nextRender(after: number): Promise<void> {
    await this.page.waitForFunction((k) => window.electrodeLab.renders() > k, after, { timeout: 60_000 });
    await this.page.waitForTimeout(300);
  }
}

/** Pixels of the view's centre that differ from the background (particles, not the empty box). */
export function particlePixels(img: Image): number {
  const rect = { x: Math.round(img.width * 0.2), y: Math.round(img.height * 0.2), w: Math.round(img.width * 0.6), h: Math.round(img.height * 0.7) };
  return countUnlike(img, BG, 40, rect);
}
