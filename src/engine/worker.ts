// A worker thread of a parallel evaluation: loads the policy bundle once (with the memory the first
// batch asks for), sets the config, then evaluates the batches of inputs the main thread sends
// (bundled on its own). It may start before the inputs are built, so the memory comes with them.
import { parentPort, workerData } from 'node:worker_threads';
import { PolicyEngine, type EvaluationItem } from './policy.js';

/** A batch of inputs to evaluate, in order, and the Wasm memory pages that fit the largest input of the evaluation. */
export interface WorkerBatch {
  id: number;
  pages: number;
  items: EvaluationItem[];
}

const { policy, data } = workerData as { policy: Uint8Array | WebAssembly.Module; data: object };
let engine: PolicyEngine | undefined;

parentPort?.on('message', (batch: WorkerBatch) => {
  try {
    if (!engine) {
      engine = PolicyEngine.load(policy, batch.pages);
      engine.setData(data);
    }
    const results = engine.evaluateItems(batch.items);
    parentPort?.postMessage({ id: batch.id, results });
  } catch (err) {
    parentPort?.postMessage({ id: batch.id, error: err instanceof Error ? err.message : String(err) });
  }
});
