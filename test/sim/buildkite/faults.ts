// Faults a test can inject into the Buildkite simulator: throttling, server errors, slow or broken bodies, denied sections.

/** What goes wrong with a matching request. */
export type FaultKind =
  /** Answer this status instead (429 adds `RateLimit-Remaining: 0`, and `Retry-After` when given). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Wait this long before answering normally (past the client's timeout, the client gives up first). */
  | { kind: 'slow'; delayMs: number }
  /** Declare the full Content-Length, send half the body, then drop the connection. */
  | { kind: 'truncate' }
  /** Send a complete HTTP response whose body is cut JSON. */
  | { kind: 'invalid-json' }
  /** Never answer: the request waits until the client goes away (a collection stuck mid-way, to be killed). */
  | { kind: 'hang' };

/** One fault rule: which requests, how many times, what happens. */
export type Fault = FaultKind & {
  /** Request path without query (e.g. `/v2/organizations/acme/pipelines` or `/graphql`), or a pattern. */
  path: string | RegExp;
  /** For GraphQL: only requests whose body contains this text (e.g. an operation name). */
  bodyIncludes?: string;
  /** Only the first N matching requests (default: every one). */
  times?: number;
  /** Let this many matching requests through untouched first (a connection lost after N requests). */
  skip?: number;
};

/** Finds the fault for a request and uses up one of its times; undefined when none applies. */
export function takeFault(faults: Fault[], path: string, body: string): Fault | undefined {
  for (const f of faults) {
    const pathMatches = typeof f.path === 'string' ? f.path === path : f.path.test(path);
    if (!pathMatches) continue;
    if (f.bodyIncludes !== undefined && !body.includes(f.bodyIncludes)) continue;
    if (f.skip !== undefined && f.skip > 0) {
      f.skip--;
      continue;
    }
    if (f.times !== undefined) {
      if (f.times <= 0) continue;
      f.times--;
    }
    return f;
  }
  return undefined;
}
