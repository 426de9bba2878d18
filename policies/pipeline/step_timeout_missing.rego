# METADATA
# title: Step timeout missing
# description: |
#   A command step without `timeout_in_minutes` can run (and hold its agent) until the
#   organization's default timeout, or forever when none is set. Passes when the
#   organization's default command timeout is known to be set.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/build-timeouts#command-timeouts
# custom:
#   id: pipeline/step_timeout_missing
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: Add `timeout_in_minutes` to every command step, or set a default command timeout in the organization's pipeline settings.
package pipeline.step_timeout_missing

import data.lib.findings
import data.lib.pipeline

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("command step `%s` has no `timeout_in_minutes`; add one so a stuck job cannot hold its agent indefinitely", [pipeline.step_name(entry)]),
	entry.path,
	pipeline.step_name(entry),
) if {
	not org_default_timeout
	some entry in pipeline.command_steps
	not positive(object.get(entry.step, "timeout_in_minutes", null))
	not set_at_upload(entry.step)
}

# unknown: a timeout written as an upload-time variable (`${TIMEOUT}`) is set, its value unknown here.
unknown contains sprintf("command step `%s` takes `timeout_in_minutes` from `%s` at upload time; give the variable a default (`${NAME:-60}`) so it can be checked", [pipeline.step_name(entry), text]) if {
	not org_default_timeout
	some entry in pipeline.command_steps
	text := entry.step.interpolated.timeout_in_minutes
}

set_at_upload(step) if is_string(step.interpolated.timeout_in_minutes)

# org_default_timeout holds when the organization applies a default command timeout.
org_default_timeout if positive(input.context.pipeline_settings.default_timeout_in_minutes)

positive(value) if {
	is_number(value)
	value > 0
}
