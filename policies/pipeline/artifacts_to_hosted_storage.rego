# METADATA
# title: Artifacts to Buildkite-hosted storage
# description: |
#   Steps that upload `artifact_paths` while no private upload destination is configured
#   store build outputs in Buildkite-managed storage rather than a bucket whose policies you
#   audit. Only checked when the `require_private_storage` knob is on; the destination can
#   also be set in agent hooks or environment, which a pipeline file does not show.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/cli-artifact#using-your-private-aws-s3-bucket
#   - ref: https://buildkite.com/docs/pipelines/configure/artifacts
# custom:
#   id: pipeline/artifacts_to_hosted_storage
#   severity: low
#   area: 7
#   target: pipeline
#   remediation: Set `BUILDKITE_ARTIFACT_UPLOAD_DESTINATION` to your own bucket (`s3://`, `gs://`, `rt://` or an Azure blob container URL) in the pipeline `env` or the agent environment.
#   config:
#     require_private_storage:
#       default: false
#       description: Require artifact uploads to go to a private destination; when off the rule is not applicable.
#     private_destination_patterns:
#       default: ['^(s3|gs|rt)://\S+', '^https://[a-z0-9]+\.blob\.core\.windows\.net/\S+']
#       description: Regular expressions a `BUILDKITE_ARTIFACT_UPLOAD_DESTINATION` value must match to count as private storage.
package pipeline.artifacts_to_hosted_storage

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step uploads artifacts (`%s`) but no private `BUILDKITE_ARTIFACT_UPLOAD_DESTINATION` is set, so they go to Buildkite-hosted storage; set it to your own bucket", [entry.step.artifact_paths[0]]),
	array.concat(entry.path, ["artifact_paths"]),
	entry.step.artifact_paths[0],
) if {
	knobs.require_private_storage == true
	some entry in uploading_steps
	not private_destination(destination(entry.step))
}

not_applicable if knobs.require_private_storage != true

not_applicable if count(uploading_steps) == 0

uploading_steps contains entry if {
	some entry in pipeline.command_steps
	count(object.get(entry.step, "artifact_paths", [])) > 0
}

# destination is the upload destination the step sees: step env, pipeline env, then the
# Buildkite pipeline's own environment (REST `env`) when known; "" when none is set.
destination(step) := value if {
	value := pipeline.env_of(step).BUILDKITE_ARTIFACT_UPLOAD_DESTINATION
} else := value if {
	value := input.context.pipeline.env.BUILDKITE_ARTIFACT_UPLOAD_DESTINATION
	is_string(value)
} else := ""

private_destination(value) if pipeline.matches_any(value, knobs.private_destination_patterns)
