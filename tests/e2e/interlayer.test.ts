// The interlayer mode (#5) in headless Chromium (WebGL2 on SwiftShader): ?preset=interlayer-65MPa-small
// forms the DEM scaffold, hands over to the voxel grid and plates lithium in a Web Worker; the Li
// voxels show in the view (the picture changes when they are hidden), the inventory plot gains
// points, the mechanism map gets the deposits, and the tour has three captions; the 3-D view saves as a PNG
// (legend, scale bar, title; transparent background on request).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { Browser, CHROMIUM, root, startServer } from './harness';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

let server: ViteDevServer;
let baseUrl = '';
const b = new Browser();

beforeAll(async () => {
  for (const f of ['core.wasm', 'kmc.wasm']) if (!existsSync(join(root, 'build', f))) throw new Error(`build/${f} is missing: run \`npm test\` first.`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\`.`);
  ({ server, baseUrl } = await startServer());
  await b.open();
});
afterAll(async () => {
  await b.close();
  await server?.close().catch(() => {});
});

type IlState = { scaffoldSource?: 'file' | 'dem' | null; doneSeconds?: number; plotted: number; stage: string; done: boolean; error: string | null; liVoxels: number; spheres: number; inventoryPoints: number; mapDeposits: number; renders: number; capacity: number; atCollectorShare: number | null; tour: { open: boolean; step: number } };
const state = () => b.page.evaluate(() => (window.electrodeLab as unknown as { interlayer(): IlState }).interlayer());

describe('interlayer mode', () => {
  it('runs the small 65 MPa preset: scaffold, lithium voxels and the inventory plot', async () => {
    const { page } = b;
    const t0 = Date.now();
    await page.goto(`${baseUrl}?preset=interlayer-65MPa-small`);
    await page.waitForFunction(() => (window.electrodeLab as unknown as { interlayer?: () => unknown }).interlayer !== undefined, null, { timeout: 60_000 });
    await page.waitForFunction(() => (window.electrodeLab as unknown as { interlayer(): IlState }).interlayer().spheres > 0, null, { timeout: 120_000 });
    // the inventory plot gains points while plating
    await page.waitForFunction(() => (window.electrodeLab as unknown as { interlayer(): IlState }).interlayer().inventoryPoints >= 3, null, { timeout: 180_000 });
    // the picture first, then the state: the picture shows at most mid.plotted points
    const chartA = await page.$eval('[data-il=inventory] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    const mid = await state();
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer(): IlState }).interlayer(); return s.done || s.error !== null; }, null, { timeout: 200_000 });
    const s = await state();
    console.log(`[e2e interlayer] ${((Date.now() - t0) / 1000).toFixed(0)} s: ${s.spheres} spheres, ${s.liVoxels} Li voxels, ${s.inventoryPoints} samples, ${s.mapDeposits} deposit sizes, ${(100 * (s.atCollectorShare ?? NaN)).toFixed(1)} % at the collector`);
    expect(s.error).toBeNull();
    // the inventory plot draws every plating sample (40 at equal charge + the one at zero charge)
    expect(s.inventoryPoints).toBe(41);
    expect(s.plotted).toBe(s.inventoryPoints);
    if (mid.plotted < s.plotted) expect(await page.$eval('[data-il=inventory] canvas', (c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(chartA);
    expect(s.liVoxels).toBeGreaterThan(100);
    expect(s.mapDeposits).toBeGreaterThan(0);
    expect(s.capacity).toBeGreaterThan(0.9);
    // "commuters to the suburbs": most of the Li ends at the collector
    expect(s.atCollectorShare!).toBeGreaterThan(0.5);
    expect(await page.locator('[data-il=map] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-il=legend]').innerText()).toMatch(/pore size.*\[nm\]/s);
    // Li voxels in the picture: a cut through the layer with and without them differs
    await page.check('[data-il=cut]');
    const shot = async (name: string) => {
      const r = (await state()).renders;
      await page.waitForFunction((k) => (window.electrodeLab as unknown as { interlayer(): IlState }).interlayer().renders > k, r, { timeout: 30_000 }).catch(() => {});
      await page.waitForTimeout(300);
      return page.locator('#view').screenshot({ path: join(root, 'tests', 'artifacts', name) });
    };
    const { decodePng } = await import('./png');
    await page.evaluate(() => (window.electrodeLab as unknown as { interlayerLithium(on: boolean): void }).interlayerLithium(false));
    const without = decodePng(await shot('interlayer-no-li.png'));
    await page.evaluate(() => (window.electrodeLab as unknown as { interlayerLithium(on: boolean): void }).interlayerLithium(true));
    const withLi = decodePng(await shot('interlayer-li.png'));
    let diff = 0;
    for (let i = 0; i < withLi.data.length; i += 4) if (Math.abs(withLi.data[i] - without.data[i]) + Math.abs(withLi.data[i + 1] - without.data[i + 1]) + Math.abs(withLi.data[i + 2] - without.data[i + 2]) > 60) diff++;
    console.log(`[e2e interlayer] pixels changed by the Li voxels: ${diff}`);
    expect(diff).toBeGreaterThan(2000);
    expect(b.errors).toEqual([]);
  });

  it('the guided tour has three captions and sets the flow-stress colouring on the last', async () => {
    const { page } = b;
    await page.screenshot({ path: join(root, 'tests', 'artifacts', 'interlayer-page.png') });
    await page.click('[data-il=tour]');
    expect(await page.locator('#tour .tour-count').innerText()).toBe('1 / 3');
    expect(await page.locator('#tour .tour-title').innerText()).toBe('Commuters to the suburbs');
    await page.click('#tour .tour-next');
    await page.click('#tour .tour-next');
    expect(await page.locator('#tour .tour-count').innerText()).toBe('3 / 3');
    expect(await page.inputValue('[data-il=colour]')).toBe('flowStress');
    const legendAt = async () => (await page.locator('[data-il=legend] .il-legend-ticks').innerText()).split(/\s+/).map(Number);
    const [, hi0] = await legendAt();
    // δD slider: a faster interface diffusion makes Coble creep easier, so Li flows at lower stress (σ_C ∝ 1/δD)
    await page.locator('[data-il=dD]').fill('-20');
    await page.waitForFunction(() => Math.abs((window.electrodeLab as unknown as { interlayer(): { mapDd: number } }).interlayer().mapDd - 1e-20) < 1e-24, null, { timeout: 10_000 });
    const [, hi1] = await legendAt();
    console.log(`[e2e interlayer] highest Li flow stress: ${hi0} MPa at δD 1e-22, ${hi1} MPa at 1e-20 m³/s`);
    expect(hi1).toBeLessThan(hi0);
    expect(await page.locator('[data-il=dDValue]').innerText()).toMatch(/^1\.0e-20 m³\/s \(run: 1\.0e-22\)/);
    expect(b.errors).toEqual([]);
  });

  it('full 0.5 µm slab from the saved 65 MPa scaffold: no DEM, plates 1 mAh/cm² in the page (time printed, not asserted)', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=interlayer-65MPa`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => IlState }).interlayer?.(); return s !== undefined && (s.done || s.error !== null); }, null, { timeout: 200_000 });
    const s = await state();
    const status = await page.locator('[data-il=status]').innerText();
    console.log(`[e2e interlayer] full 65 MPa from public/scaffolds: plated ${s.capacity.toFixed(3)} mAh/cm² in ${s.doneSeconds?.toFixed(1)} s (worker: hand-over + plating), ${s.spheres} spheres, ${s.liVoxels} Li voxels, ${(100 * (s.atCollectorShare ?? NaN)).toFixed(1)} % at the collector`);
    expect(s.error).toBeNull();
    expect(s.scaffoldSource).toBe('file');
    expect(s.spheres).toBe(6067);          // 3,107 Si + 2,960 CNT beads (docs/model.md §14.6)
    expect(s.capacity).toBeCloseTo(1, 3);
    // as the CLI on the same scaffold (Node, docs/model.md §14.6): 99.1 % at the collector side
    expect(s.atCollectorShare!).toBeGreaterThan(0.95);
    expect(status).toMatch(/Done in/);
    expect(b.errors).toEqual([]);
  });

  it('a link carries the seed and δD; bad values are named and the defaults used', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=bare-cell&seed=7&dD=1e-21`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => IlState }).interlayer?.(); return s !== undefined && (s.done || s.error !== null); }, null, { timeout: 120_000 });
    expect(await page.inputValue('[data-il=seed]')).toBe('7');
    expect(await page.locator('[data-il=dDValue]').innerText()).toMatch(/^1\.0e-21 m³\/s/);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('7');
    expect((await state()).error).toBeNull();
    await page.goto(`${baseUrl}?preset=bare-cell&seed=-3&dD=banana`);
    await page.waitForFunction(() => !(document.querySelector('[data-il=error]') as HTMLElement | null)?.hidden, null, { timeout: 60_000 });
    const msg = await page.locator('[data-il=error]').innerText();
    expect(msg).toMatch(/seed "-3" must be a whole number from 0 to 4,294,967,295/);
    expect(msg).toMatch(/dD "banana" \(Coble interface diffusivity\) must be from 1e-26 to 1e-16 m³\/s/);
    expect(await page.inputValue('[data-il=seed]')).toBe('1');
    expect(msg).not.toMatch(/stack/);
    // any stack pressure (issue #5): the small scaffold forms live at 20 MPa, between the paper's 5 and 65
    await page.goto(`${baseUrl}?preset=interlayer-65MPa-small&stack=20`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => IlState }).interlayer?.(); return s !== undefined && (s.done || s.error !== null); }, null, { timeout: 200_000 });
    expect((await state()).error).toBeNull();
    expect(await page.inputValue('[data-il=stack]')).toBe('20');
    expect(new URL(page.url()).searchParams.get('stack')).toBe('20');
    expect(await page.locator('[data-il=numbers]').innerText()).toMatch(/stack set to 20\.0 MPa/);
    await page.goto(`${baseUrl}?preset=bare-cell&stack=5`);
    await page.waitForFunction(() => !(document.querySelector('[data-il=error]') as HTMLElement | null)?.hidden, null, { timeout: 60_000 });
    expect(await page.locator('[data-il=error]').innerText()).toMatch(/stack "5" applies only to the Li3\.75Si–CNT presets/);
    expect(await page.locator('[data-il=stack]').isDisabled()).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('cycles: the full 65 MPa interlayer plates, strips all of it back through the MIEC, and plates again', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=interlayer-65MPa&cycles=1`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => IlState }).interlayer?.(); return s !== undefined && (s.done || s.error !== null); }, null, { timeout: 200_000 });
    const s = await state() as IlState & { cycles: number; cycleRecords: { efficiency: number; contactLost: boolean; left: number }[]; stripSamples: number };
    const status = await page.locator('[data-il=status]').innerText();
    console.log(`[e2e interlayer] 65 MPa, 1 cycle of 1 mAh/cm²: ${s.doneSeconds?.toFixed(1)} s; ${status.slice(status.indexOf('Cycles'))}`);
    expect(s.error).toBeNull();
    expect(s.cycles).toBe(1);
    expect(await page.inputValue('[data-il=cycles]')).toBe('1');
    expect(new URL(page.url()).searchParams.get('cycles')).toBe('1');
    // 40 samples per half-cycle after the one at zero; every one plotted
    expect(s.inventoryPoints).toBe(1 + 3 * 40);
    expect(s.stripSamples).toBe(40);
    expect(s.plotted).toBe(s.inventoryPoints);
    // as in Node (tests/interlayer/cycles.test.ts): the MIEC gives back all the Li, and the run ends plated
    expect(s.cycleRecords).toHaveLength(1);
    expect(s.cycleRecords[0].contactLost).toBe(false);
    expect(s.cycleRecords[0].efficiency).toBeGreaterThan(0.999);
    expect(s.capacity).toBeCloseTo(1, 3);
    expect(status).toMatch(/Cycles \(stripped \/ plated\): 100\.0 %/);
    await page.goto(`${baseUrl}?preset=bare-cell&cycles=99`);
    await page.waitForFunction(() => !(document.querySelector('[data-il=error]') as HTMLElement | null)?.hidden, null, { timeout: 60_000 });
    expect(await page.locator('[data-il=error]').innerText()).toMatch(/cycles "99" must be a whole number from 0 to 20/);
    expect(await page.inputValue('[data-il=cycles]')).toBe('0');
    expect(b.errors).toEqual([]);
  });

  it('saves the 3-D view as a PNG at 2×: Li colours, the log-scale legend and scale bar, transparent background on request', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}?preset=bare-cell`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => IlState }).interlayer?.(); return s !== undefined && (s.done || s.error !== null); }, null, { timeout: 120_000 });
    expect((await state()).error).toBeNull();
    // the control is in the View panel
    expect(await page.locator('.il-controls [data-il=savePng]').count()).toBe(1);
    type Png = { width: number; height: number; note: string; title: string; base64: string };
    const css = () => page.evaluate(() => { const c = document.querySelector('#view canvas.view-canvas') as HTMLCanvasElement; const r = c.getBoundingClientRect(); return { w: Math.round(r.width), h: Math.round(r.height), bw: c.width, bh: c.height }; });
    const before = await css();
    const t0 = Date.now();
    const r = await page.evaluate(() => (window.electrodeLab as unknown as { interlayerPng(s: number, t: boolean): Promise<Png> }).interlayerPng(2, false));
    const ms = Date.now() - t0;
    const png = Buffer.from(r.base64, 'base64');
    writeFileSync(join(root, 'tests', 'artifacts', 'interlayer-export-2x.png'), png);
    const { decodePng, countNear } = await import('./png');
    const img = decodePng(png);
    expect(r.note).toBe('');
    expect({ w: img.width, h: img.height }).toEqual({ w: 2 * before.w, h: 2 * before.h });
    expect(r.title).toMatch(/^Bare SUS\/SE cell \(no interlayer\) · 1\.00 mAh\/cm² plated$/);
    // the Li voxels in viridis (log pore size), shaded: a pixel is a viridis colour × a light factor (0.35–1.3);
    // counted over the scene's rows (below the title, above the legend), with the Li shown and hidden
    const { lut } = await import('../../src/view/colormaps');
    const table = Array.from(lut('viridis'), (v) => 255 * v);
    const viridis = (im: typeof img, tol = 12) => {
      let n = 0;
      for (let y = Math.round(0.12 * im.height); y < Math.round(0.7 * im.height); y++) for (let x = 0; x < im.width; x++) {
        const o = 4 * (y * im.width + x), r = im.data[o], g = im.data[o + 1], bl = im.data[o + 2];
        for (let k = 0; k < 256; k += 4) {
          const cr = table[3 * k], cg = table[3 * k + 1], cb = table[3 * k + 2];
          const f = (r * cr + g * cg + bl * cb) / (cr * cr + cg * cg + cb * cb);
          if (f >= 0.35 && f <= 1.3 && Math.max(Math.abs(r - f * cr), Math.abs(g - f * cg), Math.abs(bl - f * cb)) <= tol) { n++; break; }
        }
      }
      return n;
    };
    type Hook = { interlayerPng(s: number, t: boolean): Promise<Png>; interlayerLithium(on: boolean): void };
    const scene = viridis(img);
    await page.evaluate(() => (window.electrodeLab as unknown as Hook).interlayerLithium(false));
    const noLi = decodePng(Buffer.from((await page.evaluate(() => (window.electrodeLab as unknown as Hook).interlayerPng(2, false))).base64, 'base64'));
    await page.evaluate(() => (window.electrodeLab as unknown as Hook).interlayerLithium(true));
    const sceneNoLi = viridis(noLi);
    const corner = { x: Math.round(img.width * 0.5), y: Math.round(img.height * 0.75), w: img.width, h: img.height };
    const ends = [countNear(img, [0x44, 0x01, 0x54], 20, corner), countNear(img, [0xfd, 0xe7, 0x25], 20, corner)];
    // transparent: the background is alpha 0 (an opaque export has none)
    const t = decodePng(Buffer.from((await page.evaluate(() => (window.electrodeLab as unknown as Hook).interlayerPng(2, true))).base64, 'base64'));
    const clear = (im: typeof img) => { let n = 0; for (let o = 3; o < im.data.length; o += 4) if (im.data[o] === 0) n++; return n / (im.width * im.height); };
    console.log(`[e2e interlayer] PNG ${img.width}×${img.height} from a ${before.w}×${before.h} view in ${ms} ms; viridis pixels in the scene ${scene} (${sceneNoLi} with the Li hidden), legend ends ${ends.join(' / ')}; transparent background ${(100 * clear(t)).toFixed(1)} % of the transparent export, ${(100 * clear(img)).toFixed(1)} % of the opaque one`);
    expect(scene).toBeGreaterThan(2000);
    expect(sceneNoLi).toBeLessThan(scene / 4);
    expect(Math.min(...ends)).toBeGreaterThan(50);
    expect({ w: t.width, h: t.height }).toEqual({ w: img.width, h: img.height });
    expect(clear(img)).toBe(0);
    expect(clear(t)).toBeGreaterThan(0.2);
    // top-left corner: nothing drawn there
    expect(t.data[3]).toBe(0);
    // the view is back at its own size, and the Save PNG button downloads a file named after the preset
    expect(await css()).toEqual(before);
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-il=savePng]')]);
    expect(dl.suggestedFilename()).toMatch(/^electrode-lab-interlayer-bare-cell-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.png$/);
    expect(await page.locator('[data-il=error]').isHidden()).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('compare: the 65 MPa interlayer beside the bare cell — one Start, linked cameras, both in the picture', async () => {
    const { page } = b;
    type Cmp = IlState & { compare: null | { preset: string; done: boolean; error: string | null; liVoxels: number; spheres: number; contactFraction: number | null; atCollectorShare: number | null } };
    await page.goto(`${baseUrl}?compare=interlayer-65MPa,bare-cell`);
    await page.waitForFunction(() => { const s = (window.electrodeLab as unknown as { interlayer?: () => Cmp }).interlayer?.();
      return s !== undefined && ((s.done && s.compare?.done) || s.error !== null || !!s.compare?.error); }, null, { timeout: 200_000 });
    const s = await page.evaluate(() => (window.electrodeLab as unknown as { interlayer(): Cmp }).interlayer());
    console.log(`[e2e interlayer] compare: 65 MPa ${(100 * (s.atCollectorShare ?? NaN)).toFixed(1)} % at the collector; bare cell contact ${(100 * (s.compare?.contactFraction ?? NaN)).toFixed(1)} %, ${s.compare?.liVoxels} Li voxels`);
    expect(s.error).toBeNull();
    expect(s.compare).not.toBeNull();
    expect(s.compare!.error).toBeNull();
    expect(s.compare!.preset).toBe('bare-cell');
    expect(await page.locator('#view canvas').count()).toBe(2);
    // the paper's contrast, side by side: Li at the collector on the left, Li against the electrolyte on the right
    expect(s.atCollectorShare!).toBeGreaterThan(0.95);
    expect(s.compare!.contactFraction!).toBeGreaterThan(1);
    expect(s.compare!.liVoxels).toBeGreaterThan(0);
    expect(await page.locator('[data-il=pane-a]').innerText()).toMatch(/65 MPa/);
    expect(await page.locator('[data-il=pane-b]').innerText()).toMatch(/Bare.*done: .* Li–SE contact/s);
    expect(new URL(page.url()).searchParams.get('compare')).toBe('bare-cell');
    // dragging the left view turns the right one with it
    const box = (await page.locator('[data-pane=a] canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, { steps: 6 });
    await page.mouse.up();
    const cams = await page.evaluate(() => (window.electrodeLab as unknown as { interlayerCameras(): { position: number[]; target: number[] }[] }).interlayerCameras());
    expect(cams).toHaveLength(2);
    for (let k = 0; k < 3; k++) expect(cams[1].position[k]).toBeCloseTo(cams[0].position[k], 3);
    // a view button frames each cell anew (the 3.3 µm interlayer and the 0.1 µm bare cell): not one camera for both
    await page.getByRole('button', { name: 'iso', exact: true }).click();
    const iso = await page.evaluate(() => (window.electrodeLab as unknown as { interlayerCameras(): { position: number[]; target: number[] }[] }).interlayerCameras());
    expect(Math.abs(iso[0].target[2] - iso[1].target[2])).toBeGreaterThan(500);   // nm: the two cells' centres differ in height
    expect(await page.locator('[data-il=statusB]').innerText()).toMatch(/^Right scene: Bare .*done: /);
    // Save PNG writes both views side by side
    const png = await page.evaluate(() => (window.electrodeLab as unknown as { interlayerPng(scale: number, t: boolean): Promise<{ width: number; height: number }> }).interlayerPng(1, false));
    const panes = await page.$$eval('#view .pane canvas', (cs) => cs.map((c) => Math.round(c.getBoundingClientRect().width)));
    expect(png.width).toBeGreaterThanOrEqual(panes[0] + panes[1] - 2);
    expect(png.width).toBeLessThanOrEqual(panes[0] + panes[1] + 2);
    // a compare value that names no interlayer preset is reported, and the page runs one scene
    await page.goto(`${baseUrl}?preset=bare-cell&compare=nope`);
    await page.waitForFunction(() => !(document.querySelector('[data-il=error]') as HTMLElement | null)?.hidden, null, { timeout: 60_000 });
    expect(await page.locator('[data-il=error]').innerText()).toMatch(/compare "nope" must name one interlayer preset/);
    await page.waitForSelector('#view canvas');
    await page.waitForTimeout(500);
    expect(await page.locator('#view canvas').count()).toBe(1);
    expect(await page.locator('#view .pane').count()).toBe(0);
    expect(b.errors).toEqual([]);
  });
});
