# METADATA
# title: Agent root volumes not encrypted
# description: |
#   Agent root volumes hold checkouts, caches, build outputs and often secrets written by
#   jobs; with `RootVolumeEncrypted=false` (the template default) snapshots and detached
#   volumes are readable without a KMS grant.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/security
# custom:
#   id: agent/root_volume_unencrypted
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Set `RootVolumeEncrypted=true`.
package agent.root_volume_unencrypted

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_stack

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`RootVolumeEncrypted` is `%s`%s: agent root volumes are not encrypted", [value, agent.written_note("RootVolumeEncrypted")]),
	agent.parameter_path("RootVolumeEncrypted"),
	value,
) if {
	agent.is_stack
	value := agent.parameter("RootVolumeEncrypted")
	value != "true"
}
