// The ternary sweep as the viewer calls it: blends of a three-grade scene run on the browser
// worker pool, returned with the CSV, the DEM contour map and the Farr–Groot map (SVG), and a PNG
// of either map rendered from its SVG — the same outputs as `electrode-lab sweep`.
import type { Scene } from '../scene/schema';
import { blendScenes, sweepCsv, sweepGrades, type BlendRow } from './ternary-sweep';
import { ternarySvg } from './ternary-svg';
import { runScenesInBrowser, type BrowserPoolOptions } from './browser-pool';
import type { RunSummary } from './summary';

export interface BrowserSweepResult {
  rows: BlendRow[];
  results: RunSummary[];
  csv: string;
  demSvg: string;
  farrGrootSvg: string;
  seconds: number;
}

export interface BrowserSweepOptions extends BrowserPoolOptions {
  /** What the DEM map shows: the bulk solid fraction (default; NaN for beds under ~6 diameters) or the whole bed's. */
  metric?: 'bulkSolidFraction' | 'solidFraction';
}

export async function runTernarySweepInBrowser(base: Scene, step = 0.1, opts: BrowserSweepOptions = {}): Promise<BrowserSweepResult> {
  const metric = opts.metric ?? 'bulkSolidFraction';
  const rows = blendScenes(base, step);
  const t0 = performance.now();
  const results = await runScenesInBrowser(rows.map((r) => r.scene), opts);
  const grades = sweepGrades(base).map((g, k) => `${'ABC'[k]}: ${g.kind === 'lognormal' ? `D50 ${(g.d50 * 1e6).toPrecision(3)} µm` : g.kind}`) as [string, string, string];
  const pts = rows.map((r) => ({ a: r.a, b: r.b, c: r.c }));
  return {
    rows, results, csv: sweepCsv(rows, results),
    demSvg: ternarySvg(pts, results.map((r) => r[metric]), step, { title: `DEM ${metric === 'bulkSolidFraction' ? 'bulk' : 'bed'} solid fraction, ${base.name}`, labels: grades, unit: 'φ' }),
    farrGrootSvg: ternarySvg(pts, rows.map((r) => r.farrGrootFrictional), step, { title: 'Farr–Groot estimate × φc(μ)/0.64', labels: grades, unit: 'φ' }),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Renders an SVG string to a PNG blob at `scale` × its own size (the browser rasterises it). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('svgToPng: no 2D canvas context');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('svgToPng: toBlob failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
