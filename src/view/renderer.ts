// Renderer setup: three.js WebGPURenderer on WebGPU when an adapter exists, else (or when WebGPU
// init fails) the same renderer on its WebGL2 backend. `?renderer=webgl2|webgpu` forces one.
// Only 'three/webgpu' is imported anywhere in the view (vite.config.ts aliases 'three' to it, so
// the OrbitControls addon shares the same build).

import * as THREE from 'three/webgpu';

export type BackendName = 'webgpu' | 'webgl2';
export type BackendRequest = 'auto' | BackendName;

export interface RendererInfo {
  renderer: THREE.WebGPURenderer;
  backend: BackendName;
  /** A CPU rasteriser (SwiftShader, llvmpipe): no MSAA, coarser spheres (3–5× faster there). */
  software: boolean;
  /** Largest width/height of a render target this GPU takes (px). */
  maxSize: number;
  /** Why the backend is not the one asked for (shown to the user), or ''. */
  note: string;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string };
}

/** The WebGPU adapter, or null (no WebGPU, or no adapter). */
async function webgpuAdapter(): Promise<AdapterLike | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

function adapterIsSoftware(a: AdapterLike): boolean {
  const i = a.info ?? {};
  return a.isFallbackAdapter === true || SOFTWARE.test(`${i.vendor ?? ''} ${i.architecture ?? ''} ${i.description ?? ''}`);
}

/** Asks a throw-away WebGL2 context which rasteriser runs it. */
function webglIsSoftware(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return SOFTWARE.test(name);
}

async function make(forceWebGL: boolean, antialias: boolean): Promise<THREE.WebGPURenderer> {
  const renderer = new THREE.WebGPURenderer({ antialias, alpha: true, forceWebGL });
  try {
    await renderer.init();
  } catch (err) {
    renderer.dispose();
    throw err;
  }
  return renderer;
}

/** The largest square render size (px) the active backend accepts. */
export function maxRenderSize(renderer: THREE.WebGPURenderer): number {
  const backend = renderer.backend as unknown as {
    isWebGPUBackend?: boolean;
    device?: { limits: { maxTextureDimension2D: number } };
    gl?: WebGL2RenderingContext;
  };
  if (backend.isWebGPUBackend && backend.device) return backend.device.limits.maxTextureDimension2D;
  const gl = backend.gl;
  if (gl) {
    const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
    return Math.min(gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, dims[0], dims[1]);
  }
  return 4096;
}

/**
 * Creates and initialises the renderer (the caller appends renderer.domElement). `quality`
 * 'auto' turns MSAA off on software rasterisers; 'high' keeps it on everywhere.
 */
export async function createRenderer(request: BackendRequest, quality: 'auto' | 'high' | 'low' = 'auto'): Promise<RendererInfo> {
  let note = '';
  let renderer: THREE.WebGPURenderer | null = null;
  let software = false;
  const aa = (soft: boolean) => quality === 'high' || (quality === 'auto' && !soft);
  if (request !== 'webgl2') {
    const adapter = await webgpuAdapter();
    if (adapter) {
      software = adapterIsSoftware(adapter);
      try {
        renderer = await make(false, aa(software));
        if (!(renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend) {
          renderer.dispose();
          renderer = null;
          note = 'WebGPU did not start; using WebGL2.';
        }
      } catch (err) {
        renderer = null;
        note = `WebGPU failed (${(err as Error).message}); using WebGL2.`;
      }
    } else {
      note = request === 'webgpu' ? 'WebGPU is not available in this browser; using WebGL2.' : '';
    }
  }
  if (!renderer) {
    software = webglIsSoftware();
    renderer = await make(true, aa(software));
  }
  const backend: BackendName = (renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend ? 'webgpu' : 'webgl2';
  if (quality === 'low') software = true;
  return { renderer, backend, software, maxSize: maxRenderSize(renderer), note };
}
