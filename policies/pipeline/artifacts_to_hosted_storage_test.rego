package pipeline.artifacts_to_hosted_storage_test

import data.lib.testing
import data.pipeline.artifacts_to_hosted_storage

required := {"pipeline/artifacts_to_hosted_storage": {"require_private_storage": true}}

with_env(steps, env) := object.union(testing.pipeline(steps), {"pipeline": {"env": env}})

build_step := testing.command_step({"label": "build", "commands": ["make dist"], "artifact_paths": ["dist/**/*"]})

test_default_not_applicable if {
	artifacts_to_hosted_storage.not_applicable with input as testing.pipeline([build_step])
	count(artifacts_to_hosted_storage.deny) == 0 with input as testing.pipeline([build_step])
}

test_required_without_destination_fails if {
	findings := artifacts_to_hosted_storage.deny with input as testing.pipeline([build_step])
		with data.config.rules as required
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/artifacts_to_hosted_storage"
	f.path == ["steps", 0, "artifact_paths"]
	f.evidence == "dist/**/*"
	not artifacts_to_hosted_storage.not_applicable with input as testing.pipeline([build_step])
		with data.config.rules as required
}

test_no_artifacts_not_applicable if {
	artifacts_to_hosted_storage.not_applicable with input as testing.pipeline([testing.command_step({"commands": ["make test"]})])
		with data.config.rules as required
}

test_pipeline_env_s3_passes if {
	inp := with_env([build_step], {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": "s3://acme-artifacts/$BUILDKITE_JOB_ID"})
	count(artifacts_to_hosted_storage.deny) == 0 with input as inp with data.config.rules as required
}

test_step_env_gs_passes if {
	step := object.union(build_step, {"env": {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": "gs://acme-artifacts/builds"}})
	count(artifacts_to_hosted_storage.deny) == 0 with input as testing.pipeline([step]) with data.config.rules as required
}

test_artifactory_and_azure_pass if {
	every dest in ["rt://acme-repo/builds", "https://acmestore.blob.core.windows.net/artifacts/builds"] {
		count(artifacts_to_hosted_storage.deny) == 0 with input as with_env([build_step], {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": dest})
			with data.config.rules as required
	}
}

test_non_private_destination_fails if {
	every dest in ["", "https://example.com/upload", "$DEST", "s3://"] {
		count(artifacts_to_hosted_storage.deny) == 1 with input as with_env([build_step], {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": dest})
			with data.config.rules as required
	}
}

test_step_env_overrides_pipeline_env if {
	step := object.union(build_step, {"env": {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": "https://example.com/x"}})
	inp := with_env([step], {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": "s3://acme/x"})
	count(artifacts_to_hosted_storage.deny) == 1 with input as inp with data.config.rules as required
}

test_rest_pipeline_env_passes if {
	inp := object.union(testing.pipeline([build_step]), {"context": {"pipeline": {"env": {"BUILDKITE_ARTIFACT_UPLOAD_DESTINATION": "s3://acme/x"}}}})
	count(artifacts_to_hosted_storage.deny) == 0 with input as inp with data.config.rules as required
}

test_only_uploading_steps_reported if {
	# buildkite/terminal-to-html: only the `make dist` step has artifact_paths.
	group := testing.step("group", {"steps": [testing.command_step({"commands": ["make bench"]}), build_step]})
	findings := artifacts_to_hosted_storage.deny with input as testing.pipeline([testing.command_step({"commands": ["make test"]}), group])
		with data.config.rules as required
	{f.path | some f in findings} == {["steps", 1, "steps", 1, "artifact_paths"]}
}
