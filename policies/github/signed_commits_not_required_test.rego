package github.signed_commits_not_required_test

import data.github.signed_commits_not_required
import data.lib.github_testing as t

test_unprotected_branch_fails if {
	findings := signed_commits_not_required.deny with input as t.repo_input({})
	count(findings) == 1
	some f in findings
	f.message == "default branch `main` of `acme/web` accepts unsigned commits"
	f.path == ["repository", "default_branch_rules", "data", "rules"]
}

test_full_classic_rule_without_signatures_fails_at_its_switch if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({})])}
	[f.path | some f in signed_commits_not_required.deny] == [["repository", "branch_protection_rules", "data", 0, "requiresCommitSignatures"]] with input as t.repo_input(entry)
}

test_full_classic_rule_with_signatures_passes if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiresSignatures": true}), [])), "branch_protection_rules": t.ok([t.protection({"requiresCommitSignatures": true})])}
	count(signed_commits_not_required.deny) == 0 with input as t.repo_input(entry)
}

test_reduced_view_for_non_admins_is_enough if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiresSignatures": true}), [])), "branch_protection_rules": t.admin_only}
	count(signed_commits_not_required.deny) == 0 with input as t.repo_input(entry)
	count(signed_commits_not_required.unknown) == 0 with input as t.repo_input(entry)
	off := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.admin_only}
	[f.path | some f in signed_commits_not_required.deny] == [["repository", "default_branch_rules", "data", "refUpdateRule", "requiresSignatures"]] with input as t.repo_input(off)
}

test_ruleset_rule_passes if {
	count(signed_commits_not_required.deny) == 0 with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [t.rule("REQUIRED_SIGNATURES", null)]))})
}

test_missing_switch_fails if {
	rule := object.remove(t.update_rule({}), ["requiresSignatures"])
	count(signed_commits_not_required.deny) == 1 with input as t.repo_input({"default_branch_rules": t.ok(t.dbr(rule, []))})
}

test_hidden_rules_are_unknown if {
	entry := {"default_branch_rules": t.hidden, "rulesets": t.hidden, "branch_protection_rules": t.ok([t.protection({})])}
	count(signed_commits_not_required.deny) == 0 with input as t.repo_input(entry)
	signed_commits_not_required.unknown == {
		"the rules on the default branch of `acme/web` not visible: 502 Bad Gateway",
		"the rulesets of `acme/web` not visible: 502 Bad Gateway",
	} with input as t.repo_input(entry)
}

test_archived_not_applicable if {
	signed_commits_not_required.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_scope_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	count(signed_commits_not_required.unknown) == 1 with input as inp
}
