# METADATA
# title: Agent clones any repository
# description: |
#   Without `allowed-repositories` an agent checks out whatever repository a job names, so a
#   pipeline can point a privileged queue at an attacker's repository and run its hooks and
#   scripts there. Patterns must be anchored (`^…$`): an unanchored one matches any URL that
#   contains it.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/securing
# custom:
#   id: agent/repositories_not_allowlisted
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Set `allowed-repositories` to anchored patterns of your organization's repositories (`^git@github.com:my-org/.*$`, agent 3.56 or later).
package agent.repositories_not_allowlisted

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("the agent clones any repository a job names (`allowed-repositories` is not set)%s", [agent.version_note("allowed-repositories")]),
	["agent"],
	null,
) if {
	agent.has_settings
	count(object.get(input.agent.settings, "allowed-repositories", [])) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`allowed-repositories` pattern `%s` is not anchored (`^…$`), so any repository URL containing it is cloned%s", [pattern, agent.version_note("allowed-repositories")]),
	agent.setting_path("allowed-repositories"),
	pattern,
) if {
	agent.has_settings
	some pattern in input.agent.settings["allowed-repositories"]
	not agent.anchored(pattern)
}
