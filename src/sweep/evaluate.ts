// Evaluates sweep targets with the compiled policies into one Report: each distinct input
// once through its kind's entrypoint, then outcomes per rule and waivers.
import { createHash } from 'node:crypto';
import { engineData, type Config } from '../config/load.js';
import { applyWaivers, settleWaivers } from '../config/waivers.js';
import { rulesFor } from '../engine/catalog.js';
import { toOutcomes } from '../engine/outcomes.js';
import type { Report, RuleInfo, RuleOutcome, Severity, TargetKind } from '../model/report.js';
import { evaluateAll, type EvaluationItem } from './parallel.js';
import { locateFinding, type Target } from './targets.js';

/** What an evaluation needs besides the targets. */
export interface EvaluateOptions {
  catalog: RuleInfo[];
  config: Config;
  policy: Uint8Array;
  /** Worker threads at most (default: the machine's cores, up to 4). */
  threads?: number;
  now: Date;
  version: string;
  failOn?: Severity;
}

/** Runs every target through the policies (on worker threads for large sweeps); outcomes keep the target's kind, repository and pipeline. */
export async function evaluateTargets(targets: Target[], opts: EvaluateOptions): Promise<Report> {
  const { catalog, config } = opts;
  const rulesByKind = new Map<TargetKind, RuleInfo[]>();
  for (const kind of ['pipeline', 'repository', 'organization'] as const) {
    rulesByKind.set(
      kind,
      rulesFor(catalog, kind)
        .filter((r) => config.rules[r.id]?.enabled !== false)
        .map((r) => ({ ...r, severity: config.rules[r.id]?.severity ?? r.severity })),
    );
  }
  const now = opts.now.toISOString();
  const today = now.slice(0, 10);
  // Targets that share an input (one template uploaded by many repositories, say) are evaluated once.
  const encoder = new TextEncoder();
  const items: EvaluationItem[] = [];
  const itemOf = new Map<string, number>();
  const slot = targets.map((target) => {
    if (target.unknownReason !== undefined) return -1;
    const bytes = encoder.encode(JSON.stringify({ ...target.input, now }));
    // Repository and organization inputs name their target, so only pipeline inputs can repeat.
    if (target.kind !== 'pipeline') return items.push({ kind: target.kind, bytes: bytes.buffer as ArrayBuffer }) - 1;
    const key = createHash('sha256').update(bytes).digest('base64');
    let index = itemOf.get(key);
    if (index === undefined) {
      index = items.push({ kind: target.kind, bytes: bytes.buffer as ArrayBuffer }) - 1;
      itemOf.set(key, index);
    }
    return index;
  });
  const results = await evaluateAll(items, { policy: opts.policy, data: engineData(config), ...(opts.threads ? { threads: opts.threads } : {}) });
  const outcomes: RuleOutcome[] = [];
  targets.forEach((target, i) => {
    const rules = rulesByKind.get(target.kind) ?? [];
    const fields = {
      kind: target.kind,
      ...(target.repository ? { repository: target.repository } : {}),
      ...(target.pipeline ? { pipeline: target.pipeline } : {}),
    };
    const result = results[slot[i]!];
    if (target.unknownReason !== undefined || !result) {
      for (const r of rules) outcomes.push({ ruleId: r.id, target: target.name, outcome: 'unknown', findings: [], reason: target.unknownReason ?? 'not evaluated', ...fields });
      return;
    }
    for (const o of toOutcomes(rules, result, { target: target.name, locate: (f) => locateFinding(target, f.path, f.evidence), severityOf: (r) => r.severity })) {
      outcomes.push({ ...settleWaivers(o, config.waivers, today), ...fields });
    }
  });
  const used = new Set(targets.map((t) => t.kind));
  return {
    tool: { name: 'kiteguard', version: opts.version },
    generatedAt: now,
    targets: targets.map((t) => t.name),
    rules: [...used].flatMap((kind) => rulesByKind.get(kind) ?? []),
    outcomes,
    expiredWaivers: applyWaivers([], config.waivers, today).expired,
    failOn: opts.failOn ?? config.failOn ?? 'high',
  };
}
