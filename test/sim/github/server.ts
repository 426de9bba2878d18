// The GitHub simulator's HTTP server: auth, rate limits, ETags, faults and request accounting on 127.0.0.1.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimAuth, type Caller, type SimApp, type SimToken } from './auth.js';
import { FaultPlan, type Fault } from './faults.js';
import { runGraphql, type GraphqlBody, type PointsBudget } from './graphql-handler.js';
import type { SimOrg } from './model.js';
import { validateResponse } from './openapi.js';
import { routeRest, type RestAnswer } from './rest-routes.js';
import { readBody } from '../read-body.js';
import { drifter, type DriftLog, type DriftOptions } from '../drift.js';

/** How to start a simulator. */
export interface SimOptions {
  org: SimOrg;
  tokens: Record<string, SimToken>;
  app?: SimApp;
  /** Serve GitHub Enterprise Server paths (`/api/v3`, `/api/graphql`) instead of api.github.com's. */
  ghes?: boolean;
  restLimit?: number;
  graphqlLimit?: number;
  /** Bytes of `Blob.text` before GitHub truncates it (default 512 KiB). */
  blobTextLimit?: number;
  /** Validate every REST response against @octokit/openapi and record violations. */
  validate?: boolean;
  /** Perturb successful responses as APIs drift (test/sim/drift.ts), seeded. */
  drift?: DriftOptions;
  /** Rewrites chosen successful responses (REST by `GET /path`, GraphQL by `graphql:<operation>`), for tests of one exact change. */
  tamper?: (where: string, body: unknown) => unknown;
}

/** What the simulator saw, for assertions on API budgets. */
export interface SimStats {
  rest: number;
  restCounted: number;
  notModified: number;
  graphql: number;
  graphqlPoints: number;
  faults: number;
  paths: Record<string, number>;
}

/** A running simulator. */
export interface GithubSim {
  /** REST base URL to pass as `apiUrl`. */
  url: string;
  faults: FaultPlan;
  stats: SimStats;
  /** Every distinct `Authorization` header value received. */
  authorizations: Set<string>;
  /** OpenAPI violations of served REST responses (with `validate`). */
  violations: string[];
  resetStats(): void;
  /** What the drift perturbed (with `drift`). */
  driftLog?: DriftLog;
  close(): Promise<void>;
}

const emptySimStats = (): SimStats => ({ rest: 0, restCounted: 0, notModified: 0, graphql: 0, graphqlPoints: 0, faults: 0, paths: {} });

function tokenHeaders(caller: Caller): Record<string, string> {
  if (caller.type !== 'token') return {};
  const h: Record<string, string> = {};
  if (caller.token.kind === 'classic') {
    h['x-oauth-scopes'] = (caller.token.scopes ?? []).join(', ');
    h['x-accepted-oauth-scopes'] = '';
  }
  if (caller.token.expiresAt) h['github-authentication-token-expiration'] = caller.token.expiresAt;
  return h;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown, fault?: Fault): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  const h: Record<string, string> = { 'x-github-request-id': randomUUID(), ...headers };
  if (body !== undefined) h['content-type'] = 'application/json; charset=utf-8';
  if (fault?.kind === 'truncate') {
    res.writeHead(status, { ...h, 'content-length': String(Buffer.byteLength(text)) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    setTimeout(() => res.destroy(), 5);
    return;
  }
  res.writeHead(status, h);
  res.end(text);
}

function faultAnswer(fault: Fault, now: number): { status: number; headers: Record<string, string>; body: unknown } | undefined {
  const retry = (s: number | undefined) => String(s ?? 1);
  if (fault.kind === 'rate-limit') {
    return { status: 429, headers: { 'retry-after': retry(fault.retryAfter), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now + (fault.retryAfter ?? 1)) }, body: { message: 'API rate limit exceeded for user.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '429' } };
  }
  if (fault.kind === 'secondary-rate-limit') {
    return { status: fault.status ?? 403, headers: { 'retry-after': retry(fault.retryAfter) }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits', status: String(fault.status ?? 403) } };
  }
  if (fault.kind === 'status') return { status: fault.status, headers: {}, body: { message: 'Server Error' } };
  if (fault.kind === 'forbidden') return { status: 403, headers: {}, body: { message: fault.message ?? 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest', status: '403' } };
  return undefined;
}

/** Starts a simulator on 127.0.0.1 with an ephemeral port. */
export async function startGithubSim(options: SimOptions): Promise<GithubSim> {
  const auth = new SimAuth(options.tokens, options.app);
  const faults = new FaultPlan();
  const authorizations = new Set<string>();
  const violations: string[] = [];
  let stats = emptySimStats();
  const budgets = new Map<string, { core: PointsBudget; graphql: PointsBudget }>();
  const budgetFor = (identity: string) => {
    const now = Math.floor(Date.now() / 1000);
    let b = budgets.get(identity);
    if (!b || b.core.resetAt <= now) {
      b = { core: { limit: options.restLimit ?? 5000, used: 0, resetAt: now + 3600 }, graphql: { limit: options.graphqlLimit ?? 5000, used: 0, resetAt: now + 3600 } };
      budgets.set(identity, b);
    }
    return b;
  };
  const rateHeaders = (b: PointsBudget, resource: string) => ({
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(Math.max(0, b.limit - b.used)),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-reset': String(b.resetAt),
    'x-ratelimit-resource': resource,
  });
  const restPrefix = options.ghes ? '/api/v3' : '';
  const graphqlPath = options.ghes ? '/api/graphql' : '/graphql';
  let base = '';
  const drift = options.drift ? drifter(options.drift) : undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const header = req.headers.authorization;
    if (header) authorizations.add(header);
    const isGraphql = url.pathname === graphqlPath && method === 'POST';
    const isRest = !isGraphql && (restPrefix === '' || url.pathname.startsWith(`${restPrefix}/`));
    if (!isGraphql && !isRest) return send(res, 404, {}, { message: 'Not Found' });
    const path = isRest ? url.pathname.slice(restPrefix.length) : url.pathname;
    if (isGraphql) stats.graphql += 1;
    else stats.rest += 1;
    stats.paths[`${method} ${path}`] = (stats.paths[`${method} ${path}`] ?? 0) + 1;
    const caller = auth.resolve(header);
    if (!caller) return send(res, 401, {}, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const fault = faults.take(method, path);
    const now = Math.floor(Date.now() / 1000);
    if (fault) {
      stats.faults += 1;
      if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
      const answer = faultAnswer(fault, now);
      if (answer) return send(res, answer.status, { ...answer.headers, ...tokenHeaders(caller) }, answer.body);
    }
    const budget = budgetFor(caller.identity);
    if (isGraphql) {
      if (caller.type !== 'token') return send(res, 401, {}, { message: 'A JSON web token could not be decoded' });
      const outcome = runGraphql(options.org, caller.token, budget.graphql, JSON.parse(body || '{}') as GraphqlBody, options.blobTextLimit ?? 512 * 1024);
      stats.graphqlPoints += outcome.cost;
      const query = String((JSON.parse(body || '{}') as { query?: unknown }).query ?? '');
      const where = `graphql:${/query\s+(\w+)/.exec(query)?.[1] ?? 'anonymous'}`;
      const served = options.tamper ? options.tamper(where, outcome.body) : outcome.body;
      return send(res, 200, { ...rateHeaders(budget.graphql, 'graphql'), ...tokenHeaders(caller) }, drift ? drift.graphql(served, where) : served, fault);
    }
    const answer: RestAnswer = routeRest({ method, path, query: url.searchParams, caller, api: base }, { org: options.org, auth, rate: (id) => ({ core: toRate(budgetFor(id).core), graphql: toRate(budgetFor(id).graphql) }) });
    const headers: Record<string, string> = { ...rateHeaders(budget.core, 'core'), ...tokenHeaders(caller) };
    if (!answer.free && budget.core.used >= budget.core.limit) {
      return send(res, 403, { ...headers, 'x-ratelimit-remaining': '0' }, { message: 'API rate limit exceeded for user.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' });
    }
    const etag = `W/"${createHash('sha256').update(caller.identity).update(JSON.stringify(answer.body)).digest('hex').slice(0, 32)}"`;
    if (answer.link) headers.link = answer.link;
    if (answer.status === 200 && method === 'GET') {
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        stats.notModified += 1;
        return send(res, 304, headers, undefined);
      }
    }
    if (!answer.free) {
      budget.core.used += 1;
      stats.restCounted += 1;
      Object.assign(headers, rateHeaders(budget.core, 'core'));
    }
    if (options.validate && answer.status < 300) violations.push(...validateResponse(method, path, answer.status, answer.body));
    const served = options.tamper && answer.status === 200 ? options.tamper(`${method} ${path}`, answer.body) : answer.body;
    send(res, answer.status, headers, drift && answer.status === 200 && !answer.free ? drift.rest(served, `${method} ${path}`) : served, fault);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, {}, { message: `simulator error: ${(e as Error).message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}${restPrefix}`;
  return {
    ...(drift ? { driftLog: drift.log } : {}),
    url: base,
    faults,
    get stats() {
      return stats;
    },
    authorizations,
    violations,
    resetStats() {
      stats = emptySimStats();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toRate(b: PointsBudget) {
  return { limit: b.limit, used: b.used, reset: b.resetAt };
}
