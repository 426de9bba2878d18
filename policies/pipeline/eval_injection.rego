# METADATA
# title: Variable content executed as shell code
# description: |
#   A command hands the whole content of a variable to a shell parser: `eval "$BUILD_CMD"`,
#   `eval $$HOOK`, `sh -c "$RAW_HOOK"`, `bash -c ${SCRIPT}`. Whatever sets that variable (the
#   agent's environment, a triggering build's `env`, the API or UI that created the build,
#   meta-data) decides what runs, with the job's credentials and full shell grammar.
#   Only commands whose argument is exactly one variable are reported, and only when the
#   step does not set that variable itself (`VAR=…`, `export VAR=…`, its `env`, the
#   pipeline `env`) or sets it from `buildkite-agent meta-data get` (block and input step
#   fields); `eval "$(ssh-agent -s)"` and other command substitutions are not.
# related_resources:
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution
#   - ref: https://buildkite.com/docs/pipelines/security/enforcing-security-controls
# custom:
#   id: pipeline/eval_injection
#   severity: medium
#   area: 4
#   target: pipeline
#   remediation: >-
#     Run a fixed command and pass the variable to it as a quoted argument
#     (`./build.sh "$$TARGET"`), or choose among known commands with a `case` statement;
#     never `eval` or `sh -c` a value from the environment.
#   config:
#     ignored_variables:
#       default: ["BUILDKITE_COMMAND"]
#       description: Variables whose content is trusted to be run as shell code (the agent's own step command).
package pipeline.eval_injection

import data.lib.findings
import data.lib.interpolation
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"step `%s` runs the content of `$%s` as shell code with `%s`, so whoever sets that variable decides what runs; run a fixed command and pass the value as a quoted argument",
		[pipeline.step_name(c.step), m[3], m[2]],
	),
	c.path,
	m[1],
) if {
	some c in pipeline.commands
	candidate(c.text)
	some line in split(c.text, "\n")
	candidate(line)
	not startswith(trim_space(line), "#")
	some m in regex.find_all_string_submatch_n(`(?:^|[\s;&|(])((eval|(?:ba|z|k|da)?sh\s+(?:-[A-Za-z]+\s+)*-c)\s+["']?\$+\{?([A-Za-z_][A-Za-z0-9_]*)\}?["']?)\s*(?:$|[;&|)])`, line, -1)
	not m[3] in knobs.ignored_variables
	not trusted(m[3], c.step)
}

# trusted: the step (or the pipeline env) sets the variable itself, not from build meta-data,
# which block and input step fields fill with whatever the person unblocking types.
trusted(name, entry) if {
	name in interpolation.assigned(entry)
	not name in metadata_variables(entry)
}

trusted(name, _) if object.get(input.pipeline.env, name, null) != null

# metadata_variables: names a step assigns from `buildkite-agent meta-data get`.
metadata_variables(entry) := {m[1] |
	some text in entry.step.commands
	contains(text, "meta-data")
	some m in regex.find_all_string_submatch_n(`([A-Za-z_][A-Za-z0-9_]*)=["']?\$+\(\s*buildkite-agent\s+meta-data\s+get\b`, text, -1)
}

candidate(text) if contains(text, "eval")

candidate(text) if contains(text, "-c")
