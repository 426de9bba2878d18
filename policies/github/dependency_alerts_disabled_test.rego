package github.dependency_alerts_disabled_test

import data.github.dependency_alerts_disabled
import data.lib.github_testing as t

test_enabled_passes if {
	count(dependency_alerts_disabled.deny) == 0 with input as t.repo_input({})
	count(dependency_alerts_disabled.unknown) == 0 with input as t.repo_input({})
}

test_disabled_fails if {
	inp := t.repo_input({"security_and_analysis": t.ok({"dependabot_security_updates": {"status": "disabled"}})})
	findings := dependency_alerts_disabled.deny with input as inp
	[f.message | some f in findings] == ["Dependabot security updates are not enabled for `acme/web`"]
	[f.path | some f in findings] == [["repository", "security_and_analysis", "data", "dependabot_security_updates", "status"]]
	[f.evidence | some f in findings] == ["dependabot_security_updates: disabled"]
}

test_missing_feature_is_unknown if {
	inp := t.repo_input({"security_and_analysis": t.ok({})})
	count(dependency_alerts_disabled.deny) == 0 with input as inp
	dependency_alerts_disabled.unknown == {"the `dependabot_security_updates` status of `acme/web` was not returned"} with input as inp
}

test_feature_without_status_is_unknown if {
	inp := t.repo_input({"security_and_analysis": t.ok({"dependabot_security_updates": {}})})
	count(dependency_alerts_disabled.deny) == 0 with input as inp
	count(dependency_alerts_disabled.unknown) == 1 with input as inp
}

test_not_visible_is_unknown if {
	inp := t.repo_input({"security_and_analysis": {"status": "unavailable", "reason": "security_and_analysis is shown to repository admins only", "needs": "admin permission on the repository"}})
	count(dependency_alerts_disabled.deny) == 0 with input as inp
	dependency_alerts_disabled.unknown == {"the security settings of `acme/web` not visible: security_and_analysis is shown to repository admins only (needs admin permission on the repository)"} with input as inp
}

test_archived_not_applicable if {
	inp := t.repo_input({"repository": t.ok(t.basics({"isArchived": true})), "security_and_analysis": t.hidden})
	dependency_alerts_disabled.not_applicable with input as inp
	count(dependency_alerts_disabled.unknown) == 0 with input as inp
}
