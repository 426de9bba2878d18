package buildkite.public_pipeline_creation_enabled_test

import data.buildkite.public_pipeline_creation_enabled

org(settings) := {"buildkite": {"org": "acme", "pipeline_settings": settings}}

creation(fields) := org({"status": "ok", "data": {"public_pipeline_creation": fields}})

test_enabled_creation_fails if {
	findings := public_pipeline_creation_enabled.deny with input as creation({"enabled": true, "enabled_by": {"id": "u-1", "name": "Ada Admin"}})
	{f.message | some f in findings} == {"Buildkite organization `acme` lets members create public pipelines (enabled by Ada Admin)"}
	{f.evidence | some f in findings} == {"public_pipeline_creation.enabled: true"}
}

test_missing_setting_fails if {
	findings := public_pipeline_creation_enabled.deny with input as org({"status": "ok", "data": {}})
	{f.message | some f in findings} == {"Buildkite organization `acme` lets members create public pipelines"}
}

test_disabled_creation_passes if {
	count(public_pipeline_creation_enabled.deny) == 0 with input as creation({"enabled": false, "enabled_by": null})
}

test_hidden_settings_are_unknown if {
	hidden := org({"status": "unavailable", "reason": "403 Forbidden"})
	count(public_pipeline_creation_enabled.deny) == 0 with input as hidden
	public_pipeline_creation_enabled.unknown == {"the organization's pipeline settings not visible: 403 Forbidden"} with input as hidden
}

test_not_applicable_without_buildkite if {
	public_pipeline_creation_enabled.not_applicable with input as {}
}
