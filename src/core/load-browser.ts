// Loads the compiled WASM core in the browser (page or worker). Vite serves build/core.wasm as an
// asset and rewrites this `?url` import to its URL (hashed in production builds).
// Node code uses src/core/load-node.ts instead (a `?url` import is not a file path there).
import wasmUrl from '../../build/core.wasm?url';

let cached: Promise<WebAssembly.Module> | null = null;

/** Compile build/core.wasm once per realm; later calls return the same module. */
export function loadCoreModule(): Promise<WebAssembly.Module> {
  if (!cached) {
    cached = compile().catch((err: unknown) => {
      cached = null; // allow a retry after e.g. a network hiccup
      throw err;
    });
  }
  return cached;
}

async function compile(): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      const response = await fetchWasm();
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      // compileStreaming needs `Content-Type: application/wasm`; some static hosts send something
      // else. Fall back to compiling from bytes (a genuinely broken module fails again below).
      console.warn('[core] WebAssembly.compileStreaming failed, compiling from bytes instead:', err);
    }
  }
  const response = await fetchWasm();
  return WebAssembly.compile(await response.arrayBuffer());
}

async function fetchWasm(): Promise<Response> {
  const response = await fetch(wasmUrl);
  if (!response.ok) {
    throw new Error(`Could not load the simulation core (${wasmUrl}): HTTP ${response.status} ${response.statusText}`);
  }
  return response;
}
