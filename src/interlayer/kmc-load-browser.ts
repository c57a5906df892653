// Loads the compiled lithium-deposition kMC module in the browser (page or worker). Vite serves
// build/kmc.wasm as an asset and rewrites this `?url` import to its URL (hashed in production builds).
// Node code uses kmc-load-node.ts instead.
import wasmUrl from '../../build/kmc.wasm?url';

let cached: Promise<WebAssembly.Module> | null = null;

/** Compile build/kmc.wasm once per realm; later calls return the same module. */
export function loadKmcModule(): Promise<WebAssembly.Module> {
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
      return await WebAssembly.compileStreaming(await fetchWasm());
    } catch (err) {
      // compileStreaming needs `Content-Type: application/wasm`; fall back to compiling from bytes
      console.warn('[kmc] WebAssembly.compileStreaming failed, compiling from bytes instead:', err);
    }
  }
  return WebAssembly.compile(await (await fetchWasm()).arrayBuffer());
}

async function fetchWasm(): Promise<Response> {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`Could not load the deposition kMC (${wasmUrl}): HTTP ${response.status} ${response.statusText}`);
  return response;
}
