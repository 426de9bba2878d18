// Client-side pacing from Buildkite's RateLimit-* headers, so a collection waits for the window to reset instead of being throttled.

/** Time as the client sees it; tests inject a fake one so waits cost nothing. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A rate-limit window as the last response described it. */
export interface RateLimitState {
  remaining: number;
  limit: number;
  /** When the window resets, in epoch milliseconds. */
  resetAt: number;
}

/** Reads `RateLimit-Remaining`, `RateLimit-Limit` and `RateLimit-Reset` (seconds until reset); undefined when absent. */
export function parseRateLimit(headers: Headers, now: number): RateLimitState | undefined {
  const remaining = Number(headers.get('ratelimit-remaining') ?? NaN);
  const limit = Number(headers.get('ratelimit-limit') ?? NaN);
  const reset = Number(headers.get('ratelimit-reset') ?? NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(limit)) return undefined;
  return { remaining, limit, resetAt: now + (Number.isFinite(reset) ? Math.max(0, reset) : 60) * 1000 };
}

/**
 * Tracks one rate-limit window (REST requests or GraphQL points) across concurrent requests.
 * Before a request it waits until the window resets when what is left, minus what is already in flight,
 * would drop below the reserve.
 */
export class RateLimitPacer {
  private state: RateLimitState | undefined;
  private inFlightCost = 0;

  constructor(
    private readonly clock: Clock,
    private readonly reserve: number,
    private readonly onWait: (ms: number, state: RateLimitState) => void,
  ) {}

  /** The last window seen, for reporting. */
  get current(): RateLimitState | undefined {
    return this.state;
  }

  /** Waits until `cost` can be spent without going under the reserve; returns a function to call when the request settles. */
  async acquire(cost: number): Promise<() => void> {
    for (;;) {
      const s = this.state;
      if (!s) break;
      const now = this.clock.now();
      if (now >= s.resetAt) {
        this.state = s.limit > 0 ? { ...s, remaining: s.limit, resetAt: now + 60_000 } : undefined;
        break;
      }
      if (s.remaining - this.inFlightCost - cost >= this.reserve) break;
      const wait = s.resetAt - now;
      this.onWait(wait, s);
      await this.clock.sleep(wait);
    }
    this.inFlightCost += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlightCost -= cost;
    };
  }

  /** Records the window a response reported. */
  observe(state: RateLimitState): void {
    this.state = state;
  }

  /** Records that the server throttled us until `resetAt`: nothing is left in this window. */
  exhausted(resetAt: number): void {
    const limit = this.state?.limit ?? 0;
    this.state = { remaining: 0, limit, resetAt };
  }
}
