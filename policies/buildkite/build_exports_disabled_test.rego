package buildkite.build_exports_disabled_test

import data.buildkite.build_exports_disabled

org(settings) := {"buildkite": {"org": "acme", "pipeline_settings": settings}}

exports(fields) := org({"status": "ok", "data": {"build_exports": fields}})

test_disabled_exports_fail if {
	findings := build_exports_disabled.deny with input as exports({"available": true, "enabled": false, "location": null})
	{f.message | some f in findings} == {"Buildkite organization `acme` does not export builds to its own storage"}
	{f.evidence | some f in findings} == {"build_exports.enabled: false"}
	{f.path | some f in findings} == {["buildkite", "pipeline_settings", "data", "build_exports", "enabled"]}
}

test_unavailable_on_plan_says_so if {
	findings := build_exports_disabled.deny with input as exports({"available": false, "enabled": false})
	{f.message | some f in findings} == {"Buildkite organization `acme` does not export builds to its own storage (build exports are not available on its plan)"}
}

test_missing_setting_fails if {
	findings := build_exports_disabled.deny with input as org({"status": "ok", "data": {}})
	{f.evidence | some f in findings} == {"build_exports.enabled: null"}
}

test_enabled_exports_pass if {
	count(build_exports_disabled.deny) == 0 with input as exports({"available": true, "enabled": true, "location": "bucket", "strategy_id": "s3"})
}

test_hidden_settings_are_unknown if {
	hidden := org({"status": "unavailable", "reason": "403 Forbidden", "needs": "read_organization_settings"})
	count(build_exports_disabled.deny) == 0 with input as hidden
	build_exports_disabled.unknown == {"the organization's pipeline settings not visible: 403 Forbidden (needs read_organization_settings)"} with input as hidden
}

test_not_applicable_without_buildkite if {
	build_exports_disabled.not_applicable with input as {}
}
