// Runs one GraphQL request with graphql-js against GitHub's real schema, resolving over the fixture model.
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLFieldResolver, type GraphQLTypeResolver } from 'graphql';
import { githubSchema } from './schema.js';
import { QueryLimitError, queryCost } from './graphql-cost.js';
import { FieldError, queryView, type ViewContext } from './graphql-views.js';
import type { SimToken } from './auth.js';
import type { SimOrg } from './model.js';

/** A GraphQL request body. */
export interface GraphqlBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The points budget of one caller, shared across requests. */
export interface PointsBudget {
  limit: number;
  used: number;
  resetAt: number;
}

/** What the handler answers: JSON body plus the cost it charged. */
export interface GraphqlOutcome {
  body: { data?: unknown; errors?: unknown[] };
  cost: number;
}

const fieldResolver: GraphQLFieldResolver<Record<string, unknown> | null, ViewContext> = (source, args, ctx, info) => {
  const value = source?.[info.fieldName];
  return typeof value === 'function' ? (value as (a: unknown, c: unknown) => unknown).call(source, args, ctx) : value;
};

const typeResolver: GraphQLTypeResolver<{ __typename?: string }, ViewContext> = (value) => value.__typename;

function formatError(e: GraphQLError): Record<string, unknown> {
  const json: Record<string, unknown> = { ...e.toJSON() };
  delete json.extensions;
  const original = e.originalError;
  if (original instanceof FieldError) json.type = original.type;
  return json;
}

/** Validates, prices and executes a query; a query that fails validation against the real schema gets errors and no data. */
export function runGraphql(org: SimOrg, viewer: SimToken, budget: PointsBudget, body: GraphqlBody, blobTextLimit: number): GraphqlOutcome {
  const schema = githubSchema();
  let doc: DocumentNode;
  try {
    doc = parse(body.query ?? '');
  } catch (e) {
    return { body: { errors: [formatError(e as GraphQLError)] }, cost: 0 };
  }
  const invalid = validate(schema, doc);
  if (invalid.length > 0) return { body: { errors: invalid.map(formatError) }, cost: 0 };
  const variables = body.variables ?? {};
  let cost;
  try {
    cost = queryCost(schema, doc, body.operationName ?? undefined, variables);
  } catch (e) {
    if (e instanceof QueryLimitError) return { body: { errors: [{ type: e.type, message: e.message }] }, cost: 0 };
    throw e;
  }
  if (budget.used + cost.cost > budget.limit) {
    return { body: { errors: [{ type: 'RATE_LIMITED', message: `API rate limit exceeded for user ID ${viewer.login}.` }] }, cost: 0 };
  }
  budget.used += cost.cost;
  const ctx: ViewContext = {
    org,
    viewer,
    blobTextLimit,
    rate: {
      cost: cost.cost,
      limit: budget.limit,
      remaining: budget.limit - budget.used,
      used: budget.used,
      resetAt: new Date(budget.resetAt * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      nodeCount: cost.nodeCount,
    },
  };
  const result = execute({
    schema,
    document: doc,
    rootValue: queryView(ctx),
    contextValue: ctx,
    variableValues: variables,
    operationName: body.operationName ?? undefined,
    fieldResolver,
    typeResolver,
  });
  if (result instanceof Promise) throw new Error('simulator resolvers must be synchronous');
  const out: GraphqlOutcome['body'] = { data: result.data ?? null };
  if (result.errors?.length) out.errors = result.errors.map(formatError);
  return { body: out, cost: cost.cost };
}
