// What a collector reports while it runs: progress, rate-limit budget, and problems it worked around.
import type { Provider } from '../snapshot/types.js';


/** Callbacks a collector calls as it goes; the `collect` command turns them into a progress display. */
export interface CollectEvents {
  /** A phase started or advanced: what is being read, and how far along it is. */
  progress(provider: Provider, what: string, done: number, total?: number): void;
  /** The rate-limit budget as the last response's headers reported it. */
  budget(provider: Provider, remaining: number, limit: number, resetAt?: string): void;
  /** Something that did not stop the collection: a retry, a throttle, a section left unavailable. */
  warn(provider: Provider, message: string): void;
}

/** Events that go nowhere, for tests and `--quiet`. */
export const SILENT_EVENTS: CollectEvents = {
  progress() {},
  budget() {},
  warn() {},
};
