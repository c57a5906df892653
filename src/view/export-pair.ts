// Compare mode's PNG: both scenes, each exported by its own view at its own size (legend, scale bar,
// title naming its preset), placed side by side on one canvas — the left scene on the left, as on screen.
// Why a separate picture per view: each view owns its renderer and canvas (src/view/export.ts renders
// off-screen at the export size), so the pair is composed from the two finished PNGs.
import { MAX_EXPORT_W, canvasToPng, type ExportRequest, type ExportResult } from './export';

export interface PairSide {
  exportPng(req: ExportRequest): Promise<ExportResult>;
  /** what the half's title names (the preset's title) */
  title: string;
}

/**
 * Exports both sides and joins them. `req.scale` applies to each view's own on-screen size; an explicit
 * width is the whole picture's (each half gets half of it). The joined width is capped at MAX_EXPORT_W
 * by asking each side for at most half of it.
 */
export async function exportPair(left: PairSide, right: PairSide, req: ExportRequest): Promise<ExportResult> {
  const half = (side: PairSide): ExportRequest => ({
    ...req,
    title: req.title ? `${req.title} — ${side.title}` : side.title,
    ...(req.scale == null && req.width ? { width: Math.max(1, Math.round(req.width / 2)) } : {}),
  });
  const a = await left.exportPng(half(left));
  let b = await right.exportPng(half(right));
  if (a.width + b.width > MAX_EXPORT_W) throw new RangeError(`The two pictures together are ${a.width + b.width} px wide, over the ${MAX_EXPORT_W} px export limit: choose a smaller size.`);
  if (b.height !== a.height) b = await right.exportPng({ ...half(right), scale: null, width: Math.round(b.width * (a.height / b.height)), height: a.height });
  const canvas = document.createElement('canvas');
  canvas.width = a.width + b.width;
  canvas.height = a.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2-D canvas context for the export.');
  const [ia, ib] = await Promise.all([createImageBitmap(a.blob), createImageBitmap(b.blob)]);
  ctx.drawImage(ia, 0, 0);
  ctx.drawImage(ib, a.width, 0);
  ia.close(); ib.close();
  return { blob: await canvasToPng(canvas), width: canvas.width, height: canvas.height, note: [a.note, b.note].filter(Boolean).join(' ') };
}
