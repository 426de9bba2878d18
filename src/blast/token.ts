// `blast-radius --token ID`: an organization API access token (its owner, scopes, and what they
// reach) or a cluster agent token (its cluster, queues, pipelines, secrets, and who runs them).
import type { BuildkiteClusterEntry, RestAgentToken } from '../snapshot/buildkite.js';
import { isUnavailable, known } from '../snapshot/section.js';
import { audienceOf } from './audience.js';
import { noteClusters, summarize, type Estate } from './estate.js';
import { seen, type Audience, type BlastQuery, type NotVisible, type PipelineSummary } from './model.js';
import { describePolicy, parseSecretPolicy } from './policy.js';
import { ownerReach, scopeReach, type OwnerReach } from './scopes.js';

/** An API access token with the given uuid. */
export interface ApiTokenMatch {
  type: 'api_access_token';
  /** Where it was found: the organization's token list, or the collector's own token. */
  source: 'buildkite.api_access_tokens' | 'buildkite.access_token';
  uuid: string;
  description: string | null;
  scopes: string[];
  created_at: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  owner: { uuid: string | null; name: string | null; email: string | null } | null;
  /** What each scope lets the holder do, with the owner's reach filled in. */
  reach: Array<{ scope: string; reaches: string }>;
  owner_reach: OwnerReach;
}

/** A cluster agent token with the given id. */
export interface AgentTokenMatch {
  type: 'agent_token';
  cluster: { id: string; name: string };
  id: string;
  description: string | null;
  created_at: string;
  expires_at: string | null;
  allowed_ip_addresses: string | null;
  /** Queue keys an agent registered with it can serve, or null when not visible. */
  queues: string[] | null;
  /** Pipelines whose jobs such an agent can take. */
  pipelines: PipelineSummary[];
  /** Secrets of the cluster those jobs can read under their policies, or null when not visible. */
  secrets: Array<{ key: string; policy_summary: string }> | null;
  audience: Audience;
}

/** The answer to a token query. */
export interface TokenReport {
  query: BlastQuery & { kind: 'token' };
  matched: boolean;
  matches: Array<ApiTokenMatch | AgentTokenMatch>;
  /** What was looked through, for a not-found answer a person can trust. */
  searched: string[];
  not_visible: NotVisible[];
}

/** Looks the id up among the API access tokens and every cluster's agent tokens. */
export function tokenBlastRadius(estate: Estate, id: string): TokenReport {
  const wanted = id.trim().toLowerCase();
  const { buildkite, notVisible } = estate;
  const searched: string[] = [];
  const matches: TokenReport['matches'] = [];
  if (seen(buildkite.api_access_tokens, 'API access tokens', notVisible)) {
    const tokens = buildkite.api_access_tokens.data;
    searched.push(`${tokens.length} API access token${tokens.length === 1 ? '' : 's'} (buildkite.api_access_tokens)`);
    for (const t of tokens.filter((x) => x.uuid.toLowerCase() === wanted)) {
      const owner = t['owner'] as { uuid?: string; name?: string; email?: string } | null | undefined;
      matches.push(apiMatch(estate, 'buildkite.api_access_tokens', {
        uuid: t.uuid, description: text(t['description']), scopes: t.scopes, created_at: t.createdAt, expires_at: t.expiresAt, last_used_at: t.lastAccessedAt,
        owner: owner ? { uuid: owner.uuid ?? null, name: owner.name ?? null, email: owner.email ?? null } : null,
      }));
    }
  }
  if (buildkite.access_token.status === 'ok') {
    searched.push("the collector's own token (buildkite.access_token)");
    const t = buildkite.access_token.data;
    if (t.uuid.toLowerCase() === wanted && matches.length === 0) {
      const user = t['user'] as { name?: string; email?: string } | null | undefined;
      matches.push(apiMatch(estate, 'buildkite.access_token', {
        uuid: t.uuid, description: t.description, scopes: t.scopes, created_at: t.created_at, expires_at: t.expires_at, last_used_at: null,
        owner: user ? { uuid: memberUuid(estate, user.email), name: user.name ?? null, email: user.email ?? null } : null,
      }));
    }
  }
  noteClusters(estate);
  let agentTokens = 0;
  const clusterNames: string[] = [];
  for (const entry of estate.clusters) {
    if (!seen(entry.agent_tokens, `agent tokens of cluster ${entry.cluster.name}`, notVisible)) continue;
    agentTokens += entry.agent_tokens.data.length;
    clusterNames.push(entry.cluster.name);
    for (const t of entry.agent_tokens.data.filter((x) => x.id.toLowerCase() === wanted)) matches.push(agentMatch(estate, entry, t));
  }
  if (buildkite.clusters.status === 'ok') searched.push(`${agentTokens} agent token${agentTokens === 1 ? '' : 's'} of ${clusterNames.length} cluster${clusterNames.length === 1 ? '' : 's'}${clusterNames.length ? ` (${clusterNames.join(', ')})` : ''}`);
  return { query: { kind: 'token', name: id }, matched: matches.length > 0, matches, searched, not_visible: notVisible };
}

type ApiTokenFields = Omit<ApiTokenMatch, 'type' | 'source' | 'reach' | 'owner_reach'>;

function apiMatch(estate: Estate, source: ApiTokenMatch['source'], fields: ApiTokenFields): ApiTokenMatch {
  const reach = ownerReach(estate, fields.owner?.uuid ?? null);
  const scopes = fields.scopes.map((s) => s.toLowerCase());
  return { type: 'api_access_token', source, ...fields, scopes, reach: scopes.map((scope) => ({ scope, reaches: scopeReach(scope, reach, estate) })), owner_reach: reach };
}

function agentMatch(estate: Estate, entry: BuildkiteClusterEntry, t: RestAgentToken): AgentTokenMatch {
  const { cluster } = entry;
  const inCluster = estate.pipelines.filter((p) => p.cluster_id === cluster.id);
  const queues = seen(entry.queues, `queues of cluster ${cluster.name}`, estate.notVisible) ? entry.queues.data.map((q) => q.key) : null;
  const secrets = seen(entry.secrets, `secrets of cluster ${cluster.name}`, estate.notVisible)
    ? entry.secrets.data.map((s) => ({ key: s.key, policy_summary: isUnavailable(s.policy) ? `access policy not visible: ${s.policy.reason}` : describePolicy(parseSecretPolicy(s.policy)) }))
    : null;
  return {
    type: 'agent_token',
    cluster: { id: cluster.id, name: cluster.name },
    id: t.id,
    description: known(t.description) ?? null,
    created_at: known(t.created_at) ?? '(not visible)',
    expires_at: isUnavailable(t.expires_at) ? '(not visible)' : t.expires_at,
    allowed_ip_addresses: isUnavailable(t.allowed_ip_addresses) ? '(not visible)' : t.allowed_ip_addresses,
    queues,
    pipelines: inCluster.map((p) => summarize(estate, p)),
    secrets,
    audience: audienceOf(estate.buildkite, inCluster, estate.notVisible),
  };
}

function memberUuid(estate: Estate, email: string | undefined): string | null {
  if (email === undefined || estate.buildkite.members.status !== 'ok') return null;
  return estate.buildkite.members.data.find((m) => m.user.email === email)?.user.uuid ?? null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
