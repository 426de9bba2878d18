// Errors the Buildkite client throws: what was asked, what came back, never the token.

/** Which Buildkite API a request went to. */
export type BuildkiteApi = 'rest' | 'graphql';

/** A Buildkite request that failed for good: carries the HTTP status (0 when no response arrived) and the request path. */
export class BuildkiteApiError extends Error {
  override name = 'BuildkiteApiError';
  /** The HTTP status of the last response, or 0 for a timeout, network error or unreadable body. */
  readonly status: number;
  /** The request path relative to the API base, without query string (e.g. `/organizations/acme/pipelines`). */
  readonly path: string;
  /** REST or GraphQL. */
  readonly api: BuildkiteApi;

  constructor(api: BuildkiteApi, path: string, status: number, detail: string) {
    super(`Buildkite ${api === 'rest' ? 'REST' : 'GraphQL'} ${path}: ${detail}`);
    this.api = api;
    this.path = path;
    this.status = status;
  }

  /** Whether the token may not read this resource (401, 403) or the resource is hidden from it (404). */
  get isAccessDenied(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

/** A GraphQL response that carried `errors` and no usable data. */
export class BuildkiteGraphqlError extends BuildkiteApiError {
  override name = 'BuildkiteGraphqlError';
  /** The messages of the `errors` array, token-redacted. */
  readonly messages: string[];

  constructor(path: string, messages: string[]) {
    super('graphql', path, 200, `query failed: ${messages.join('; ')}`);
    this.messages = messages;
  }
}

/** Strips the query string from a path, so cursors and filters never end up in messages. */
export function pathOnly(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  return q === -1 ? pathWithQuery : pathWithQuery.slice(0, q);
}
