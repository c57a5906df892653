// PNG export at 1×, 2×, 4× or an explicit size (up to 7680 × 4320): stop the loop, render at that
// size, copy the picture to a 2-D canvas in the same task, composite legend, scale bar and title
// (never the GUI), restore the size. Falls back to the largest size the GPU takes, with a note.

import type * as THREE from 'three/webgpu';
import { drawOverlays, drawTitle, type DrawStyle, type LegendSpec } from './legend';

export const MAX_EXPORT_W = 7680;
export const MAX_EXPORT_H = 7680;
export const MAX_EXPORT_PIXELS = 7680 * 4320;

export interface ExportRequest {
  /** Multiple of the on-screen canvas size (1, 2, 4), or null with width/height. */
  scale: number | null;
  width?: number;
  height?: number;
  transparent: boolean;
  title: string;
  legend: boolean;
  scaleBar: boolean;
}

export interface ExportResult {
  blob: Blob;
  width: number;
  height: number;
  /** Set when the size had to be reduced (GPU limit or the 7680 × 4320 cap). */
  note: string;
}

/** What export needs from the viewer. */
export interface ExportHost {
  renderer: THREE.WebGPURenderer;
  maxSize: number;
  /** On-screen canvas size, CSS px. */
  cssSize(): { w: number; h: number };
  /** Stops/starts the animation loop. */
  pause(on: boolean): void;
  /** Sets the drawing-buffer size and the camera aspect (size in device px). */
  resize(w: number, h: number, pixelRatio: number): void;
  /** Renders one frame; transparent = clear with alpha 0 and no scene background. */
  renderOnce(transparent: boolean): void;
  legend(): LegendSpec | null;
  /** Pixels per µm at the orbit target for a picture h px tall. */
  pixelsPerMicron(h: number): number;
  scaleBarLabel(): string;
  style(): { fg: string; panel: string; background: string; fontPx: number };
}

/** What a three.js view (the lab's Viewer, the interlayer view) lends the export; the rest of the host is the same for both. */
export interface ExportView {
  renderer: THREE.WebGPURenderer;
  maxSize: number;
  container: HTMLElement;
  scene: THREE.Scene;
  rig: { setAspect(aspect: number): void };
  renderNow(): void;
  pause(on: boolean): void;
}

/** An ExportHost for a view: on-screen size from its container, resize and render through its renderer and camera. */
export function viewExportHost(v: ExportView, own: Pick<ExportHost, 'legend' | 'pixelsPerMicron' | 'scaleBarLabel' | 'style'>): ExportHost {
  return {
    renderer: v.renderer,
    maxSize: v.maxSize,
    cssSize: () => ({ w: Math.max(1, v.container.clientWidth), h: Math.max(1, v.container.clientHeight) }),
    pause: (on) => v.pause(on),
    resize: (w, h, ratio) => {
      v.renderer.setPixelRatio(ratio);
      v.renderer.setSize(w, h, false);
      v.rig.setAspect(w / h);
    },
    renderOnce: (transparent) => {
      const bg = v.scene.background;
      const clear = v.renderer.getClearAlpha();
      if (transparent) { v.scene.background = null; v.renderer.setClearColor(0x000000, 0); }
      try { v.renderNow(); } finally {
        v.scene.background = bg;
        v.renderer.setClearColor(0x000000, clear);
      }
    },
    ...own,
  };
}

/** The size to render: requested, capped by the GPU and the export limits. */
export function exportSize(req: ExportRequest, css: { w: number; h: number }, maxSize: number): { w: number; h: number; note: string } {
  let w = Math.round(req.scale != null ? css.w * req.scale : req.width ?? css.w);
  let h = Math.round(req.scale != null ? css.h * req.scale : req.height ?? css.h);
  if (!(w >= 1 && h >= 1)) throw new RangeError(`Export size ${w} × ${h} is not a positive size.`);
  const asked = `${w} × ${h}`;
  const notes: string[] = [];
  const limitW = Math.min(MAX_EXPORT_W, maxSize), limitH = Math.min(MAX_EXPORT_H, maxSize);
  const k = Math.min(1, limitW / w, limitH / h, Math.sqrt(MAX_EXPORT_PIXELS / (w * h)));
  if (k < 1) {
    w = Math.max(1, Math.floor(w * k));
    h = Math.max(1, Math.floor(h * k));
    notes.push(maxSize < Math.min(MAX_EXPORT_W, MAX_EXPORT_H)
      ? `This GPU renders at most ${maxSize} px per side: exported ${w} × ${h} instead of ${asked}.`
      : `Exports are limited to 7680 × 4320 pixels: exported ${w} × ${h} instead of ${asked}.`);
  }
  return { w, h, note: notes.join(' ') };
}

export async function exportPng(host: ExportHost, req: ExportRequest): Promise<ExportResult> {
  const css = host.cssSize();
  const { w, h, note } = exportSize(req, css, host.maxSize);
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('No 2-D canvas context for the export.');
  const style = host.style();
  const renderer = host.renderer;
  const oldRatio = renderer.getPixelRatio();
  host.pause(true);
  try {
    host.resize(w, h, 1);
    host.renderOnce(req.transparent);
    // same task as the render: the drawing buffer still holds the picture
    if (!req.transparent) {
      ctx.fillStyle = style.background;
      ctx.fillRect(0, 0, w, h);
    }
    ctx.drawImage(renderer.domElement, 0, 0, w, h);
  } finally {
    host.resize(css.w, css.h, oldRatio);
    host.pause(false);
  }
  // overlays at the same size relative to the picture as on screen
  const k = h / Math.max(1, css.h);
  const ds: DrawStyle = { fg: style.fg, panel: style.panel, scale: k, fontPx: style.fontPx };
  drawOverlays(ctx, w, h, ds, req.legend ? host.legend() : null, req.scaleBar ? host.pixelsPerMicron(h) : null, host.scaleBarLabel());
  if (req.title) drawTitle(ctx, req.title, ds, w);
  return { blob: await canvasToPng(out), width: w, height: h, note };
}

/** A 2-D canvas as a PNG blob; a clear error when the browser cannot encode it (too large). */
export async function canvasToPng(c: HTMLCanvasElement): Promise<Blob> {
  const blob = await new Promise<Blob | null>((ok) => c.toBlob(ok, 'image/png'));
  if (!blob) throw new Error(`The browser could not encode a ${c.width} × ${c.height} PNG.`);
  return blob;
}
