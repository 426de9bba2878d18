// The settings behind changed outcomes: what differs in the two snapshots for each target
// whose outcome changed, as sentences ("branch protection removed on acme/api").
import type { SettingChange } from '../model/report.js';
import type { Snapshot } from '../snapshot/types.js';
import { changedLeaves, shortValue } from './leaves.js';

type Parts = Record<string, unknown> | undefined;

/** Setting changes for the named targets, comparing their parts of the two snapshots. */
export function settingChanges(before: Snapshot, after: Snapshot, targets: Iterable<string>): SettingChange[] {
  const out: SettingChange[] = [];
  for (const target of [...new Set(targets)].sort()) {
    const a = partsOf(before, target);
    const b = partsOf(after, target);
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      out.push({ target, summary: `${target} ${a === undefined ? 'appeared' : 'is no longer in the snapshot'}` });
      continue;
    }
    out.push(...describe(target, a, b));
  }
  return out;
}

// The snapshot parts a target is evaluated on, by the target's name.
function partsOf(snapshot: Snapshot, target: string): Parts {
  if (target === 'organization') {
    const { repositories: _r, ...github } = snapshot.github ?? ({} as Record<string, unknown>);
    const { pipelines: _p, ...buildkite } = snapshot.buildkite ?? ({} as Record<string, unknown>);
    return { github, buildkite };
  }
  const pipeline = /^buildkite:[^/]+\/(.+)$/.exec(target);
  if (pipeline) {
    const list = snapshot.buildkite?.pipelines;
    const found = list?.status === 'ok' ? list.data.find((p) => p.slug === pipeline[1]) : undefined;
    return found ? { pipeline: found } : undefined;
  }
  const repo = target.split(':')[0];
  const list = snapshot.github?.repositories;
  const entry = list?.status === 'ok' ? list.data.find((r) => r.full_name === repo) : undefined;
  return entry ? (entry as unknown as Record<string, unknown>) : undefined;
}

function describe(target: string, a: Record<string, unknown>, b: Record<string, unknown>): SettingChange[] {
  const out: SettingChange[] = [];
  const protection = (p: Record<string, unknown>) => {
    const rules = p.branch_protection_rules as { status: string; data?: unknown[] } | undefined;
    const sets = p.rulesets as { status: string; data?: unknown[] } | undefined;
    if (rules?.status !== 'ok' || sets?.status !== 'ok') return undefined;
    return (rules.data?.length ?? 0) + (sets.data?.length ?? 0);
  };
  const pa = protection(a);
  const pb = protection(b);
  if (pa !== undefined && pb !== undefined && pa > 0 && pb === 0) out.push({ target, summary: `branch protection removed on ${target}` });
  if (pa === 0 && pb !== undefined && pb > 0) out.push({ target, summary: `branch protection added on ${target}` });
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const sa = a[key] as { status?: string; reason?: string } | undefined;
    const sb = b[key] as { status?: string; reason?: string } | undefined;
    if (sa?.status === 'ok' && sb?.status === 'unavailable') {
      out.push({ target, summary: `${key} of ${target} is no longer visible: ${sb.reason ?? 'unavailable'}` });
      continue;
    }
    if (sa?.status === 'unavailable' && sb?.status === 'ok') {
      out.push({ target, summary: `${key} of ${target} is visible again` });
      continue;
    }
    if ((key === 'branch_protection_rules' || key === 'rulesets') && out.some((c) => c.summary.startsWith('branch protection'))) continue;
    for (const leaf of changedLeaves(sa, sb, 3, key)) {
      out.push({ target, summary: `${leaf.path.replace('.data', '')} on ${target}: ${shortValue(leaf.before)} → ${shortValue(leaf.after)}` });
    }
  }
  return out;
}
