// Text sections of secret and env answers: cluster secrets, pipelines with their references, audience.
import type { EnvReport } from './env.js';
import { audienceText, buildsBranches, pipelineLine, referenceLine, section } from './format-text-parts.js';
import type { SecretReport } from './secret.js';

/** The body of a secret answer. */
export function secretText(r: SecretReport): string[] {
  const key = r.query.name;
  if (!r.matched) {
    return ['', `Nothing found: no visible cluster has a secret ${key}, and no inspected pipeline YAML references it.`];
  }
  const secrets = section('Cluster secrets', r.secrets.map((s) => [
    `  ${s.key} in cluster ${s.cluster.name} (${s.cluster.id})${s.description ? `: ${s.description}` : ''}; created ${s.created_at}, last read ${s.last_read_at ?? 'never (or not reported)'}`,
    `    policy: ${s.policy_summary}`,
    `    readable by: ${s.readers.length === 0 ? 'no pipeline of the cluster' : s.readers.map((x) => `${x.pipeline} (${x.branches === null ? 'any branch' : `branches ${x.branches.join(', ')}`}${x.conditions.length ? `; ${x.conditions.join('; ')}` : ''})`).join(', ')}`,
  ]));
  return [...secrets, ...pipelines(r), ...audienceText(r.audience)];
}

/** The body of an env answer. */
export function envText(r: EnvReport): string[] {
  if (!r.matched) return ['', `Nothing found: no inspected pipeline sets or reads ${r.query.name}.`];
  const items = r.pipelines.map((p) => [pipelineLine(p.pipeline), `    ${buildsBranches(p.pipeline)}`, ...p.references.map(referenceLine)]);
  return [...section('Pipelines that set or read it', items), ...audienceText(r.audience)];
}

function pipelines(r: SecretReport): string[] {
  const items = r.pipelines.map((p) => {
    const grant = p.grant;
    const access = p.access === 'reads' && grant
      ? `    can read ${r.query.name} on ${grant.branches === null ? 'any branch' : `branches ${grant.branches.join(', ')}`} (${grant.basis})${grant.conditions.length ? ` when ${grant.conditions.join('; ')}` : ''}; ${buildsBranches(p.pipeline)}`
      : `    ${p.access === 'unknown' ? 'may read it, unknown' : 'cannot read it'}: ${p.why ?? ''}`;
    const refs = p.references.length === 0 ? ['    no reference in its inspected YAML'] : p.references.map(referenceLine);
    return [pipelineLine(p.pipeline), access, ...refs];
  });
  return section('Pipelines', items);
}
