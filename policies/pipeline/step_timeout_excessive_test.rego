package pipeline.step_timeout_excessive_test

import data.lib.testing
import data.pipeline.step_timeout_excessive

with_settings(steps, settings) := object.union(testing.pipeline(steps), {"context": {"pipeline_settings": settings}})

test_timeout_above_default_max_fails if {
	findings := step_timeout_excessive.deny with input as testing.pipeline([testing.command_step({"label": "soak", "timeout_in_minutes": 480})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/step_timeout_excessive"
	f.path == ["steps", 0, "timeout_in_minutes"]
	f.evidence == "480"
	f.message == "command step `soak` has `timeout_in_minutes: 480`, above the 120-minute maximum; lower it"
}

test_timeout_at_max_passes if {
	count(step_timeout_excessive.deny) == 0 with input as testing.pipeline([testing.command_step({"timeout_in_minutes": 120})])
}

test_missing_timeout_not_this_rule if {
	count(step_timeout_excessive.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["x"]})])
}

test_knob_raises_max if {
	count(step_timeout_excessive.deny) == 0 with input as testing.pipeline([testing.command_step({"timeout_in_minutes": 480})])
		with data.config.rules as {"pipeline/step_timeout_excessive": {"max_minutes": 600}}
}

test_knob_lowers_max if {
	findings := step_timeout_excessive.deny with input as testing.pipeline([testing.command_step({"timeout_in_minutes": 40})])
		with data.config.rules as {"pipeline/step_timeout_excessive": {"max_minutes": 30}}
	{f.evidence | some f in findings} == {"40"}
}

test_org_max_lower_wins if {
	findings := step_timeout_excessive.deny with input as with_settings(
		[testing.command_step({"key": "e2e", "timeout_in_minutes": 90})],
		{"default_timeout_in_minutes": 30, "maximum_timeout_in_minutes": 60},
	)
	count(findings) == 1
	some f in findings
	contains(f.message, "above the 60-minute maximum; lower it")
}

test_org_max_higher_ignored if {
	findings := step_timeout_excessive.deny with input as with_settings(
		[testing.command_step({"timeout_in_minutes": 90}), testing.command_step({"timeout_in_minutes": 150})],
		{"maximum_timeout_in_minutes": 300},
	)
	{f.path | some f in findings} == {["steps", 1, "timeout_in_minutes"]}
}

test_org_max_null_uses_knob if {
	count(step_timeout_excessive.deny) == 0 with input as with_settings(
		[testing.command_step({"timeout_in_minutes": 100})],
		{"maximum_timeout_in_minutes": null},
	)
}

test_group_member_path if {
	group := testing.step("group", {"steps": [testing.command_step({"timeout_in_minutes": 240})]})
	findings := step_timeout_excessive.deny with input as testing.pipeline([group])
	{f.path | some f in findings} == {["steps", 0, "steps", 0, "timeout_in_minutes"]}
}

test_corpus_elastic_stack_timeouts_pass if {
	# buildkite/elastic-ci-stack-for-aws uses 5, 40 and 60 minute timeouts.
	steps := [testing.command_step({"timeout_in_minutes": t}) | some t in [5, 40, 60]]
	count(step_timeout_excessive.deny) == 0 with input as testing.pipeline(steps)
}

test_timeout_set_at_upload_passes if {
	step := testing.command_step({"label": "test", "interpolated": {"timeout_in_minutes": "${TIMEOUT}"}})
	count(step_timeout_excessive.deny) == 0 with input as testing.pipeline([step])
}
