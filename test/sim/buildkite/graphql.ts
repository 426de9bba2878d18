// The simulator's GraphQL endpoint: Buildkite's published SDL executed by graphql-js over the estate model.
import { readFileSync } from 'node:fs';
import { buildSchema, defaultFieldResolver, graphql, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { SimEstate, SimTeam } from './estate.js';

const schemas = new Map<string, GraphQLSchema>();

/** Builds (once per path and extension) the executable schema from Buildkite's SDL file, plus SDL a test adds. */
export function loadSchema(path: string, extension = ''): GraphQLSchema {
  const key = `${path}\u0000${extension}`;
  let schema = schemas.get(key);
  if (!schema) {
    schema = buildSchema(readFileSync(path, 'utf8') + extension);
    schemas.set(key, schema);
  }
  return schema;
}

interface PageArgs {
  first?: number;
  after?: string;
}

/** A Relay connection over a list: `first`/`after` with opaque cursors, edges, nodes, count and pageInfo. */
function connection<T, N>(items: readonly T[], args: PageArgs, toNode: (item: T) => N) {
  const start = args.after ? Number(Buffer.from(args.after, 'base64').toString('utf8').replace('cursor:', '')) + 1 : 0;
  const size = Math.min(args.first ?? 500, 500);
  const slice = items.slice(start, start + size);
  const edges = slice.map((item, i) => ({ cursor: Buffer.from(`cursor:${start + i}`).toString('base64'), node: toNode(item) }));
  return {
    count: items.length,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function userNode(e: SimEstate, uuid: string) {
  const m = e.members.find((x) => x.uuid === uuid);
  return { id: `User-${uuid}`, uuid, name: m?.name ?? 'Unknown', email: m?.email ?? 'unknown@example.com', bot: false, machineUser: false, hasPassword: m?.passwordProtected ?? false };
}

function pipelineNode(e: SimEstate, uuid: string) {
  const p = e.pipelines.find((x) => x.uuid === uuid);
  return p ? { id: `Pipeline-${p.uuid}`, uuid: p.uuid, slug: p.slug, name: p.name, visibility: p.visibility.toUpperCase() } : null;
}

function teamNode(e: SimEstate, t: SimTeam) {
  return {
    id: `Team-${t.uuid}`,
    uuid: t.uuid,
    slug: t.slug,
    name: t.name,
    description: t.description,
    privacy: t.privacy.toUpperCase(),
    isDefaultTeam: t.isDefault,
    createdAt: t.createdAt,
    members: (args: PageArgs) =>
      connection(t.members, args, (tm) => ({ id: `TeamMember-${t.uuid}-${tm.userUuid}`, uuid: `${t.uuid}:${tm.userUuid}`, role: tm.role.toUpperCase(), createdAt: tm.createdAt, user: userNode(e, tm.userUuid) })),
    pipelines: (args: PageArgs) =>
      connection(t.pipelines, args, (tp) => ({ id: `TeamPipeline-${t.uuid}-${tp.pipelineUuid}`, uuid: `${t.uuid}:${tp.pipelineUuid}`, accessLevel: tp.accessLevel.toUpperCase(), createdAt: tp.createdAt, pipeline: pipelineNode(e, tp.pipelineUuid) })),
  };
}

/** The notification service an audit event is about, with every field the estate has (the query picks what it reads). */
function subjectNode(e: SimEstate, uuid: string | undefined) {
  const s = uuid ? e.notificationServices?.find((x) => x.uuid === uuid) : undefined;
  return s ? { __typename: s.typename, id: `NotificationService-${s.uuid}`, uuid: s.uuid, name: s.name, description: s.description, url: s.url, token: s.token } : null;
}

/**
 * An Amazon EventBridge notification service type, assumed for tests: Buildkite's published schema has no such type, so
 * its shape is not documented; this adds one that implements `NotificationService` and can be an audit event's subject.
 */
export const EVENTBRIDGE_SDL = `
type NotificationServiceAmazonEventBridge implements NotificationService {
  description: String!
  id: ID!
  name: String!
}
extend union AuditSubjectNode = NotificationServiceAmazonEventBridge
`;

function organizationNode(e: SimEstate) {
  const o = e.org;
  return {
    id: `Organization-${o.uuid}`,
    uuid: o.uuid,
    slug: o.slug,
    name: o.name,
    public: false,
    isTeamsEnabled: true,
    membersRequireTwoFactorAuthentication: o.membersRequireTwoFactorAuthentication,
    allowedApiIpAddresses: o.allowedApiIpAddresses,
    revokeInactiveTokensAfter: o.revokeInactiveTokensAfter,
    sso: { isEnabled: o.sso.isEnabled, provider: o.sso.providerName ? { name: o.sso.providerName } : null },
    ssoProviders: (args: PageArgs) =>
      connection(o.ssoProviders, args, (p) => ({
        __typename: p.type === 'SAML' ? 'SSOProviderSAML' : 'SSOProviderGoogleGSuite',
        id: `SSOProvider-${p.uuid}`,
        uuid: p.uuid,
        type: p.type,
        state: p.state,
        emailDomain: p.emailDomain,
        sessionDurationInHours: p.sessionDurationInHours,
        pinSessionToIpAddress: p.pinSessionToIpAddress,
        createdAt: p.createdAt,
        url: `https://buildkite.com/sso/${p.uuid}`,
      })),
    members: (args: PageArgs) =>
      connection(e.members, args, (m) => ({
        id: `OrganizationMember-${m.uuid}`,
        uuid: m.uuid,
        role: m.role,
        createdAt: m.createdAt,
        complimentary: false,
        security: { twoFactorEnabled: m.twoFactorEnabled, passwordProtected: m.passwordProtected },
        sso: { mode: m.ssoMode },
        user: userNode(e, m.uuid),
      })),
    agentTokens: (args: PageArgs & { revoked?: boolean }) =>
      connection(
        (e.unclusteredAgentTokens ?? []).filter((t) => args.revoked === undefined || args.revoked === (t.revokedAt !== null)),
        args,
        (t) => ({ id: `AgentToken-${t.uuid}`, uuid: t.uuid, description: t.description, createdAt: t.createdAt, public: t.public, revokedAt: t.revokedAt }),
      ),
    apiAccessTokens: (args: PageArgs) =>
      connection(e.apiAccessTokens, args, (t) => ({
        id: `APIAccessToken-${t.uuid}`,
        uuid: t.uuid,
        description: t.description,
        scopes: t.scopes.map((s) => s.toUpperCase()),
        createdAt: t.createdAt,
        expiresAt: t.expiresAt,
        lastAccessedAt: t.lastAccessedAt,
        ipAddress: t.ipAddress,
        owner: userNode(e, t.ownerUuid),
      })),
    auditEvents: (args: PageArgs & { subjectType?: string[] }) =>
      connection(
        e.auditEvents.filter((a) => !args.subjectType || args.subjectType.includes(a.subject.type)),
        args,
        (a) => ({
          id: `AuditEvent-${a.uuid}`,
          uuid: a.uuid,
          type: a.type,
          occurredAt: a.occurredAt,
          actor: { id: `AuditActor-${a.uuid}`, uuid: a.uuid, type: a.actor.type, name: a.actor.name },
          subject: { id: `AuditSubject-${a.uuid}`, uuid: a.subject.uuid ?? a.uuid, type: a.subject.type, name: a.subject.name, node: subjectNode(e, a.subject.uuid) },
        }),
      ),
    teams: (args: PageArgs) => connection(e.teams, args, (t) => teamNode(e, t)),
    registries: (args: PageArgs) =>
      connection(e.registries ?? [], args, (r) => ({
        id: `Registry-${r.uuid}`,
        uuid: r.uuid,
        slug: r.slug,
        name: r.name,
        description: r.description,
        createdAt: r.createdAt,
        updatedAt: r.createdAt,
        url: `https://buildkite.com/organizations/${e.org.slug}/packages/registries/${r.slug}`,
      })),
  };
}

/** The result of one simulated GraphQL request, with its actual complexity (one point per object returned). */
export interface SimGraphqlResult {
  body: { data?: unknown; errors?: unknown[]; stats?: { requestedComplexity: number; actualComplexity: number } };
  points: number;
}

/**
 * Resolves fields as graphql-js does by default, except those named in `fieldErrors` (dotted response path from the
 * root, list positions left out, e.g. `organization.sso`), which throw the given message: graphql-js then returns the
 * field as null beside an error with its path, as the GraphQL spec's "Handling field errors" describes.
 */
function resolverRaising(fieldErrors: Readonly<Record<string, string>>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const keys: string[] = [];
    for (let p: typeof info.path | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') keys.unshift(p.key);
    const message = fieldErrors[keys.join('.')];
    if (message !== undefined) throw new Error(message);
    return defaultFieldResolver(source, args, context, info);
  };
}

/** Executes a request body against the estate, raising the field errors `fieldErrors` names. */
export async function executeGraphql(
  schema: GraphQLSchema,
  estate: SimEstate,
  request: { query?: unknown; variables?: unknown; operationName?: unknown },
  fieldErrors: Readonly<Record<string, string>> = {},
): Promise<SimGraphqlResult> {
  if (typeof request.query !== 'string') return { body: { errors: [{ message: 'query is required' }] }, points: 0 };
  const root = {
    organization: (args: { slug?: string }) => (args.slug === estate.org.slug ? organizationNode(estate) : null),
    team: (args: { slug: string }) => {
      const [org, slug] = args.slug.split('/');
      const t = org === estate.org.slug ? estate.teams.find((x) => x.slug === slug) : undefined;
      return t ? teamNode(estate, t) : null;
    },
  };
  const result = await graphql({
    schema,
    source: request.query,
    rootValue: root,
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
    operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
    fieldResolver: resolverRaising(fieldErrors),
  });
  const points = countObjects(result.data);
  const body: SimGraphqlResult['body'] = { stats: { requestedComplexity: points, actualComplexity: points } };
  if (result.data !== undefined) body.data = result.data;
  if (result.errors) body.errors = result.errors.map((err) => err.toJSON());
  return { body, points };
}

function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0);
}
