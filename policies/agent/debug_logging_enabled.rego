# METADATA
# title: Agent debug logging that can leak secrets
# description: |
#   `debug-http` logs every request and response between the agent and Buildkite, and
#   `debug-signing` logs the material of job signatures; both can put tokens, secrets and
#   environment values into logs that more people read than the secrets' owners.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/cli-start
# custom:
#   id: agent/debug_logging_enabled
#   severity: medium
#   area: 5
#   target: agent
#   remediation: Remove `debug-http` and `debug-signing` (or set them to `false`) outside a short troubleshooting session.
package agent.debug_logging_enabled

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` is on: the agent's logs may hold tokens and secrets", [name]),
	agent.setting_path(name),
	name,
) if {
	agent.has_settings
	some name in ["debug-http", "debug-signing"]
	agent.enabled(name)
}
