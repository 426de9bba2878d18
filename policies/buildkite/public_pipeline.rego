# METADATA
# title: Public pipeline
# description: |
#   A public pipeline shows its builds, logs, artifacts and annotations to anyone on the
#   internet, without signing in. A secret echoed once, an internal hostname or a stack
#   trace in a log is then public. The rule fails for a pipeline whose `visibility` is
#   not `private`. Whether members may create public pipelines at all is the
#   organization rule `buildkite/public_pipeline_creation_enabled`.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/public-pipelines
# custom:
#   id: buildkite/public_pipeline
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: In Pipeline settings → General, set the visibility to Private (keep a pipeline public only for open-source builds that use no secrets and run on isolated agents).
package buildkite.public_pipeline

import data.lib.findings
import data.lib.snapshot

pipeline := input.buildkite_pipeline.pipeline

not_applicable if not input.buildkite_pipeline

unknown contains snapshot.field_why(sprintf("the visibility of pipeline `%s`", [pipeline.slug]), pipeline, ["visibility"])

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` is %s: anyone can read its builds, logs and artifacts", [pipeline.slug, visibility_text]),
	["buildkite_pipeline", "pipeline", "visibility"],
	sprintf("visibility: %s", [json.marshal(visibility)]),
) if {
	input.buildkite_pipeline
	not snapshot.field_unavailable(pipeline, ["visibility"])
	visibility != "private"
}

# visibility is the pipeline's visibility, null when not collected.
visibility := object.get(pipeline, "visibility", null)

# visibility_text names the visibility in a message.
visibility_text := "public" if visibility == "public"

else := "not known to be private"
