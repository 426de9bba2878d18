// Turns a failed request into an `unavailable` section with a reason a user can act on.
import { unreadable, type Unavailable } from '../../snapshot/section.js';
import type { Redact } from '../../redact.js';
import { ApiUnusableError } from '../../errors.js';

interface HttpishError {
  status?: number;
  message?: string;
  response?: { data?: unknown };
  errors?: { message?: string; type?: string }[];
}

function bodyMessage(e: HttpishError): string | undefined {
  const data = e.response?.data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return undefined;
}

/** Why `what` could not be read, with the HTTP status and the permission that would help. */
export function describeFailure(error: unknown, what: string, needs: string | undefined, redact: Redact): Unavailable {
  const unusable = error instanceof ApiUnusableError ? error : (error as { cause?: unknown } | undefined)?.cause;
  if (unusable instanceof ApiUnusableError) return unreadable(redact(`${what}: ${unusable.message}`), unusable.reason === 'rejected' ? 401 : undefined, undefined);
  const e = (error ?? {}) as HttpishError;
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    return unreadable(redact(`${what}: GitHub GraphQL error: ${e.errors.map((x) => x.message ?? x.type ?? 'unknown').join('; ')}`), undefined, needs);
  }
  const status = typeof e.status === 'number' && e.status >= 400 ? e.status : undefined;
  const upstream = bodyMessage(e) ?? e.message ?? String(error);
  return unreadable(redact(`${what}: ${explain(status, upstream)}`), status, needs);
}

function explain(status: number | undefined, upstream: string): string {
  if (status === 401) return `GitHub rejected the credentials (401 ${upstream}); check the token or app key`;
  if (status === 403) return `GitHub refused access (403 ${upstream})`;
  if (status === 404) return 'not found, or not visible to this token (404)';
  if (status !== undefined && status >= 500) return `GitHub kept failing (${status} ${upstream}) after retries`;
  return upstream;
}
