// Frame pacing: do not submit a new frame while the GPU is still drawing the previous one.
// On slow (software) GPUs, queuing frames faster than they complete makes the page's main thread
// block on back-pressure (measured here: clicks handled 300 ms late under WebGPU/SwiftShader);
// waiting for completion keeps the page responsive and costs nothing on fast GPUs.

import type * as THREE from 'three/webgpu';

interface Backends {
  isWebGPUBackend?: boolean;
  device?: { queue: { onSubmittedWorkDone(): Promise<void> } };
  gl?: WebGL2RenderingContext;
}

export class GpuPacer {
  private pending = false;
  private fence: WebGLSync | null = null;

  constructor(private readonly renderer: THREE.WebGPURenderer) {}

  /** True while the last submitted frame is still being drawn. */
  get busy(): boolean {
    if (this.fence) {
      const gl = (this.renderer.backend as unknown as Backends).gl!;
      if (gl.getSyncParameter(this.fence, gl.SYNC_STATUS) === gl.SIGNALED) {
        gl.deleteSync(this.fence);
        this.fence = null;
      }
      return this.fence !== null;
    }
    return this.pending;
  }

  /** Call right after render(). */
  submitted(): void {
    const b = this.renderer.backend as unknown as Backends;
    if (b.isWebGPUBackend && b.device) {
      this.pending = true;
      b.device.queue.onSubmittedWorkDone().then(
        () => { this.pending = false; },
        () => { this.pending = false; },
      );
    } else if (b.gl && !this.fence) {
      this.fence = b.gl.fenceSync(b.gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
      b.gl.flush();
    }
  }
}
