// The end-of-collection summary: API calls and points per provider, and what could not be read.
import type { UnavailableReason } from '../snapshot/unavailable.js';
import type { Provider } from '../snapshot/types.js';
import type { CallStats } from './stats.js';

/** What the summary reports about one run. */
export interface CollectSummaryInput {
  stats: Partial<Record<Provider, CallStats>>;
  /** What was collected per provider, e.g. `acme: 812 repositories`. */
  scope: Partial<Record<Provider, string>>;
  incomplete: string[];
  /** Sections this kind of credential can never read (reported, not counted as incomplete). */
  notCollectable?: string[];
  /** Why those sections are missing, grouped. */
  reasons: UnavailableReason[];
  output: string;
}

const MAX_LISTED = 20;

/** Formats the summary as lines for stderr. */
export function formatCollectSummary(input: CollectSummaryInput): string {
  const lines: string[] = [];
  for (const provider of ['github', 'buildkite'] as const) {
    const s = input.stats[provider];
    if (!s) continue;
    const scope = input.scope[provider] ? ` ${input.scope[provider]};` : '';
    const notModified = s.restNotModified ? ` (${s.restNotModified} not modified)` : '';
    lines.push(
      `${provider}:${scope} ${plural(s.rest, 'REST call')}${notModified}, ${plural(s.graphql, 'GraphQL query', 'GraphQL queries')} (${plural(s.graphqlPoints, 'point')}), ${plural(s.retries, 'retry', 'retries')}`,
    );
  }
  if (input.notCollectable?.length) lines.push(`not collectable with this credential (their rules are unknown): ${input.notCollectable.join(', ')}`);
  if (input.incomplete.length === 0) {
    lines.push(`snapshot complete: ${input.output}`);
  } else {
    lines.push(`snapshot incomplete: ${plural(input.incomplete.length, 'section')} could not be read (policies report them as unknown): ${input.output}`);
    for (const path of input.incomplete.slice(0, MAX_LISTED)) lines.push(`  ${path}`);
    if (input.incomplete.length > MAX_LISTED) lines.push(`  … and ${input.incomplete.length - MAX_LISTED} more (listed in the snapshot's "incomplete")`);
    lines.push('why:');
    for (const r of input.reasons.slice(0, MAX_LISTED)) {
      lines.push(`  ${plural(r.count, 'section')}: ${r.reason}${r.needs ? ` (needs ${r.needs})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
