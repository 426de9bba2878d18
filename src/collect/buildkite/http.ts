// One Buildkite HTTP exchange with timeouts, bounded retries and rate-limit pacing; knows nothing about resources.
import { redactor } from '../../redact.js';
import { isCompleteAnswer, storedAnswer } from '../journal/answer.js';
import type { ResponseJournal } from '../journal/journal.js';
import { connectionFailure, type ApiGate } from '../gate.js';
import { BuildkiteApiError, type BuildkiteApi } from './errors.js';
import { parseRateLimit, type Clock, type RateLimitPacer, type RateLimitState } from './pacer.js';
import type { Semaphore } from './semaphore.js';

/** Everything one exchange needs from its client. */
export interface ExchangeContext {
  token: string;
  timeoutMs: number;
  maxAttempts: number;
  clock: Clock;
  semaphore: Semaphore;
  fetch: typeof fetch;
  /** Called once per request sent (retries included). */
  onSend(api: BuildkiteApi): void;
  /** Called once per retry with a message safe to show. */
  onRetry(message: string): void;
  /** Called with every rate-limit window a response reports. */
  onRateLimit(api: BuildkiteApi, state: RateLimitState): void;
  /** Completed responses of an interrupted run to replay, and where to keep this run's. */
  journal?: ResponseJournal;
  /** Per API: whether its host can be reached and takes the token; once closed, requests fail without being sent. */
  gates: Record<BuildkiteApi, ApiGate>;
}

/** One request to send. */
export interface ExchangeRequest {
  api: BuildkiteApi;
  url: string;
  /** What messages call the request: a REST path or a GraphQL operation name. */
  label: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  pacer: RateLimitPacer;
  /** Rate-limit units this request is expected to spend (1 for REST, estimated points for GraphQL). */
  cost: number;
}

/** A response that arrived complete with a JSON body. */
export interface ExchangeResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const MAX_BACKOFF_MS = 8_000;
const MAX_THROTTLE_WAIT_MS = 10 * 60_000;

// The response headers the client reads, kept with a journaled answer.
const JOURNALED_HEADERS = ['content-type', 'link'];

/** Sends a request until it yields a complete JSON response, or throws a `BuildkiteApiError` that never contains the token. */
export async function exchange(ctx: ExchangeContext, req: ExchangeRequest): Promise<ExchangeResponse> {
  const stored = ctx.journal?.replay('buildkite', req.method, req.url, req.body ?? '');
  if (stored) {
    const body = JSON.parse(stored.body) as { stats?: unknown } | null;
    // A replayed answer spent no points now: its query stats go, so they are not counted again.
    if (req.api === 'graphql' && body && typeof body === 'object') delete body.stats;
    return { status: stored.status, headers: new Headers(stored.headers), body };
  }
  let lastStatus = 0;
  let lastProblem = 'no attempt made';
  const gate = ctx.gates[req.api];
  const request = {};
  for (let attempt = 1; attempt <= ctx.maxAttempts; attempt++) {
    await gate.enter(request).catch(() => {
      throw closedError(req, gate);
    });
    const outcome = await ctx.semaphore.run(() => attemptOnce(ctx, req, request, attempt));
    if (outcome.kind === 'wait') {
      attempt -= 1;
      continue;
    }
    if (outcome.kind === 'done') return outcome.response;
    if (outcome.kind === 'fatal') throw outcome.error;
    lastStatus = outcome.status;
    lastProblem = outcome.problem;
    if (attempt === ctx.maxAttempts) break;
    const wait = outcome.waitMs ?? backoff(attempt);
    ctx.onRetry(`Buildkite ${apiName(req.api)} ${req.label}: ${outcome.problem}; retrying in ${wait} ms (attempt ${attempt + 1} of ${ctx.maxAttempts})`);
    await ctx.clock.sleep(wait);
  }
  throw new BuildkiteApiError(req.api, req.label, lastStatus, `gave up after ${ctx.maxAttempts} attempts: ${lastProblem}`);
}

type Attempt =
  | { kind: 'done'; response: ExchangeResponse }
  | { kind: 'retry'; status: number; problem: string; waitMs?: number }
  | { kind: 'fatal'; error: BuildkiteApiError }
  /** Another request is finding out whether the host can be reached: wait for it, nothing sent. */
  | { kind: 'wait' };

async function attemptOnce(ctx: ExchangeContext, req: ExchangeRequest, request: object, attempt: number): Promise<Attempt> {
  const gate = ctx.gates[req.api];
  const closed = () => ({ kind: 'fatal' as const, error: closedError(req, gate) });
  if (gate.closedBy) return closed();
  if (gate.mustWait(request)) return { kind: 'wait' };
  const release = await req.pacer.acquire(req.cost);
  ctx.onSend(req.api);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  let status = 0;
  let headers: Headers;
  let text: string;
  try {
    const res = await ctx.fetch(req.url, {
      method: req.method,
      headers: { Accept: 'application/json', ...req.headers, Authorization: `Bearer ${ctx.token}` },
      body: req.body,
      signal: controller.signal,
      redirect: 'error',
    });
    status = res.status;
    headers = res.headers;
    text = await res.text();
  } catch (err) {
    release();
    const failure = controller.signal.aborted || status !== 0 ? undefined : connectionFailure(err);
    if (!failure) gate.settled();
    else if (!gate.noAnswer(request, failure, attempt)) return closed();
    const problem = controller.signal.aborted ? `no complete response within ${ctx.timeoutMs} ms` : `connection failed (${failure?.cause ?? describeNetworkError(err, ctx.token)})`;
    return { kind: 'retry', status, problem };
  } finally {
    clearTimeout(timer);
  }
  gate.answered(status, status === 401 ? upstreamMessage(text, ctx.token) : undefined);
  const now = ctx.clock.now();
  const window = parseRateLimit(headers, now);
  if (window) {
    req.pacer.observe(window);
    ctx.onRateLimit(req.api, window);
  }
  release();

  if (status === 429) {
    const waitMs = Math.min(MAX_THROTTLE_WAIT_MS, retryAfterMs(headers, now) ?? (window ? window.resetAt - now : backoff(1)));
    req.pacer.exhausted(now + waitMs);
    return { kind: 'retry', status, problem: 'rate limited (429)', waitMs: Math.max(0, waitMs) };
  }
  if (RETRYABLE_STATUS.has(status)) return { kind: 'retry', status, problem: `server answered ${status}` };
  if (status < 200 || status >= 300) {
    const detail = upstreamMessage(text, ctx.token);
    return { kind: 'fatal', error: new BuildkiteApiError(req.api, req.label, status, `answered ${status}${detail ? `: ${detail}` : ''}`) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { kind: 'retry', status, problem: `answered ${status} with a body that is not complete JSON (${text.length} characters)` };
  }
  if (ctx.journal && isCompleteAnswer(status, req.api === 'graphql', body)) {
    ctx.journal.record('buildkite', req.method, req.url, req.body ?? '', storedAnswer(status, headers, JOURNALED_HEADERS, text));
  }
  return { kind: 'done', response: { status, headers, body } };
}

/** The error of a request to an API whose gate is closed: 401 when the token was rejected, 0 when the host is unreachable. */
function closedError(req: ExchangeRequest, gate: ApiGate): BuildkiteApiError {
  const failure = gate.closedBy!;
  return new BuildkiteApiError(req.api, req.label, failure.reason === 'rejected' ? 401 : 0, failure.message);
}

/** Exponential backoff: 250 ms, 500 ms, 1 s … capped at 8 s. */
export function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** (attempt - 1));
}

/** `Retry-After` as milliseconds from now (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The `message` (REST) or first `errors[].message` (GraphQL) of an error body, redacted and shortened. */
function upstreamMessage(text: string, token: string): string {
  let message = '';
  try {
    const body = JSON.parse(text) as { message?: unknown; errors?: Array<{ message?: unknown }> };
    if (typeof body.message === 'string') message = body.message;
    else if (Array.isArray(body.errors) && typeof body.errors[0]?.message === 'string') message = body.errors[0].message;
  } catch {
    message = '';
  }
  const clean = redactor([token])(message).replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function describeNetworkError(err: unknown, token: string): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return redactor([token])(code ?? message);
}

function apiName(api: BuildkiteApi): string {
  return api === 'rest' ? 'REST' : 'GraphQL';
}
