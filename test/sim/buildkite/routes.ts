// The simulator's REST routes: path pattern, the scope Buildkite requires, and the body (one object or a list to paginate).
import type { SimEstate } from './estate.js';
import * as render from './render-rest.js';

/** A matched REST route. */
export interface RestRoute {
  /** The route's name for request counts, e.g. `teams/:team/members`. */
  name: string;
  /** The token scope Buildkite requires; undefined for the token's own metadata. */
  scope?: string;
  /** An object, or a list the server paginates. */
  body: unknown;
}

/** Resolves `/v2/...` against the estate; undefined when no route or no such resource (404). */
export function restRoute(e: SimEstate, path: string): RestRoute | undefined {
  if (path === '/v2/access-token') return { name: 'access-token', body: render.accessToken(e) };
  const m = /^\/v2\/organizations\/([^/]+)(\/.*)?$/.exec(path);
  if (!m || m[1] !== e.org.slug) return undefined;
  const rest = m[2] ?? '';
  const org = (name: string, scope: string, body: () => unknown): RestRoute => ({ name, scope, body: body() });
  switch (rest) {
    case '':
      return org('organization', 'read_organizations', () => render.organization(e));
    case '/api-settings':
      return org('api-settings', 'read_organization_settings', () => render.apiSettings(e));
    case '/pipeline-settings':
      return org('pipeline-settings', 'read_organization_settings', () => render.pipelineSettings(e));
    case '/repository_connections':
      return org('repository_connections', 'read_organization_repository_connections', () => render.repositoryConnections(e));
    case '/pipelines':
      return org('pipelines', 'read_pipelines', () => e.pipelines.map((p) => render.pipeline(e, p)));
    case '/pipeline-templates':
      return org('pipeline-templates', 'read_pipeline_templates', () => render.pipelineTemplates(e));
    case '/teams':
      return org('teams', 'read_teams', () => e.teams.map((t) => render.team(e, t)));
    case '/clusters':
      return org('clusters', 'read_clusters', () => e.clusters.map((c) => render.cluster(e, c)));
    case '/rules':
      return org('rules', 'read_rules', () => render.rules(e));
  }
  const team = /^\/teams\/([^/]+)\/(pipelines|members)$/.exec(rest);
  if (team) {
    const t = e.teams.find((x) => x.uuid === team[1]);
    if (!t) return undefined;
    return team[2] === 'pipelines'
      ? org('teams/:team/pipelines', 'read_teams', () => render.teamPipelines(e, t))
      : org('teams/:team/members', 'read_teams', () => render.teamMembers(e, t));
  }
  const cluster = /^\/clusters\/([^/]+)\/(queues|tokens|secrets|maintainers)$/.exec(rest);
  if (cluster) {
    const c = e.clusters.find((x) => x.uuid === cluster[1]);
    if (!c) return undefined;
    switch (cluster[2]) {
      case 'queues':
        return org('clusters/:cluster/queues', 'read_clusters', () => render.queues(e, c));
      case 'tokens':
        return org('clusters/:cluster/tokens', 'read_clusters', () => render.agentTokens(e, c));
      case 'secrets':
        return org('clusters/:cluster/secrets', 'read_secrets_details', () => render.secrets(e, c));
      default:
        return org('clusters/:cluster/maintainers', 'read_clusters', () => render.maintainers(e, c));
    }
  }
  return undefined;
}
