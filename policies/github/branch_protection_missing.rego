# METADATA
# title: Default branch not protected
# description: |
#   Fails when neither a classic branch protection rule nor an active ruleset covers the
#   default branch. That branch is what Buildkite builds and deploys from; unprotected,
#   anyone with write access can push straight to it, rewrite it or delete it, and every
#   other check (reviews, signatures, required builds) is moot. The rule judges repositories that a Buildkite pipeline
#   builds or, when the snapshot has no Buildkite part, repositories with Buildkite
#   pipeline files; archived repositories are skipped. It reads what GitHub shows anyone
#   who can read the repository (`refUpdateRule` and the rules on the default branch), so
#   it does not need admin access.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
# custom:
#   id: github/branch_protection_missing
#   severity: high
#   area: 1
#   target: repository
#   remediation: In the repository's Settings → Rules → Rulesets, create an active branch ruleset targeting the default branch (or add a rule under Settings → Branches → Branch protection rules) that at least requires pull requests and blocks force pushes and deletion; an organization ruleset under Organization settings → Repository → Rulesets covers many repositories at once.
package github.branch_protection_missing

import data.lib.findings
import data.lib.github

not_applicable if github.protection_not_applicable

unknown contains reason if {
	some reason in github.scope_unknown
}

unknown contains reason if {
	github.protection_applies
	not protected
	some reason in github.protection_unknown
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("default branch `%s` of `%s` has no branch protection rule and no active ruleset", [github.default_branch, github.name]),
	["repository", "default_branch_rules", "data"],
	"refUpdateRule: null, rules: []",
) if {
	github.protection_applies
	github.unprotected
}

# protected holds when a classic rule or an active ruleset is known to cover the default branch.
protected if github.classic

protected if count(github.branch_rules) > 0
