// Which API answers the checkpoint journal keeps, and what of them: the one rule both collectors follow.
import type { StoredResponse } from './records.js';

/** True for an answer worth replaying: a 2xx, and for GraphQL one that parsed without errors (what it left unread is asked again on resume). */
export function isCompleteAnswer(status: number, graphql: boolean, body: unknown): boolean {
  if (status < 200 || status >= 300) return false;
  if (!graphql) return true;
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  return body !== undefined && !(Array.isArray(errors) && errors.length > 0);
}

/** The answer as the journal stores it: its status, the named headers the collector reads (so a replay reads the same), and its body text. */
export function storedAnswer(status: number, headers: Headers, names: readonly string[], body: string): StoredResponse {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { status, headers: kept, body };
}
