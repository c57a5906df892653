import { defineConfig } from 'vite';

// Cross-origin isolation (crossOriginIsolated === true in page and workers) so that
// SharedArrayBuffer and a shared WebAssembly.Memory are available. Static hosts must send
// the same two headers (see README, "Static hosting").
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  // Pre-bundle three up front: otherwise Vite's optimizer reloads the page the first time it
  // meets `three`, and e2e tests see "Execution context was destroyed".
  optimizeDeps: { include: ['three/webgpu', 'three/addons/controls/OrbitControls.js', 'lil-gui', 'uplot'] },
  // The view uses three's WebGPURenderer build only: addons (OrbitControls) import 'three', which
  // is aliased to the same 'three/webgpu' build so one copy of three.js runs (as in three's own
  // WebGPU examples' import maps). Only the exact specifier 'three' is aliased.
  resolve: { alias: [{ find: /^three$/, replacement: 'three/webgpu' }] },
  worker: { format: 'es' },
  // the lazily loaded viewer chunk is three.js's WebGPU build (~870 kB, ~235 kB gzipped)
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
