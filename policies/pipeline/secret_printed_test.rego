package pipeline.secret_printed_test

import data.lib.hints
import data.lib.secrets
import data.lib.testing
import data.pipeline.secret_printed

# A step that receives a Buildkite secret and runs the given commands.
with_secret(cmds) := testing.pipeline([testing.command_step({"label": "release", "commands": cmds, "secrets": {"GITHUB_TOKEN": "github_release_token"}})])

# A step with no secrets at all.
plain(cmds) := testing.pipeline([testing.command_step({"label": "lint", "commands": cmds})])

test_bare_env_fails if {
	findings := secret_printed.deny with input as with_secret(["env | sort", "make release"])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/secret_printed"
	f.path == ["steps", 0, "commands", 0]
	f.evidence == "env"
	f.message == "step `release` dumps the environment with `env` while it holds secrets; do not print it"
}

test_printenv_and_dumps_fail if {
	findings := secret_printed.deny with input as with_secret([
		"printenv",
		"printenv GITHUB_TOKEN",
		"export -p",
		"declare -x",
		"buildkite-agent env dump",
		"if true; then env; fi",
		"typeset -x",
		"set",
	])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "printenv"],
		[1, "printenv GITHUB_TOKEN"],
		[2, "export -p"],
		[3, "declare -x"],
		[4, "buildkite-agent env dump"],
		[5, "then env"],
		[6, "typeset -x"],
		[7, "set"],
	}
}

test_env_with_arguments_passes if {
	count(secret_printed.deny) == 0 with input as with_secret([
		"env FOO=bar ./build.sh",
		"printenv HOME",
		"env -i PATH=/usr/bin make",
		"declare -x FOO=bar",
		"env > env.txt",
	])
}

test_shell_tracing_fails if {
	findings := secret_printed.deny with input as with_secret([
		"set -euxo pipefail",
		"set -o xtrace",
		"bash -x ./deploy.sh",
		"set -e -x",
	])
	{f.evidence | some f in findings} == {"set -euxo", "set -o xtrace", "bash -x", "set -e -x"}
	some f in findings
	f.evidence == "bash -x"
	f.message == "step `release` turns on shell tracing with `bash -x` while it holds secrets; do not print it"
}

test_tracing_off_passes if {
	count(secret_printed.deny) == 0 with input as with_secret([
		"set -euo pipefail",
		"set +x",
		"tar -xzf dist.tgz",
		"ssh -x host uptime",
		"git reset --hard",
	])
}

test_echo_secret_fails if {
	findings := secret_printed.deny with input as with_secret([
		"echo \"token is $GITHUB_TOKEN\"",
		"echo \"${NPM_TOKEN}\" && npm publish",
		"printf '%s\\n' $$DOCKER_PASSWORD >&2",
	])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "echo \"token is $GITHUB_TOKEN\""],
		[1, "echo \"${NPM_TOKEN}\""],
		[2, "printf '%s\\n' $$DOCKER_PASSWORD"],
	}
	some f in findings
	f.path[3] == 0
	f.message == "step `release` prints secret `GITHUB_TOKEN` while it holds secrets; do not print it"
}

test_echo_piped_or_redirected_passes if {
	count(secret_printed.deny) == 0 with input as with_secret([
		"echo \"$DOCKER_PASSWORD\" | docker login --username bot --password-stdin",
		"echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > ~/.npmrc",
		"echo \"token set: ${GITHUB_TOKEN:+yes}\"",
		"echo \"Building branch $BUILDKITE_BRANCH\"",
		"echo ${#GITHUB_TOKEN}",
	])
}

test_multiline_command_points_at_fragment if {
	script := "echo \"--- :key: setup\"\nset -x\n./release.sh"
	findings := secret_printed.deny with input as with_secret([script])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "commands", 0]
	f.evidence == "set -x"
}

test_credential_file_fails if {
	findings := secret_printed.deny with input as with_secret(["cat ~/.npmrc", "cat $HOME/.docker/config.json | jq .", "cat README.md", "sudo cat .env"])
	{f.evidence | some f in findings} == {"cat ~/.npmrc", "cat $HOME/.docker/config.json", "sudo cat .env"}
}

test_no_secrets_no_finding if {
	count(secret_printed.deny) == 0 with input as plain(["env", "set -x", "echo $GITHUB_TOKEN"])
}

test_report_everywhere_knob if {
	findings := secret_printed.deny with input as plain(["env", "set -x"])
		with data.config.rules as {"pipeline/secret_printed": {"only_with_secrets": false}}
	count(findings) == 2
	some f in findings
	f.message == "step `lint` dumps the environment with `env`; do not print it"
}

test_secret_sources if {
	pipeline_secrets := json.patch(plain(["env"]), [{"op": "add", "path": "/pipeline/secrets", "value": {"API": "API"}}])
	count(secret_printed.deny) == 1 with input as pipeline_secrets

	secret_env := testing.pipeline([testing.command_step({"commands": ["env"], "env": {"DEPLOY_TOKEN": "$DEPLOY_TOKEN"}})])
	count(secret_printed.deny) == 1 with input as secret_env

	pipeline_env := json.patch(plain(["env"]), [{"op": "add", "path": "/pipeline/env", "value": {"SONAR_TOKEN": "x"}}])
	count(secret_printed.deny) == 1 with input as pipeline_env

	ssm := testing.pipeline([testing.command_step({"commands": ["env"], "plugins": [testing.plugin("aws-ssm", "v1.1.0", {"parameters": {"X": "/p"}})]})])
	count(secret_printed.deny) == 1 with input as ssm

	org_plugin := testing.pipeline([testing.command_step({"commands": ["env"], "plugins": [
		object.union(testing.plugin("seek-oss/aws-sm", "v2.3.2", {}), {"source": "github.com/seek-oss/aws-sm-buildkite-plugin"}),
	]})])
	count(secret_printed.deny) == 1 with input as org_plugin

	passthrough := testing.pipeline([testing.command_step({"commands": ["env"], "plugins": [testing.plugin("docker", "v5.14.0", {"environment": ["BUILDKITE_AGENT_ACCESS_TOKEN"]})]})])
	count(secret_printed.deny) == 1 with input as passthrough

	harmless_env := testing.pipeline([testing.command_step({"commands": ["env"], "env": {"NODE_ENV": "test", "AUTH_METHOD": "oidc"}})])
	count(secret_printed.deny) == 0 with input as harmless_env
}

# Real-world shape (buildkite/docs sync pipeline): a secret used inside a URL is not printed.
test_corpus_git_push_passes if {
	doc := testing.pipeline([testing.command_step({
		"commands": ["echo \"+++ :git: Syncing to public mirror\"\n\ngit push \"https://dummy-user:$${GH_TOKEN}@github.com/buildkite/docs.git\" ${BUILDKITE_COMMIT}:main"],
		"plugins": [testing.plugin("aws-ssm", "v1.1.0", {"parameters": {"GH_TOKEN": "/pipelines/buildkite/docs-private/gh-token"}})],
	})])
	count(secret_printed.deny) == 0 with input as doc
}

test_every_default_name_pattern_has_hints if {
	hints.needles(secret_printed.knobs.name_patterns, secrets.name_hints) != null
	hints.needles(secret_printed.knobs.name_exceptions, secrets.exception_hints) != null
}
