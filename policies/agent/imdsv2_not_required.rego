# METADATA
# title: Instance metadata reachable without a session token
# description: |
#   With `IMDSv2Tokens=optional` (the template default) any process on an agent instance,
#   and any request a build can be tricked into forwarding (SSRF), reads the instance role's
#   credentials from the metadata service with a plain GET.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/security
# custom:
#   id: agent/imdsv2_not_required
#   severity: high
#   area: 6
#   target: agent
#   remediation: Set `IMDSv2Tokens=required`.
package agent.imdsv2_not_required

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_stack

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`IMDSv2Tokens` is `%s`%s: the instance role's credentials can be read from the metadata service without a session token", [value, agent.written_note("IMDSv2Tokens")]),
	agent.parameter_path("IMDSv2Tokens"),
	value,
) if {
	agent.is_stack
	value := agent.parameter("IMDSv2Tokens")
	value != "required"
}
