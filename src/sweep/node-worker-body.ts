// Runs one scene per message on this thread's own core instance and answers with its summary.
import { parentPort } from 'node:worker_threads';
import { SceneRun } from '../scene/runner';
import { loadCoreModuleNode } from '../core/load-node';
import { summarize } from './summary';

parentPort!.on('message', async (scene: unknown) => {
  try {
    const run = await SceneRun.create(scene, await loadCoreModuleNode());
    run.runToEnd();
    const result = summarize(run);
    run.world.free();
    parentPort!.postMessage({ ok: true, result });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message });
  }
});
