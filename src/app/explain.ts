// `kiteguard explain RULE`: one rule's documentation from its METADATA — what it checks, why it matters, how to
// fix it, its knobs and where to read more.
import { loadCatalog } from '../engine/catalog.js';
import { UsageError } from '../errors.js';
import type { RuleInfo } from '../model/report.js';
import { areaLabel } from '../report/areas.js';
import type { Output } from './output.js';

/** The rule a user named: its full id, or its name without the domain when only one rule has it. */
export function findRule(rules: RuleInfo[], name: string): RuleInfo {
  const wanted = name.trim().toLowerCase();
  const exact = rules.find((r) => r.id === wanted);
  if (exact) return exact;
  const short = rules.filter((r) => ruleName(r.id) === wanted);
  if (short.length === 1) return short[0]!;
  const near = rules
    .filter((r) => r.id.includes(wanted) || wanted.includes(ruleName(r.id)))
    .map((r) => r.id)
    .sort((a, b) => Number(!ruleName(a).startsWith(wanted)) - Number(!ruleName(b).startsWith(wanted)) || a.localeCompare(b));
  const hint = short.length > 1 ? `; it is one of ${short.map((r) => r.id).join(', ')}` : near.length > 0 ? `; did you mean ${near.slice(0, 2).join(', ')}?` : '; `kiteguard rules` lists them';
  throw new UsageError(`no rule \`${name}\`${hint}`);
}

/** Writes one rule's explanation: title, id, severity, area, target, description, remediation, knobs and links. */
export function explainRule(name: string, output: Output): void {
  const rule = findRule(loadCatalog(), name);
  const lines = [
    `${rule.title} (${rule.id})`,
    `severity ${rule.severity} · area ${areaLabel(rule.area)} · target ${rule.target}${rule.repositoryWide ? ' · any pipeline file of the repository satisfies it' : ''}`,
    '',
    'What it checks and why:',
    indent(rule.description),
    '',
    'How to fix it:',
    indent(rule.remediation),
  ];
  const knobs = Object.entries(rule.knobs);
  if (knobs.length > 0) {
    lines.push('', 'Settings (`rules:` in .kiteguard.yml):');
    for (const [key, knob] of knobs) lines.push(`  ${key}: ${oneLine(knob.description)}`, `    default: ${JSON.stringify(knob.default)}`);
  }
  if (rule.related.length > 0) lines.push('', 'Read more:', ...rule.related.map((url) => `  ${url}`));
  lines.push('', `Turn it off or change its severity: \`rules: {${rule.id}: {enabled: false}}\` or \`{severity: low}\`.`);
  output.stdout(lines.join('\n') + '\n');
}

// `pipeline/plugin_not_pinned` -> `plugin_not_pinned`.
function ruleName(id: string): string {
  return id.split('/')[1] ?? id;
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}
