// Package registries from GraphQL. Buildkite's published schema documents a registry's name, slug and dates, but not
// whether it is public nor its OIDC policy: those are recorded as unavailable, never guessed.
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { BuildkiteRegistryEntry, GraphqlRegistry } from '../../snapshot/buildkite.js';
import type { BuildkiteClient } from './client.js';
import { allPages, required, type ConnectionPage } from './graphql-pages.js';
import { REGISTRIES_PAGE } from './queries.js';

/** Why a registry setting the published schema does not document is unavailable. */
export const UNDOCUMENTED = "Buildkite's published GraphQL schema does not document this field of a registry, so kiteguard does not read it";

type RegistriesData = { organization: { registries?: ConnectionPage<GraphqlRegistry> | null } | null };

/** A field the API returned, or unavailable because the schema does not document it. */
function served<T>(node: Record<string, unknown>, key: string, valid: (v: unknown) => v is T): Section<T> {
  return key in node && valid(node[key]) ? ok(node[key]) : unavailable(UNDOCUMENTED);
}

/** One registry with its undocumented settings as sections. */
export function registryEntry(node: GraphqlRegistry): BuildkiteRegistryEntry {
  return {
    registry: node,
    public: served(node, 'public', (v): v is boolean => typeof v === 'boolean'),
    oidc_policy: served(node, 'oidcPolicy', (v): v is unknown => v !== undefined),
  };
}

/** Reads every page of the registries the token's user can see (identified by uuid); a field error or a hole fails the list. */
export async function readRegistries(client: BuildkiteClient, org: string): Promise<BuildkiteRegistryEntry[]> {
  const nodes = await allPages<RegistriesData, GraphqlRegistry>(client, 'RegistriesPage', REGISTRIES_PAGE, { slug: org }, (d, errors) =>
    required('RegistriesPage', required('RegistriesPage', d.organization, errors, 'organization').registries, errors, 'registries'),
  );
  return nodes.map(registryEntry);
}
