# METADATA
# title: Jobs may set any environment variable
# description: |
#   Without `allowed-environment-variables` a job may set any variable for the agent's
#   bootstrap, including ones that change how it runs (`BUILDKITE_GIT_CLONE_FLAGS`,
#   `LD_PRELOAD`, `GIT_SSH_COMMAND`), which turns a pipeline edit into code execution in hooks.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/securing
# custom:
#   id: agent/environment_not_allowlisted
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Set `allowed-environment-variables` to anchored patterns of the variables your jobs need (agent 3.62 or later).
package agent.environment_not_allowlisted

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("jobs may set any environment variable on this agent (`allowed-environment-variables` is not set)%s", [agent.version_note("allowed-environment-variables")]),
	["agent"],
	null,
) if {
	agent.has_settings
	count(object.get(input.agent.settings, "allowed-environment-variables", [])) == 0
}
