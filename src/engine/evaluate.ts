// THE evaluator of `check`, `evaluate` and `sweep`: rules the config enables at the severity it
// sets, each distinct input once through its kind's entrypoint (on worker threads for large
// sweeps), then one outcome per rule and target, waivers, and the report.
import { TARGET_KINDS, type Report, type RuleInfo, type RuleOutcome, type Severity, type TargetKind, type Waiver } from '../model/report.js';
import { locateFinding, type InlineSuppression, type Target } from '../model/target.js';
import { rulesFor } from './catalog.js';
import { toOutcomes } from './outcomes.js';
import { evaluateInputs } from './evaluate-inputs.js';
import { applyInlineSuppressions, suppressionNotices } from './suppressions.js';
import { applyWaivers, settleWaivers } from './waivers.js';

/** The `--fail-on` threshold when neither the command line nor the config sets one. */
export const DEFAULT_FAIL_ON: Severity = 'high';

/** What the config decides for an evaluation, in the engine's terms. */
export interface EvaluationSettings {
  /** Per rule id: whether it runs, and at which severity. */
  rules: Record<string, { enabled: boolean; severity?: Severity }>;
  /** The policies' `data` document: knob values and attestations. */
  data: object;
  waivers: Waiver[];
  /** The config's `fail_on`. */
  failOn?: Severity;
  /** The path a waiver glob is matched against for a finding's file (`check`: relative to the config's folder); default the file as reported. */
  waiverPath?: (file: string) => string;
}

/** What an evaluation needs besides the targets. */
export interface EvaluateOptions {
  /** The rules that may run (`check` passes the rules on pipeline YAML only). */
  catalog: RuleInfo[];
  settings: EvaluationSettings;
  /** The compiled policies: bytes, or a module compiled ahead (evaluated in this thread). */
  policy: Uint8Array | WebAssembly.Module;
  /** Worker threads at most (default: the machine's cores, up to 4). */
  threads?: number;
  now: Date;
  version: string;
  /** `--fail-on`; otherwise the config's `fail_on`, else `DEFAULT_FAIL_ON`. */
  failOn?: Severity;
  /** Pipeline files (`check`): the report lists every rule even without targets, and outcomes carry no target kind. */
  files?: boolean;
  /** The catalog holds only rules any pipeline file of a repository can satisfy: pipeline inputs may be evaluated with those alone. */
  repositoryWide?: boolean;
}

/** The rules of one kind the config enables, at the severity it sets. */
export function enabledRules(catalog: RuleInfo[], settings: EvaluationSettings, kind: TargetKind): RuleInfo[] {
  return rulesFor(catalog, kind)
    .filter((r) => settings.rules[r.id]?.enabled !== false)
    .map((r) => ({ ...r, severity: settings.rules[r.id]?.severity ?? r.severity }));
}

/** Runs every target through the policies into one report; outcomes keep the target's kind, repository and pipeline. */
export async function evaluateTargets(targets: Target[], opts: EvaluateOptions): Promise<Report> {
  const { catalog, settings } = opts;
  const rulesByKind = new Map(TARGET_KINDS.map((kind) => [kind, enabledRules(catalog, settings, kind)] as const));
  const now = opts.now.toISOString();
  const today = now.slice(0, 10);
  const parallel = { policy: opts.policy, data: settings.data, ...(opts.threads ? { threads: opts.threads } : {}) };
  const wide = opts.repositoryWide ? catalog.filter((r) => r.repositoryWide).map((r) => r.package) : undefined;
  const { results, slot } = await evaluateInputs(targets, now, parallel, wide);
  const outcomes: RuleOutcome[] = [];
  const used = new Set<InlineSuppression>();
  targets.forEach((target, i) => {
    const rules = rulesByKind.get(target.kind) ?? [];
    const fields = opts.files
      ? {}
      : { kind: target.kind, ...(target.repository ? { repository: target.repository } : {}), ...(target.pipeline ? { pipeline: target.pipeline } : {}) };
    const result = results[slot[i]!];
    if (target.unknownReason !== undefined || !result) {
      for (const r of rules) outcomes.push({ ruleId: r.id, target: target.name, outcome: 'unknown', findings: [], reason: target.unknownReason ?? 'not evaluated', ...fields });
      return;
    }
    for (const o of toOutcomes(rules, result, { target: target.name, locate: (f) => locateFinding(target, f.path, f.evidence), severityOf: (r) => r.severity })) {
      // Each outcome is a new object here: the target's fields go on it in place (a sweep has hundreds of thousands).
      outcomes.push(Object.assign(applyInlineSuppressions(settleWaivers(o, settings.waivers, today, settings.waiverPath), target, used), fields));
    }
  });
  // Rules are listed in the order their kinds first appear among the targets.
  const listed = opts.files ? TARGET_KINDS : [...new Set(targets.map((t) => t.kind))];
  return {
    tool: { name: 'kiteguard', version: opts.version },
    generatedAt: now,
    targets: targets.map((t) => t.name),
    rules: listed.flatMap((kind) => rulesByKind.get(kind) ?? []),
    outcomes,
    expiredWaivers: applyWaivers([], settings.waivers, today).expired,
    ...noticesOf(targets, used),
    failOn: opts.failOn ?? settings.failOn ?? DEFAULT_FAIL_ON,
  };
}

// Notices about inline suppressions that waived nothing; absent when there are none.
function noticesOf(targets: Target[], used: Set<InlineSuppression>): { suppressionNotices?: ReturnType<typeof suppressionNotices> } {
  const notices = suppressionNotices(targets, used);
  return notices.length > 0 ? { suppressionNotices: notices } : {};
}
