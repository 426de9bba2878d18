# METADATA
# title: Agent instances get a public IP address
# description: |
#   With `AssociatePublicIpAddress=true` (the template default) every agent instance is
#   reachable from the internet on whatever its security groups allow, and builds egress
#   without a NAT you control.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/security
# custom:
#   id: agent/public_ip_assigned
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Set `AssociatePublicIpAddress=false` and run the stack in private subnets with a NAT gateway.
package agent.public_ip_assigned

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_stack

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`AssociatePublicIpAddress` is `%s`%s: agent instances get public IP addresses", [value, agent.written_note("AssociatePublicIpAddress")]),
	agent.parameter_path("AssociatePublicIpAddress"),
	value,
) if {
	agent.is_stack
	value := agent.parameter("AssociatePublicIpAddress")
	value != "false"
}
