package github.force_push_or_deletion_allowed_test

import data.github.force_push_or_deletion_allowed
import data.lib.github_testing as t

test_unprotected_branch_allows_both if {
	findings := force_push_or_deletion_allowed.deny with input as t.repo_input({})
	{f.message | some f in findings} == {
		"default branch `main` of `acme/web` allows force pushes",
		"default branch `main` of `acme/web` allows deletion",
	}
}

test_classic_rule_allowing_force_pushes_fails_at_its_switch if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"allowsForcePushes": true}), [])), "branch_protection_rules": t.ok([t.protection({"allowsForcePushes": true})])}
	findings := force_push_or_deletion_allowed.deny with input as t.repo_input(entry)
	[f.path | some f in findings] == [["repository", "branch_protection_rules", "data", 0, "allowsForcePushes"]]
	[f.evidence | some f in findings] == ["allowsForcePushes: true, no non_fast_forward rule"]
}

test_ruleset_blocks_what_classic_allows if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"allowsForcePushes": true, "allowsDeletions": true}), [t.rule("NON_FAST_FORWARD", null), t.rule("deletion", null)]))}
	count(force_push_or_deletion_allowed.deny) == 0 with input as t.repo_input(entry)
}

test_ruleset_only_protection_must_block_both if {
	findings := force_push_or_deletion_allowed.deny with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [t.rule("DELETION", null)]))})
	[f.message | some f in findings] == ["default branch `main` of `acme/web` allows force pushes"]
	[f.path | some f in findings] == [["repository", "default_branch_rules", "data", "rules"]]
}

test_reduced_view_is_enough if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.admin_only}
	count(force_push_or_deletion_allowed.deny) == 0 with input as t.repo_input(entry)
	count(force_push_or_deletion_allowed.unknown) == 0 with input as t.repo_input(entry)
}

test_missing_switch_fails if {
	rule := object.remove(t.update_rule({}), ["allowsDeletions"])
	[f.message | some f in force_push_or_deletion_allowed.deny] == ["default branch `main` of `acme/web` allows deletion"] with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(rule, []))})
}

test_hidden_rulesets_unknown_unless_classic_blocks if {
	entry := {"default_branch_rules": t.hidden, "rulesets": t.hidden, "branch_protection_rules": t.ok([t.protection({"allowsDeletions": true})])}
	count(force_push_or_deletion_allowed.deny) == 0 with input as t.repo_input(entry)
	force_push_or_deletion_allowed.unknown == {
		"the rules on the default branch of `acme/web` not visible: 502 Bad Gateway",
		"the rulesets of `acme/web` not visible: 502 Bad Gateway",
	} with input as t.repo_input(entry)
}

test_fallback_rulesets_matched_by_condition if {
	deleted := t.ruleset({"conditions": {"refName": {"include": ["refs/heads/*"], "exclude": ["refs/heads/main"]}}})
	entry := {"default_branch_rules": t.hidden, "rulesets": t.ok([deleted, t.ruleset({"databaseId": 502, "rules": [{"type": "NON_FAST_FORWARD", "parameters": null}]})])}
	findings := force_push_or_deletion_allowed.deny with input as t.repo_input(entry)
	[f.message | some f in findings] == ["default branch `main` of `acme/web` allows deletion"]
	[f.path | some f in findings] == [["repository", "rulesets", "data"]]
}

test_fallback_ignores_inactive_and_tag_rulesets if {
	entry := {"default_branch_rules": t.hidden, "rulesets": t.ok([
		t.ruleset({"enforcement": "EVALUATE"}),
		t.ruleset({"target": "TAG"}),
		t.ruleset({"conditions": {"refName": {"include": ["~ALL"], "exclude": []}}, "rules": [{"type": "NON_FAST_FORWARD", "parameters": null}]}),
	])}
	[f.message | some f in force_push_or_deletion_allowed.deny] == ["default branch `main` of `acme/web` allows deletion"] with input as t.repo_input(entry)
}

test_archived_not_applicable if {
	force_push_or_deletion_allowed.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_scope_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	count(force_push_or_deletion_allowed.unknown) == 1 with input as inp
}
