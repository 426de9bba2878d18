// API call accounting per provider, for the end-of-collection summary and the API-budget benchmark.

/** Counts of what one provider's collector asked of its API. */
export interface CallStats {
  /** REST requests sent, retries included. */
  rest: number;
  /** REST responses that were 304 Not Modified (free against GitHub's rate limit). */
  restNotModified: number;
  /** GraphQL requests sent, retries included. */
  graphql: number;
  /** GraphQL rate-limit points used, as the API reported them (`rateLimit.cost` or the complexity headers). */
  graphqlPoints: number;
  /** Requests that were retried after a 429, 5xx, secondary limit, timeout or truncated body. */
  retries: number;
}

/** Fresh, all-zero counters. */
export function emptyStats(): CallStats {
  return { rest: 0, restNotModified: 0, graphql: 0, graphqlPoints: 0, retries: 0 };
}
