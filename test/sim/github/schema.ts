// GitHub's published GraphQL schema, loaded once per process from @octokit/graphql-schema.
import { schema } from '@octokit/graphql-schema';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let cached: GraphQLSchema | undefined;

/** The real GitHub schema, built from the package's introspection JSON (its SDL file repeats some fields and does not build). */
export function githubSchema(): GraphQLSchema {
  cached ??= buildClientSchema(schema.json as unknown as IntrospectionQuery);
  return cached;
}
