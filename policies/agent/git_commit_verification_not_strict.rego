# METADATA
# title: Checked-out commits not verified strictly
# description: |
#   With `git-commit-verification=strict` the agent refuses to build a commit whose signature
#   it cannot verify, so a commit pushed with stolen credentials, or rewritten on the way,
#   does not run. Any other value (or none) builds unsigned commits.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/configuration
# custom:
#   id: agent/git_commit_verification_not_strict
#   severity: medium
#   area: 1
#   target: agent
#   remediation: Set `git-commit-verification=strict` (agent 3.128 or later) and sign commits.
package agent.git_commit_verification_not_strict

import data.lib.agent
import data.lib.findings

not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`git-commit-verification` is `%s`, not `strict`: unsigned commits are built%s", [value, agent.version_note("git-commit-verification")]),
	agent.setting_path("git-commit-verification"),
	value,
) if {
	agent.has_settings
	value := object.get(input.agent.settings, "git-commit-verification", "unset")
	value != "strict"
}
