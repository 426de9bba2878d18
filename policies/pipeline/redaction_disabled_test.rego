package pipeline.redaction_disabled_test

import data.lib.testing
import data.pipeline.redaction_disabled as rule

defaults := "*_PASSWORD,*_SECRET,*_TOKEN,*_PRIVATE_KEY,*_ACCESS_KEY,*_SECRET_KEY,*_CONNECTION_STRING"

with_env(env, steps) := object.union(testing.pipeline(steps), {"pipeline": {"env": env}})

test_empty_redacted_vars_fails if {
	findings := rule.deny with input as with_env({"BUILDKITE_REDACTED_VARS": ""}, [testing.command_step({"commands": ["make"]})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/redaction_disabled"
	f.path == ["env", "BUILDKITE_REDACTED_VARS"]
	contains(f.message, "is empty")
}

test_list_dropping_defaults_fails if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"label": "x", "commands": ["make"], "env": {"BUILDKITE_REDACTED_VARS": "*_PASSWORD,MY_KEY"}})])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "env", "BUILDKITE_REDACTED_VARS"]
	contains(f.message, "`*_TOKEN`")
	not contains(f.message, "`*_PASSWORD`")
}

test_extended_list_passes if {
	count(rule.deny) == 0 with input as with_env({"BUILDKITE_REDACTED_VARS": concat(",", [defaults, "MY_KEY"])}, [
		testing.command_step({"commands": ["make"], "env": {"BUILDKITE_REDACTED_VARS": "$BUILDKITE_REDACTED_VARS,MY_KEY"}}),
	])
}

test_skip_redaction_fails if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": [
		"export NPM_TOKEN=$$(buildkite-agent secret get npm_token --skip-redaction)",
		"TOKEN=$$(buildkite-agent oidc request-token --audience sts.amazonaws.com --skip-redaction)",
		"./run --skip-redaction",
	]})])
	{f.evidence | some f in findings} == {
		"buildkite-agent secret get npm_token --skip-redaction",
		"buildkite-agent oidc request-token --audience sts.amazonaws.com --skip-redaction",
	}
}

test_oidc_skip_redaction_env_fails if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["make"], "env": {"BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_SKIP_TOKEN_REDACTION": "true"}})])
	count(findings) == 1
	count(rule.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["make"], "env": {"BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_SKIP_TOKEN_REDACTION": "false"}})])
}

test_long_oidc_lifetime_fails if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({
		"commands": [
			"buildkite-agent oidc request-token --audience sts.amazonaws.com --lifetime 86400",
			"buildkite-agent oidc request-token --lifetime=300",
		],
		"env": {"BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_LIFETIME": "7200"},
	})])
	{f.path | some f in findings} == {["steps", 0, "commands", 0], ["steps", 0, "env", "BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_LIFETIME"]}
}

test_lifetime_knob if {
	count(rule.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["buildkite-agent oidc request-token --lifetime 86400"], "env": {"BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_LIFETIME": "${LIFETIME}"}})])
		with data.config.rules as {"pipeline/redaction_disabled": {"max_oidc_lifetime": 86400}}
}
