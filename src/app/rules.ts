// `kiteguard rules`: lists the rule catalog, from the policies' METADATA.
import { loadCatalog } from '../engine/catalog.js';
import type { Output } from './output.js';
import { maxOf } from '../collections.js';

/** Writes every rule with its id, severity, area, title and first docs link; with `json`, the full catalog. */
export function listRules(json: boolean, output: Output): void {
  const rules = loadCatalog();
  if (json) {
    output.stdout(JSON.stringify(rules, null, 2) + '\n');
    return;
  }
  const width = maxOf(rules.map((r) => r.id.length));
  const titleWidth = maxOf(rules.map((r) => r.title.length));
  for (const r of rules) {
    const link = r.related[0] ?? '';
    output.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  area ${String(r.area).padStart(2)}  ${link ? r.title.padEnd(titleWidth) : r.title}${link ? `  ${link}` : ''}\n`);
  }
  output.stdout('\n`kiteguard explain RULE` says what a rule checks, why, and how to fix it.\n');
}
