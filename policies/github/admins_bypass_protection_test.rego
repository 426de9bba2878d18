package github.admins_bypass_protection_test

import data.github.admins_bypass_protection
import data.lib.github_testing as t

guarded(actors) := t.repo_input({
	"default_branch_rules": t.ok(t.dbr(null, [t.rule("DELETION", null)])),
	"rulesets": t.ok([t.ruleset({"databaseId": 400, "name": "other"}), t.ruleset({"bypassActors": actors})]),
})

test_classic_rule_without_admin_enforcement_fails if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({})])}
	findings := admins_bypass_protection.deny with input as t.repo_input(entry)
	[f.message | some f in findings] == ["administrators can bypass the protection of default branch `main` of `acme/web`"]
	[f.path | some f in findings] == [["repository", "branch_protection_rules", "data", 0, "isAdminEnforced"]]
}

test_classic_rule_enforced_on_admins_passes if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({"isAdminEnforced": true})])}
	count(admins_bypass_protection.deny) == 0 with input as t.repo_input(entry)
	count(admins_bypass_protection.unknown) == 0 with input as t.repo_input(entry)
}

test_non_admin_classic_view_is_unknown if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.admin_only}
	count(admins_bypass_protection.deny) == 0 with input as t.repo_input(entry)
	admins_bypass_protection.unknown == {"the full branch protection rule of `acme/web` not visible: classic rules are shown to admins only (needs admin permission on the repository)"} with input as t.repo_input(entry)
}

test_bypass_actors_fail_unless_allowed if {
	actors := t.ok([
		t.actor("organization_admin", null, "ALWAYS"),
		t.actor("team", "platform", "PULL_REQUEST"),
		t.actor("app", "deploy-bot", "ALWAYS"),
		t.actor("role", "maintain", "ALWAYS"),
		t.actor("deploy_key", null, "ALWAYS"),
	])
	findings := admins_bypass_protection.deny with input as guarded(actors)
	{f.message | some f in findings} == {
		"organization admins can bypass ruleset `main-guard` on default branch `main` of `acme/web`",
		"`team:platform` can bypass ruleset `main-guard` on default branch `main` of `acme/web` (through pull requests)",
		"`app:deploy-bot` can bypass ruleset `main-guard` on default branch `main` of `acme/web`",
		"`role:maintain` can bypass ruleset `main-guard` on default branch `main` of `acme/web`",
		"deploy keys can bypass ruleset `main-guard` on default branch `main` of `acme/web`",
	}
	some f in findings
	f.path == ["repository", "rulesets", "data", 1, "bypassActors", "data", 0]
	f.evidence == "bypassMode: \"ALWAYS\""
}

test_allow_list_and_pull_request_knobs if {
	actors := t.ok([t.actor("team", "platform", "PULL_REQUEST"), t.actor("app", "deploy-bot", "ALWAYS"), t.actor("organization_admin", null, "ALWAYS")])
	findings := admins_bypass_protection.deny with input as guarded(actors)
		with data.config.rules as {"github/admins_bypass_protection": {"allowed_bypass_actors": ["app:deploy-bot"], "allow_pull_request_bypass": true}}
	[f.message | some f in findings] == ["organization admins can bypass ruleset `main-guard` on default branch `main` of `acme/web`"]
}

test_unreadable_actor_is_named_unknown if {
	findings := admins_bypass_protection.deny with input as guarded(t.ok([{"bypassMode": "ALWAYS", "organizationAdmin": false, "deployKey": false, "repositoryRoleName": null, "actor": null}]))
	[f.message | some f in findings] == ["`unknown` can bypass ruleset `main-guard` on default branch `main` of `acme/web`"]
}

test_hidden_bypass_actors_are_unknown if {
	count(admins_bypass_protection.deny) == 0 with input as guarded(t.admin_only)
	admins_bypass_protection.unknown == {"the bypass actors of ruleset `main-guard` of `acme/web` not visible: classic rules are shown to admins only (needs admin permission on the repository)"} with input as guarded(t.admin_only)
}

test_hidden_rulesets_are_unknown if {
	inp := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [t.rule("DELETION", null)])), "rulesets": t.hidden})
	admins_bypass_protection.unknown == {"the rulesets of `acme/web` not visible: 502 Bad Gateway"} with input as inp
}

test_ruleset_missing_from_list_is_unknown if {
	inp := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [t.rule("DELETION", null)])), "rulesets": t.ok([])})
	admins_bypass_protection.unknown == {"ruleset 501 on the default branch of `acme/web` is missing from the rulesets read"} with input as inp
}

test_nothing_visible_is_unknown if {
	entry := {"default_branch_rules": t.hidden, "branch_protection_rules": t.admin_only, "rulesets": t.hidden}
	count(admins_bypass_protection.unknown) == 3 with input as t.repo_input(entry)
}

test_unprotected_branch_not_applicable if {
	admins_bypass_protection.not_applicable with input as t.repo_input({})
	count(admins_bypass_protection.deny) == 0 with input as t.repo_input({})
}

test_archived_not_applicable if {
	admins_bypass_protection.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_scope_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	count(admins_bypass_protection.unknown) == 1 with input as inp
}

test_missing_admin_switch_fails if {
	entry := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([object.remove(t.protection({}), ["isAdminEnforced"])])}
	count(admins_bypass_protection.deny) == 1 with input as t.repo_input(entry)
}
