// `kiteguard policy new ID`: scaffolds one pipeline rule and its test in an organization's rule folder,
// following kiteguard's contract (package METADATA with `custom.id`, findings through `data.lib.findings`).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { RULE_DOMAINS } from './policy-build.js';

/** The files a scaffold wrote. */
export interface Scaffold {
  rule: string;
  test: string;
  package: string;
}

/** Writes `<dir>/pipeline/<ns>_<name>.rego` and its `_test.rego` for the rule id `<ns>/<name>`; never overwrites. */
export function scaffoldRule(id: string, dir: string): Scaffold {
  const m = /^([a-z]+)\/([a-z0-9_]+)$/.exec(id);
  if (!m) throw new UsageError(`rule id "${id}": expected <namespace>/<name> in lower case, e.g. acme/deploy_queue`);
  const [, ns, name] = m as unknown as [string, string, string];
  if (RULE_DOMAINS.includes(ns)) throw new UsageError(`rule id "${id}": ${ns}/ is kiteguard's namespace; use your organization's, e.g. acme/${name}`);
  const rule = `${ns}_${name}`;
  const folder = join(dir, 'pipeline');
  const files = { rule: join(folder, `${rule}.rego`), test: join(folder, `${rule}_test.rego`), package: `pipeline.${rule}` };
  for (const f of [files.rule, files.test]) if (existsSync(f)) throw new InputError('already exists; pick another rule id', { file: f });
  mkdirSync(folder, { recursive: true });
  writeFileSync(files.rule, ruleText(id, rule, name));
  writeFileSync(files.test, testText(id, rule));
  return files;
}

function ruleText(id: string, rule: string, name: string): string {
  const title = name.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
  return `# METADATA
# title: ${title}
# description: |
#   Command steps must not run a command that matches one of \`forbidden_patterns\`.
#   Replace this example check with your organization's own.
# custom:
#   id: ${id}
#   severity: medium
#   area: 8
#   target: pipeline
#   remediation: Remove the forbidden command from the step.
#   config:
#     forbidden_patterns:
#       default: ['(?i)\\bsudo\\b']
#       description: Regular expressions on a command line that the step must not run.
package pipeline.${rule}

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

# A command line matching a forbidden pattern, reported at that line.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step runs a forbidden command: %s", [command]),
	array.concat(entry.path, ["commands", i]),
	command,
) if {
	some entry in pipeline.command_steps
	some i, command in entry.step.commands
	pipeline.matches_any(command, knobs.forbidden_patterns)
}
`;
}

function testText(id: string, rule: string): string {
  return `package pipeline.${rule}_test

import data.lib.testing
import data.pipeline.${rule}

test_forbidden_command_fails if {
	findings := ${rule}.deny with input as testing.pipeline([testing.command_step({"commands": ["make", "sudo make install"]})])
	count(findings) == 1
	some f in findings
	f.rule == "${id}"
	f.path == ["steps", 0, "commands", 1]
}

test_allowed_command_passes if {
	count(${rule}.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["make test"]})])
}

test_knob_override_applies if {
	findings := ${rule}.deny with input as testing.pipeline([testing.command_step({"commands": ["make test"]})])
		with data.config.rules as {"${id}": {"forbidden_patterns": ["^make"]}}
	count(findings) == 1
}
`;
}
