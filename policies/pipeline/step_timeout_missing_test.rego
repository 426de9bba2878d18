package pipeline.step_timeout_missing_test

import data.lib.testing
import data.pipeline.step_timeout_missing

test_step_without_timeout_fails if {
	findings := step_timeout_missing.deny with input as testing.pipeline([testing.command_step({"label": "test", "commands": ["make test"]})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/step_timeout_missing"
	f.path == ["steps", 0]
	f.evidence == "test"
	contains(f.message, "`timeout_in_minutes`")
}

test_step_with_timeout_passes if {
	count(step_timeout_missing.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["make test"], "timeout_in_minutes": 10})])
}

test_zero_timeout_fails if {
	findings := step_timeout_missing.deny with input as testing.pipeline([testing.command_step({"key": "build", "timeout_in_minutes": 0})])
	{f.path | some f in findings} == {["steps", 0]}
}

test_group_member_path if {
	group := testing.step("group", {"label": "tests", "steps": [
		testing.command_step({"commands": ["a"], "timeout_in_minutes": 5}),
		testing.command_step({"commands": ["b"]}),
	]})
	findings := step_timeout_missing.deny with input as testing.pipeline([testing.step("wait", {}), group])
	{f.path | some f in findings} == {["steps", 1, "steps", 1]}
}

test_unnamed_step_named_by_path if {
	findings := step_timeout_missing.deny with input as testing.pipeline([testing.step("wait", {}), testing.command_step({"commands": ["x"]})])
	{f.evidence | some f in findings} == {"steps.1"}
}

test_non_command_steps_ignored if {
	steps := [
		testing.step("wait", {}),
		testing.step("block", {"label": "Release?"}),
		testing.step("trigger", {"trigger": "deploy"}),
	]
	count(step_timeout_missing.deny) == 0 with input as testing.pipeline(steps)
}

test_plugin_only_step_fails if {
	# buildkite-plugins/*: plugin-only lint steps have no commands but still run on an agent.
	step := testing.command_step({"label": ":shell: Shellcheck", "plugins": [testing.plugin("shellcheck", "v1.4.0", {})]})
	count(step_timeout_missing.deny) == 1 with input as testing.pipeline([step])
}

test_org_default_timeout_passes if {
	inp := object.union(
		testing.pipeline([testing.command_step({"commands": ["make test"]})]),
		{"context": {"pipeline_settings": {"default_timeout_in_minutes": 60, "maximum_timeout_in_minutes": null}}},
	)
	count(step_timeout_missing.deny) == 0 with input as inp
}

test_org_default_null_fails if {
	inp := object.union(
		testing.pipeline([testing.command_step({"commands": ["make test"]})]),
		{"context": {"pipeline_settings": {"default_timeout_in_minutes": null, "maximum_timeout_in_minutes": 120}}},
	)
	count(step_timeout_missing.deny) == 1 with input as inp
}

test_org_default_zero_fails if {
	inp := object.union(
		testing.pipeline([testing.command_step({"commands": ["make test"]})]),
		{"context": {"pipeline_settings": {"default_timeout_in_minutes": 0}}},
	)
	count(step_timeout_missing.deny) == 1 with input as inp
}

test_each_step_reported if {
	steps := [
		testing.command_step({"label": "a"}),
		testing.command_step({"label": "b", "timeout_in_minutes": 30}),
		testing.command_step({"label": "c"}),
	]
	findings := step_timeout_missing.deny with input as testing.pipeline(steps)
	{f.path | some f in findings} == {["steps", 0], ["steps", 2]}
}

test_timeout_set_at_upload_is_unknown_not_missing if {
	step := testing.command_step({"label": "test", "interpolated": {"timeout_in_minutes": "${TIMEOUT?}"}})
	count(step_timeout_missing.deny) == 0 with input as testing.pipeline([step])
	step_timeout_missing.unknown == {"command step `test` takes `timeout_in_minutes` from `${TIMEOUT?}` at upload time; give the variable a default (`${NAME:-60}`) so it can be checked"} with input as testing.pipeline([step])
}
