// Legend (colour bar with the field's name and unit), scale bar and title, drawn with the 2-D
// canvas API so that the same code draws the on-screen overlay and composites exported PNGs.

import { lut, type ColormapName } from './colormaps';
import { formatTick, niceTicks, scaleBarLength } from './units';

export interface LegendSpec {
  /** Field name, e.g. "pressure (Love–Weber)". */
  title: string;
  /** Display unit, e.g. "kPa" ('' = dimensionless). */
  unit: string;
  /** Range in display units. */
  lo: number;
  hi: number;
  colormap: ColormapName;
  /** Small print under the bar, e.g. "auto range: 1st–99th percentile". */
  note?: string;
  /**
   * The colours map log(value) (needs lo > 0): the ticks are the two end values and, between them, the
   * 1, 2, 5 × 10ⁿ values that fit, placed logarithmically. Default (unset): linear ticks.
   */
  logScale?: boolean;
}

/** A tick: its place along the bar (0–1) and its label. */
interface Tick { f: number; label: string }

/**
 * Ticks of a log colour scale over [lo, hi] (lo > 0): the two end values (2 significant digits, at the bar's
 * ends) and between them as many 1, 2, 5 × 10ⁿ (or 1, 3 × 10ⁿ, or 10ⁿ) values as fit without their labels
 * touching. `inset`: how far a label may reach past the bar's end (labels are drawn clamped to it).
 */
function logTicks(ctx: CanvasRenderingContext2D, lo: number, hi: number, barW: number, gapPx: number, inset: number): Tick[] {
  const text = (v: number) => formatTick(v, v);
  const ends: Tick[] = [{ f: 0, label: text(Number(lo.toPrecision(2))) }, { f: 1, label: text(Number(hi.toPrecision(2))) }];
  // where each label is drawn (centre, px) and its half width
  const place = (t: Tick) => { const half = ctx.measureText(t.label).width / 2; return { x: Math.min(barW - half + inset, Math.max(half - inset, t.f * barW)), half }; };
  const apart = (a: Tick, b: Tick) => { const p = place(a), q = place(b); return q.x - p.x >= p.half + q.half + gapPx; };
  const k0 = Math.floor(Math.log10(lo)), k1 = Math.ceil(Math.log10(hi));
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const inner: Tick[] = [];
    for (let k = k0; k <= k1; k++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** k).toPrecision(6));
        const t = { f: Math.log(v / lo) / Math.log(hi / lo), label: text(v) };
        if (t.f > 0 && t.f < 1 && apart(ends[0], t) && apart(t, ends[1])) inner.push(t);
      }
    }
    if (inner.length <= 5 && inner.every((t, i) => i === 0 || apart(inner[i - 1], t))) return [ends[0], ...inner, ends[1]];
  }
  return ends;
}

export interface DrawStyle {
  /** Text and line colour. */
  fg: string;
  /** Panel background behind legend/scale bar (null = none). */
  panel: string | null;
  /** Multiplies every size (1 = screen CSS pixels; 2–4 for exports). */
  scale: number;
  /** Base font size in CSS px at scale 1. */
  fontPx: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const font = (s: DrawStyle, k = 1, weight = 400) => `${weight} ${Math.round(s.fontPx * k * s.scale)}px ${FONT}`;

function layout(ctx: CanvasRenderingContext2D, spec: LegendSpec, s: DrawStyle) {
  const pad = 10 * s.scale, barH = 16 * s.scale, tick = 5 * s.scale, gap = 6 * s.scale;
  const line = s.fontPx * s.scale * 1.3;
  ctx.font = font(s, 1, 600);
  const titleText = spec.unit ? `${spec.title} [${spec.unit}]` : spec.title;
  const titleW = ctx.measureText(titleText).width;
  ctx.font = font(s, 0.8);
  // notes: one line each ('\n'-separated)
  const notes = spec.note ? spec.note.split('\n') : [];
  const noteW = Math.max(0, ...notes.map((t) => ctx.measureText(t).width));
  const barW = Math.max(220 * s.scale, titleW, noteW);
  const w = barW + 2 * pad;
  const h = pad + line + gap + barH + tick + line + notes.length * line * 0.85 + pad * 0.6;
  return { pad, barH, tick, gap, line, barW, w, h, titleText, notes };
}

/** Size of the legend panel in pixels (for placement). */
export function legendSize(ctx: CanvasRenderingContext2D, spec: LegendSpec, s: DrawStyle): { w: number; h: number } {
  const l = layout(ctx, spec, s);
  return { w: l.w, h: l.h };
}

function panel(ctx: CanvasRenderingContext2D, s: DrawStyle, x: number, y: number, w: number, h: number): void {
  if (!s.panel) return;
  const r = 6 * s.scale;
  ctx.fillStyle = s.panel;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

/** Draws the legend with its top-left corner at (x, y). */
export function drawLegend(ctx: CanvasRenderingContext2D, spec: LegendSpec, s: DrawStyle, x: number, y: number): void {
  const l = layout(ctx, spec, s);
  ctx.save();
  panel(ctx, s, x, y, l.w, l.h);
  ctx.fillStyle = s.fg;
  ctx.strokeStyle = s.fg;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.font = font(s, 1, 600);
  let cy = y + l.pad + s.fontPx * s.scale;
  ctx.fillText(l.titleText, x + l.pad, cy);
  cy += l.gap + (l.line - s.fontPx * s.scale);
  // the bar: one 1-px column per LUT sample
  const table = lut(spec.colormap);
  const bx = x + l.pad;
  const grad = ctx.createLinearGradient(bx, 0, bx + l.barW, 0);
  for (let i = 0; i < 256; i += 5) {
    const c = (k: number) => Math.round(table[3 * i + k] * 255);
    grad.addColorStop(i / 255, `rgb(${c(0)},${c(1)},${c(2)})`);
  }
  grad.addColorStop(1, `rgb(${Math.round(table[765] * 255)},${Math.round(table[766] * 255)},${Math.round(table[767] * 255)})`);
  ctx.fillStyle = grad;
  ctx.fillRect(bx, cy, l.barW, l.barH);
  ctx.lineWidth = Math.max(1, s.scale);
  ctx.strokeRect(bx, cy, l.barW, l.barH);
  // ticks
  ctx.fillStyle = s.fg;
  ctx.font = font(s, 0.9);
  ctx.textAlign = 'center';
  const span = spec.hi - spec.lo;
  let marks: Tick[];
  if (spec.logScale === true && spec.lo > 0 && spec.hi > spec.lo) marks = logTicks(ctx, spec.lo, spec.hi, l.barW, 8 * s.scale, l.pad * 0.8);
  else {
    // as many ticks (5, 4, 3, 2) as fit without their labels touching
    let ticks = [spec.lo];
    let step = Math.abs(spec.lo) || 1;
    for (const want of [5, 4, 3, 2]) {
      ticks = span > 0 ? niceTicks(spec.lo, spec.hi, want) : [spec.lo];
      step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.abs(spec.lo) || 1;
      const widest = Math.max(...ticks.map((t) => ctx.measureText(formatTick(t, step)).width));
      if (ticks.length < 2 || (widest + 8 * s.scale) * ticks.length <= l.barW) break;
    }
    marks = ticks.map((t) => ({ f: span > 0 ? (t - spec.lo) / span : 0, label: formatTick(t, step) }));
  }
  for (const { f, label } of marks) {
    const tx = bx + f * l.barW;
    ctx.beginPath();
    ctx.moveTo(tx, cy + l.barH);
    ctx.lineTo(tx, cy + l.barH + l.tick);
    ctx.stroke();
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(bx + l.barW - half + l.pad * 0.8, Math.max(bx + half - l.pad * 0.8, tx)), cy + l.barH + l.tick + s.fontPx * s.scale);
  }
  if (spec.note) {
    ctx.textAlign = 'left';
    ctx.font = font(s, 0.8);
    ctx.globalAlpha = 0.8;
    l.notes.forEach((t, k) => ctx.fillText(t, bx, cy + l.barH + l.tick + l.line + s.fontPx * s.scale * 0.8 + k * l.line * 0.85));
  }
  ctx.restore();
}

function scaleBarLayout(ctx: CanvasRenderingContext2D, pxPerMicron: number, s: DrawStyle, label: string) {
  const len = scaleBarLength(pxPerMicron, 160 * s.scale);
  const w = len * pxPerMicron;
  const pad = 8 * s.scale, barH = 6 * s.scale;
  ctx.font = font(s, 1, 600);
  const text = `${len >= 1 ? len : len.toPrecision(1)} µm${label ? ` ${label}` : ''}`;
  const tw = ctx.measureText(text).width;
  return { w, pad, barH, text, pw: Math.max(w, tw) + 2 * pad, ph: barH + s.fontPx * s.scale * 1.4 + 2 * pad };
}

/** Size of the scale-bar panel in pixels. */
export function scaleBarSize(ctx: CanvasRenderingContext2D, pxPerMicron: number, s: DrawStyle, label = ''): { w: number; h: number } {
  if (!(pxPerMicron > 0) || !Number.isFinite(pxPerMicron)) return { w: 0, h: 0 };
  const l = scaleBarLayout(ctx, pxPerMicron, s, label);
  return { w: l.pw, h: l.ph };
}

/**
 * Draws a scale bar (round length in µm) with its bottom-left corner at (x, y).
 * `pxPerMicron` is the image scale at the focus plane.
 */
export function drawScaleBar(ctx: CanvasRenderingContext2D, pxPerMicron: number, s: DrawStyle, x: number, y: number, label = ''): void {
  if (!(pxPerMicron > 0) || !Number.isFinite(pxPerMicron)) return;
  ctx.save();
  const l = scaleBarLayout(ctx, pxPerMicron, s, label);
  panel(ctx, s, x, y - l.ph, l.pw, l.ph);
  ctx.fillStyle = s.fg;
  ctx.fillRect(x + l.pad, y - l.pad - l.barH, l.w, l.barH);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(l.text, x + l.pad, y - l.pad - l.barH - 4 * s.scale);
  ctx.restore();
}

/**
 * Legend at the bottom right and scale bar at the bottom left of a W × H picture, the scale bar
 * moved above the legend when both do not fit side by side. pxPerMicron null = no scale bar.
 */
export function drawOverlays(ctx: CanvasRenderingContext2D, W: number, H: number, s: DrawStyle,
  legend: LegendSpec | null, pxPerMicron: number | null, scaleLabel = ''): void {
  const m = 10 * s.scale;
  const lg = legend ? legendSize(ctx, legend, s) : { w: 0, h: 0 };
  if (legend) drawLegend(ctx, legend, s, W - lg.w - m, H - lg.h - m);
  if (pxPerMicron === null) return;
  const sb = scaleBarSize(ctx, pxPerMicron, s, scaleLabel);
  const sideBySide = sb.w + lg.w + 3 * m <= W;
  drawScaleBar(ctx, pxPerMicron, s, sideBySide ? m : Math.max(m, W - lg.w - m), sideBySide ? H - m : H - lg.h - 1.5 * m, scaleLabel);
}

/** Draws a title centred at the top of a w-wide image. */
export function drawTitle(ctx: CanvasRenderingContext2D, text: string, s: DrawStyle, w: number): void {
  if (!text) return;
  ctx.save();
  // 1.5× the label size; smaller (down to the label size) when the title would not fit the picture's width,
  // then wrapped at spaces onto more lines (narrow pictures: compare mode's halves)
  const room = w - 40 * s.scale;
  ctx.font = font(s, 1.5, 600);
  let k = 1.5;
  const wide = ctx.measureText(text).width;
  if (wide > room) { k = Math.max(1, (1.5 * room) / wide); ctx.font = font(s, k, 600); }
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= room) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const lineH = s.fontPx * k * s.scale * 1.25;
  const tw = Math.max(...lines.map((l) => ctx.measureText(l).width));
  panel(ctx, s, w / 2 - tw / 2 - 12 * s.scale, 10 * s.scale, tw + 24 * s.scale, lineH * lines.length + s.fontPx * k * s.scale * 0.5);
  ctx.fillStyle = s.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  lines.forEach((l, n) => ctx.fillText(l, w / 2, 10 * s.scale + s.fontPx * (k / 1.5) * 0.4 * s.scale + n * lineH));
  ctx.restore();
}
