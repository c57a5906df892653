// Compare mode's second scene: its own simulation worker and 3-D view beside the main ones. The
// page forwards run commands (play, pause, step, reset, colour field, force network) to it, so
// both scenes advance together; cameras and the colour range are linked by the page. Speaks the
// same contract (src/worker/messages.ts) as the main view: frames are copied into the view and
// their buffers handed back after the next render.

import { frameBuffers, type Scene, type WorkerCommand, type WorkerEvent } from '../worker/messages';
import type { Viewer } from '../view/viewer';

export class Companion {
  readonly worker: Worker;
  viewer: Viewer | null = null;
  scene: Scene | null = null;
  count = 0;
  private held: ArrayBuffer[][] = [];
  /** Last numbers for the pane label. */
  private step = 0;
  private phi = 0;
  private error = '';
  onReady: ((scene: Scene, count: number) => void) | null = null;

  constructor(readonly title: string, private readonly label: HTMLElement) {
    this.worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerEvent>) => this.handle(e.data);
    this.worker.onerror = (e) => { e.preventDefault(); this.error = `worker failed: ${e.message}`; this.show(); };
    this.show();
  }

  send(cmd: WorkerCommand, transfer: Transferable[] = []): void { this.worker.postMessage(cmd, transfer); }

  attach(v: Viewer): void {
    this.viewer = v;
    v.onRendered = () => this.release();
    if (this.scene) v.reset(this.scene.domain, this.count);
  }

  private release(): void {
    for (const b of this.held) this.send({ type: 'release', buffers: b }, b);
    this.held = [];
  }

  private handle(ev: WorkerEvent): void {
    switch (ev.type) {
      case 'ready':
        this.scene = ev.scene;
        this.count = ev.count;
        this.error = '';
        this.viewer?.reset(ev.scene.domain, ev.count);
        this.onReady?.(ev.scene, ev.count);
        break;
      case 'frame':
        try {
          this.viewer?.applyFrame(ev);
          this.phi = ev.metrics.solidFraction;
        } finally {
          this.held.push(frameBuffers(ev));
          if (!this.viewer) this.release();
        }
        break;
      case 'progress':
        this.step = ev.step;
        if (ev.protocolIndex > 0) this.viewer?.autoFit();
        break;
      case 'error':
        this.error = ev.message;
        break;
      default:
        return;
    }
    this.show();
  }

  private show(): void {
    const parts = [this.title, `step ${this.step.toLocaleString('en-US')}`];
    if (this.phi > 0) parts.push(`φ ${this.phi.toFixed(3)}`);
    if (this.error) parts.push(`error: ${this.error}`);
    this.label.textContent = parts.join(' · ');
  }
}
