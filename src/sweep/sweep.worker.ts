// Web Worker of the browser sweep pool (browser-pool.ts): runs one scene per message on this
// worker's own core instance and answers with its summary — the browser twin of node-worker-body.ts.
import { SceneRun } from '../scene/runner';
import { loadCoreModule } from '../core/load-browser';
import { summarize } from './summary';

self.onmessage = async (ev: MessageEvent<{ id: number; scene: unknown }>) => {
  const { id, scene } = ev.data;
  try {
    const run = await SceneRun.create(scene, await loadCoreModule());
    run.runToEnd();
    const result = summarize(run);
    run.world.free();
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({ id, ok: false, error: (e as Error).message });
  }
};
