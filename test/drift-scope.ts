// How wide the unknowns of a drifted run may be: only on the targets (and, where the drift says which field it
// touched, the rules) whose objects the drift perturbed, or on the rules reading an organization-wide list it perturbed.
import type { DriftRun, Seen } from './drift-harness.js';
import type { Perturbation } from './sim/drift.js';

/** Rules that read anything a repository holds (its archived flag and default branch decide whether they judge it). */
const ANY = undefined;

/**
 * Organization-wide reads a perturbation can make unknown on every target, and the rules that read them there: a
 * team's list with a hole may hide any pipeline's or repository's access, a template or connection list any pipeline's.
 */
const SHARED_READS: { where: RegExp; rules: RegExp }[] = [
  { where: /^(teams|graphql:TeamAccess\w*)$/, rules: /^buildkite\/pipeline_open_to_everyone$/ },
  { where: /^pipeline-templates$/, rules: /^buildkite\/pipeline_template_not_used$/ },
  { where: /^repository_connections$/, rules: /^buildkite\/repository_not_via_github_app$/ },
  { where: /^pipeline-settings$/, rules: /^pipeline\// },
  { where: /^graphql:KiteguardTeam(s|Repositories)$/, rules: /^github\// },
];

/** The rules that read each field of a Buildkite pipeline (REST `pipelines` list); `pipeline/` rules read its YAML, found through the first three. */
const PIPELINE_FIELD_READERS: Record<string, RegExp> = {
  configuration: /^(buildkite\/pipeline_defined_in_ui|pipeline\/.*)$/,
  repository: /^(buildkite\/repository_not_via_github_app|pipeline\/.*)$/,
  provider: /^(buildkite\/(fork_builds_enabled|repository_not_via_github_app)|pipeline\/.*)$/,
  env: /^pipeline\//,
  steps: /^buildkite\/pipeline_defined_in_ui$/,
  visibility: /^buildkite\/public_pipeline$/,
  cluster_id: /^buildkite\/(pipeline_not_in_cluster|fork_builds_enabled)$/,
  pipeline_template_uuid: /^buildkite\/pipeline_template_not_used$/,
};

/** The default-branch rules of a repository. */
const PROTECTION = /^github\/(admins_bypass_protection|branch_protection_missing|buildkite_status_not_required|force_push_or_deletion_allowed|reviews_not_required|signed_commits_not_required)$/;

/** The rules that read each field of a GitHub repository node (GraphQL); `undefined`: every rule on the repository. */
const REPOSITORY_FIELD_READERS: Record<string, RegExp | undefined> = {
  nameWithOwner: ANY,
  isArchived: ANY,
  isEmpty: ANY,
  defaultBranchRef: ANY,
  branchProtectionRules: PROTECTION,
  rulesets: PROTECTION,
  viewerPermission: PROTECTION,
  pipelineDir: /^(pipeline|buildkite)\//,
  collaborators: /^$/,
  visibility: /^$/,
  isFork: /^$/,
  isDisabled: /^$/,
  databaseId: /^$/,
};

/** Readers per object (pipeline slug or repository): the rules a drift may turn unknown there, `undefined` for any. */
type Readers = Map<string, (RegExp | undefined)[]>;

function add(readers: Readers, id: string, reader: RegExp | undefined): void {
  readers.set(id, [...(readers.get(id) ?? []), reader]);
}

// The field of the object at `depth` in the perturbation's path that it touched (its key when it is that object).
function fieldAt(p: Perturbation, depth: number): string | undefined {
  return p.path.length > depth ? String(p.path[depth]) : p.path.length === depth ? p.key : undefined;
}

/** The rules a drift may turn unknown on each Buildkite pipeline it perturbed in the REST list, by the fields it touched. */
function pipelineReaders(perturbations: Perturbation[]): Readers {
  const out: Readers = new Map();
  for (const p of perturbations) {
    const slug = p.owners.find((o) => o.startsWith('slug:'))?.slice('slug:'.length);
    if (p.where !== 'pipelines' || slug === undefined) continue;
    const field = fieldAt(p, 1);
    add(out, slug, field === undefined ? ANY : (PIPELINE_FIELD_READERS[field] ?? /^$/));
  }
  return out;
}

/** The rules a drift may turn unknown on each GitHub repository it perturbed, by the response and the field it touched. */
function repositoryReaders(perturbations: Perturbation[]): Readers {
  const out: Readers = new Map();
  for (const p of perturbations) {
    const repo = p.owners.find((o) => o.startsWith('repo:'))?.slice('repo:'.length);
    if (repo === undefined) continue;
    if (/^GET \/(orgs\/[^/]+\/repos|repos\/)/.test(p.where)) add(out, repo, /^github\/(secret_scanning_disabled|dependency_alerts_disabled)$/);
    else if (p.where === 'graphql:KiteguardRepositories') {
      const field = fieldAt(p, 4);
      add(out, repo, field === undefined ? ANY : field.startsWith('rootFile') ? REPOSITORY_FIELD_READERS.pipelineDir : field in REPOSITORY_FIELD_READERS ? REPOSITORY_FIELD_READERS[field] : /^$/);
    } else add(out, repo, ANY);
  }
  return out;
}

// Whether the drift touched something of `id` that `rule` reads.
function reads(readers: Readers, id: string | undefined, rule: string): boolean {
  return id !== undefined && (readers.get(id) ?? []).some((r) => r === ANY || r.test(rule));
}

/**
 * Outcomes the drift turned unknown (known in the undrifted run) that it had no reason to: on a repository (or its
 * pipeline files) whose node and list entries it left alone or touched only where the rule does not read, on a
 * Buildkite pipeline likewise (a pipeline reads its repository's files, a repository the pipelines that build it),
 * unless the rule reads an organization-wide list the drift perturbed. The organization target reads everything.
 */
export function unknownsOutsidePerturbed(before: Map<string, Seen>, run: DriftRun): string[] {
  const repos = repositoryReaders(run.perturbations.github);
  const pipes = pipelineReaders(run.perturbations.buildkite);
  const builtBy = new Map<string, string[]>();
  for (const [slug, repo] of run.builds) builtBy.set(repo, [...(builtBy.get(repo) ?? []), slug]);
  const all = [...run.perturbations.github, ...run.perturbations.buildkite];
  const shared = all.filter((p) => !p.owners.some((o) => o.startsWith('repo:')) && !(p.where === 'pipelines' && p.owners.length > 0));
  // A list element that came back null cannot be told apart: its list's wildcard target stands for it.
  const holes = new Set(all.filter((p) => p.path.length <= 5 && typeof p.path.at(-1) === 'number').map((p) => p.where));
  const out: string[] = [];
  for (const [key, seen] of run.outcomes) {
    if (seen.outcome !== 'unknown' || before.get(key)?.outcome === 'unknown') continue;
    const [rule, target] = key.split(' ') as [string, string];
    if (target === 'organization') continue;
    if (shared.some((p) => SHARED_READS.some((s) => s.where.test(p.where) && s.rules.test(rule)))) continue;
    if (target.endsWith('/*') || target.endsWith('/*:*') ? holes.has(target.startsWith('buildkite:') ? 'pipelines' : 'graphql:KiteguardRepositories') : false) continue;
    if (target.startsWith('buildkite:')) {
      const slug = target.slice(target.lastIndexOf('/') + 1);
      if (reads(pipes, slug, rule) || reads(repos, run.builds.get(slug), rule)) continue;
    } else {
      const repo = target.split(':')[0]!;
      if (reads(repos, repo, rule) || (builtBy.get(repo) ?? []).some((slug) => pipes.has(slug))) continue;
    }
    out.push(`${key}: ${seen.reason ?? ''}`);
  }
  return out;
}
