// The calendering science panels in headless Chromium (WebGL2 on SwiftShader): the PSD panel
// (stats, a CSV error with its line, "use this PSD" loads a calendering scene), the Heckel and
// contact-force plots filling while that scene pours and presses, the two new colour fields, and a
// tiny ternary sweep run from the sweep panel until its map image shows.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { Browser, CHROMIUM, artifacts, root, startServer } from './harness';
import { decodePng } from './png';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

let server: ViteDevServer;
let baseUrl = '';
const b = new Browser();

beforeAll(async () => {
  if (!existsSync(join(root, 'build', 'core.wasm'))) throw new Error('build/core.wasm is missing: run `npm test` first.');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\`.`);
  ({ server, baseUrl } = await startServer());
  await b.open();
});
afterAll(async () => {
  await b.close();
  await server?.close().catch(() => {});
});

describe('science panels', () => {
  it('PSD panel: preset stats, a CSV error names its line, "use this PSD" loads a calendering scene', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=pour-press-small&autoplay=0`);
    await page.click('#psdTool summary');
    await page.selectOption('[data-psd=preset]', 'graphite-large-19');
    const stats = await page.locator('[data-psd=stats] tbody').innerText();
    // log-normal D50 19 µm, span 1.0 (0.98 after the 0.5/99.5 % truncation)
    expect(stats).toMatch(/by volume\s+\S+\s+19\.0\s+\S+\s+(0\.9[5-9]|1\.0\d)/);
    expect(stats).toMatch(/by number/);
    expect(await page.locator('[data-psd=chart] canvas').count()).toBeGreaterThan(0);
    // a pasted CSV with a bad number on line 3
    await page.selectOption('[data-psd=preset]', '(pasted CSV)');
    await page.fill('[data-psd=csv]', 'size_um,Q3\n4,0\n8,abc\n20,100\n');
    await page.click('[data-psd=read]');
    const err = await page.locator('[data-psd=errors]').innerText();
    expect(err).toMatch(/^line 3, column 2: /);
    expect(await page.evaluate(() => window.electrodeLab.science().psdD50)).toBeNull();
    // a good CSV, then a small scene from it
    await page.fill('[data-psd=csv]', 'size_um,Q3\n6,0\n9,20\n12,55\n16,85\n24,100\n');
    await page.click('[data-psd=read]');
    expect(await page.isHidden('[data-psd=errors]')).toBe(true);
    const d50 = await page.evaluate(() => window.electrodeLab.science().psdD50);
    expect(d50! * 1e6).toBeGreaterThan(10);
    expect(d50! * 1e6).toBeLessThan(13);
    await page.fill('[data-psd=count]', '200');
    await page.click('[data-psd=use]');
    await page.waitForFunction(() => window.electrodeLab.scene()?.name === 'calendering-pasted-psd', null, { timeout: 30_000 });
    const scene = await page.evaluate(() => window.electrodeLab.scene());
    expect((scene!.particles as { count: number }).count).toBe(200);
    expect(scene!.protocol.map((p) => p.type)).toEqual(['fill', 'press', 'hold', 'release']);
    expect(b.errors).toEqual([]);
  });

  it('Heckel and force plots fill while the scene pours and presses; forceMax and depth colour the view', async () => {
    const { page } = b;
    await page.click('#play');
    // the fill step's record (contacts at the end of the pour) and compaction points while pressing
    await page.waitForFunction(() => { const s = window.electrodeLab.science(); return s.records >= 1 && s.compaction >= 400 && s.heckelK !== null; }, null, { timeout: 180_000 });
    const s = await page.evaluate(() => window.electrodeLab.science());
    console.log(`[e2e science] records ${s.records} (${s.recordTypes}), compaction points ${s.compaction}, Heckel K ${s.heckelK} 1/Pa, force contacts ${s.forceContacts}`);
    expect(s.forceContacts).toBeGreaterThan(0);
    expect(s.heckelK).toBeGreaterThan(0);
    expect(await page.locator('[data-note=heckel]').innerText()).toMatch(/apparent yield pressure 1\/\(3K\) = [\d.e+-]+ MPa/);
    expect(await page.locator('[data-note=forces]').innerText()).toMatch(/tail β = \d/);
    const csv = await page.evaluate(async () => {
      const heckel = [...document.querySelectorAll('[data-plot="heckel"] canvas')].length;
      return heckel;
    });
    expect(csv).toBeGreaterThan(0);
    // CSV download of the Heckel plot has the fit line and one row per compaction point
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-plot="heckel"] .csv')]);
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# Heckel fit .* K = [\d.e+-]+ 1\/Pa/);
    expect(text.trim().split('\n').length).toBeGreaterThanOrEqual(2 + s.compaction);
    await page.click('#play'); // pause
    for (const field of ['forceMax', 'depth'] as const) {
      const before = await page.evaluate(() => window.electrodeLab.renders());
      await page.evaluate((f) => { window.electrodeLab.settings.field = f; window.electrodeLab.apply(); }, field);
      await page.waitForFunction((f) => window.electrodeLab.legend()?.title.startsWith(f === 'depth' ? 'depth' : 'largest'), field, { timeout: 30_000 });
      await b.nextRender(before);
      const l = await page.evaluate(() => window.electrodeLab.legend()!);
      console.log(`[e2e science] ${field}: ${l.lo.toPrecision(3)}–${l.hi.toPrecision(3)} ${l.unit}`);
      expect(l.hi).toBeGreaterThan(l.lo);
      if (field === 'depth') { expect(l.unit).toBe('µm'); expect(l.lo).toBeGreaterThanOrEqual(0); }
      else expect(l.unit).toMatch(/N$/);
    }
    await b.viewShot('science-depth.png');
    expect(b.errors).toEqual([]);
  });

  it('sweep panel: a tiny sweep (step 0.5, 120 spheres, quick pour) completes and shows its map', async () => {
    const { page } = b;
    await page.click('#sweepTool summary');
    await page.selectOption('[data-sweep=step]', '0.5');
    await page.fill('[data-sweep=count]', '120');
    await page.selectOption('[data-sweep=protocol]', 'quick');
    await page.click('[data-sweep=run]');
    await page.waitForFunction(() => { const s = window.electrodeLab.science(); return s.sweepTotal === 6 && s.sweepDone === 6; }, null, { timeout: 200_000 });
    await page.waitForFunction(() => { const i = document.querySelector('img[data-map=dem]') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 0; }, null, { timeout: 30_000 });
    expect(await page.locator('img[data-map=dem]').getAttribute('src')).toMatch(/^blob:/);
    const shot = await page.locator('img[data-map=dem]').screenshot();
    writeFileSync(join(artifacts, 'science-sweep-map.png'), shot);
    const img = decodePng(shot);
    // the contour map has colour (not a blank or all-white image)
    let coloured = 0;
    for (let i = 0; i < img.width * img.height; i++) {
      const [r, g, bl] = [img.data[4 * i], img.data[4 * i + 1], img.data[4 * i + 2]];
      if (Math.max(r, g, bl) - Math.min(r, g, bl) > 40) coloured++;
    }
    expect(coloured).toBeGreaterThan(0.05 * img.width * img.height);
    expect(await page.locator('[data-sweep=error]').isHidden()).toBe(true);
    expect(await page.locator('[data-sweep=progress] .sci-progress-text').innerText()).toMatch(/^6 blends in/);
    expect(b.errors).toEqual([]);
  });
});
