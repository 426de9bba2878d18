# METADATA
# title: SSH into agent instances
# description: |
#   A `KeyName` or an `AuthorizedUsersUrl` opens SSH ingress to every agent instance, and
#   whoever holds those keys (or can change the file at that URL) gets a shell beside the
#   builds and their credentials. Session Manager gives access without open ports.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
# custom:
#   id: agent/ssh_access_enabled
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Leave `KeyName` and `AuthorizedUsersUrl` empty; reach instances through AWS Systems Manager Session Manager.
package agent.ssh_access_enabled

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_stack

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` is set: SSH ingress to the agent instances is open", [name]),
	agent.parameter_path(name),
	input.agent.parameters[name],
) if {
	agent.is_stack
	some name in ["KeyName", "AuthorizedUsersUrl"]
	agent.parameter(name) != ""
}
