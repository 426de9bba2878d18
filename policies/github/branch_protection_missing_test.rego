package github.branch_protection_missing_test

import data.github.branch_protection_missing
import data.lib.github_testing as t

test_unprotected_branch_fails if {
	findings := branch_protection_missing.deny with input as t.repo_input({})
	count(findings) == 1
	some f in findings
	f.rule == "github/branch_protection_missing"
	f.message == "default branch `main` of `acme/web` has no branch protection rule and no active ruleset"
	f.path == ["repository", "default_branch_rules", "data"]
}

test_classic_rule_protects if {
	count(branch_protection_missing.deny) == 0 with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(t.update_rule({}), []))})
}

test_ruleset_protects if {
	count(branch_protection_missing.deny) == 0 with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [t.rule("DELETION", null)]))})
}

test_admin_view_without_default_branch_rules_matches_patterns if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.ok([t.protection({"pattern": "release/*"}), t.protection({"pattern": "ma*"})])}
	count(branch_protection_missing.deny) == 0 with input as t.repo_input(entry)
	count(branch_protection_missing.unknown) == 0 with input as t.repo_input(entry)
}

test_fallback_without_matching_pattern_or_ruleset_fails if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.ok([t.protection({"pattern": "release/*"})]), "rulesets": t.ok([t.ruleset({"conditions": {"refName": {"include": ["refs/heads/release/**"], "exclude": []}}})])}
	count(branch_protection_missing.deny) == 1 with input as t.repo_input(entry)
}

test_fallback_ruleset_on_default_branch_protects if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.ok([]), "rulesets": t.ok([t.ruleset({})])}
	count(branch_protection_missing.deny) == 0 with input as t.repo_input(entry)
}

test_nothing_visible_is_unknown if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.admin_only, "rulesets": t.hidden}
	count(branch_protection_missing.deny) == 0 with input as t.repo_input(entry)
	branch_protection_missing.unknown == {
		"the rules on the default branch of `acme/web` not visible: 502 Bad Gateway",
		"the branch protection rules of `acme/web` not visible: classic rules are shown to admins only (needs admin permission on the repository)",
		"the rulesets of `acme/web` not visible: 502 Bad Gateway",
	} with input as t.repo_input(entry)
}

test_archived_repository_not_applicable if {
	branch_protection_missing.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_empty_repository_not_applicable if {
	branch_protection_missing.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"defaultBranch": null}))})
}

test_repository_no_pipeline_builds_not_applicable if {
	inp := object.union(t.repo_input({}), {"buildkite_pipelines": []})
	branch_protection_missing.not_applicable with input as inp
	count(branch_protection_missing.deny) == 0 with input as inp
}

test_pipeline_files_decide_without_buildkite_part if {
	inp := object.remove(t.repo_input({}), ["buildkite_pipelines"])
	count(branch_protection_missing.deny) == 1 with input as inp
	no_files := object.remove(t.repo_input({"pipeline_files": t.ok([])}), ["buildkite_pipelines"])
	branch_protection_missing.not_applicable with input as no_files
}

test_hidden_pipeline_files_without_buildkite_part_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	count(branch_protection_missing.deny) == 0 with input as inp
	branch_protection_missing.unknown == {"the Buildkite pipeline files of `acme/web` not visible: 502 Bad Gateway"} with input as inp
}

test_unreadable_pipeline_list_is_unknown_not_not_applicable if {
	inp := object.union(t.repo_input({"pipeline_files": t.ok([])}), {"buildkite_pipelines": t.hidden})
	count(branch_protection_missing.deny) == 0 with input as inp
	branch_protection_missing.unknown == {"the Buildkite pipelines that build `acme/web` not visible: 502 Bad Gateway"} with input as inp
}

test_unreadable_pipeline_list_with_pipeline_files_still_judged if {
	inp := object.union(t.repo_input({}), {"buildkite_pipelines": t.hidden})
	count(branch_protection_missing.deny) == 1 with input as inp
}

test_unreadable_repository_settings_are_unknown if {
	inp := t.repo_input({"repository": t.hidden})
	count(branch_protection_missing.deny) == 0 with input as inp
	branch_protection_missing.unknown == {"whether `acme/web` is archived or empty not visible: 502 Bad Gateway"} with input as inp
}

test_unread_archived_flag_is_unknown_never_not_applicable if {
	unread := {"status": "unavailable", "reason": "isArchived: Something went wrong"}
	inp := t.repo_input({"repository": t.ok(t.basics({"isArchived": unread}))})
	count(branch_protection_missing.deny) == 0 with input as inp
	branch_protection_missing.unknown == {"whether `acme/web` is archived or empty not visible: isArchived: Something went wrong"} with input as inp
}

test_unread_default_branch_is_unknown_never_not_applicable if {
	unread := {"status": "unavailable", "reason": "defaultBranch: Something went wrong"}
	inp := t.repo_input({"repository": t.ok(t.basics({"defaultBranch": unread}))})
	branch_protection_missing.unknown == {"whether `acme/web` is archived or empty not visible: defaultBranch: Something went wrong"} with input as inp
}

test_another_unread_setting_leaves_the_rule_judging if {
	inp := t.repo_input({"repository": t.ok(t.basics({"isFork": {"status": "unavailable", "reason": "isFork: Something went wrong"}}))})
	count(branch_protection_missing.deny) == 1 with input as inp
	count(branch_protection_missing.unknown) == 0 with input as inp
}

test_only_an_unread_pipeline_file_without_buildkite_is_unknown if {
	files := t.ok([{"path": "buildkite.yml", "unavailable": {"status": "unavailable", "reason": "buildkite.yml: Something went wrong"}}])
	inp := object.remove(t.repo_input({"pipeline_files": files}), ["buildkite_pipelines"])
	count(branch_protection_missing.deny) == 0 with input as inp
	not branch_protection_missing.not_applicable with input as inp
	branch_protection_missing.unknown == {"the Buildkite pipeline file `buildkite.yml` of `acme/web` not visible: buildkite.yml: Something went wrong"} with input as inp
}
