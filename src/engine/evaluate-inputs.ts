// Every target's input evaluated once per distinct input. In a large sweep the workers, started
// first, evaluate the items while the rest are still being serialized; large pipelines follow,
// on a worker of their own (parallel.ts), once the others are done.
import type { Target } from '../model/target.js';
import { DistinctInputs } from './distinct-inputs.js';
import { evaluateAll, evaluateFed, startWorkers, type ParallelOptions } from './parallel.js';
import type { EngineResult } from './policy.js';

/** Targets serialized between pauses that let the workers' results in. */
const TARGETS_PER_PAUSE = 256;

/** Each distinct input's result (`results`), and which one is each target's (`slot`, -1: not evaluated); `repositoryWide`: only those rule packages are needed. */
export async function evaluateInputs(targets: Target[], now: string, opts: ParallelOptions, repositoryWide?: readonly string[]): Promise<{ results: EngineResult[]; slot: number[] }> {
  const inputs = new DistinctInputs(now, repositoryWide);
  // Workers for at most one item per target that is evaluated.
  const started = await startWorkers(targets.filter((t) => t.unknownReason === undefined).length, opts);
  if (!started) {
    for (const target of targets) inputs.add(target);
    return { results: await evaluateAll(inputs.items, opts), slot: inputs.slot };
  }
  // Item indices of what the workers evaluate as it comes (in feed order), and of the large pipelines.
  const fed: number[] = [];
  const large: number[] = [];
  const fedResults = await evaluateFed(started, opts, async (feed) => {
    for (let i = 0; i < targets.length; i++) {
      const known = inputs.items.length;
      inputs.add(targets[i]!);
      if (inputs.items.length > known) {
        const item = inputs.items[known]!;
        if (item.parts) large.push(known);
        else {
          fed.push(known);
          feed.items.push(item);
        }
      }
      if (i % TARGETS_PER_PAUSE === TARGETS_PER_PAUSE - 1) {
        feed.more();
        await new Promise((resume) => setImmediate(resume));
      }
    }
  });
  const results: EngineResult[] = new Array(inputs.items.length);
  fed.forEach((index, position) => (results[index] = fedResults[position]!));
  if (large.length > 0) {
    const largeResults = await evaluateAll(large.map((index) => inputs.items[index]!), opts);
    large.forEach((index, k) => (results[index] = largeResults[k]!));
  }
  return { results, slot: inputs.slot };
}
