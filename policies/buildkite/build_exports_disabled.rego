# METADATA
# title: Build exports not configured
# description: |
#   Without build exports, build history is gone from reach once the plan's retention
#   period ends. Exports copy builds, jobs, logs and annotations to your own S3 or GCS
#   bucket before they age out, so an investigation months later can still see what ran. The setting is
#   `build_exports` of the organization's pipeline settings (admin only).
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/build-exports
#   - ref: https://buildkite.com/docs/apis/rest-api/organizations/pipeline-settings
# custom:
#   id: buildkite/build_exports_disabled
#   severity: low
#   area: 9
#   target: organization
#   remediation: In Organization settings → Pipelines → Settings → Build exports, choose an S3 or GCS bucket you control and enable exports (Enterprise plan).
package buildkite.build_exports_disabled

import data.lib.findings
import data.lib.snapshot

settings := input.buildkite.pipeline_settings

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's pipeline settings", settings)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` does not export builds to its own storage%s", [input.buildkite.org, plan_note]),
	["buildkite", "pipeline_settings", "data", "build_exports", "enabled"],
	sprintf("build_exports.enabled: %s", [json.marshal(object.get(settings.data, ["build_exports", "enabled"], null))]),
) if {
	snapshot.available(settings)
	object.get(settings.data, ["build_exports", "enabled"], null) != true
}

# plan_note says when the organization's plan does not offer build exports.
plan_note := " (build exports are not available on its plan)" if {
	settings.data.build_exports.available == false
} else := ""
