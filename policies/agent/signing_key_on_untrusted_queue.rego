# METADATA
# title: Signing key on an untrusted queue
# description: |
#   Agents that run jobs anyone can propose (pull requests, forks) should be able to verify
#   signatures but never to make them: a job on such an agent that can reach the signing key
#   can sign its own steps, and every agent that verifies will then run them. On the Elastic
#   CI Stack the KMS key's access defaults to `sign-and-verify`.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/signed-pipelines
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
# custom:
#   id: agent/signing_key_on_untrusted_queue
#   severity: high
#   area: 6
#   target: agent
#   remediation: Set `PipelineSigningKMSAccess=verify` on stacks that serve untrusted queues, and remove `signing-jwks-file`/`signing-aws-kms-key` from their agents; sign on a trusted queue only.
#   config:
#     trusted_queues:
#       default: []
#       description: Regular expressions on queue names that only run trusted code (when `--queue-trust` is not given; other queues are untrusted).
package agent.signing_key_on_untrusted_queue

import data.lib.agent
import data.lib.findings

knobs := findings.knobs(rego.metadata.chain())

not_applicable if agent.is_hooks

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s is not trusted but its agents can sign with the pipeline signing key: `PipelineSigningKMSAccess` is `%s`%s", [agent.queue_label, access, agent.written_note("PipelineSigningKMSAccess")]),
	agent.parameter_path("PipelineSigningKMSAccess"),
	access,
) if {
	agent.is_stack
	not agent.trusted(knobs)
	access := agent.parameter("PipelineSigningKMSAccess")
	access != "verify"
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s is not trusted but its agents hold a signing key (`%s`)", [agent.queue_label, name]),
	agent.setting_path(name),
	name,
) if {
	agent.has_settings
	not agent.trusted(knobs)
	some name in ["signing-jwks-file", "signing-aws-kms-key", "signing-gcp-kms-key"]
	input.agent.settings[name]
}
