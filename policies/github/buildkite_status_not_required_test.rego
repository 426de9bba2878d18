package github.buildkite_status_not_required_test

import data.github.buildkite_status_not_required
import data.lib.github_testing as t

checks_rule(contexts) := t.rule("REQUIRED_STATUS_CHECKS", {
	"__typename": "RequiredStatusChecksParameters", "strictRequiredStatusChecksPolicy": true,
	"requiredStatusChecks": [{"context": c, "integrationId": null} | some c in contexts],
})

with_pipelines(parts, pipelines) := object.union(t.repo_input(parts), {"buildkite_pipelines": pipelines})

test_unprotected_branch_fails if {
	findings := buildkite_status_not_required.deny with input as t.repo_input({})
	[f.message | some f in findings] == ["required status checks on default branch `main` of `acme/web` do not include `buildkite/web`"]
	[f.evidence | some f in findings] == ["required: "]
}

test_ruleset_check_passes if {
	inp := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [checks_rule(["lint", "buildkite/web"])]))})
	count(buildkite_status_not_required.deny) == 0 with input as inp
	count(buildkite_status_not_required.unknown) == 0 with input as inp
}

test_step_status_counts if {
	inp := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [checks_rule(["buildkite/web/test"])]))})
	count(buildkite_status_not_required.deny) == 0 with input as inp
}

test_other_pipeline_status_does_not_count if {
	inp := t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [checks_rule(["buildkite/webhooks"])]))})
	count(buildkite_status_not_required.deny) == 1 with input as inp
}

test_every_pull_request_pipeline_must_be_required if {
	pipelines := [t.pipeline("web", {}), t.pipeline("web-e2e", {"build_pull_requests": true}), t.pipeline("web-deploy", {"build_pull_requests": false}), t.pipeline("web-nightly", {})]
	inp := with_pipelines({"default_branch_rules": t.ok(t.dbr(t.update_rule({"requiredStatusCheckContexts": ["buildkite/web"]}), []))}, pipelines)
	findings := buildkite_status_not_required.deny with input as inp
		with data.config.rules as {"github/buildkite_status_not_required": {"exempt_pipelines": ["web-nightly"]}}
	[f.message | some f in findings] == ["required status checks on default branch `main` of `acme/web` do not include `buildkite/web-e2e`"]
	[f.path | some f in findings] == [["repository", "default_branch_rules", "data", "refUpdateRule", "requiredStatusCheckContexts"]]
	[f.evidence | some f in findings] == ["required: buildkite/web"]
}

test_full_classic_rule_counts_only_when_checks_are_on if {
	listed := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({"requiredStatusCheckContexts": ["buildkite/web"]})])}
	count(buildkite_status_not_required.deny) == 1 with input as t.repo_input(listed)
	on := {"default_branch_rules": t.ok(t.dbr(t.update_rule({}), [])), "branch_protection_rules": t.ok([t.protection({"requiresStatusChecks": true, "requiredStatusCheckContexts": ["buildkite/web"]})])}
	count(buildkite_status_not_required.deny) == 0 with input as t.repo_input(on)
}

test_without_buildkite_part_any_buildkite_check_counts if {
	files_only := object.remove(t.repo_input({}), ["buildkite_pipelines"])
	[f.message | some f in buildkite_status_not_required.deny] == ["required status checks on default branch `main` of `acme/web` do not include `buildkite/*`"] with input as files_only
	checked := object.remove(t.repo_input({"default_branch_rules": t.ok(t.dbr(null, [checks_rule(["buildkite/anything"])]))}), ["buildkite_pipelines"])
	count(buildkite_status_not_required.deny) == 0 with input as checked
}

test_hidden_rules_are_unknown if {
	inp := t.repo_input({"default_branch_rules": t.hidden, "rulesets": t.hidden})
	count(buildkite_status_not_required.deny) == 0 with input as inp
	count(buildkite_status_not_required.unknown) == 2 with input as inp
}

test_not_applicable_without_pipelines if {
	buildkite_status_not_required.not_applicable with input as with_pipelines({}, [])
	buildkite_status_not_required.not_applicable with input as with_pipelines({}, [t.pipeline("web-deploy", {"build_pull_requests": false})])
	buildkite_status_not_required.not_applicable with input as object.remove(t.repo_input({"pipeline_files": t.ok([])}), ["buildkite_pipelines"])
}

test_archived_not_applicable if {
	buildkite_status_not_required.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_scope_unknown if {
	inp := object.remove(t.repo_input({"pipeline_files": t.hidden}), ["buildkite_pipelines"])
	buildkite_status_not_required.unknown == {"the Buildkite pipeline files of `acme/web` not visible: 502 Bad Gateway"} with input as inp
}

test_unreadable_pipeline_list_is_unknown if {
	inp := object.union(t.repo_input({}), {"buildkite_pipelines": t.hidden})
	count(buildkite_status_not_required.deny) == 0 with input as inp
	buildkite_status_not_required.unknown == {"the Buildkite pipelines that build `acme/web` not visible: 502 Bad Gateway"} with input as inp
}
