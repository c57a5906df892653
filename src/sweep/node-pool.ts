// Runs many scenes on a pool of worker threads (one per core by default) in Node, with a cache
// keyed by the scene and the core binary, so a repeated sweep only runs what changed.
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUMMARY_VERSION, type RunSummary } from './summary';
import { coreDigestNode } from '../core/load-node';

export interface PoolOptions {
  threads?: number;
  cacheDir?: string | null;
  onResult?: (index: number, result: RunSummary, cached: boolean, done: number, total: number) => void;
}

/** Cache key of a scene: its JSON and the core binary that runs it. */
export function sceneKey(scene: unknown, core = coreDigestNode()): string {
  return createHash('sha256').update(core).update(`summary-v${SUMMARY_VERSION}`).update(JSON.stringify(scene)).digest('hex').slice(0, 24);
}

export async function runScenesInParallel(scenes: unknown[], opts: PoolOptions = {}): Promise<RunSummary[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), scenes.length));
  const core = coreDigestNode();
  const results: RunSummary[] = new Array(scenes.length);
  const todo: number[] = [];
  let done = 0;
  if (opts.cacheDir) mkdirSync(opts.cacheDir, { recursive: true });
  scenes.forEach((s, k) => {
    const file = opts.cacheDir ? join(opts.cacheDir, `${sceneKey(s, core)}.json`) : null;
    if (file && existsSync(file)) {
      results[k] = JSON.parse(readFileSync(file, 'utf8'));
      opts.onResult?.(k, results[k], true, ++done, scenes.length);
    } else todo.push(k);
  });
  const bootstrap = fileURLToPath(new URL('./node-worker.mjs', import.meta.url));
  await Promise.all(Array.from({ length: Math.min(threads, todo.length) }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap);
    const next = () => {
      const k = todo.shift();
      if (k === undefined) { void worker.terminate(); resolve(); return; }
      worker.once('message', (msg: { ok: boolean; result?: RunSummary; error?: string }) => {
        if (!msg.ok) { void worker.terminate(); reject(new Error(`scene ${k}: ${msg.error}`)); return; }
        results[k] = msg.result!;
        if (opts.cacheDir && !msg.result!.error) writeFileSync(join(opts.cacheDir, `${sceneKey(scenes[k], core)}.json`), JSON.stringify(msg.result));
        opts.onResult?.(k, msg.result!, false, ++done, scenes.length);
        next();
      });
      worker.postMessage(scenes[k]);
    };
    worker.once('error', reject);
    next();
  })));
  return results;
}
