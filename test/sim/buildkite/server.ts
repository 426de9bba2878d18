// A loopback Buildkite: REST v2 and GraphQL over an estate model, with per-token rate limits, fault injection and request accounting.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { SimEstate } from './estate.js';
import { takeFault, type Fault } from './faults.js';
import { executeGraphql, loadSchema } from './graphql.js';
import { GRAPHQL_SCHEMA_PATH } from './paths.js';
import { restRoute } from './routes.js';
import { readBody } from '../read-body.js';
import { drifter, type DriftLog, type DriftOptions } from '../drift.js';

/** How the simulator behaves. */
export interface SimOptions {
  estate: SimEstate;
  /** Buildkite's GraphQL SDL (default: the shared reference copy beside the repository). */
  schemaPath?: string;
  /** SDL appended to the schema, for types the published schema does not document (e.g. `EVENTBRIDGE_SDL`). */
  schemaExtension?: string;
  /** REST requests per token per window (default 50, Buildkite's per-user limit). */
  restLimit?: number;
  restWindowMs?: number;
  /** GraphQL complexity points per token per window (default 20,000 per 5 minutes). */
  graphqlLimit?: number;
  graphqlWindowMs?: number;
  /** The clock rate-limit windows run on (default `Date.now`). */
  now?: () => number;
  /** Faults to inject; the list can be changed while the server runs. */
  faults?: Fault[];
  /** Put the received Authorization header into error bodies, to prove the client never repeats them. */
  echoAuthorizationInErrors?: boolean;
  /** Perturb successful responses as APIs drift (test/sim/drift.ts), seeded. */
  drift?: DriftOptions;
  /**
   * GraphQL field errors to raise, by dotted response path from the root with list positions left out
   * (`organization.sso` → the message): the response keeps its other data, with that field null and an error at its path.
   */
  fieldErrors?: Record<string, string>;
  /** Rewrites chosen successful responses (REST by route name, GraphQL by operation name), for tests of one exact change. */
  tamper?: (where: string, body: unknown) => unknown;
}

/** Requests the simulator received. */
export interface SimCounts {
  rest: number;
  graphql: number;
  /** REST per route name (`pipelines`, `clusters/:cluster/secrets`…) and GraphQL per operation name (`graphql:OrgSecurity`). */
  byRoute: Record<string, number>;
}

/** A running simulator. */
export interface BuildkiteSim {
  /** REST base, e.g. `http://127.0.0.1:PORT/v2`. */
  apiUrl: string;
  /** GraphQL endpoint, e.g. `http://127.0.0.1:PORT/graphql`. */
  graphqlUrl: string;
  counts: SimCounts;
  /** Every distinct Authorization header value received. */
  authorizations: Set<string>;
  faults: Fault[];
  /** What the drift perturbed (with `drift`). */
  driftLog?: DriftLog;
  close(): Promise<void>;
}

interface Window {
  start: number;
  used: number;
}

/** Starts the simulator on 127.0.0.1 with an ephemeral port. */
export async function startBuildkiteSim(options: SimOptions): Promise<BuildkiteSim> {
  const schemaPath = options.schemaPath ?? GRAPHQL_SCHEMA_PATH;
  if (!schemaPath) throw new Error('Buildkite GraphQL schema not found (shared/data/buildkite-graphql-schema.graphql beside the repository)');
  const schema = loadSchema(schemaPath, options.schemaExtension);
  const now = options.now ?? Date.now;
  const counts: SimCounts = { rest: 0, graphql: 0, byRoute: {} };
  const authorizations = new Set<string>();
  const faults = options.faults ?? [];
  const windows = new Map<string, Window>();
  const drift = options.drift ? drifter(options.drift) : undefined;

  const take = (key: string, limit: number, windowMs: number, cost: number) => {
    let w = windows.get(key);
    const t = now();
    if (!w || t >= w.start + windowMs) {
      w = { start: t, used: 0 };
      windows.set(key, w);
    }
    const allowed = w.used < limit;
    if (allowed) w.used += cost;
    const headers = {
      'RateLimit-Remaining': String(Math.max(0, limit - w.used)),
      'RateLimit-Limit': String(limit),
      'RateLimit-Reset': String(Math.max(0, Math.ceil((w.start + windowMs - t) / 1000))),
    };
    return { allowed, headers, window: w };
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { message: `simulator error: ${String(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = await readBody(req);
    const isGraphql = url.pathname === '/graphql';
    const auth = req.headers.authorization ?? '';
    authorizations.add(auth);
    const echo = options.echoAuthorizationInErrors ? { received_authorization: auth } : {};
    const said = (text: string) => (options.echoAuthorizationInErrors ? `${text} (you sent ${auth})` : text);
    if (isGraphql) {
      counts.graphql++;
      const op = /"operationName"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? 'anonymous';
      counts.byRoute[`graphql:${op}`] = (counts.byRoute[`graphql:${op}`] ?? 0) + 1;
    } else counts.rest++;

    const fault = takeFault(faults, url.pathname, body);
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.status === 429 ? { 'RateLimit-Remaining': '0', 'RateLimit-Limit': '50', 'RateLimit-Reset': String(fault.retryAfterSeconds ?? 1) } : {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return send(res, fault.status, isGraphql ? { errors: [{ message: said(`injected ${fault.status}`) }], ...echo } : { message: said(`injected ${fault.status}`), ...echo }, headers);
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'hang') return new Promise<void>((r) => res.on('close', () => r()));

    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    const record = options.estate.apiAccessTokens.find((t) => t.token === token);
    if (!record) return send(res, 401, isGraphql ? { errors: [{ message: said('Authentication required'), ...echo }] } : { message: said('Authentication required'), ...echo });

    if (isGraphql) return graphqlRequest(res, schema, body, record.token, record.scopes, echo, fault);
    const route = restRoute(options.estate, url.pathname);
    if (route) counts.byRoute[route.name] = (counts.byRoute[route.name] ?? 0) + 1;
    const limit = take(`rest:${token}`, options.restLimit ?? 50, options.restWindowMs ?? 60_000, 1);
    if (!limit.allowed) return send(res, 429, { message: 'You have exceeded your rate limit', ...echo }, limit.headers);
    if (!route) return send(res, 404, { message: said('Not Found'), ...echo }, limit.headers);
    if (route.scope && !record.scopes.includes(route.scope)) {
      return send(res, 403, { message: `Your token is missing the ${route.scope} scope`, ...echo }, limit.headers);
    }
    let payload = route.body;
    const headers: Record<string, string> = { ...limit.headers };
    if (Array.isArray(payload)) {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const lastPage = Math.max(1, Math.ceil(payload.length / perPage));
      const link = (p: number, rel: string) => {
        const u = new URL(url);
        u.searchParams.set('page', String(p));
        u.searchParams.set('per_page', String(perPage));
        return `<${u.href}>; rel="${rel}"`;
      };
      const links = [];
      if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
      if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
      if (links.length > 0) headers.Link = links.join(', ');
      payload = payload.slice((page - 1) * perPage, page * perPage);
    }
    const served = options.tamper ? options.tamper(route.name, payload) : payload;
    return send(res, 200, drift ? drift.rest(served, route.name) : served, headers, fault);
  }

  async function graphqlRequest(res: ServerResponse, s: GraphQLSchema, body: string, token: string, scopes: string[], echo: object, fault: Fault | undefined): Promise<void> {
    if (!scopes.includes('graphql')) return send(res, 403, { errors: [{ message: 'This API Access Token does not have GraphQL access enabled' }], ...echo });
    const limit = options.graphqlLimit ?? 20_000;
    const windowMs = options.graphqlWindowMs ?? 300_000;
    const before = take(`graphql:${token}`, limit, windowMs, 0);
    if (!before.allowed) {
      return send(res, 429, { errors: [{ message: `Your organization has exceeded the limit of ${limit} complexity points. Please try again in ${before.headers['RateLimit-Reset']} seconds.` }] }, before.headers);
    }
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return send(res, 400, { errors: [{ message: 'body is not JSON' }] });
    }
    const result = await executeGraphql(s, options.estate, request, options.fieldErrors);
    const after = take(`graphql:${token}`, limit, windowMs, result.points);
    const op = typeof request.operationName === 'string' ? request.operationName : (/query\s+(\w+)/.exec(String(request.query))?.[1] ?? 'anonymous');
    const served = options.tamper ? options.tamper(`graphql:${op}`, result.body) : result.body;
    return send(res, 200, drift ? drift.graphql(served, `graphql:${op}`) : served, after.headers, fault);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...(drift ? { driftLog: drift.log } : {}),
    apiUrl: `http://127.0.0.1:${port}/v2`,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    counts,
    authorizations,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Writes a JSON response, broken as a truncate/invalid-json fault asks. */
function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}, fault?: Fault): void {
  const text = JSON.stringify(payload);
  const bytes = Buffer.from(text, 'utf8');
  if (fault?.kind === 'truncate') {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    res.socket?.destroy();
    return;
  }
  const out = fault?.kind === 'invalid-json' ? bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))) : bytes;
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(out.length) });
  res.end(out);
}
