// GitHub's GraphQL resource limits: pagination bounds, the 500,000-node limit and the point cost of a query.
import {
  getNamedType,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** The most nodes one query may request, as GitHub documents it. */
export const MAX_NODES = 500_000;

/** A query GitHub would refuse before running it; `type` is GitHub's error type. */
export class QueryLimitError extends Error {
  constructor(
    message: string,
    readonly type: 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION' | 'MAX_NODE_LIMIT_EXCEEDED',
  ) {
    super(message);
  }
}

/** What a query would cost: rate-limit points and the worst-case node count. */
export interface QueryCost {
  cost: number;
  nodeCount: number;
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Computes GitHub's cost: every connection needs `first` or `last` (1..100); requests are the
 * product of the enclosing page sizes summed over connections, divided by 100 (at least 1).
 */
export function queryCost(schema: GraphQLSchema, doc: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of doc.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { cost: 1, nodeCount: 0 };
  let requests = 0;
  let nodes = 0;

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (t && isCompositeType(t)) walk(sel.selectionSet, t, multiplier);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        const t = frag && schema.getType(frag.typeCondition.name.value);
        if (frag && t && isCompositeType(t)) walk(frag.selectionSet, t, multiplier);
        continue;
      }
      if (sel.name.value.startsWith('__') || !sel.selectionSet || !('getFields' in parent)) continue;
      const def = parent.getFields()[sel.name.value];
      if (!def) continue;
      const type = getNamedType(def.type);
      if (!isCompositeType(type)) continue;
      let next = multiplier;
      if (type.name.endsWith('Connection')) {
        const arg = (name: string) => intValue(sel.arguments?.find((a) => a.name.value === name)?.value, variables);
        const first = arg('first');
        const last = arg('last');
        const size = first ?? last;
        if (size === undefined) {
          throw new QueryLimitError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${sel.name.value}\` connection.`, 'MISSING_PAGINATION_BOUNDARIES');
        }
        if (size < 1 || size > 100) {
          const which = first !== undefined ? 'first' : 'last';
          throw new QueryLimitError(`Requesting ${size} records on the \`${sel.name.value}\` connection exceeds the \`${which}\` limit of 100 records.`, 'EXCESSIVE_PAGINATION');
        }
        requests += multiplier;
        next = multiplier * size;
        nodes += next;
        if (nodes > MAX_NODES) {
          throw new QueryLimitError(
            `By the time this query traverses to the ${sel.name.value} connection, it is requesting up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of 500,000.`,
            'MAX_NODE_LIMIT_EXCEEDED',
          );
        }
      }
      walk(sel.selectionSet, type, next);
    }
  };

  const root = schema.getQueryType();
  if (root) walk(op.selectionSet, root, 1);
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount: nodes };
}
