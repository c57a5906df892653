// WebM video of the 3-D view WITH its legend and scale bar: each rendered frame is composited
// (3-D canvas + the 2-D overlay canvas) onto a 2-D canvas right after the render, in the same
// task (a WebGL/WebGPU canvas's picture is only guaranteed until the task ends), and that canvas
// is captured (HTMLCanvasElement.captureStream) and encoded by MediaRecorder. The GUI is never
// in the picture. Frames come at the view's render rate (on demand, ≤ 60/s; ~1–2/s on software
// renderers), so a paused scene gives a still video.

/** Codecs in order of preference (VP9 is smaller; VP8 is everywhere WebM is). */
const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export function webmSupported(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

export class CanvasRecorder {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly done: Promise<Blob>;
  private readonly stream: MediaStream;
  readonly mimeType: string;
  readonly started = performance.now();
  frames = 0;

  constructor(private readonly source: HTMLCanvasElement, private readonly overlay: HTMLCanvasElement, fps = 30, bitsPerSecond = 8e6) {
    const type = webmSupported();
    if (!type) throw new Error('This browser cannot record WebM video (MediaRecorder with VP8/VP9 is missing).');
    this.mimeType = type;
    // encoders want even sizes
    this.canvas.width = Math.max(2, source.width & ~1);
    this.canvas.height = Math.max(2, source.height & ~1);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('No 2-D canvas for the video.');
    this.ctx = ctx;
    this.composite();
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

  /** Call right after each render: copies the 3-D picture and the overlay into the video canvas. */
  composite(): void {
    const { width: w, height: h } = this.canvas;
    this.ctx.drawImage(this.source, 0, 0, w, h);
    this.ctx.drawImage(this.overlay, 0, 0, w, h);
    this.frames++;
  }

  /** The current video frame as a PNG data URL (tests check that the legend is in it). */
  snapshot(): string { return this.canvas.toDataURL('image/png'); }

  get seconds(): number { return (performance.now() - this.started) / 1000; }

  /** Stops and returns the WebM file. */
  stop(): Promise<Blob> {
    if (this.recorder.state !== 'inactive') {
      this.composite(); // the last state, so a short clip ends on the current picture
      this.recorder.stop();
    }
    return this.done;
  }
}
