package pipeline.untrusted_upload_interpolation_test

import data.lib.testing
import data.pipeline.untrusted_upload_interpolation as rule

cmd(commands) := testing.pipeline([testing.command_step({"label": "build", "commands": commands})])

evidence(input_doc) := {f.evidence | some f in rule.deny with input as input_doc}

test_branch_in_command_fails if {
	findings := rule.deny with input as cmd(["make", "if [[ \"$BUILDKITE_BRANCH\" == \"main\" ]]\nthen\n  ./publish.sh\nfi\n"])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/untrusted_upload_interpolation"
	f.path == ["steps", 0, "commands", 1]
	f.evidence == "if [[ \"$BUILDKITE_BRANCH\" == \"main\" ]]"
	contains(f.message, "$$BUILDKITE_BRANCH")
}

test_every_spelling_fails if {
	evidence(cmd([
		"echo \"Building branch $BUILDKITE_BRANCH\" && ./build.sh \"$BUILDKITE_MESSAGE\"",
		"deploy --tag ${BUILDKITE_TAG:-none}",
		"git diff origin/${BUILDKITE_PULL_REQUEST_BASE_BRANCH?}",
		"echo $$$BUILDKITE_BUILD_AUTHOR",
	])) == {
		"echo \"Building branch $BUILDKITE_BRANCH\" && ./build.sh \"$BUILDKITE_MESSAGE\"",
		"deploy --tag ${BUILDKITE_TAG:-none}",
		"git diff origin/${BUILDKITE_PULL_REQUEST_BASE_BRANCH?}",
		"echo $$$BUILDKITE_BUILD_AUTHOR",
	}
	count(rule.deny) == 5 with input as cmd(["echo \"Building branch $BUILDKITE_BRANCH\" && ./build.sh \"$BUILDKITE_MESSAGE\"", "deploy --tag ${BUILDKITE_TAG:-none}", "git diff origin/${BUILDKITE_PULL_REQUEST_BASE_BRANCH?}", "echo $$$BUILDKITE_BUILD_AUTHOR"])
}

test_escaped_and_trusted_pass if {
	count(rule.deny) == 0 with input as cmd([
		"if [[ \"$${BUILDKITE_BRANCH}\" == main ]]; then ./publish.sh; fi",
		"echo \\$BUILDKITE_MESSAGE",
		"./build.sh \"$BUILDKITE_COMMIT\" $BUILDKITE_BUILD_NUMBER",
		"echo $BUILDKITE_BRANCHES_FILE",
		"# echo $BUILDKITE_BRANCH",
		"echo $(git rev-parse HEAD)",
		"git fetch ${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}",
	])
}

test_trigger_build_and_label_pass if {
	count(rule.deny) == 0 with input as testing.pipeline([
		testing.step("trigger", {
			"label": "deploy ${BUILDKITE_BRANCH}", "trigger": "deploy",
			"extra": {"build": {"message": "${BUILDKITE_MESSAGE}", "branch": "${BUILDKITE_BRANCH}", "env": {"BUILDKITE_PULL_REQUEST_REPO": "${BUILDKITE_PULL_REQUEST_REPO}"}}},
		}),
		testing.command_step({"label": "Deploy $BUILDKITE_BRANCH", "commands": ["make"], "env": {"BRANCH": "$BUILDKITE_BRANCH"}}),
	])
}

test_env_reported_when_knob_set if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["make"], "env": {"BRANCH": "$BUILDKITE_BRANCH"}})])
		with data.config.rules as {"pipeline/untrusted_upload_interpolation": {"check_env": true}}
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "env", "BRANCH"]
}

test_plugin_command_fails if {
	plugin := testing.plugin("monorepo-diff", "v1.0.0", {"watch": [{"path": "app/", "config": {"command": "buildkite-agent pipeline upload app/${BUILDKITE_BRANCH}.yml"}}]})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "watch", 0, "config", "command"]
	contains(f.message, "`command` of plugin `monorepo-diff`")
}

test_plugin_data_passes if {
	plugin := testing.plugin("docker-compose", "v5.0.0", {"image-name": "${BUILDKITE_BRANCH}-${BUILDKITE_COMMIT}"})
	count(rule.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
}

test_agent_tags_fail if {
	doc := {
		"pipeline": {"env": {}, "agents": {"queue": "ci-${BUILDKITE_BRANCH}"}, "secrets": {}, "notify": [], "steps": [
			testing.command_step({"label": "x", "agents": {"queue": "$BUILDKITE_PULL_REQUEST_BASE_BRANCH", "os": "linux"}}),
		]},
		"context": {},
	}
	findings := rule.deny with input as doc
	{f.path | some f in findings} == {["agents", "queue"], ["steps", 0, "agents", "queue"]}
}

test_knob_prefix_entries if {
	findings := rule.deny with input as cmd(["echo $PR_TITLE_TEXT"])
		with data.config.rules as {"pipeline/untrusted_upload_interpolation": {"untrusted_variables": ["PR_*"]}}
	count(findings) == 1
}

test_plugin_command_arguments if {
	plugin := testing.plugin("docker", "v5.3.0", {"image": "alpine:3", "command": ["./notify", "$BUILDKITE_MESSAGE"]})
	count(rule.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	shell := testing.plugin("docker", "v5.3.0", {"image": "alpine:3", "command": ["sh", "-c", "./notify $BUILDKITE_MESSAGE"]})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [shell]})])
	{f.path | some f in findings} == {["steps", 0, "plugins", 0, "config", "command", 2]}
}

test_step_on_literal_branches_only if {
	cmdline := "aws lambda update-function-code --image-uri $$IMAGE_URL:${BUILDKITE_BRANCH}-${BUILDKITE_COMMIT}"
	findings := rule.deny with input as testing.pipeline([
		testing.command_step({"commands": [cmdline], "branches": "main"}),
		testing.command_step({"commands": [cmdline], "if": "build.branch == \"main\""}),
		testing.command_step({"commands": [cmdline], "branches": "main release/*"}),
		testing.command_step({"commands": [cmdline], "if": "build.branch == \"main\" || build.pull_request.id != null"}),
		testing.command_step({"commands": ["echo $BUILDKITE_MESSAGE"], "branches": "main"}),
	])
		with data.config.rules as {"pipeline/untrusted_upload_interpolation": {"skip_fixed_branch_steps": true}}
	{f.path[1] | some f in findings} == {2, 3, 4}
	count(rule.deny) == 1 with input as testing.pipeline([testing.command_step({"commands": [cmdline], "branches": "main"})])
}
