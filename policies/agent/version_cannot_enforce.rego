# METADATA
# title: Agent version cannot enforce a setting
# description: |
#   Older agents ignore settings they do not know: `allowed-repositories` needs 3.56,
#   `allowed-plugins` 3.58, `verification-failure-behavior` 3.59, `allowed-environment-variables`
#   3.62 and `git-commit-verification` 3.128. A setting written for an older agent looks like
#   protection and enforces nothing. The version comes from `--agent-version` or the agent
#   image tag in Helm values; without it the outcome is unknown.
# related_resources:
#   - ref: https://github.com/buildkite/agent/releases
# custom:
#   id: agent/version_cannot_enforce
#   severity: medium
#   area: 6
#   target: agent
#   remediation: Upgrade the agent to a release that enforces every setting you rely on.
package agent.version_cannot_enforce

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

unknown contains "the agent version is not known (name it with --agent-version)" if {
	agent.has_settings
	not input.agent.version
	count(written) > 0
}

written contains name if {
	some name, _ in agent.min_versions
	_ = input.agent.settings[name]
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` is set but agent %s cannot enforce it (it needs %s or later)", [name, input.agent.version, agent.min_versions[name]]),
	agent.setting_path(name),
	name,
) if {
	some name in written
	agent.too_old(name)
}
