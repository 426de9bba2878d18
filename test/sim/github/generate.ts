// A deterministic generator of large organizations, for pagination, budget and scale tests.
import { openProtection, securityAll, type SimOrg, type SimPermission, type SimRepo, type SimTeam } from './model.js';
import { fixtureOrg } from './fixture.js';
import { seeded } from '../random.js';

/** Size and seed of a generated organization. */
export interface GenerateOptions {
  repos: number;
  teams: number;
  seed?: number;
  login?: string;
}


function generateRepo(i: number, rnd: () => number): SimRepo {
  const name = `svc-${String(i).padStart(5, '0')}`;
  const defaultBranch = rnd() < 0.05 ? 'master' : 'main';
  const v = rnd();
  const protectedRepo = rnd() < 0.6;
  const collaboratorCount = rnd() < 0.01 ? 30 : Math.floor(rnd() * 4);
  const files: Record<string, string> = {};
  const f = rnd();
  if (f < 0.8) files['.buildkite/pipeline.yml'] = `steps:\n  - label: test ${name}\n    command: make test\n`;
  else if (f < 0.9) files['buildkite.yml'] = `steps:\n  - command: make ${name}\n`;
  const s = rnd();
  return {
    id: 100_000 + i,
    name,
    defaultBranch,
    visibility: v < 0.7 ? 'private' : v < 0.9 ? 'internal' : 'public',
    archived: rnd() < 0.05,
    fork: rnd() < 0.02,
    protections: protectedRepo
      ? [
          openProtection(200_000 + i, defaultBranch, {
            isAdminEnforced: rnd() < 0.5,
            requiresApprovingReviews: true,
            requiredApprovingReviewCount: 1 + Math.floor(rnd() * 2),
            requiresCommitSignatures: rnd() < 0.3,
            allowsForcePushes: rnd() < 0.1,
            requiresStatusChecks: true,
            requiredStatusCheckContexts: [`buildkite/${name}`],
          }),
        ]
      : [],
    rulesets:
      rnd() < 0.2
        ? [
            {
              id: 300_000 + i,
              name: 'protect-default',
              enforcement: rnd() < 0.8 ? 'active' : 'evaluate',
              target: 'branch',
              conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
              rules: [{ type: 'deletion' }, { type: 'non_fast_forward' }],
              bypass_actors: [{ actor_type: 'RepositoryRole', role_name: 'admin', bypass_mode: 'always' }],
            },
          ]
        : [],
    security: s < 0.5 ? securityAll('enabled') : s < 0.8 ? { secret_scanning: { status: 'enabled' }, secret_scanning_push_protection: { status: 'disabled' } } : securityAll('disabled'),
    collaborators: Array.from({ length: collaboratorCount }, (_, c) => ({ login: `user${(i * 7 + c) % 5000}`, permission: (c === 0 ? 'ADMIN' : 'WRITE') as SimPermission })),
    files,
  };
}

/** Generates an organization with `repos` repositories and `teams` teams; the same seed gives the same organization. */
export function generateOrg(options: GenerateOptions): SimOrg {
  const rnd = seeded(options.seed ?? 1).next;
  const base = fixtureOrg();
  const repos = Array.from({ length: options.repos }, (_, i) => generateRepo(i, rnd));
  const teams: SimTeam[] = Array.from({ length: options.teams }, (_, t) => ({
    id: 50_000 + t,
    slug: t === 0 ? 'security' : `team-${String(t).padStart(3, '0')}`,
    name: t === 0 ? 'Security' : `Team ${t}`,
    privacy: 'VISIBLE',
    repos: [],
  }));
  const owners = teams.length > 1 ? teams.slice(1) : teams;
  repos.forEach((repo, i) => {
    owners[i % owners.length]!.repos.push({ name: repo.name, permission: rnd() < 0.3 ? 'ADMIN' : 'WRITE' });
    if (rnd() < 0.3) owners[Math.floor(rnd() * owners.length)]!.repos.push({ name: repo.name, permission: 'READ' });
    if (teams.length > 1 && i % 10 === 0) teams[0]!.repos.push({ name: repo.name, permission: 'READ' });
  });
  return {
    ...base,
    login: options.login ?? base.login,
    repos,
    teams,
    rulesets: base.rulesets.map((r) => ({ ...r, conditions: { ...r.conditions, repository_name: { include: ['~ALL'], exclude: [] } } })),
  };
}
