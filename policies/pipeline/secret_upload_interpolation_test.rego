package pipeline.secret_upload_interpolation_test

import data.lib.testing
import data.pipeline.secret_upload_interpolation as rule

cmd(commands) := testing.pipeline([testing.command_step({"label": "test", "commands": commands})])

test_ssh_key_in_command_fails if {
	findings := rule.deny with input as cmd(["if [ -z \"$GITHUB_SSH_KEY\" ]; then\n  exit 1\nfi\necho \"$GITHUB_SSH_KEY\" > ~/.ssh/id_rsa\nchmod 600 ~/.ssh/id_rsa"])
	{f.evidence | some f in findings} == {"if [ -z \"$GITHUB_SSH_KEY\" ]; then", "echo \"$GITHUB_SSH_KEY\" > ~/.ssh/id_rsa"}
	some f in findings
	f.rule == "pipeline/secret_upload_interpolation"
	f.path == ["steps", 0, "commands", 0]
	contains(f.message, "`$$GITHUB_SSH_KEY`")
}

test_spellings_fail if {
	findings := rule.deny with input as cmd(["npm config set //registry.npmjs.org/:_authToken ${NPM_TOKEN}", "curl -H \"Authorization: Token $BUILDKITE_AGENT_ACCESS_TOKEN\" https://x"])
	count(findings) == 2
}

test_escaped_set_or_not_secret_passes if {
	count(rule.deny) == 0 with input as cmd([
		"echo \"$$NPM_TOKEN\" | docker login --password-stdin",
		"export API_TOKEN=$(vault read -field=token secret/ci) && curl -H \"$API_TOKEN\" https://x",
		"cat $TOKEN_FILE",
		"ssh-add -l; echo $SSH_AUTH_SOCK",
		"vllm serve --max-num-batched-tokens $MAX_NUM_BATCHED_TOKENS",
		"export TOKENIZERS_PARALLELISM=false; python train.py $TOKENIZERS_PARALLELISM",
		"echo $BUILDKITE_BUILD_NUMBER",
		"# echo $NPM_TOKEN",
	])
}

test_step_provided_secrets_pass if {
	count(rule.deny) == 0 with input as testing.pipeline([
		testing.command_step({"commands": ["publish --token $NPM_TOKEN"], "secrets": {"NPM_TOKEN": "npm_token"}}),
		testing.command_step({"commands": ["publish --token $GH_TOKEN"], "env": {"GH_TOKEN": "$$GITHUB_TOKEN"}}),
		testing.command_step({"commands": ["deploy --key $DEPLOY_KEY"], "plugins": [testing.plugin("aws-ssm", "v1.0.0", {"parameters": {"DEPLOY_KEY": "/ci/deploy-key"}})]}),
	])
}

test_plugin_config_fails if {
	plugin := testing.plugin("docker-compose", "v5.0.0", {"run": "app", "environment": ["GH_TOKEN=${GITHUB_TOKEN}", "CI=true"]})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{f.path | some f in findings} == {["steps", 0, "plugins", 0, "config", "environment", 0]}
}

test_env_only_with_knob if {
	doc := testing.pipeline([testing.command_step({"commands": ["make"], "env": {"API_KEY": "$KOMODOR_API_KEY", "OTHER": "x"}})])
	count(rule.deny) == 0 with input as doc
	findings := rule.deny with input as doc with data.config.rules as {"pipeline/secret_upload_interpolation": {"check_env": true}}
	count(findings) == 1
}

test_passthrough_is_not_provided if {
	plugin := testing.plugin("docker", "v5.3.0", {"image": "ubuntu:22.04", "environment": ["GITHUB_SSH_KEY", "NPM_TOKEN=$$NPM_TOKEN_CI"]})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["echo \"$GITHUB_SSH_KEY\" > key", "npm publish --token $NPM_TOKEN"], "plugins": [plugin]})])
	{f.evidence | some f in findings} == {"echo \"$GITHUB_SSH_KEY\" > key"}
}
