# METADATA
# title: Reviews not required
# description: |
#   Fails when changes can reach the default branch with fewer approving reviews than
#   required (classic protection or an active ruleset's pull-request rule, whichever asks
#   for more), and, when the knobs ask for it, when approvals survive new pushes or the
#   last push may be approved by the person who made it. A second pair of eyes is what
#   stops one stolen account from shipping a backdoor through the pipeline. Dismissing
#   stale reviews and last-push approval are admin-only switches in classic protection:
#   for non-admins they are unknown unless a ruleset settles them. Judged for the same
#   repositories as `github/branch_protection_missing`.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
# custom:
#   id: github/reviews_not_required
#   severity: high
#   area: 1
#   target: repository
#   remediation: In the ruleset covering the default branch (Settings → Rules → Rulesets), enable "Require a pull request before merging" with at least the required number of approvals, "Dismiss stale pull request approvals when new commits are pushed" and, for sensitive repositories, "Require approval of the most recent reviewable push"; the classic rule under Settings → Branches has the same switches.
#   config:
#     min_approvals:
#       default: 1
#       description: Fewest approving reviews a change to the default branch must have.
#     require_stale_review_dismissal:
#       default: true
#       description: Also fail when approvals are kept after new commits are pushed.
#     require_last_push_approval:
#       default: false
#       description: Also fail when the most recent push need not be approved by someone other than its pusher.
package github.reviews_not_required

import data.lib.findings
import data.lib.github

knobs := findings.knobs(rego.metadata.chain())

pull_request_rules := github.rules_of_type("PULL_REQUEST")

not_applicable if github.protection_not_applicable

unknown contains reason if {
	some reason in github.scope_unknown
}

unknown contains reason if {
	github.protection_applies
	not enough_approvals
	some reason in github.protection_unknown
}

unknown contains reason if {
	github.protection_applies
	enough_approvals
	some switch in switches
	not switch_on(switch)
	some reason in (github.detail_unknown | github.protection_unknown)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("default branch `%s` of `%s` requires %d approving reviews, fewer than %d", [github.default_branch, github.name, approvals, knobs.min_approvals]),
	review_path("requiredApprovingReviewCount", "requiredApprovingReviewCount"),
	sprintf("required approving reviews: %d", [approvals]),
) if {
	github.protection_applies
	github.classic_known
	github.rules_known
	not enough_approvals
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("default branch `%s` of `%s` %s", [github.default_branch, github.name, switch.problem]),
	review_path(switch.classic, switch.ruleset),
	sprintf("%s: false", [switch.ruleset]),
) if {
	github.protection_applies
	enough_approvals
	github.classic_detail_known
	github.rules_known
	some switch in switches
	not switch_on(switch)
}

# approvals is the most approving reviews any source requires (GitHub enforces all of them).
approvals := max(array.concat(
	[n | some n in classic_approvals],
	[github.number_or_zero(object.get(entry.rule.parameters, "requiredApprovingReviewCount", 0)) | some entry in pull_request_rules],
))

# classic_approvals is what the classic rule requires, if any (the full rule may list a count while reviews are off).
classic_approvals contains 0 if github.classic_known

classic_approvals contains github.number_or_zero(github.classic.rule.requiredApprovingReviewCount) if {
	not github.classic.full
}

classic_approvals contains github.number_or_zero(github.classic.rule.requiredApprovingReviewCount) if {
	github.classic.full
	github.classic.rule.requiresApprovingReviews == true
}

# enough_approvals holds when a known source requires at least the minimum.
enough_approvals if approvals >= knobs.min_approvals

# switches are the review settings the knobs turn on: their names in a classic rule and in a ruleset rule.
switches contains {"classic": "dismissesStaleReviews", "ruleset": "dismissStaleReviewsOnPush", "problem": "keeps approvals after new commits are pushed"} if {
	knobs.require_stale_review_dismissal == true
}

switches contains {"classic": "requireLastPushApproval", "ruleset": "requireLastPushApproval", "problem": "lets the last push be approved by its own pusher"} if {
	knobs.require_last_push_approval == true
}

# switch_on holds when the full classic rule or a pull-request rule turns the switch on.
switch_on(switch) if {
	github.classic.full
	github.classic.rule[switch.classic] == true
}

switch_on(switch) if {
	some entry in pull_request_rules
	entry.rule.parameters[switch.ruleset] == true
}

# review_path points at the classic rule's field, else the first pull-request rule's parameter, else the ruleset rules.
review_path(classic_field, ruleset_field) := github.field_path(classic_field) if github.classic

else := array.concat(pull_request_rules[0].path, ["parameters", ruleset_field]) if count(pull_request_rules) > 0

else := github.rules_path
