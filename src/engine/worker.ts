// A worker thread of a parallel evaluation: loads the policy bundle once, sets the
// config, then evaluates the batches of inputs the main thread sends (bundled on its own).
import { parentPort, workerData } from 'node:worker_threads';
import { PolicyEngine, type EvaluationItem } from './policy.js';

/** A batch of inputs to evaluate, in order. */
export interface WorkerBatch {
  id: number;
  items: EvaluationItem[];
}

const { policy, data, pages } = workerData as { policy: Uint8Array | WebAssembly.Module; data: object; pages: number };
const engine = PolicyEngine.load(policy, pages);
engine.setData(data);

parentPort?.on('message', (batch: WorkerBatch) => {
  try {
    const results = engine.evaluateItems(batch.items);
    parentPort?.postMessage({ id: batch.id, results });
  } catch (err) {
    parentPort?.postMessage({ id: batch.id, error: err instanceof Error ? err.message : String(err) });
  }
});
