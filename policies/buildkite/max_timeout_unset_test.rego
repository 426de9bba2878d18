package buildkite.max_timeout_unset_test

import data.buildkite.max_timeout_unset

org(settings) := {"buildkite": {"org": "acme", "pipeline_settings": settings}}

test_both_unset_fails_twice if {
	findings := max_timeout_unset.deny with input as org({"status": "ok", "data": {"default_timeout_in_minutes": null, "maximum_timeout_in_minutes": null}})
	{f.message | some f in findings} == {
		"Buildkite organization `acme` has no default command timeout",
		"Buildkite organization `acme` has no maximum command timeout",
	}
	{f.path | some f in findings} == {
		["buildkite", "pipeline_settings", "data", "default_timeout_in_minutes"],
		["buildkite", "pipeline_settings", "data", "maximum_timeout_in_minutes"],
	}
}

test_zero_counts_as_unset if {
	findings := max_timeout_unset.deny with input as org({"status": "ok", "data": {"default_timeout_in_minutes": 60, "maximum_timeout_in_minutes": 0}})
	{f.evidence | some f in findings} == {"maximum_timeout_in_minutes: null"}
}

test_both_set_passes if {
	count(max_timeout_unset.deny) == 0 with input as org({"status": "ok", "data": {"default_timeout_in_minutes": 60, "maximum_timeout_in_minutes": 120}})
	count(max_timeout_unset.unknown) == 0 with input as org({"status": "ok", "data": {"default_timeout_in_minutes": 60, "maximum_timeout_in_minutes": 120}})
}

test_unreadable_settings_are_unknown if {
	section := {"status": "unavailable", "reason": "403 Forbidden", "http_status": 403, "needs": "read_organization_settings"}
	count(max_timeout_unset.deny) == 0 with input as org(section)
	max_timeout_unset.unknown == {"the organization's pipeline settings not visible: 403 Forbidden (needs read_organization_settings)"} with input as org(section)
}

test_not_applicable_without_buildkite if {
	max_timeout_unset.not_applicable with input as {"github": {}}
}
