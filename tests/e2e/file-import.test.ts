// File import (#6) in headless Chromium: the real LIGGGHTS fixtures go in through the file picker
// (page.setInputFiles), are read by src/worker/file.worker.ts and drawn; the gzip trajectory plays
// on the timeline (5 frames); a corrupted dump shows the line of its error and the app keeps going.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { Browser, CHROMIUM, particlePixels, root, startServer } from './harness';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FIX = join(root, 'tests', 'io', 'fixtures');
let server: ViteDevServer;
let baseUrl = '';
let tmp = '';
const b = new Browser();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\`.`);
  ({ server, baseUrl } = await startServer());
  tmp = mkdtempSync(join(tmpdir(), 'electrode-lab-import-'));
  await b.open();
});
afterAll(async () => {
  await b.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await server?.close().catch(() => {});
});

const fileState = () => b.page.evaluate(() => window.electrodeLab.file());

describe('particle file import', () => {
  it('a settled LIGGGHTS pour (units micro, 120 spheres) renders, coloured by any column', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=pour-press-small&autoplay=0`);
    await page.evaluate(() => window.electrodeLab.viewReady);
    await page.waitForFunction(() => window.electrodeLab.renders() > 0, null, { timeout: 60_000 });
    const empty = particlePixels(await b.viewShot('import-before.png'));
    await page.click('#fileTool summary');
    const r0 = await page.evaluate(() => window.electrodeLab.renders());
    await page.setInputFiles('[data-file=input]', join(FIX, 'liggghts-pour-settled.dump'));
    await page.waitForFunction(() => window.electrodeLab.file().mode && window.electrodeLab.stats()?.particles === 120, null, { timeout: 30_000 });
    await b.nextRender(r0);
    const shot = await b.viewShot('import-settled.png');
    const px = particlePixels(shot);
    console.log(`[e2e import] particle pixels: ${empty} before, ${px} after loading`);
    expect(px).toBeGreaterThan(empty + 5000);
    const f = await fileState();
    expect(f.frames).toBe(1);
    for (const c of ['id', 'type', 'x', 'y', 'z', 'radius', 'vx', 'vy', 'vz', 'fx', 'fy', 'fz', 'omegax', 'omegay', 'omegaz']) expect(f.columns).toContain(c);
    expect(f.column).toBe('z');
    let l = await page.evaluate(() => window.electrodeLab.legend());
    expect(l?.title).toBe('z (file column)');
    expect(l?.unit).toBe('µm');
    expect(l!.hi).toBeLessThan(600); // a settled bed of 47.652 µm spheres (µm, not metres: units micro guessed)
    await page.selectOption('[data-file=column]', 'fz');
    await page.waitForFunction(() => window.electrodeLab.legend()?.title.startsWith('fz'), null, { timeout: 10_000 });
    l = await page.evaluate(() => window.electrodeLab.legend());
    expect(l?.unit).toMatch(/N$/);
    expect(await page.isHidden('[data-file=error]')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('the gzip 5-frame trajectory plays on the timeline', async () => {
    const { page } = b;
    await page.setInputFiles('[data-file=input]', join(FIX, 'liggghts-pour-traj.dump.gz'));
    await page.waitForFunction(() => window.electrodeLab.file().name === 'liggghts-pour-traj.dump.gz', null, { timeout: 30_000 });
    expect((await fileState()).frames).toBe(5);
    expect(await page.getAttribute('[data-file=slider]', 'max')).toBe('4');
    const first = await b.viewShot('import-traj-0.png');
    await page.click('[data-file=play]');
    await page.waitForFunction(() => window.electrodeLab.file().frame === 4 && !window.electrodeLab.file().playing, null, { timeout: 30_000 });
    expect(await page.locator('[data-file=frame]').innerText()).toMatch(/^frame 5 of 5 · timestep/);
    await page.waitForTimeout(400);
    const last = await b.viewShot('import-traj-4.png');
    // the pour moved: the last frame looks different from the first
    let diff = 0;
    for (let i = 0; i < first.data.length; i += 4) if (Math.abs(first.data[i] - last.data[i]) + Math.abs(first.data[i + 1] - last.data[i + 1]) > 60) diff++;
    expect(diff).toBeGreaterThan(1000);
    expect(particlePixels(last)).toBeGreaterThan(3000);
    // the slider shows a chosen frame
    await page.locator('[data-file=slider]').fill('2');
    await page.waitForFunction(() => window.electrodeLab.file().frame === 2, null, { timeout: 10_000 });
    expect(b.errors).toEqual([]);
  });

  it('a file dropped on the page loads the same way (drag-and-drop)', async () => {
    const { page } = b;
    const text = readFileSync(join(FIX, 'liggghts-pour-settled.dump'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.dump', { type: 'text/plain' }));
      document.getElementById('view')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => window.electrodeLab.file().name === 'dropped.dump', null, { timeout: 30_000 });
    expect((await fileState()).frames).toBe(1);
    expect(b.errors).toEqual([]);
  });

  it('a corrupted dump reports its line; the loaded file stays and the app keeps running', async () => {
    const { page } = b;
    const lines = readFileSync(join(FIX, 'liggghts-pour-settled.dump'), 'utf8').split('\n');
    lines[19] = lines[19].replace(/^(\S+ \S+ )\S+/, '$1 12.x5');
    const bad = join(tmp, 'corrupted.dump');
    writeFileSync(bad, lines.join('\n'));
    await page.setInputFiles('[data-file=input]', bad);
    await page.waitForSelector('[data-file=error]:not([hidden])', { timeout: 30_000 });
    const msg = await page.locator('[data-file=error]').innerText();
    console.log(`[e2e import] corrupted file: ${msg}`);
    expect(msg).toMatch(/^line 20: /);
    expect((await fileState()).name).toBe('dropped.dump');
    // back to the simulation: the run starts from the preset again
    await page.click('[data-file=leave]');
    await page.waitForFunction(() => !window.electrodeLab.file().mode, null, { timeout: 30_000 });
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('step')!.textContent!.replace(/\D/g, '')) > 0, null, { timeout: 60_000 });
    expect(b.errors).toEqual([]);
  });
});
