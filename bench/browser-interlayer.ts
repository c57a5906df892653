// Benchmark (prints numbers; not a test): plating 1 mAh/cm² at 1 mA/cm² through the full 0.5 × 0.5 µm
// interlayer presets in headless Chromium (issue #5: "watchable in under a minute in the browser"). The
// 65 MPa, 5 MPa and no-CNT scaffolds come from public/scaffolds (saved DEM, seed 1); the bare cell and the CNT mat
// need no DEM. Prints, per preset, the seconds from Start to the scaffold on screen, to the hand-over
// (first Li voxel grid) and to the end of plating, and how many plating samples the page drew.
//   npx tsx bench/browser-interlayer.ts [preset …]
import { Browser, startServer } from '../tests/e2e/harness';

type S = { stage: string; done: boolean; error: string | null; spheres: number; samples: number; capacity: number; doneSeconds?: number; scaffoldSource?: string | null; atCollectorShare: number | null };
const presets = process.argv.slice(2).length ? process.argv.slice(2) : ['interlayer-65MPa', 'interlayer-5MPa', 'lisi-no-cnt', 'bare-cell', 'cnt-only'];
const { server, baseUrl } = await startServer();
const b = new Browser();
await b.open();
try {
  for (const preset of presets) {
    const { page } = b;
    const t0 = Date.now();
    await page.goto(`${baseUrl}?preset=${preset}`);
    const get = () => page.evaluate(() => (window.electrodeLab as unknown as { interlayer?: () => S }).interlayer?.() ?? null);
    let tScaffold = NaN, tPlating = NaN;
    for (;;) {
      const s = await get();
      const t = (Date.now() - t0) / 1000;
      if (s && s.spheres > 0 && Number.isNaN(tScaffold)) tScaffold = t;
      if (s && (s.stage === 'plating' || s.stage === 'done') && Number.isNaN(tPlating)) tPlating = t;
      if (s && (s.done || s.error)) {
        console.log(`${preset}: ${s.error ? `ERROR ${s.error}` : `1 mAh/cm² plated (${s.capacity.toFixed(3)})`}; scaffold ${s.scaffoldSource ?? 'none'}; page load → scaffold drawn ${tScaffold.toFixed(1)} s, → plating ${tPlating.toFixed(1)} s, → done ${t.toFixed(1)} s (worker: ${s.doneSeconds?.toFixed(1)} s from Start); ${s.samples} samples drawn; ${(100 * (s.atCollectorShare ?? NaN)).toFixed(1)} % at the collector`);
        break;
      }
      if (t > 600) { console.log(`${preset}: not done after 600 s (stage ${s?.stage})`); break; }
      await page.waitForTimeout(250);
    }
  }
  console.log(`page errors: ${b.errors.length ? b.errors.join(' | ') : 'none'}`);
} finally {
  await b.close();
  await server.close();
}
