// Runs many scenes on a pool of Web Workers in the browser (one per core, at most 8), with a cache
// keyed by the scene, the summary version and the core binary — the browser twin of node-pool.ts,
// so a ternary sweep or a PSD comparison runs in a tab on every core without blocking the page.
import { SUMMARY_VERSION, type RunSummary } from './summary';
import wasmUrl from '../../build/core.wasm?url';

/** Where finished runs are kept between calls (default: an in-memory Map for the page's lifetime). */
export interface SummaryCache {
  get(key: string): RunSummary | undefined | Promise<RunSummary | undefined>;
  set(key: string, value: RunSummary): void | Promise<void>;
}

export interface BrowserPoolOptions {
  workers?: number;
  cache?: SummaryCache | null;
  signal?: AbortSignal;
  onResult?: (index: number, result: RunSummary, cached: boolean, done: number, total: number) => void;
}

const defaultCache = new Map<string, RunSummary>();
let coreDigest: Promise<string> | null = null;

async function sha256Hex(data: BufferSource): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(h, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Cache key of a scene: the core binary that runs it, the summary version and the scene JSON. */
export async function browserSceneKey(scene: unknown): Promise<string> {
  coreDigest ??= fetch(wasmUrl).then((r) => r.arrayBuffer()).then(sha256Hex);
  const text = `${await coreDigest}|summary-v${SUMMARY_VERSION}|${JSON.stringify(scene)}`;
  return (await sha256Hex(new TextEncoder().encode(text))).slice(0, 24);
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 2)));
}

/**
 * Runs `scenes` (plain scene JSON, validated in the worker) and resolves with their summaries in
 * order. A scene that fails validation or blows up rejects the whole call with its message; abort
 * through `signal` terminates the workers (what finished stays cached).
 */
export async function runScenesInBrowser(scenes: unknown[], opts: BrowserPoolOptions = {}): Promise<RunSummary[]> {
  const cache = opts.cache === undefined ? defaultCache : opts.cache;
  const results: RunSummary[] = new Array(scenes.length);
  const keys = await Promise.all(scenes.map((s) => browserSceneKey(s)));
  const todo: number[] = [];
  let done = 0;
  for (let k = 0; k < scenes.length; k++) {
    const hit = cache ? await cache.get(keys[k]) : undefined;
    if (hit) { results[k] = hit; opts.onResult?.(k, hit, true, ++done, scenes.length); } else todo.push(k);
  }
  const nWorkers = Math.min(opts.workers ?? defaultWorkerCount(), todo.length);
  const workers: Worker[] = [];
  const stopAll = () => workers.forEach((w) => w.terminate());
  try {
    await Promise.all(Array.from({ length: nWorkers }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
      workers.push(worker);
      opts.signal?.addEventListener('abort', () => reject(new DOMException('sweep aborted', 'AbortError')), { once: true });
      worker.onerror = (e) => reject(new Error(`sweep worker failed: ${e.message}`));
      const next = () => {
        const k = todo.shift();
        if (k === undefined) { resolve(); return; }
        worker.onmessage = async (ev: MessageEvent<{ id: number; ok: boolean; result?: RunSummary; error?: string }>) => {
          if (!ev.data.ok) { reject(new Error(`scene ${k}: ${ev.data.error}`)); return; }
          results[k] = ev.data.result!;
          if (cache && !ev.data.result!.error) await cache.set(keys[k], ev.data.result!);
          opts.onResult?.(k, ev.data.result!, false, ++done, scenes.length);
          next();
        };
        worker.postMessage({ id: k, scene: scenes[k] });
      };
      next();
    })));
  } finally {
    stopAll();
  }
  return results;
}
