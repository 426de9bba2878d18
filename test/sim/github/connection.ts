// Relay-style connections over arrays, with GitHub's cursor pagination (`first`/`after`, `last`/`before`).

/** Pagination arguments every GitHub connection takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** An edge: the node plus any edge fields (e.g. `permission`). */
export type EdgeOf = { node: unknown } & Record<string, unknown>;

function cursorFor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function indexOf(cursor: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new Error(`\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

/** Pages `items` the way GitHub does and returns `{ nodes, edges, pageInfo, totalCount }`. */
export function connection<T>(items: readonly T[], args: PageArgs, toEdge: (item: T) => EdgeOf = (node) => ({ node })) {
  let start = 0;
  let end = items.length;
  if (args.after) start = indexOf(args.after) + 1;
  if (args.before) end = Math.min(end, indexOf(args.before));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const edges = items.slice(start, end).map((item, i) => ({ cursor: cursorFor(start + i), ...toEdge(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
