# METADATA
# title: Signed commits not required
# description: |
#   Fails when the default branch accepts unsigned commits: its classic protection rule
#   does not require signed commits and no active ruleset on it has a "require signed
#   commits" rule. Without signatures, a commit's author line is whatever the pusher
#   typed, so a stolen token or a compromised laptop can push code that looks like a
#   colleague's. Judged for the same repositories as `github/branch_protection_missing`.
# related_resources:
#   - ref: https://docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-signed-commits
# custom:
#   id: github/signed_commits_not_required
#   severity: medium
#   area: 1
#   target: repository
#   remediation: Turn on "Require signed commits" in the ruleset that covers the default branch (Settings → Rules → Rulesets), or in its classic rule under Settings → Branches; make sure contributors and bots sign with a GPG, SSH or S/MIME key registered on GitHub.
package github.signed_commits_not_required

import data.lib.findings
import data.lib.github

not_applicable if github.protection_not_applicable

unknown contains reason if {
	some reason in github.scope_unknown
}

unknown contains reason if {
	github.protection_applies
	not required
	some reason in github.protection_unknown
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("default branch `%s` of `%s` accepts unsigned commits", [github.default_branch, github.name]),
	github.field_path(classic_field),
	"required_signatures: false",
) if {
	github.protection_applies
	github.classic_known
	github.rules_known
	not required
}

# required holds when the classic rule or a ruleset rule requires signed commits.
required if github.classic.rule[classic_field] == true

required if count(github.rules_of_type("REQUIRED_SIGNATURES")) > 0

# classic_field is the switch's name in the full rule (admins) or in the reduced view.
classic_field := "requiresCommitSignatures" if github.classic.full

else := "requiresSignatures"
