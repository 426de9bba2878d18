# METADATA
# title: Public pipeline creation enabled
# description: |
#   When the organization lets members create public pipelines, anyone with pipeline
#   access can publish builds and logs to the internet, where an accidental secret or
#   internal hostname in a log is readable by everyone. This is the organization half
#   of the public-pipeline control; `buildkite/public_pipeline` reports pipelines that
#   already are public. The setting is `public_pipeline_creation` of the
#   organization's pipeline settings.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/public-pipelines
#   - ref: https://buildkite.com/docs/apis/rest-api/organizations/pipeline-settings
# custom:
#   id: buildkite/public_pipeline_creation_enabled
#   severity: low
#   area: 6
#   target: organization
#   remediation: In Organization settings → Pipelines → Settings, turn off public pipeline creation (or `PATCH /v2/organizations/{org}/pipeline-settings` with `public_pipeline_creation` disabled), unless the organization deliberately hosts open-source builds.
package buildkite.public_pipeline_creation_enabled

import data.lib.findings
import data.lib.snapshot

settings := input.buildkite.pipeline_settings

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's pipeline settings", settings)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` lets members create public pipelines%s", [input.buildkite.org, enabled_by]),
	["buildkite", "pipeline_settings", "data", "public_pipeline_creation", "enabled"],
	sprintf("public_pipeline_creation.enabled: %s", [json.marshal(object.get(settings.data, ["public_pipeline_creation", "enabled"], null))]),
) if {
	snapshot.available(settings)
	object.get(settings.data, ["public_pipeline_creation", "enabled"], null) != false
}

# enabled_by names who turned the setting on, when known.
enabled_by := sprintf(" (enabled by %s)", [settings.data.public_pipeline_creation.enabled_by.name]) if {
	is_string(settings.data.public_pipeline_creation.enabled_by.name)
} else := ""
