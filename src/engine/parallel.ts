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

/** Worker threads started while the items are still being built, so their start-up overlaps that; `evaluateFed` hands them the items. */
export interface StartedWorkers {
  workers: Worker[];
  /** The first error a worker reported before it was taken over. */
  failure?: Error;
}

const MIN_ITEMS_FOR_WORKERS = 200;
const BATCH = 32;

// Worker threads for this many items: the machine's cores (at most 4) or the threads asked for, no more than batches.
const threadsFor = (count: number, opts: ParallelOptions): number => Math.min(opts.threads ?? Math.min(availableParallelism(), 4), Math.ceil(count / BATCH));

/** Starts the worker threads an evaluation of at most `count` items would use; undefined when it would stay in this thread. */
export async function startWorkers(count: number, opts: ParallelOptions): Promise<StartedWorkers | undefined> {
  const file = assetPath('evaluate-worker.js');
  const threads = threadsFor(count, opts);
  if (threads < 2 || count < MIN_ITEMS_FOR_WORKERS || !file || !(opts.policy instanceof Uint8Array)) return undefined;
  const { Worker: WorkerThread } = await import('node:worker_threads');
  const started: StartedWorkers = { workers: [] };
  for (let i = 0; i < threads; i++) {
    const worker = new WorkerThread(file, { workerData: { policy: opts.policy, data: opts.data } });
    worker.on('error', (err) => (started.failure ??= err));
    worker.on('exit', (code) => (started.failure ??= new Error(`it stopped (exit ${code})`)));
    started.workers.push(worker);
  }
  return started;
}

/** Ends workers started ahead. */
export async function endWorkers(started: StartedWorkers | undefined): Promise<void> {
  await Promise.all((started?.workers ?? []).map((w) => w.terminate()));
}

/** Evaluates every item; uses worker threads for large jobs. */
export async function evaluateAll(items: EvaluationItem[], opts: ParallelOptions): Promise<EngineResult[]> {
  const threads = threadsFor(items.length, opts);
  const worker = assetPath('evaluate-worker.js');
  // A large pipeline goes to a worker of its own: the Wasm memory it grows (which never shrinks) is
  // released when the worker ends, before the report of its findings is built.
  // Its young generation is kept small: the worker's own objects are few, and the memory adds to the Wasm heap's.
  if (worker && items.some((item) => item.parts)) return evaluateOnWorkers(items, opts, await newWorkers(Math.max(1, threads), worker, opts, { maxYoungGenerationSizeMb: 4 }));
  if (threads < 2 || items.length < MIN_ITEMS_FOR_WORKERS || !worker || !(opts.policy instanceof Uint8Array)) return evaluateHere(items, opts);
  return evaluateOnWorkers(items, opts, await newWorkers(threads, worker, opts));
}

function evaluateHere(items: EvaluationItem[], opts: ParallelOptions): EngineResult[] {
  const engine = PolicyEngine.load(opts.policy, memoryPagesForItems(items));
  engine.setData(opts.data);
  return engine.evaluateItems(items);
}

// Worker threads loading the policy bundle with its data (loaded here, so commands that evaluate in this thread start without it).
async function newWorkers(count: number, file: string, opts: ParallelOptions, resourceLimits?: ResourceLimits): Promise<Worker[]> {
  const { Worker: WorkerThread } = await import('node:worker_threads');
  return Array.from({ length: count }, () => new WorkerThread(file, { workerData: { policy: opts.policy, data: opts.data }, ...(resourceLimits ? { resourceLimits } : {}) }));
}

/** Items handed to workers as they are built: the builder appends to `items`, calls `more()`, and sets `done` at the end. */
export interface ItemFeed {
  items: EvaluationItem[];
  done: boolean;
  /** Hands the items appended since to idle workers (set by the evaluation). */
  more: () => void;
}

/**
 * Evaluates the items `build` appends to a feed, on the workers started ahead, while it appends them (`build` should
 * pause now and then, so the workers' results come in); results in feed order.
 */
export async function evaluateFed(started: StartedWorkers, opts: ParallelOptions, build: (feed: ItemFeed) => Promise<void>): Promise<EngineResult[]> {
  if (started.failure) {
    await endWorkers(started);
    throw new EngineError(`policy evaluation worker failed: ${started.failure.message}`);
  }
  const feed: ItemFeed = { items: [], done: false, more: () => undefined };
  const evaluation = evaluateOnWorkers(feed, opts, started.workers);
  // Its failure is thrown below, after the build.
  evaluation.catch(() => undefined);
  try {
    await build(feed);
  } catch (err) {
    await endWorkers(started);
    throw err;
  }
  feed.done = true;
  feed.more();
  return evaluation;
}

async function evaluateOnWorkers(source: EvaluationItem[] | ItemFeed, opts: ParallelOptions, workers: Worker[]): Promise<EngineResult[]> {
  const feed: ItemFeed = Array.isArray(source) ? { items: source, done: true, more: () => undefined } : source;
  const results: EngineResult[] = [];
  // A whole list gets memory for its largest item; a feed, for the largest of the first batch (the memory grows from there).
  const pages = feed.done ? memoryPagesForItems(feed.items) : undefined;
  const idle: Array<() => void> = [];
  feed.more = () => idle.splice(0).forEach((send) => send());
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= feed.items.length) return feed.done ? resolve() : void idle.push(send);
              const start = next;
              next = Math.min(feed.items.length, next + BATCH);
              const items = feed.items.slice(start, next);
              const batch: WorkerBatch = { id: start, pages: pages ?? memoryPagesForItems(items), items };
              w.postMessage(batch);
            };
            w.on('message', (m: { id: number; results?: EngineResult[]; error?: string }) => {
              if (m.error !== undefined || !m.results) return reject(new EngineError(m.error ?? 'a worker returned no results'));
              m.results.forEach((r, i) => (results[m.id + i] = r));
              send();
            });
            w.on('error', (err) => reject(new EngineError(`policy evaluation worker failed: ${err.message}`)));
            w.on('exit', (code) => (!feed.done || next < feed.items.length || code !== 0 ? reject(new EngineError(`policy evaluation worker stopped (exit ${code})`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
