// Lists every part of a GitHub snapshot left unavailable, as readable paths (`github.repositories[acme/api].collaborators`).
import { isUnavailable, type Section } from '../../snapshot/section.js';
import type { GithubSnapshot, RepositoryEntry } from '../../snapshot/github.js';

const TOP = ['token', 'organization', 'two_factor_requirement', 'org_rulesets', 'teams', 'installations', 'personal_access_tokens', 'repositories'] as const;
const REPO_PARTS = ['repository', 'branch_protection_rules', 'rulesets', 'default_branch_rules', 'security_and_analysis', 'teams', 'collaborators', 'pipeline_files'] as const;

function rulesetPaths(prefix: string, section: Section<{ name: string; bypassActors: Section<unknown> }[]>): string[] {
  if (section.status !== 'ok') return [];
  return section.data.filter((rs) => rs.bypassActors.status !== 'ok').map((rs) => `${prefix}[${JSON.stringify(rs.name)}].bypassActors`);
}

/** Paths of the fields of a part that was read but holds `unavailable` envelopes in place of some fields. */
function fieldPaths(prefix: string, section: Section<Record<string, unknown>>): string[] {
  if (section.status !== 'ok') return [];
  return Object.entries(section.data)
    .filter(([, v]) => isUnavailable(v))
    .map(([k]) => `${prefix}.${k}`);
}

function repoPaths(entry: RepositoryEntry, key: string): string[] {
  const out: string[] = [];
  for (const part of REPO_PARTS) if (entry[part].status !== 'ok') out.push(`github.repositories[${key}].${part}`);
  out.push(...fieldPaths(`github.repositories[${key}].repository`, entry.repository as Section<Record<string, unknown>>));
  out.push(...fieldPaths(`github.repositories[${key}].security_and_analysis`, entry.security_and_analysis));
  out.push(...rulesetPaths(`github.repositories[${key}].rulesets`, entry.rulesets));
  if (entry.pipeline_files.status === 'ok') for (const f of entry.pipeline_files.data) if ('unavailable' in f) out.push(`github.repositories[${key}].pipeline_files[${JSON.stringify(f.path)}]`);
  return out;
}

/** Paths of unavailable parts; a part unavailable in every repository is listed once as `repositories[*]`. `skipped` top-level keys are left out. */
export function incompletePaths(snapshot: GithubSnapshot, skipped: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const key of TOP) if (!skipped.has(key) && snapshot[key].status !== 'ok') out.push(`github.${key}`);
  out.push(...rulesetPaths('github.org_rulesets', snapshot.org_rulesets));
  if (snapshot.repositories.status !== 'ok') return out;
  const entries = snapshot.repositories.data;
  const counts = new Map<string, number>();
  const perRepo = entries.map((e) => repoPaths(e, e.full_name));
  for (const e of entries) for (const p of repoPaths(e, '*')) counts.set(p, (counts.get(p) ?? 0) + 1);
  const everywhere = new Set([...counts].filter(([, n]) => entries.length > 1 && n === entries.length).map(([p]) => p));
  out.push(...everywhere);
  entries.forEach((e, i) => {
    for (const p of perRepo[i]!) if (!everywhere.has(p.replace(`[${e.full_name}]`, '[*]'))) out.push(p);
  });
  return out;
}
