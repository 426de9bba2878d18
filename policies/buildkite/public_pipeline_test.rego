package buildkite.public_pipeline_test

import data.buildkite.public_pipeline

target(fields) := {"buildkite_pipeline": {"org": "acme", "pipeline": object.union({"slug": "legacy-deploy"}, fields)}}

test_public_pipeline_fails if {
	findings := public_pipeline.deny with input as target({"visibility": "public"})
	count(findings) == 1
	some f in findings
	f.message == "pipeline `legacy-deploy` is public: anyone can read its builds, logs and artifacts"
	f.path == ["buildkite_pipeline", "pipeline", "visibility"]
	f.evidence == "visibility: \"public\""
}

test_missing_visibility_fails if {
	findings := public_pipeline.deny with input as target({})
	{f.message | some f in findings} == {"pipeline `legacy-deploy` is not known to be private: anyone can read its builds, logs and artifacts"}
}

test_private_pipeline_passes if {
	count(public_pipeline.deny) == 0 with input as target({"visibility": "private"})
}

test_not_applicable_without_settings if {
	public_pipeline.not_applicable with input as {"pipeline": {"steps": []}}
	count(public_pipeline.deny) == 0 with input as {"pipeline": {"steps": []}}
}

test_unread_visibility_is_unknown_never_a_finding if {
	inp := target({"visibility": {"status": "unavailable", "reason": "`visibility` was null"}})
	count(public_pipeline.deny) == 0 with input as inp
	public_pipeline.unknown == {"the visibility of pipeline `legacy-deploy` not visible: `visibility` was null"} with input as inp
}
