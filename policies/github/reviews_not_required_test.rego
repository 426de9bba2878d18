package github.reviews_not_required_test

import data.github.reviews_not_required
import data.lib.github_testing as t

pr_rule(params) := t.rule("PULL_REQUEST", object.union(
	{
		"__typename": "PullRequestParameters", "requiredApprovingReviewCount": 1, "dismissStaleReviewsOnPush": true,
		"requireLastPushApproval": false, "requireCodeOwnerReview": false, "requiredReviewThreadResolution": false,
	},
	params,
))

with_rules(rules) := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, rules))})

test_unprotected_branch_fails_on_count if {
	findings := reviews_not_required.deny with input as t.repo_input({})
	[f.message | some f in findings] == ["default branch `main` of `acme/web` requires 0 approving reviews, fewer than 1"]
	[f.path | some f in findings] == [["repository", "default_branch_rules", "data", "rules"]]
}

test_ruleset_with_one_approval_and_stale_dismissal_passes if {
	count(reviews_not_required.deny) == 0 with input as with_rules([pr_rule({})])
	count(reviews_not_required.unknown) == 0 with input as with_rules([pr_rule({})])
}

test_ruleset_with_zero_approvals_fails_at_its_parameter if {
	findings := reviews_not_required.deny with input as with_rules([pr_rule({"requiredApprovingReviewCount": 0})])
	[f.path | some f in findings] == [["repository", "default_branch_rules", "data", "rules", 0, "parameters", "requiredApprovingReviewCount"]]
}

test_stale_reviews_kept_fails if {
	findings := reviews_not_required.deny with input as with_rules([pr_rule({"dismissStaleReviewsOnPush": false})])
	[f.message | some f in findings] == ["default branch `main` of `acme/web` keeps approvals after new commits are pushed"]
	[f.evidence | some f in findings] == ["dismissStaleReviewsOnPush: false"]
}

test_stale_check_can_be_turned_off if {
	count(reviews_not_required.deny) == 0 with input as with_rules([pr_rule({"dismissStaleReviewsOnPush": false})])
		with data.config.rules as {"github/reviews_not_required": {"require_stale_review_dismissal": false}}
}

test_last_push_approval_knob if {
	findings := reviews_not_required.deny with input as with_rules([pr_rule({})])
		with data.config.rules as {"github/reviews_not_required": {"require_last_push_approval": true}}
	[f.message | some f in findings] == ["default branch `main` of `acme/web` lets the last push be approved by its own pusher"]
}

test_min_approvals_knob if {
	findings := reviews_not_required.deny with input as with_rules([pr_rule({})])
		with data.config.rules as {"github/reviews_not_required": {"min_approvals": 2}}
	[f.message | some f in findings] == ["default branch `main` of `acme/web` requires 1 approving reviews, fewer than 2"]
}

test_full_classic_rule_counts_only_when_reviews_are_on if {
	off := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({"requiredApprovingReviewCount": 2, "dismissesStaleReviews": true})])}
	[f.path | some f in reviews_not_required.deny] == [["repository", "branch_protection_rules", "data", 0, "requiredApprovingReviewCount"]] with input as t.repo_input(off)
	on := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiredApprovingReviewCount": 2}), [])), "branch_protection_rules": t.ok([t.protection({"requiresApprovingReviews": true, "requiredApprovingReviewCount": 2, "dismissesStaleReviews": true})])}
	count(reviews_not_required.deny) == 0 with input as t.repo_input(on)
}

test_full_classic_rule_keeping_stale_reviews_fails if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiredApprovingReviewCount": 1}), [])), "branch_protection_rules": t.ok([t.protection({"requiresApprovingReviews": true, "requiredApprovingReviewCount": 1})])}
	[f.path | some f in reviews_not_required.deny] == [["repository", "branch_protection_rules", "data", 0, "dismissesStaleReviews"]] with input as t.repo_input(entry)
}

test_non_admin_sees_count_but_not_stale_switch if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiredApprovingReviewCount": 1}), [])), "branch_protection_rules": t.admin_only}
	count(reviews_not_required.deny) == 0 with input as t.repo_input(entry)
	reviews_not_required.unknown == {"the full branch protection rule of `acme/web` not visible: classic rules are shown to admins only (needs admin permission on the repository)"} with input as t.repo_input(entry)
}

test_non_admin_with_ruleset_settling_the_switch_passes if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiredApprovingReviewCount": 1}), [pr_rule({})])), "branch_protection_rules": t.admin_only}
	count(reviews_not_required.deny) == 0 with input as t.repo_input(entry)
	count(reviews_not_required.unknown) == 0 with input as t.repo_input(entry)
}

test_non_admin_with_zero_count_fails if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.admin_only}
	[f.path | some f in reviews_not_required.deny] == [["repository", "default_branch_rules", "data", "refUpdateRule", "requiredApprovingReviewCount"]] with input as t.repo_input(entry)
}

test_classic_rule_missing_from_list_is_unknown if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"pattern": "ma*", "requiredApprovingReviewCount": 1}), [])), "branch_protection_rules": t.ok([])}
	reviews_not_required.unknown == {"the classic rule `ma*` of `acme/web` is missing from the branch protection rules read"} with input as t.repo_input(entry)
}

test_nothing_visible_is_unknown if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.admin_only, "rulesets": t.hidden}
	count(reviews_not_required.deny) == 0 with input as t.repo_input(entry)
	count(reviews_not_required.unknown) == 3 with input as t.repo_input(entry)
}

test_not_applicable_without_pipelines if {
	reviews_not_required.not_applicable with input as object.union(t.repo_input({}), {"buildkite_pipelines": []})
}

test_scope_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	count(reviews_not_required.unknown) == 1 with input as inp
}
