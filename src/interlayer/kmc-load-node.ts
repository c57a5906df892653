// Loads the compiled lithium-deposition kMC module in Node (tests, CLI, benchmarks).
// The browser uses kmc-load-browser.ts.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: WebAssembly.Module | null = null;

/** Compiles build/kmc.wasm once per process. */
export async function loadKmcModuleNode(): Promise<WebAssembly.Module> {
  if (cached) return cached;
  const path = fileURLToPath(new URL('../../build/kmc.wasm', import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: build it with \`npm run build:kmc\` (npm start and npm test do it for you).`);
  cached = await WebAssembly.compile(readFileSync(path));
  return cached;
}
