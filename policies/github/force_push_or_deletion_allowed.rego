# METADATA
# title: Force pushes or deletion allowed
# description: |
#   Fails when the default branch can be force-pushed or deleted: its classic rule allows
#   it (`allowsForcePushes`, `allowsDeletions`) and no active ruleset on it blocks it
#   with a "block force pushes" (`non_fast_forward`) or "restrict deletions" rule, or it
#   has no protection at all. A force push rewrites history that Buildkite already built
#   and deployed, and can hide a malicious commit after the fact; deleting the branch
#   drops its protection with it. Judged for the same repositories as
#   `github/branch_protection_missing`.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#allow-force-pushes
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#block-force-pushes
# custom:
#   id: github/force_push_or_deletion_allowed
#   severity: high
#   area: 1
#   target: repository
#   remediation: Enable "Block force pushes" and "Restrict deletions" in the ruleset covering the default branch (Settings → Rules → Rulesets), or turn off "Allow force pushes" and "Allow deletions" in its classic rule under Settings → Branches.
package github.force_push_or_deletion_allowed

import data.lib.findings
import data.lib.github

# actions are what must be blocked: the switch in either view of a classic rule and the ruleset rule type that blocks it.
actions := [
	{"what": "force pushes", "switch": "allowsForcePushes", "type": "NON_FAST_FORWARD"},
	{"what": "deletion", "switch": "allowsDeletions", "type": "DELETION"},
]

not_applicable if github.protection_not_applicable

unknown contains reason if {
	some reason in github.scope_unknown
}

unknown contains reason if {
	github.protection_applies
	some action in actions
	not blocked(action)
	some reason in github.protection_unknown
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("default branch `%s` of `%s` allows %s", [github.default_branch, github.name, action.what]),
	github.field_path(action.switch),
	sprintf("%s: true, no %s rule", [action.switch, lower(action.type)]),
) if {
	github.protection_applies
	github.classic_known
	github.rules_known
	some action in actions
	not blocked(action)
}

# blocked holds when the classic rule turns the action off or a ruleset rule blocks it.
blocked(action) if github.classic.rule[action.switch] == false

blocked(action) if count(github.rules_of_type(action.type)) > 0
