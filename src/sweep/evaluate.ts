// Evaluates sweep targets with the compiled policies into one Report: one engine, data set
// once, each target through its kind's entrypoint, then waivers.
import { createHash } from 'node:crypto';
import { engineData, type Config } from '../config/load.js';
import { applyWaivers, settleWaivers } from '../config/waivers.js';
import { rulesFor } from '../engine/catalog.js';
import { toOutcomes } from '../engine/outcomes.js';
import { PolicyEngine, type EngineResult } from '../engine/policy.js';
import type { Report, RuleInfo, RuleOutcome, Severity, TargetKind } from '../report/model.js';
import { locateFinding, type Target } from './targets.js';

/** What an evaluation needs besides the targets. */
export interface EvaluateOptions {
  catalog: RuleInfo[];
  config: Config;
  policy: Uint8Array | WebAssembly.Module;
  now: Date;
  version: string;
  failOn?: Severity;
}

/** Runs every target through the policies; outcomes keep the target's kind, repository and pipeline. */
export function evaluateTargets(targets: Target[], opts: EvaluateOptions): Report {
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
  const engine = PolicyEngine.load(opts.policy);
  engine.setData(engineData(config));
  const now = opts.now.toISOString();
  const today = now.slice(0, 10);
  const encoder = new TextEncoder();
  const outcomes: RuleOutcome[] = [];
  // Pipelines that share a definition and settings (one template uploaded by many
  // repositories, say) have the same input: evaluate it once.
  const seen = new Map<string, EngineResult>();
  for (const target of targets) {
    const rules = rulesByKind.get(target.kind) ?? [];
    if (target.unknownReason !== undefined) {
      for (const r of rules) outcomes.push({ ruleId: r.id, target: target.name, outcome: 'unknown', findings: [], reason: target.unknownReason, kind: target.kind });
      continue;
    }
    const bytes = encoder.encode(JSON.stringify({ ...target.input, now }));
    const key = `${target.kind}:${createHash('sha256').update(bytes).digest('base64')}`;
    const result = seen.get(key) ?? engine.evaluate(target.kind, bytes.buffer as ArrayBuffer);
    seen.set(key, result);
    const fields = {
      kind: target.kind,
      ...(target.repository ? { repository: target.repository } : {}),
      ...(target.pipeline ? { pipeline: target.pipeline } : {}),
    };
    for (const o of toOutcomes(rules, result, { target: target.name, locate: (f) => locateFinding(target, f.path, f.evidence), severityOf: (r) => r.severity })) {
      outcomes.push({ ...settleWaivers(o, config.waivers, today), ...fields });
    }
  }
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
