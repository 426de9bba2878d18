# METADATA
# title: Agent runs any command and any plugin
# description: |
#   By default an agent runs whatever command a job names and any plugin it asks for, so
#   whoever can change a pipeline runs code on the agent with its credentials. `no-command-eval`
#   limits jobs to scripts in the repository; an `allowed-plugins` list whose entries are
#   anchored (`^…$`) limits which plugins run. An unanchored pattern matches any plugin that
#   contains it (`my-org/` matches `evil/my-org/x`).
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/securing
#   - ref: https://buildkite.com/docs/agent/v3/configuration
# custom:
#   id: agent/command_eval_unrestricted
#   severity: high
#   area: 6
#   target: agent
#   remediation: Set `no-command-eval=true` on agents that run untrusted code, or an `allowed-plugins` list of anchored patterns (`^github.com/my-org/.*$`, agent 3.58 or later).
package agent.command_eval_unrestricted

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("the agent runs any command and any plugin a job names (neither `no-command-eval` nor `allowed-plugins` is set)%s", [agent.version_note("allowed-plugins")]),
	["agent"],
	null,
) if {
	agent.has_settings
	not agent.enabled("no-command-eval")
	count(object.get(input.agent.settings, "allowed-plugins", [])) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`allowed-plugins` pattern `%s` is not anchored (`^…$`), so any plugin whose name contains it may run%s", [pattern, agent.version_note("allowed-plugins")]),
	agent.setting_path("allowed-plugins"),
	pattern,
) if {
	agent.has_settings
	not agent.enabled("no-command-eval")
	some pattern in input.agent.settings["allowed-plugins"]
	not agent.anchored(pattern)
}
