# METADATA
# title: Dependabot alerts or security updates disabled
# description: |
#   Fails when Dependabot security updates are not enabled for the repository
#   (`security_and_analysis.dependabot_security_updates`). Security updates only run on
#   top of Dependabot alerts, so "enabled" means both are on; otherwise a
#   known-vulnerable dependency can sit in the code Buildkite builds with nobody told and
#   no fix proposed. GitHub shows these settings to repository admins only: for other
#   tokens the rule is unknown. Archived repositories are not judged.
# related_resources:
#   - ref: https://docs.github.com/en/code-security/dependabot/dependabot-alerts/about-dependabot-alerts
#   - ref: https://docs.github.com/en/code-security/dependabot/dependabot-security-updates/about-dependabot-security-updates
#   - ref: https://docs.github.com/en/rest/repos/repos#get-a-repository
# custom:
#   id: github/dependency_alerts_disabled
#   severity: medium
#   area: 2
#   target: repository
#   remediation: In the repository's Settings → Code security (or an organization code security configuration), enable the dependency graph, Dependabot alerts and Dependabot security updates.
package github.dependency_alerts_disabled

import data.lib.findings
import data.lib.github
import data.lib.snapshot

security := github.repo.security_and_analysis

not_applicable if github.archived

unknown contains reason if some reason in github.archived_unknown

unknown contains snapshot.why(concat("", ["the security settings of `", github.name, "`"]), security) if not github.archived

unknown contains github.feature_unknown(security.data, "dependabot_security_updates", github.name) if {
	not github.archived
	snapshot.available(security)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Dependabot security updates are not enabled for `%s`", [github.name]),
	["repository", "security_and_analysis", "data", "dependabot_security_updates", "status"],
	concat("", ["dependabot_security_updates: ", github.feature_status(security.data, "dependabot_security_updates")]),
) if {
	not github.archived
	snapshot.available(security)
	github.feature_known(security.data, "dependabot_security_updates")
	not github.feature_enabled(security.data, "dependabot_security_updates")
}
