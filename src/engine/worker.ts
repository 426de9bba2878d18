// A worker thread of a parallel evaluation: loads the policy bundle once, sets the
// config, then evaluates the batches of inputs the main thread sends (bundled on its own).
import { parentPort, workerData } from 'node:worker_threads';
import type { TargetKind } from '../model/report.js';
import { PolicyEngine } from './policy.js';

/** A batch of inputs to evaluate, in order. */
export interface WorkerBatch {
  id: number;
  items: Array<{ kind: TargetKind; bytes: ArrayBuffer }>;
}

const { policy, data } = workerData as { policy: Uint8Array; data: object };
const engine = PolicyEngine.load(policy);
engine.setData(data);

parentPort?.on('message', (batch: WorkerBatch) => {
  try {
    const results = batch.items.map((item) => engine.evaluate(item.kind, item.bytes));
    parentPort?.postMessage({ id: batch.id, results });
  } catch (err) {
    parentPort?.postMessage({ id: batch.id, error: err instanceof Error ? err.message : String(err) });
  }
});
