// Which rulesets and protection rules apply to a repository and branch, the way GitHub matches them.
import type { SimOrg, SimProtectionRule, SimRepo, SimRule, SimRuleset } from './model.js';

function glob(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function refMatches(patterns: string[], repo: SimRepo, branch: string): boolean {
  return patterns.some((p) => {
    if (p === '~ALL') return true;
    if (p === '~DEFAULT_BRANCH') return branch === repo.defaultBranch;
    return glob(p.replace(/^refs\/heads\//, ''), branch);
  });
}

/** Whether an org ruleset's repository-name condition selects this repository. */
export function orgRulesetTargets(ruleset: SimRuleset, repo: SimRepo): boolean {
  const cond = ruleset.conditions.repository_name;
  if (!cond) return true;
  const inc = cond.include.some((p) => p === '~ALL' || glob(p, repo.name));
  const exc = cond.exclude.some((p) => p === '~ALL' || glob(p, repo.name));
  return inc && !exc;
}

/** The rulesets that govern a repository: its own, then the organization's that target it. */
export function rulesetsFor(org: SimOrg, repo: SimRepo, includeParents: boolean): { ruleset: SimRuleset; source: 'Repository' | 'Organization' }[] {
  const own = repo.rulesets.map((ruleset) => ({ ruleset, source: 'Repository' as const }));
  if (!includeParents) return own;
  return [...own, ...org.rulesets.filter((r) => orgRulesetTargets(r, repo)).map((ruleset) => ({ ruleset, source: 'Organization' as const }))];
}

/** The rules of active branch rulesets that apply to one branch, with the ruleset each came from. */
export function rulesForBranch(org: SimOrg, repo: SimRepo, branch: string): { rule: SimRule; ruleset: SimRuleset; source: 'Repository' | 'Organization' }[] {
  return rulesetsFor(org, repo, true)
    .filter(({ ruleset }) => ruleset.enforcement === 'active' && ruleset.target === 'branch')
    .filter(({ ruleset }) => {
      const cond = ruleset.conditions.ref_name;
      return !cond || (refMatches(cond.include, repo, branch) && !refMatches(cond.exclude, repo, branch));
    })
    .flatMap(({ ruleset, source }) => ruleset.rules.map((rule) => ({ rule, ruleset, source })));
}

/** The classic protection rule that covers a branch, if any. */
export function protectionFor(repo: SimRepo, branch: string): SimProtectionRule | undefined {
  return repo.protections.find((p) => glob(p.pattern, branch));
}
