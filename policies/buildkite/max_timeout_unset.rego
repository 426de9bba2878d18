# METADATA
# title: Organization timeouts unset
# description: |
#   Without an organization-wide default and maximum command timeout, any step that
#   omits `timeout_in_minutes` (or sets a huge one) can hold an agent for as long as it
#   likes, which is how a stuck or hijacked job keeps its foothold. The settings are
#   `default_timeout_in_minutes` and `maximum_timeout_in_minutes` of the organization's
#   pipeline settings (admin-only; unknown when not visible).
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/build-timeouts
# custom:
#   id: buildkite/max_timeout_unset
#   severity: medium
#   area: 6
#   target: organization
#   remediation: In Organization settings → Pipelines → Settings, set a default and a maximum command timeout (for example 60 and 120 minutes).
package buildkite.max_timeout_unset

import data.lib.findings
import data.lib.snapshot

settings := input.buildkite.pipeline_settings

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's pipeline settings", settings)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` has no %s command timeout", [input.buildkite.org, which]),
	["buildkite", "pipeline_settings", "data", key],
	sprintf("%s: null", [key]),
) if {
	snapshot.available(settings)
	some which, key in {"default": "default_timeout_in_minutes", "maximum": "maximum_timeout_in_minutes"}
	not positive(object.get(settings.data, key, null))
}

positive(value) if {
	is_number(value)
	value > 0
}
