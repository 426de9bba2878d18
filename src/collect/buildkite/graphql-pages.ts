// Follows GraphQL connections page by page and maps field-level errors to the section they belong to.
import type { BuildkiteClient, GraphqlFieldError } from './client.js';
import { BuildkiteGraphqlError } from './errors.js';
import { isObject, ShapeError } from '../shape.js';

/** The part of a connection the collector asks for. */
export interface ConnectionPage<N> {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null;
  edges?: Array<{ node: N | null } | null> | null;
  nodes?: Array<N | null> | null;
}

/** The non-null nodes of a connection page (`nodes` when asked for, else `edges[].node`). */
export function nodesOf<N>(page: ConnectionPage<N>): N[] {
  const raw = page.nodes ?? (page.edges ?? []).map((e) => e?.node ?? null);
  return raw.filter((n): n is N => n !== null && n !== undefined);
}

/** Every node of a connection page; a null edge or node, or a node `complete` rejects, is a hole in the list and throws. */
export function allNodesOf<N>(page: ConnectionPage<N>, what: string, complete: (node: N) => boolean = () => true): N[] {
  const raw = page.nodes ?? page.edges?.map((e) => e?.node ?? null);
  if (!Array.isArray(raw)) throw new ShapeError(`the ${what} list was not returned`);
  raw.forEach((n, i) => {
    if (n === null || n === undefined) throw new ShapeError(`${what} #${i + 1} of the page was null; the list is incomplete`);
    if (!complete(n)) throw new ShapeError(`${what} #${i + 1} of the page lacks what identifies it; the list is incomplete`);
  });
  return raw as N[];
}

/** Throws when a field the collector needs came back null, carrying the errors that explain why. */
export function required<T>(operation: string, value: T | null | undefined, errors: GraphqlFieldError[], field: string): T {
  if (value !== null && value !== undefined) return value;
  const related = errors.filter((e) => e.path.includes(field)).map((e) => e.message);
  throw new BuildkiteGraphqlError(operation, related.length > 0 ? related : errors.length > 0 ? errors.map((e) => e.message) : [`${field} is null`]);
}

/** Reads every page of one connection (nodes identified by `uuid`), following `pageInfo.endCursor`; a field error or a hole fails the list. */
export async function allPages<D, N>(
  client: BuildkiteClient,
  operation: string,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: D, errors: GraphqlFieldError[]) => ConnectionPage<N>,
  onPage?: (count: number) => void,
): Promise<N[]> {
  const out: N[] = [];
  let cursor: string | null = null;
  for (;;) {
    const { data, errors } = await client.graphql<D>(operation, query, { ...variables, cursor });
    const page = pick(data, errors);
    if (errors.length > 0) throw new BuildkiteGraphqlError(operation, errors.map((e) => e.message));
    out.push(...allNodesOf(page, operation, (n) => isObject(n) && typeof n.uuid === 'string'));
    onPage?.(out.length);
    if (!page.pageInfo?.hasNextPage || !page.pageInfo.endCursor) return out;
    cursor = page.pageInfo.endCursor;
  }
}
