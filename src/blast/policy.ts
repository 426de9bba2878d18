// A Buildkite secret's access policy: a YAML list of rules; a build may read the secret when
// every claim of some rule holds, and a claim holds when any of its conditions matches.
import { KiteguardError } from '../errors.js';
import { loadYaml } from '../yaml/load.js';

/** One policy rule: claim name → accepted values (`pipeline_slug: [a, b]`, `build_branch: main`). */
export type PolicyRule = Record<string, string[]>;

/** A policy as understood: none (the whole cluster may read), a list of rules, or text kiteguard cannot read. */
export type SecretPolicy =
  | { kind: 'none' }
  | { kind: 'rules'; rules: PolicyRule[] }
  | { kind: 'unreadable'; reason: string };

/** Whether (and on which branches, under which other claims) one pipeline may read a secret. */
export interface PolicyGrant {
  /** `policy` when a rule names or admits it, `no policy`, or `unreadable policy` (assumed readable). */
  basis: 'policy' | 'no policy' | 'unreadable policy';
  /** Branch conditions of the rules that admit the pipeline; null when some admits every branch. */
  branches: string[] | null;
  /** Other claims those rules also require, e.g. `build_creator_team: 1f3e…`. */
  conditions: string[];
}

/** Parses the `policy` text of a secret as collected; null or blank means no policy. */
export function parseSecretPolicy(text: string | null | undefined): SecretPolicy {
  if (typeof text !== 'string' || text.trim() === '') return { kind: 'none' };
  let value: unknown;
  try {
    value = loadYaml(text, 'policy').documents[0]?.value;
  } catch (err) {
    if (err instanceof KiteguardError) return { kind: 'unreadable', reason: err.message };
    throw err;
  }
  if (!Array.isArray(value)) return { kind: 'unreadable', reason: 'expected a list of rules' };
  const rules: PolicyRule[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { kind: 'unreadable', reason: 'expected each rule to be a mapping of claims' };
    const rule: PolicyRule = {};
    for (const [claim, condition] of Object.entries(item as Record<string, unknown>)) {
      const values = Array.isArray(condition) ? condition : [condition];
      if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
        return { kind: 'unreadable', reason: `expected ${claim} to be a string or a list of strings` };
      }
      rule[claim] = values.map(String);
    }
    rules.push(rule);
  }
  return { kind: 'rules', rules };
}

/** Whether a pipeline of the secret's cluster may read it, or undefined when no rule admits it. */
export function grantFor(policy: SecretPolicy, pipelineSlug: string): PolicyGrant | undefined {
  if (policy.kind === 'none') return { basis: 'no policy', branches: null, conditions: [] };
  if (policy.kind === 'unreadable') return { basis: 'unreadable policy', branches: null, conditions: [] };
  const admitting = policy.rules.filter((rule) => rule['pipeline_slug'] === undefined || rule['pipeline_slug'].some((p) => conditionMatches(p, pipelineSlug)));
  if (admitting.length === 0) return undefined;
  const anyBranch = admitting.some((rule) => rule['build_branch'] === undefined);
  const branches = anyBranch ? null : [...new Set(admitting.flatMap((rule) => rule['build_branch'] ?? []))];
  const conditions = new Set<string>();
  for (const rule of admitting) {
    for (const [claim, values] of Object.entries(rule)) {
      if (claim !== 'pipeline_slug' && claim !== 'build_branch') conditions.add(`${claim}: ${values.join(' | ')}`);
    }
  }
  return { basis: 'policy', branches, conditions: [...conditions] };
}

/** One line saying what a policy allows, for people reading a report. */
export function describePolicy(policy: SecretPolicy): string {
  if (policy.kind === 'none') return 'no policy: any pipeline on any branch of the cluster';
  if (policy.kind === 'unreadable') return `policy not understood (${policy.reason}); assumed: any pipeline of the cluster`;
  if (policy.rules.length === 0) return 'policy with no rules: no build may read it';
  return policy.rules.map(describeRule).join('; or ');
}

function describeRule(rule: PolicyRule): string {
  const parts = [
    `pipeline ${rule['pipeline_slug']?.join(' | ') ?? 'any'}`,
    `branch ${rule['build_branch']?.join(' | ') ?? 'any'}`,
    ...Object.entries(rule)
      .filter(([claim]) => claim !== 'pipeline_slug' && claim !== 'build_branch')
      .map(([claim, values]) => `${claim} ${values.join(' | ')}`),
  ];
  return parts.join(', ');
}

// A condition matches its value exactly; a `*` in it is read as a wildcard, so a pattern never hides a reader.
function conditionMatches(condition: string, value: string): boolean {
  if (!condition.includes('*')) return condition === value;
  const source = condition.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(value);
}
