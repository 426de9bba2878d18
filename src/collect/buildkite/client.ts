// A small typed client for Buildkite's REST v2 and GraphQL APIs: pagination, pacing, retries, call counts.
import type { CollectEvents } from '../events.js';
import { emptyStats, type CallStats } from '../stats.js';
import { redactor } from '../../redact.js';
import type { ResponseJournal } from '../journal/journal.js';
import { BuildkiteApiError, BuildkiteGraphqlError, pathOnly, type BuildkiteApi } from './errors.js';
import { exchange, type ExchangeContext } from './http.js';
import { RateLimitPacer, SYSTEM_CLOCK, type Clock } from './pacer.js';
import { Semaphore } from './semaphore.js';
import { ApiGate } from '../gate.js';

/** Buildkite's public REST base. */
export const DEFAULT_API_URL = 'https://api.buildkite.com/v2';
/** Buildkite's public GraphQL endpoint. */
export const DEFAULT_GRAPHQL_URL = 'https://graphql.buildkite.com/v1';

/** How to reach Buildkite and how patiently. */
export interface BuildkiteClientOptions {
  /** A Buildkite API access token; sent only as `Authorization: Bearer …` to the two configured origins. */
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Per-attempt timeout covering headers and body (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** Waits between retries and for rate-limit resets; tests inject a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock pacing compares reset times against (default `Date.now`). */
  now?: () => number;
  /** REST requests kept in hand when pacing: the client waits for the reset when fewer would remain (default 1). */
  restReserve?: number;
  /** Progress and warnings. */
  events?: CollectEvents;
  /** Counters to fill (a fresh set by default). */
  stats?: CallStats;
  /** The fetch implementation (default the global one). */
  fetch?: typeof fetch;
  /** Completed responses of an interrupted run to replay, and where to keep this run's (`collect --resume`). */
  journal?: ResponseJournal;
}

/** A GraphQL error that named a field: the data beside it is still usable. */
export interface GraphqlFieldError {
  message: string;
  path: Array<string | number>;
}

/** A GraphQL response with data, plus any field-level errors. */
export interface GraphqlResult<T> {
  data: T;
  errors: GraphqlFieldError[];
}

const PAGE_SIZE = 100;
const GRAPHQL_MIN_ESTIMATE = 50;

/** Talks to one Buildkite organization's APIs on behalf of a collector. */
export class BuildkiteClient {
  /** What this client has sent so far. */
  readonly stats: CallStats;
  private readonly apiUrl: URL;
  private readonly graphqlUrl: URL;
  private readonly ctx: ExchangeContext;
  private readonly restPacer: RateLimitPacer;
  private readonly graphqlPacer: RateLimitPacer;
  /** Points to reserve per operation name: the most it has cost so far (a large batch must not make small queries wait). */
  private readonly graphqlEstimates = new Map<string, number>();

  constructor(private readonly options: BuildkiteClientOptions) {
    this.stats = options.stats ?? emptyStats();
    this.apiUrl = new URL(stripSlash(options.apiUrl ?? DEFAULT_API_URL));
    this.graphqlUrl = new URL(options.graphqlUrl ?? DEFAULT_GRAPHQL_URL);
    const events = options.events;
    const clock: Clock = { now: options.now ?? SYSTEM_CLOCK.now, sleep: options.sleep ?? SYSTEM_CLOCK.sleep };
    const waitWarning = (api: string) => (ms: number, s: { remaining: number; limit: number }) =>
      events?.warn('buildkite', `Buildkite ${api} rate limit: ${s.remaining} of ${s.limit} left, waiting ${Math.ceil(ms / 1000)} s for the window to reset`);
    this.restPacer = new RateLimitPacer(clock, options.restReserve ?? 1, waitWarning('REST'));
    this.graphqlPacer = new RateLimitPacer(clock, 0, waitWarning('GraphQL'));
    this.ctx = {
      token: options.token,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 5,
      clock,
      semaphore: new Semaphore(options.concurrency ?? 4),
      fetch: options.fetch ?? globalThis.fetch,
      onSend: (api) => {
        if (api === 'rest') this.stats.rest++;
        else this.stats.graphql++;
      },
      onRetry: (message) => {
        this.stats.retries++;
        events?.warn('buildkite', message);
      },
      gates: { rest: new ApiGate(this.apiUrl.href), graphql: new ApiGate(this.graphqlUrl.href) },
      onRateLimit: (api, s) => {
        if (api === 'rest') events?.budget('buildkite', s.remaining, s.limit, new Date(s.resetAt).toISOString());
      },
      ...(options.journal ? { journal: options.journal } : {}),
    };
  }

  /** Why nothing at all could be collected: an API whose host could not be reached or which rejected the token, before anything succeeded. */
  get unusable(): string | undefined {
    const gates = [this.ctx.gates.rest, this.ctx.gates.graphql];
    if (gates.some((g) => g.succeeded)) return undefined;
    const failed = gates.flatMap((g) => (g.closedBy ? [redactor([this.options.token])(g.closedBy.message)] : []));
    return failed.length > 0 ? [...new Set(failed)].join('; ') : undefined;
  }

  /** GETs one REST resource, e.g. `/organizations/acme/pipeline-settings`. */
  async get<T = unknown>(path: string): Promise<T> {
    const url = this.restUrl(path);
    const res = await exchange(this.ctx, this.restRequest(url, this.restLabel(url)));
    return res.body as T;
  }

  /** GETs every page of a REST list (100 per page, following `Link: <…>; rel="next"`), calling `onPage` as pages arrive. */
  async list<T = unknown>(path: string, onPage?: (itemsSoFar: number) => void): Promise<T[]> {
    const url = this.restUrl(path);
    url.searchParams.set('per_page', String(PAGE_SIZE));
    const items: T[] = [];
    let next: URL | undefined = url;
    while (next) {
      const label = this.restLabel(next);
      const res = await exchange(this.ctx, this.restRequest(next, label));
      if (!Array.isArray(res.body)) throw new BuildkiteApiError('rest', label, res.status, 'expected a JSON array');
      items.push(...(res.body as T[]));
      onPage?.(items.length);
      next = this.nextPage(res.headers.get('link'), label);
    }
    return items;
  }

  /** Runs one GraphQL operation; throws when no data came back, returns field-level errors beside the data otherwise. */
  async graphql<T>(operationName: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
    const res = await exchange(this.ctx, {
      api: 'graphql',
      url: this.graphqlUrl.href,
      label: operationName,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Buildkite-Include-Query-Stats': 'true' },
      body: JSON.stringify({ query, variables, operationName }),
      pacer: this.graphqlPacer,
      cost: this.graphqlEstimates.get(operationName) ?? GRAPHQL_MIN_ESTIMATE,
    });
    const body = (res.body ?? {}) as { data?: T | null; errors?: Array<{ message?: unknown; path?: unknown }>; stats?: { actualComplexity?: unknown } };
    const points = Number(body.stats?.actualComplexity);
    if (Number.isFinite(points)) {
      this.stats.graphqlPoints += points;
      this.graphqlEstimates.set(operationName, Math.max(this.graphqlEstimates.get(operationName) ?? GRAPHQL_MIN_ESTIMATE, points));
    }
    const errors = (body.errors ?? []).map((e) => ({
      message: redactor([this.options.token])(typeof e.message === 'string' ? e.message : 'unknown error'),
      path: Array.isArray(e.path) ? (e.path as Array<string | number>) : [],
    }));
    if (body.data === null || body.data === undefined) {
      throw new BuildkiteGraphqlError(operationName, errors.length > 0 ? errors.map((e) => e.message) : ['no data in the response']);
    }
    return { data: body.data, errors };
  }

  private restRequest(url: URL, label: string) {
    return { api: 'rest' as BuildkiteApi, url: url.href, label, method: 'GET' as const, pacer: this.restPacer, cost: 1 };
  }

  private restUrl(path: string): URL {
    if (!path.startsWith('/')) throw new TypeError(`REST paths start with "/": ${path}`);
    return new URL(this.apiUrl.href + path);
  }

  /** The path below the REST base, without query string, for messages. */
  private restLabel(url: URL): string {
    const base = this.apiUrl.pathname;
    return pathOnly(url.pathname.startsWith(base) ? url.pathname.slice(base.length) || '/' : url.pathname);
  }

  /** The `rel="next"` URL of a Link header; refuses links to another origin, which would receive the token. */
  private nextPage(link: string | null, label: string): URL | undefined {
    const href = parseNextLink(link);
    if (!href) return undefined;
    const next = new URL(href, this.apiUrl);
    if (next.origin !== this.apiUrl.origin) {
      throw new BuildkiteApiError('rest', label, 0, `pagination link points to another origin (${next.origin}); not following it with the token`);
    }
    return next;
  }
}

/** The target of `rel="next"` in an RFC 8288 Link header, if any. */
export function parseNextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*((?:;[^;]*)*)/.exec(part.trim());
    if (m && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
