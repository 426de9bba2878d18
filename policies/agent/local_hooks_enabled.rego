# METADATA
# title: Repository hooks run on the agent
# description: |
#   Agent hooks are where an organization enforces policy on every job (secrets, checks,
#   cleanup). With local hooks allowed, any repository can add `.buildkite/hooks/` scripts
#   that run with the agent's credentials before and after its commands and undo that policy.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/hooks
#   - ref: https://buildkite.com/docs/agent/v3/securing
# custom:
#   id: agent/local_hooks_enabled
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Set `no-local-hooks=true` on agents whose agent hooks enforce policy.
package agent.local_hooks_enabled

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	"repository hooks (`.buildkite/hooks/`) run on this agent: `no-local-hooks` is not `true`",
	agent.setting_path("no-local-hooks"),
	null,
) if {
	agent.has_settings
	not agent.enabled("no-local-hooks")
}
