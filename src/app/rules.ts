// `kiteguard rules`: lists the rule catalog, from the policies' METADATA.
import { loadCatalog } from '../engine/catalog.js';
import type { Output } from './output.js';

/** Writes every rule with its id, severity, area and title; with `json`, the full catalog. */
export function listRules(json: boolean, output: Output): void {
  const rules = loadCatalog();
  if (json) {
    output.stdout(JSON.stringify(rules, null, 2) + '\n');
    return;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) {
    output.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  area ${String(r.area).padStart(2)}  ${r.title}\n`);
  }
}
