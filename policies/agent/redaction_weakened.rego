# METADATA
# title: Log redaction weakened
# description: |
#   The agent replaces the values of variables whose names match `redacted-vars` with
#   `[REDACTED]` in job logs. Setting the list replaces the default patterns, so a list
#   without `*_TOKEN` or `*_SECRET` prints those secrets to every log reader.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets#redaction
#   - ref: https://buildkite.com/docs/agent/v3/configuration
# custom:
#   id: agent/redaction_weakened
#   severity: high
#   area: 5
#   target: agent
#   remediation: Keep every default pattern in `redacted-vars` and add your own to it.
#   config:
#     required_patterns:
#       default: ["*_PASSWORD", "*_SECRET", "*_TOKEN", "*_PRIVATE_KEY", "*_ACCESS_KEY", "*_SECRET_KEY", "*_CONNECTION_STRING"]
#       description: Patterns `redacted-vars` must keep (the agent's defaults).
package agent.redaction_weakened

import data.lib.agent
import data.lib.findings

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`redacted-vars` leaves out %s, so values of such variables are printed in job logs", [concat(", ", sort(missing))]),
	agent.setting_path("redacted-vars"),
	concat(",", sort(missing)),
) if {
	agent.has_settings
	listed := input.agent.settings["redacted-vars"]
	written := {upper(p) | some p in listed}
	missing := {p | some p in knobs.required_patterns; not upper(p) in written}
	count(missing) > 0
}
