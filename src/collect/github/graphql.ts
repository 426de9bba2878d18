// Runs one GraphQL query through octokit, keeping partial data and field errors instead of throwing them away.
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import { appendTo } from '../../collections.js';

/** A GraphQL error as GitHub reports it. */
export interface GqlError {
  message: string;
  type?: string;
  path?: (string | number)[];
}

/** A query that returned no data at all. */
export class GraphqlFailure extends Error {
  override name = 'GraphqlFailure';
  constructor(readonly errors: GqlError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** Data (possibly partial) and the field errors beside it. */
export interface GqlResult<T> {
  data: T;
  errors: GqlError[];
}

/** Sends a query; partial data comes back with its errors, no data at all throws `GraphqlFailure`. */
export async function runQuery<T>(client: GithubClient, stats: CallStats, events: CollectEvents, query: string, variables: Record<string, unknown>): Promise<GqlResult<T>> {
  let data: unknown;
  let errors: GqlError[] = [];
  try {
    data = await client.octokit.graphql(query, variables);
  } catch (e) {
    const err = e as { name?: string; data?: unknown; errors?: GqlError[] };
    if (err.name !== 'GraphqlResponseError') throw e;
    data = err.data;
    errors = err.errors ?? [];
    if (!data) throw new GraphqlFailure(errors);
  }
  const rate = (data as { rateLimit?: { cost?: number; remaining?: number; limit?: number; resetAt?: string } }).rateLimit;
  if (rate?.cost !== undefined) stats.graphqlPoints += rate.cost;
  if (rate?.remaining !== undefined && rate.limit !== undefined) events.budget('github', rate.remaining, rate.limit, rate.resetAt);
  return { data: data as T, errors };
}

/** Field errors under a list (`prefix` is the path to it), keyed by item key (index or alias) then field name. */
export function fieldErrors(errors: GqlError[], prefix: (string | number)[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const e of errors) {
    const p = e.path ?? [];
    if (p.length < prefix.length + 2 || !prefix.every((x, i) => p[i] === x)) continue;
    const item = String(p[prefix.length]);
    const field = String(p[prefix.length + 1]);
    const m = out.get(item) ?? new Map<string, string>();
    m.set(field, e.message);
    out.set(item, m);
  }
  return out;
}

/** Paths of the field errors under a list (`prefix` is the path to it) by item key then field name, each relative to the field. */
export function fieldErrorPaths(errors: GqlError[], prefix: (string | number)[]): Map<string, Map<string, (string | number)[][]>> {
  const out = new Map<string, Map<string, (string | number)[][]>>();
  for (const e of errors) {
    const p = e.path ?? [];
    if (p.length < prefix.length + 2 || !prefix.every((x, i) => p[i] === x)) continue;
    const item = out.get(String(p[prefix.length])) ?? new Map<string, (string | number)[][]>();
    const field = String(p[prefix.length + 1]);
    appendTo(item, field, p.slice(prefix.length + 2));
    out.set(String(p[prefix.length]), item);
  }
  return out;
}

/**
 * The rulesets (by position) whose only field errors sit under their bypass actors, given the error paths under a
 * rulesets connection; undefined when some error sits elsewhere, which leaves the whole rulesets list unknown.
 */
export function bypassOnlyErrors(paths: (string | number)[][]): Set<number> | undefined {
  const at = paths.map((p) => (p[0] === 'nodes' && typeof p[1] === 'number' && p[2] === 'bypassActors' ? p[1] : undefined));
  return at.every((i) => i !== undefined) ? new Set(at as number[]) : undefined;
}
