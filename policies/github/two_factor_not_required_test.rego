package github.two_factor_not_required_test

import data.github.two_factor_not_required
import data.lib.github_testing as t

test_off_fails if {
	findings := two_factor_not_required.deny with input as t.org_input({"two_factor_requirement": t.ok({"enabled": false})})
	[f.message | some f in findings] == ["GitHub organization `acme` does not require two-factor authentication"]
	[f.path | some f in findings] == [["github", "two_factor_requirement", "data", "enabled"]]
	[f.evidence | some f in findings] == ["two_factor_requirement_enabled: false"]
}

test_missing_flag_fails if {
	[f.evidence | some f in two_factor_not_required.deny] == ["two_factor_requirement_enabled: null"] with input as t.org_input({"two_factor_requirement": t.ok({})})
}

test_on_passes if {
	count(two_factor_not_required.deny) == 0 with input as t.org_input({"two_factor_requirement": t.ok({"enabled": true})})
	count(two_factor_not_required.unknown) == 0 with input as t.org_input({"two_factor_requirement": t.ok({"enabled": true})})
}

test_not_visible_is_unknown if {
	inp := t.org_input({"two_factor_requirement": {"status": "unavailable", "reason": "two_factor_requirement_enabled is shown to organization owners only", "needs": "organization owner (classic token: read:org)"}})
	count(two_factor_not_required.deny) == 0 with input as inp
	two_factor_not_required.unknown == {"the two-factor requirement of GitHub organization `acme` not visible: two_factor_requirement_enabled is shown to organization owners only (needs organization owner (classic token: read:org))"} with input as inp
}

test_not_applicable_without_github if {
	two_factor_not_required.not_applicable with input as {"buildkite": {"org": "acme"}}
}

test_ignored_in_repository_targets if {
	inp := object.union(t.repo_input({}), {"github": {"org": "acme", "two_factor_requirement": t.hidden, "personal_access_tokens": t.hidden, "token": t.hidden, "installations": t.hidden}})
	two_factor_not_required.not_applicable with input as inp
	count(two_factor_not_required.deny) == 0 with input as inp
	count(two_factor_not_required.unknown) == 0 with input as inp
}
