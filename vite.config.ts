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
  optimizeDeps: { include: ['three', 'three/webgpu'] },
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
