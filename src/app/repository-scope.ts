// Rules any pipeline file of a repository can satisfy (METADATA `scope: repository`): repositories split CI
// into several files and scan in one of them, so a failure of such a rule in one checked file passes when
// another pipeline file of the same repository passes it — also when only the changed file was named, as a
// pre-commit hook does. The outcome says which file satisfied it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Report, RuleOutcome } from '../model/report.js';
import type { Target } from '../model/target.js';
import { displayName } from '../targets/discover.js';
import { contextOf, pipelineFileTarget } from '../targets/pipeline-file.js';
import { repositoryPipelineFiles } from '../targets/repository-files.js';

/** Evaluates more targets with the settings of the report being settled; outcomes of its repository-wide rules are needed, others may be left out. */
export type EvaluateMore = (targets: Target[]) => Promise<Report>;

/** The report with repository-wide failures settled by the other pipeline files of each file's repository. */
export async function settleRepositoryWide(report: Report, targets: Target[], cwd: string, evaluate: EvaluateMore): Promise<Report> {
  const wide = new Set(report.rules.filter((r) => r.repositoryWide).map((r) => r.id));
  const byName = new Map(targets.map((t) => [t.name, t]));
  const failing = report.outcomes.filter((o) => o.outcome === 'fail' && wide.has(o.ruleId) && byName.get(o.target)?.path !== undefined);
  if (failing.length === 0) return report;

  const checked = new Map(targets.filter((t) => t.path !== undefined).map((t) => [resolve(t.path!), t.name]));
  const siblings = new Map<string, string[]>();
  for (const name of new Set(failing.map((o) => o.target))) siblings.set(name, repositoryPipelineFiles(byName.get(name)!.path!).map((p) => resolve(p)));
  const extra = readOthers([...new Set([...siblings.values()].flat())].filter((p) => !checked.has(p)), cwd);
  const extraReport = extra.length > 0 ? await evaluate(extra) : undefined;

  const nameOf = new Map([...checked, ...extra.map((t) => [resolve(t.path!), t.name] as const)]);
  const passing = new Set([...report.outcomes, ...(extraReport?.outcomes ?? [])].filter((o) => o.outcome === 'pass').map((o) => `${o.ruleId}\n${o.target}`));
  const settle = (o: RuleOutcome): RuleOutcome => {
    if (!failing.includes(o)) return o;
    const by = siblings
      .get(o.target)
      ?.map((p) => nameOf.get(p))
      .find((name) => name !== undefined && name !== o.target && passing.has(`${o.ruleId}\n${name}`));
    return by === undefined ? o : { ...o, outcome: 'pass', findings: [], reason: `satisfied by ${by}, another pipeline file of the same repository` };
  };
  return { ...report, outcomes: report.outcomes.map(settle) };
}

/** The other files as targets; a file that cannot be read or parsed satisfies nothing and is left out. */
function readOthers(paths: string[], cwd: string): Target[] {
  const remotes = new Map<string, string | undefined>();
  const targets: Target[] = [];
  for (const path of paths) {
    try {
      const name = displayName(path, cwd);
      targets.push(pipelineFileTarget(name, readFileSync(path, 'utf8'), contextOf(path, remotes), path));
    } catch (err) {
      if (!(err instanceof InputError) && !(err instanceof Error && 'code' in err)) throw err;
    }
  }
  return targets;
}
