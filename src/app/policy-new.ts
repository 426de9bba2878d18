// `kiteguard policy new ID --kind K`: scaffolds one rule for a kind of target and its test in an organization's rule folder,
// following kiteguard's contract (package METADATA with `custom.id`, findings through `data.lib.findings`).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { RULE_DOMAINS } from './policy-build.js';
import { RULE_KINDS, TEMPLATES, type RuleKind, type Template } from './policy-templates.js';

/** The files a scaffold wrote. */
export interface Scaffold {
  rule: string;
  test: string;
  package: string;
}

/** Writes `<dir>/<domain>/<ns>_<name>.rego` and its `_test.rego` for the rule id `<ns>/<name>` judging targets of `kind`; never overwrites. */
export function scaffoldRule(id: string, dir: string, kind: string = 'pipeline'): Scaffold {
  const m = /^([a-z]+)\/([a-z0-9_]+)$/.exec(id);
  if (!m) throw new UsageError(`rule id "${id}": expected <namespace>/<name> in lower case, e.g. acme/deploy_queue`);
  const [, ns, name] = m as unknown as [string, string, string];
  if (RULE_DOMAINS.includes(ns)) throw new UsageError(`rule id "${id}": ${ns}/ is kiteguard's namespace; use your organization's, e.g. acme/${name}`);
  if (!(RULE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind ${kind}: expected one of ${RULE_KINDS.join(', ')}`);
  const template = TEMPLATES[kind as RuleKind];
  const rule = `${ns}_${name}`;
  const folder = join(dir, template.domain);
  const files = { rule: join(folder, `${rule}.rego`), test: join(folder, `${rule}_test.rego`), package: `${template.domain}.${rule}` };
  for (const f of [files.rule, files.test]) if (existsSync(f)) throw new InputError('already exists; pick another rule id', { file: f });
  mkdirSync(folder, { recursive: true });
  writeFileSync(files.rule, ruleText(template, id, files.package, name));
  writeFileSync(files.test, testText(template, id, files.package, rule));
  return files;
}

function ruleText(t: Template, id: string, pkg: string, name: string): string {
  const title = name.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
  const [knob, value, about] = t.knob;
  return `# METADATA
# title: ${title}
# description: |
#   ${t.what}
#   Replace this example check with your organization's own.
# custom:
#   id: ${id}
#   severity: medium
#   area: ${t.area}
#   target: ${t.target}
#   remediation: ${t.remediation}
#   config:
#     ${knob}:
#       default: ${value}
#       description: ${about}
package ${pkg}

${t.imports.map((i) => `import ${i}`).join('\n')}

${t.body.replaceAll('RULE_ID', id)}`;
}

function testText(t: Template, id: string, pkg: string, rule: string): string {
  const imports = [...t.testImports, `data.${pkg}`].sort().map((i) => `import ${i}`);
  return `package ${pkg}_test

${imports.join('\n')}

${t.tests.replaceAll('RULE_ID', id).replaceAll('RULE.', `${rule}.`)}`;
}
