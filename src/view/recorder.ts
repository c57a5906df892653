// WebM video of the 3-D view WITH its legend and scale bar: each rendered frame is composited
// (3-D canvas + the 2-D overlay canvas) onto a 2-D canvas right after the render, in the same
// task (a WebGL/WebGPU canvas's picture is only guaranteed until the task ends), and that canvas
// is captured (HTMLCanvasElement.captureStream) and encoded by MediaRecorder. The GUI is never
// in the picture. Frames come at the view's render rate (on demand, ≤ 60/s; ~1–2/s on software
// renderers), so a paused scene gives a still video.
//
// Several views (compare mode) record into ONE video: each is a pane, laid side by side in the order
// given (the first at its own size, the others scaled to its height), and each view composites its
// own pane right after its own render — the views render in different tasks, so no view could copy
// another's picture reliably. A video frame then holds each pane's latest render.

/** Codecs in order of preference (VP9 is smaller; VP8 is everywhere WebM is). */
const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export function webmSupported(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/** One view in the video: its 3-D canvas and the 2-D overlay (legend, scale bar) drawn over it. */
export interface RecordPane {
  source: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
}

export interface PaneRect { x: number; y: number; w: number; h: number }

/**
 * Where each pane goes in the video: side by side in the order given, the first at its own size, the
 * others scaled to its height; width and height even (encoders want even sizes), the last pane absorbing
 * the rounding. Sizes in px.
 */
export function videoLayout(sizes: ReadonlyArray<{ width: number; height: number }>): { width: number; height: number; rects: PaneRect[] } {
  if (sizes.length === 0) throw new Error('Nothing to record: no view.');
  const h = Math.max(2, sizes[0].height & ~1);
  const widths = sizes.map((p, i) => (i === 0 ? p.width : Math.round(p.width * (h / Math.max(1, p.height)))));
  const width = Math.max(2, widths.reduce((a, b) => a + b, 0) & ~1);
  const rects: PaneRect[] = [];
  let x = 0;
  for (let i = 0; i < sizes.length; i++) {
    const w = Math.max(0, i === sizes.length - 1 ? width - x : Math.min(widths[i], width - x));
    rects.push({ x, y: 0, w, h });
    x += w;
  }
  return { width, height: h, rects };
}

export class CanvasRecorder {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly done: Promise<Blob>;
  private readonly stream: MediaStream;
  /** Where each pane goes in the video, px (fixed at the start: a resized view is scaled into it). */
  readonly rects: ReadonlyArray<PaneRect>;
  readonly mimeType: string;
  readonly started = performance.now();
  /** Pane pictures copied into the video so far (each view's render counts once). */
  frames = 0;

  constructor(private readonly panes: RecordPane[], fps = 30, bitsPerSecond = 8e6) {
    const layout = videoLayout(panes.map((p) => p.source)); // throws on no pane
    const type = webmSupported();
    if (!type) throw new Error('This browser cannot record WebM video (MediaRecorder with VP8/VP9 is missing).');
    this.mimeType = type;
    this.rects = layout.rects;
    this.canvas.width = layout.width;
    this.canvas.height = layout.height;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('No 2-D canvas for the video.');
    this.ctx = ctx;
    for (let i = 0; i < panes.length; i++) this.composite(i);
    const stream = this.canvas.captureStream(fps);
    this.stream = stream;
    this.recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: bitsPerSecond });
    this.done = new Promise<Blob>((resolve, reject) => {
      this.recorder.ondataavailable = (e) => { if (e.data.size > 0) this.chunks.push(e.data); };
      this.recorder.onstop = () => {
        for (const t of stream.getTracks()) t.stop();
        resolve(new Blob(this.chunks, { type: 'video/webm' }));
      };
      this.recorder.onerror = (e) => reject(new Error(`Video recording failed: ${(e as unknown as { error?: Error }).error?.message ?? 'MediaRecorder error'}`));
    });
    this.recorder.start(500);
  }

  /** Size of the video, px. */
  get width(): number { return this.canvas.width; }
  get height(): number { return this.canvas.height; }

  /** Call right after pane `i`'s view renders: copies its 3-D picture and its overlay into its place in the video. */
  composite(i = 0): void {
    const p = this.panes[i], r = this.rects[i];
    if (!p || !r || r.w === 0) return;
    this.ctx.drawImage(p.source, r.x, r.y, r.w, r.h);
    this.ctx.drawImage(p.overlay, r.x, r.y, r.w, r.h);
    this.frames++;
  }

  /** The current video frame as a PNG data URL (tests check that the legend is in it). */
  snapshot(): string { return this.canvas.toDataURL('image/png'); }

  get seconds(): number { return (performance.now() - this.started) / 1000; }

  /** Stops and returns the WebM file. */
  stop(): Promise<Blob> {
    if (this.recorder.state !== 'inactive') {
      for (let i = 0; i < this.panes.length; i++) this.composite(i); // the last state, so a short clip ends on the current picture
      this.recorder.stop();
    }
    return this.done;
  }
}
