// Evaluates many inputs, on worker threads when the machine has cores to spare and the
// build has the worker bundle; in this thread otherwise. Results come back in input order.
import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { assetPath } from './assets.js';
import { memoryPagesFor, PolicyEngine, type EngineResult, type EvaluationItem } from './policy.js';
import { EngineError } from '../errors.js';
import type { WorkerBatch } from './worker.js';

export type { EvaluationItem } from './policy.js';

/** The Wasm memory pages that fit the largest of the items. */
export function memoryPagesForItems(items: EvaluationItem[]): number {
  return memoryPagesFor(items.reduce((max, item) => Math.max(max, item.bytes.byteLength + (item.shared?.byteLength ?? 0)), 0));
}

/** How to evaluate: the policy bundle, its data, and how many threads at most. */
export interface ParallelOptions {
  /** Bytes can go to worker threads; a module compiled ahead is evaluated in this thread. */
  policy: Uint8Array | WebAssembly.Module;
  data: object;
  /** Threads to use (default: the machine's cores, at most 4). */
  threads?: number;
}

const MIN_ITEMS_FOR_WORKERS = 200;
const BATCH = 25;

/** Evaluates every item; uses worker threads for large jobs. */
export async function evaluateAll(items: EvaluationItem[], opts: ParallelOptions): Promise<EngineResult[]> {
  const threads = Math.min(opts.threads ?? Math.min(availableParallelism(), 4), Math.ceil(items.length / BATCH));
  const worker = assetPath('evaluate-worker.js');
  // A large pipeline goes to a worker of its own: the Wasm memory it grows (which never shrinks) is
  // released when the worker ends, before the report of its findings is built.
  // Its young generation is kept small: the worker's own objects are few, and the memory adds to the Wasm heap's.
  if (worker && items.some((item) => item.parts)) return evaluateOnWorkers(items, opts, Math.max(1, threads), worker, { maxYoungGenerationSizeMb: 4 });
  if (threads < 2 || items.length < MIN_ITEMS_FOR_WORKERS || !worker || !(opts.policy instanceof Uint8Array)) return evaluateHere(items, opts);
  return evaluateOnWorkers(items, opts, threads, worker);
}

function evaluateHere(items: EvaluationItem[], opts: ParallelOptions): EngineResult[] {
  const engine = PolicyEngine.load(opts.policy, memoryPagesForItems(items));
  engine.setData(opts.data);
  return engine.evaluateItems(items);
}

async function evaluateOnWorkers(items: EvaluationItem[], opts: ParallelOptions, threads: number, file: string, resourceLimits?: ResourceLimits): Promise<EngineResult[]> {
  const results: EngineResult[] = new Array(items.length);
  let next = 0;
  // Loaded here, so commands that evaluate in this thread start without it.
  const { Worker: WorkerThread } = await import('node:worker_threads');
  const workers: Worker[] = Array.from({ length: threads }, () => new WorkerThread(file, { workerData: { policy: opts.policy, data: opts.data, pages: memoryPagesForItems(items) }, ...(resourceLimits ? { resourceLimits } : {}) }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= items.length) return resolve();
              const start = next;
              next = Math.min(items.length, next + BATCH);
              const batch: WorkerBatch = { id: start, items: items.slice(start, next) };
              w.postMessage(batch);
            };
            w.on('message', (m: { id: number; results?: EngineResult[]; error?: string }) => {
              if (m.error !== undefined || !m.results) return reject(new EngineError(m.error ?? 'a worker returned no results'));
              m.results.forEach((r, i) => (results[m.id + i] = r));
              send();
            });
            w.on('error', (err) => reject(new EngineError(`policy evaluation worker failed: ${err.message}`)));
            w.on('exit', (code) => (next < items.length || code !== 0 ? reject(new EngineError(`policy evaluation worker stopped (exit ${code})`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
