# METADATA
# title: Unsigned steps
# description: |
#   With signed pipelines, agents refuse a job whose step was not signed with the
#   organization's key, so someone who can change a pipeline in transit or through the
#   API cannot make agents run their commands. When `require_signed` is set, every command
#   step must carry a `signature`. Off by default: pipeline files in a repository are
#   normally signed at upload (`buildkite-agent pipeline upload` with a signing key), so
#   turn it on where the checked document is the uploaded, signed pipeline.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/signed-pipelines
# custom:
#   id: pipeline/unsigned_steps
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: Sign pipelines at upload (`buildkite-agent pipeline upload --jwks-file … --jwks-key-id …`, or the agent's `signing-jwks-file` setting) and set agents to `verification-failure-behavior=block`.
#   config:
#     require_signed:
#       default: false
#       description: Require a `signature` on every command step.
package pipeline.unsigned_steps

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not knobs.require_signed

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` has no signature", [pipeline.step_name(entry)]),
	entry.path,
	pipeline.step_name(entry),
) if {
	knobs.require_signed
	some entry in pipeline.command_steps
	not signed(entry.step)
}

signed(step) if {
	is_object(step.signature)
	count(step.signature) > 0
}
