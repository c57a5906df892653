// Loads the compiled core in Node (tests, CLI, benchmarks). The browser uses load-browser.ts.
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

let cached: WebAssembly.Module | null = null;

/** Path of the compiled core (build/core.wasm). */
export const CORE_WASM_PATH = fileURLToPath(new URL('../../build/core.wasm', import.meta.url));

/** Compiles build/core.wasm once per process. */
export async function loadCoreModuleNode(): Promise<WebAssembly.Module> {
  if (cached) return cached;
  const path = CORE_WASM_PATH;
  if (!existsSync(path)) throw new Error(`${path} is missing: build the core first with \`npm run build:core\` (npm start and npm test do it for you).`);
  cached = await WebAssembly.compile(readFileSync(path));
  return cached;
}

/** First 16 hex digits of sha256(build/core.wasm): names the core binary in caches and saved files. */
export function coreDigestNode(): string {
  return createHash('sha256').update(readFileSync(CORE_WASM_PATH)).digest('hex').slice(0, 16);
}
