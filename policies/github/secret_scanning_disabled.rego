# METADATA
# title: Secret scanning or push protection disabled
# description: |
#   Fails when GitHub secret scanning or its push protection is not enabled for the
#   repository (`security_and_analysis.secret_scanning`, `secret_scanning_push_protection`).
#   A token committed by mistake is the cheapest way into a CI/CD estate; scanning finds
#   the ones already pushed, and push protection refuses new ones before they reach the
#   history that Buildkite checks out. GitHub shows these settings to repository admins
#   only: for other tokens the rule is unknown. Archived repositories are not judged.
# related_resources:
#   - ref: https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning
#   - ref: https://docs.github.com/en/code-security/secret-scanning/introduction/about-push-protection
# custom:
#   id: github/secret_scanning_disabled
#   severity: high
#   area: 5
#   target: repository
#   remediation: In the repository's Settings → Code security (or an organization code security configuration), enable "Secret Protection" / secret scanning and its push protection.
package github.secret_scanning_disabled

import data.lib.findings
import data.lib.github
import data.lib.snapshot

security := github.repo.security_and_analysis

# features are the settings that must be enabled, with how messages name them.
features := {"secret_scanning": "secret scanning", "secret_scanning_push_protection": "secret scanning push protection"}

not_applicable if github.archived

unknown contains reason if some reason in github.archived_unknown

unknown contains snapshot.why(concat("", ["the security settings of `", github.name, "`"]), security) if not github.archived

unknown contains github.feature_unknown(security.data, key, github.name) if {
	not github.archived
	snapshot.available(security)
	some key, _ in features
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s is not enabled for `%s`", [what, github.name]),
	["repository", "security_and_analysis", "data", key, "status"],
	concat("", [key, ": ", github.feature_status(security.data, key)]),
) if {
	not github.archived
	snapshot.available(security)
	some key, what in features
	github.feature_known(security.data, key)
	not github.feature_enabled(security.data, key)
}
