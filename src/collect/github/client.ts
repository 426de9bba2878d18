// The octokit client the collector uses: retries, throttling, timeouts, call counting and token facts from headers.
import { App, Octokit } from 'octokit';
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import { identityHash } from '../identity.js';
import { Limiter } from './limiter.js';
import type { CollectGithubOptions } from './options.js';
import { redactor, type Redact } from '../../redact.js';
import { ApiGate, connectionFailure } from '../gate.js';
import { isCompleteAnswer, storedAnswer } from '../journal/answer.js';
import type { ApiUnusableError } from '../../errors.js';

/** Response headers that describe the collector's own credential. */
export interface CredentialHeaders {
  scopes: string | null;
  expiration: string | null;
}

/** A ready client plus what it learned on the way. */
export interface GithubClient {
  octokit: InstanceType<typeof Octokit>;
  /** Identity hash for cache keys; never the token. */
  identity: string;
  credential: CredentialHeaders | undefined;
  redact: Redact;
  appInstallationId?: number;
  /** Whether the API host could be reached and took the credential. */
  gate: ApiGate;
}

const RETRIES = 3;
/** Longest wait kiteguard accepts for a rate-limit reset before giving up on that request. */
const MAX_WAIT_SECONDS = 15 * 60;

/** octokit passes an `AbortError` on untouched and never retries it: the way to end a request for good. */
function stopRequest(failure: ApiUnusableError): Error {
  return Object.assign(new Error(failure.message, { cause: failure }), { name: 'AbortError' });
}

/** The `message` of a JSON error body, shortened; undefined when there is none. */
function upstreamMessage(buf: ArrayBuffer): string | undefined {
  try {
    const body = JSON.parse(new TextDecoder().decode(buf)) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://github.invalid').pathname;
  } catch {
    return url;
  }
}

// The response headers the collector reads, kept with a journaled answer so its replay reads the same.
const KEPT_HEADERS = ['content-type', 'link', 'etag', 'x-oauth-scopes', 'github-authentication-token-expiration'];

// A replayed GraphQL answer spent no points now: its `rateLimit` goes, so neither the points nor a stale budget are reported.
function withoutCost(body: string): string {
  const parsed = JSON.parse(body) as { data?: { rateLimit?: unknown } | null };
  if (!parsed.data?.rateLimit) return body;
  delete parsed.data.rateLimit;
  return JSON.stringify(parsed);
}

/** Builds the client: token auth directly, App auth by minting an installation token. */
export async function createGithubClient(base: string, options: CollectGithubOptions, events: CollectEvents, stats: CallStats): Promise<GithubClient> {
  const secret = 'token' in options.auth ? options.auth.token : options.auth.privateKey;
  const redact = redactor([secret]);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const unit = options.retryUnitMs ?? 1000;
  const seen = new Set<string>();
  const count = (isGraphql: boolean, key: string) => {
    if (isGraphql) stats.graphql += 1;
    else stats.rest += 1;
    if (seen.has(key)) stats.retries += 1;
    seen.add(key);
  };
  const state: { credential?: CredentialHeaders } = {};

  const noteCredential = (href: string, status: number, headers: Headers) => {
    if (!state.credential && status < 500 && !pathOf(href).startsWith('/app/') && !/\/app\/installations\//.test(pathOf(href))) {
      state.credential = { scopes: headers.get('x-oauth-scopes'), expiration: headers.get('github-authentication-token-expiration') };
    }
  };

  const gate = new ApiGate(base);
  const countingFetch = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const href = String(url);
    const isGraphql = /\/graphql$/.test(pathOf(href));
    const method = init.method ?? 'GET';
    const requestBody = typeof init.body === 'string' ? init.body : '';
    // GETs and GraphQL queries only: never the App's token minting.
    const journal = method === 'GET' || isGraphql ? options.journal : undefined;
    const stored = journal?.replay('github', method, href, requestBody);
    if (stored) {
      const headers = new Headers(stored.headers);
      noteCredential(href, stored.status, headers);
      return new Response(stored.status === 204 ? null : isGraphql ? withoutCost(stored.body) : stored.body, { status: stored.status, headers });
    }
    const label = `${method} ${pathOf(href)}`;
    let res: Response | undefined;
    const request = {};
    for (let attempt = 1; !res; attempt++) {
      await gate.enter(request).catch((e: ApiUnusableError) => {
        throw stopRequest(e);
      });
      count(isGraphql, `${method} ${href} ${requestBody}`);
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        res = await fetch(href, { ...init, signal });
      } catch (e) {
        const failure = signal.aborted ? undefined : connectionFailure(e);
        if (!failure) {
          gate.settled();
          const why = signal.aborted ? `no response within ${timeoutMs} ms` : `connection failed (${(e as Error).message})`;
          events.warn('github', redact(`${label}: ${why}; retrying`));
          throw new Error(why);
        }
        if (!gate.noAnswer(request, failure, attempt)) throw stopRequest(gate.closedBy!);
        events.warn('github', redact(`${label}: ${failure.cause}; retrying`));
        await sleep((unit / 4) * attempt);
      }
    }
    let buf: ArrayBuffer;
    try {
      buf = await res.arrayBuffer();
    } catch (e) {
      gate.settled();
      events.warn('github', redact(`${label}: response cut short (${(e as Error).message}); retrying`));
      throw new Error(`response cut short (${(e as Error).message})`);
    }
    gate.answered(res.status, res.status === 401 ? upstreamMessage(buf) : undefined);
    const type = res.headers.get('content-type') ?? '';
    const text = buf.byteLength > 0 ? new TextDecoder().decode(buf) : '';
    let parsed: unknown;
    if (buf.byteLength > 0 && type.includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        events.warn('github', `${init.method ?? 'GET'} ${pathOf(href)}: response body was not complete JSON; retrying`);
        throw new Error('response body was not complete JSON');
      }
    }
    if (res.status === 304) stats.restNotModified += 1;
    noteCredential(href, res.status, res.headers);
    if (journal && isCompleteAnswer(res.status, isGraphql, parsed)) {
      journal.record('github', method, href, requestBody, storedAnswer(res.status, res.headers, KEPT_HEADERS, text));
    }
    const remaining = res.headers.get('x-ratelimit-remaining');
    const limit = res.headers.get('x-ratelimit-limit');
    const reset = res.headers.get('x-ratelimit-reset');
    if (remaining !== null && limit !== null) events.budget('github', Number(remaining), Number(limit), reset ? new Date(Number(reset) * 1000).toISOString() : undefined);
    return new Response(res.status === 204 || res.status === 304 ? null : buf, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  const onLimit = (kind: string) => (retryAfter: number, opts: { method: string; url: string }, _o: unknown, retryCount: number) => {
    const retry = retryCount < RETRIES && retryAfter <= MAX_WAIT_SECONDS;
    events.warn('github', `${kind} on ${opts.method} ${pathOf(opts.url)}: ${retry ? `waiting ${retryAfter} s, then retrying` : 'giving up'}`);
    return retry;
  };
  const concurrency = new Limiter(Math.max(1, options.concurrency ?? 4));
  const graphqlPacing = new Limiter(1, options.graphqlIntervalMs ?? 1000);
  const ClientOctokit = Octokit.defaults({
    baseUrl: base,
    userAgent: 'kiteguard',
    request: { fetch: countingFetch },
    retry: { retries: RETRIES, retryAfterBaseValue: unit },
    throttle: {
      id: `kiteguard-${process.pid}-${Math.random().toString(36).slice(2)}`,
      retryAfterBaseValue: unit,
      global: concurrency.asGroup(),
      write: graphqlPacing.asGroup(),
      onRateLimit: onLimit('rate limit reached'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    } as never,
    log: { debug() {}, info() {}, warn: (m: string) => events.warn('github', redact(String(m))), error: (m: string) => events.warn('github', redact(String(m))) },
  });

  if ('token' in options.auth) {
    return {
      octokit: new ClientOctokit({ auth: options.auth.token }),
      identity: identityHash(['token', options.auth.token]),
      get credential() {
        return state.credential;
      },
      redact,
      gate,
    };
  }
  const { appId, privateKey } = options.auth;
  const app = new App({ appId, privateKey, Octokit: ClientOctokit });
  let installationId = options.auth.installationId;
  if (installationId === undefined) {
    const { data } = await app.octokit.request('GET /orgs/{org}/installation', { org: options.org });
    installationId = data.id;
  }
  const octokit = await app.getInstallationOctokit(installationId);
  return {
    octokit: octokit as unknown as InstanceType<typeof Octokit>,
    identity: identityHash(['app', appId, String(installationId)]),
    get credential() {
      return state.credential;
    },
    redact,
    gate,
    appInstallationId: installationId,
  };
}
