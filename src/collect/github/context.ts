// What every part of one GitHub collection run shares: options, events, counters, client and cache.
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import type { EtagCache } from './etag-cache.js';
import type { CollectGithubOptions } from './options.js';

/** Shared state of one collection run. */
export interface RunContext {
  options: CollectGithubOptions;
  events: CollectEvents;
  stats: CallStats;
  client: GithubClient;
  cache: EtagCache;
  concurrency: number;
}
