# METADATA
# title: Signed jobs not verified, or verified without blocking
# description: |
#   An agent that verifies job signatures refuses jobs whose steps were changed after they
#   were signed, so someone who can edit a pipeline in the UI or intercept an upload cannot
#   run their own commands. Without a verification key (`verification-jwks-file`, or the
#   Elastic CI Stack's `PipelineSigningKMSKeyId`/`PipelineSigningKMSKeySpec`) nothing is
#   verified; with `verification-failure-behavior=warn` an unsigned job still runs.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/signed-pipelines
#   - ref: https://buildkite.com/docs/agent/v3/configuration
# custom:
#   id: agent/job_verification_not_blocking
#   severity: high
#   area: 6
#   target: agent
#   remediation: Give the agents a verification key (`verification-jwks-file`, or a KMS key on the Elastic CI Stack) and leave `verification-failure-behavior` at `block` (agent 3.59 or later).
package agent.job_verification_not_blocking

import data.lib.agent
import data.lib.findings

not_applicable if agent.is_hooks

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("the agent verifies no job signatures (no `verification-jwks-file`), so a changed or unsigned job runs%s", [agent.version_note("verification-failure-behavior")]),
	["agent"],
	null,
) if {
	agent.has_settings
	not input.agent.settings["verification-jwks-file"]
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`verification-failure-behavior` is `warn`: a job whose signature is missing or wrong still runs%s", [agent.version_note("verification-failure-behavior")]),
	agent.setting_path("verification-failure-behavior"),
	"warn",
) if {
	agent.has_settings
	input.agent.settings["verification-failure-behavior"] == "warn"
}

deny contains findings.finding(
	rego.metadata.chain(),
	"the stack has no pipeline signing key (`PipelineSigningKMSKeyId` empty and `PipelineSigningKMSKeySpec` `none`), so its agents verify no job signatures",
	agent.parameter_path("PipelineSigningKMSKeySpec"),
	null,
) if {
	agent.is_stack
	agent.parameter("PipelineSigningKMSKeyId") == ""
	agent.parameter("PipelineSigningKMSKeySpec") == "none"
}

deny contains findings.finding(
	rego.metadata.chain(),
	"`PipelineSigningVerificationFailureBehavior` is `warn`: a job whose signature is missing or wrong still runs",
	agent.parameter_path("PipelineSigningVerificationFailureBehavior"),
	"warn",
) if {
	agent.is_stack
	agent.parameter("PipelineSigningVerificationFailureBehavior") == "warn"
}
