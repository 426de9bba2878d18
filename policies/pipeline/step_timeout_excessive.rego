# METADATA
# title: Step timeout excessive
# description: |
#   A command step whose `timeout_in_minutes` exceeds the allowed maximum keeps a
#   compromised or stuck job on its agent for longer than needed. The maximum is the
#   `max_minutes` knob, or the organization's maximum command timeout when known and lower.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/build-timeouts#command-timeouts
# custom:
#   id: pipeline/step_timeout_excessive
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: Lower the step's `timeout_in_minutes` to the longest the job really needs, at most the allowed maximum.
#   config:
#     max_minutes:
#       default: 120
#       description: Longest step timeout accepted, in minutes (the organization maximum wins when lower).
package pipeline.step_timeout_excessive

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"command step `%s` has `timeout_in_minutes: %s`, above the %s-minute maximum; lower it",
		[pipeline.step_name(entry), format_int(timeout, 10), format_int(max_minutes, 10)],
	),
	array.concat(entry.path, ["timeout_in_minutes"]),
	format_int(timeout, 10),
) if {
	some entry in pipeline.command_steps
	timeout := entry.step.timeout_in_minutes
	is_number(timeout)
	timeout > max_minutes
}

# max_minutes is the knob, or the organization's maximum when it is known and lower.
max_minutes := min({knobs.max_minutes, org_max}) if {
	org_max := input.context.pipeline_settings.maximum_timeout_in_minutes
	is_number(org_max)
	org_max > 0
} else := knobs.max_minutes
