// The rule catalog: every rule's METADATA, compiled from the policies by `opa inspect -a`.
import { EngineError } from '../errors.js';
import { SEVERITIES, TARGET_KINDS, type RuleInfo } from '../model/report.js';
import { readAsset } from './assets.js';

/** The rule catalog compiled into this kiteguard. */
export function loadCatalog(): RuleInfo[] {
  return parseCatalog(readAsset('catalog.json').toString('utf8'));
}

/** Parses and checks dist/catalog.json. */
export function parseCatalog(text: string): RuleInfo[] {
  const doc = JSON.parse(text) as { rules?: unknown };
  if (!Array.isArray(doc.rules)) throw new EngineError('rule catalog has no rules list');
  return doc.rules.map((value) => {
    const r = value as RuleInfo;
    const problems: string[] = [];
    if (typeof r.id !== 'string' || !/^[a-z]+\/[a-z0-9_]+$/.test(r.id)) problems.push('id');
    if (!SEVERITIES.includes(r.severity)) problems.push('severity');
    if (!Number.isInteger(r.area) || r.area < 1 || r.area > 10) problems.push('area');
    if (!TARGET_KINDS.includes(r.target)) problems.push('target');
    if (typeof r.title !== 'string' || typeof r.remediation !== 'string') problems.push('title/remediation');
    if (problems.length) throw new EngineError(`rule ${String(r.id)} has invalid METADATA: ${problems.join(', ')}`);
    return { ...r, related: r.related ?? [], knobs: r.knobs ?? {} };
  });
}

/** The rules `check` evaluates: those on pipeline YAML (rules on a pipeline's Buildkite settings need a snapshot). */
export function yamlRules(catalog: RuleInfo[]): RuleInfo[] {
  return catalog.filter((r) => r.target === 'pipeline' && r.package.startsWith('pipeline.'));
}

/** The catalog rules evaluated for one target kind. */
export function rulesFor(catalog: RuleInfo[], target: RuleInfo['target']): RuleInfo[] {
  return catalog.filter((r) => r.target === target);
}
