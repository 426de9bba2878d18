// Text sections of a token answer: an API access token's owner and scopes, or an agent token's cluster.
import { audienceText, section } from './format-text-parts.js';
import type { AgentTokenMatch, ApiTokenMatch, TokenReport } from './token.js';

/** The body of a token answer. */
export function tokenText(r: TokenReport): string[] {
  if (!r.matched) return ['', `Not found in the snapshot: no token has the id ${r.query.name}.`, `  searched: ${r.searched.length ? r.searched.join('; ') : 'nothing (no token list was visible)'}`];
  return r.matches.flatMap((m) => (m.type === 'api_access_token' ? apiText(m) : agentText(m)));
}

function apiText(m: ApiTokenMatch): string[] {
  const owner = m.owner ? `${m.owner.name ?? '?'} <${m.owner.email ?? '?'}>` : 'not known';
  const role = m.owner_reach.admin === null ? 'role not known' : m.owner_reach.admin ? 'organization admin' : 'member';
  const lines = [
    '',
    `API access token ${m.uuid}${m.description ? ` (${m.description})` : ''}, from ${m.source}`,
    `  owner: ${owner}, ${role}${m.owner_reach.teams.length ? `, teams ${m.owner_reach.teams.join(', ')}` : ''}`,
    `  created ${m.created_at ?? 'unknown'}, expires ${m.expires_at ?? 'never'}, last used ${m.last_used_at ?? 'never (or not reported)'}`,
  ];
  const scopes = section('Scopes and what they reach', m.reach.map((s) => [`  ${s.scope}: ${s.reaches}`]));
  const pipelines = m.owner_reach.admin
    ? ['', "Pipelines in the owner's reach: every pipeline (organization admin)"]
    : section("Pipelines in the owner's reach through teams", m.owner_reach.pipelines.map((p) => [`  ${p.pipeline}: ${p.access_level} via team ${p.via}`]));
  return [...lines, ...scopes, ...pipelines];
}

function agentText(m: AgentTokenMatch): string[] {
  const lines = [
    '',
    `Agent token ${m.id}${m.description ? ` (${m.description})` : ''} of cluster ${m.cluster.name} (${m.cluster.id})`,
    `  created ${m.created_at}, expires ${m.expires_at ?? 'never'}, allowed IP addresses ${m.allowed_ip_addresses ?? 'any'}`,
    `  an agent registered with it can take jobs from queues: ${m.queues === null ? 'not visible' : m.queues.join(', ') || 'none'}`,
  ];
  const pipelines = section('Pipelines of the cluster (their jobs can run on such an agent)', m.pipelines.map((p) => [`  ${p.slug} (${p.repository}, ${p.visibility})`]));
  const secrets = m.secrets === null
    ? ['', 'Secrets of the cluster: not visible']
    : section('Secrets of the cluster (jobs on such an agent read them as their policies allow)', m.secrets.map((s) => [`  ${s.key}: ${s.policy_summary}`]));
  return [...lines, ...pipelines, ...secrets, ...audienceText(m.audience, 'Who can see or run the pipelines of the cluster')];
}
