package pipeline.secret_in_plain_env_test

import data.lib.hints
import data.lib.secrets
import data.lib.testing
import data.pipeline.secret_in_plain_env

with_env(env) := testing.pipeline([testing.command_step({"label": "deploy", "commands": ["make deploy"], "env": env})])

with_pipeline_env(env) := json.patch(testing.pipeline([]), [{"op": "add", "path": "/pipeline/env", "value": env}])

with_plugin_config(config) := testing.pipeline([testing.command_step({"label": "test", "plugins": [testing.plugin("docker", "v5.12.0", config)]})])

test_step_env_literal_fails if {
	findings := secret_in_plain_env.deny with input as with_env({"NPM_TOKEN": "s3cr3t-npm-value", "NODE_ENV": "production"})
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/secret_in_plain_env"
	f.path == ["steps", 0, "env", "NPM_TOKEN"]
	f.evidence == "NPM_TOKEN"
	f.message == "secret-like variable `NPM_TOKEN` is set to a literal value in env of step `deploy`; move it into a Buildkite secret and rotate it"
}

test_pipeline_env_literal_fails if {
	findings := secret_in_plain_env.deny with input as with_pipeline_env({"DB_PASSWORD": "hunter2", "apiKey": "k-12345"})
	count(findings) == 2
	{f.path | some f in findings} == {["env", "DB_PASSWORD"], ["env", "apiKey"]}
	some f in findings
	f.path == ["env", "DB_PASSWORD"]
	f.message == "secret-like variable `DB_PASSWORD` is set to a literal value in pipeline env; move it into a Buildkite secret and rotate it"
}

test_value_never_in_finding if {
	findings := secret_in_plain_env.deny with input as with_env({"GITHUB_MY_APP_DEPLOYMENT_ACCESS_TOKEN": "bd0fa963610b"})
	count(findings) == 1
	every f in findings {
		not contains(f.message, "bd0fa963610b")
		not contains(f.evidence, "bd0fa963610b")
	}
}

test_group_member_env_fails if {
	group := testing.step("group", {"label": "g", "steps": [testing.command_step({"key": "inner", "env": {"SLACK_WEBHOOK_SECRET": "abc123def"}})]})
	findings := secret_in_plain_env.deny with input as testing.pipeline([group])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "steps", 0, "env", "SLACK_WEBHOOK_SECRET"]
	f.message == "secret-like variable `SLACK_WEBHOOK_SECRET` is set to a literal value in env of step `inner`; move it into a Buildkite secret and rotate it"
}

test_trigger_build_env_fails if {
	trigger := testing.step("trigger", {"label": "deploy", "trigger": "deploy-app", "extra": {"build": {"env": {"DEPLOY_PASSWORD": "p4ssw0rd!"}}}})
	findings := secret_in_plain_env.deny with input as testing.pipeline([trigger])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "extra", "build", "env", "DEPLOY_PASSWORD"]
	f.message == "secret-like variable `DEPLOY_PASSWORD` is set to a literal value in build env of trigger step `deploy`; move it into a Buildkite secret and rotate it"
}

test_plugin_environment_assignment_fails if {
	findings := secret_in_plain_env.deny with input as with_plugin_config({"image": "node:20", "environment": [
		"BUILDKITE_AGENT_ACCESS_TOKEN",
		"GH_TOKEN=${GITHUB_TOKEN}",
		"RUN_IN_CI=true",
		"SONAR_TOKEN=squ_0123456789abcdef",
	]})
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "environment", 3]
	f.evidence == "SONAR_TOKEN"
	f.message == "secret-like variable `SONAR_TOKEN` is set to a literal value in `environment` of plugin `docker`; move it into a Buildkite secret and rotate it"
}

test_plugin_env_map_fails if {
	findings := secret_in_plain_env.deny with input as with_plugin_config({"env": {"REGISTRY_PASSWORD": "pa55word"}})
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "env", "REGISTRY_PASSWORD"]
}

test_plugin_environment_knob_off if {
	count(secret_in_plain_env.deny) == 0 with input as with_plugin_config({"environment": ["SONAR_TOKEN=squ_0123456789abcdef"]})
		with data.config.rules as {"pipeline/secret_in_plain_env": {"check_plugin_environment": false}}
}

test_references_paths_and_flags_pass if {
	count(secret_in_plain_env.deny) == 0 with input as with_env({
		"GITHUB_TOKEN": "$GITHUB_TOKEN",
		"NPM_TOKEN": "${NPM_TOKEN:-}",
		"API_TOKEN": "$$API_TOKEN",
		"VAULT_TOKEN": "$(cat /run/secrets/vault)",
		"MATRIX_TOKEN": "{{matrix.token}}",
		"GOOGLE_APPLICATION_CREDENTIALS": "/var/run/secrets/gcp/key.json",
		"SSH_KEY_PATH": "~/.ssh/id_ed25519",
		"SECRETS_MANAGER_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x",
		"SKIP_AUTH": "true",
		"TOKEN_REQUIRED": "false",
		"EMPTY_TOKEN": "",
		"VAULT_TOKEN_SOURCE": "https://vault.example.com/v1/auth/token",
		"API_TOKEN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token",
	})
}

test_name_exceptions_pass if {
	count(secret_in_plain_env.deny) == 0 with input as with_env({
		"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
		"GPG_KEY_ID": "0xDEADBEEF",
		"OAUTH_CLIENT_ID": "buildkite-cli",
		"SECRET_NAME": "prod/app/db",
		"TOKEN_TTL": "3600",
		"AUTH_METHOD": "oidc",
		"NETLIFY_AUTH_TOKEN_ENV": "NETLIFY_AUTH_TOKEN",
	})
}

test_placeholders_and_test_values_pass if {
	count(secret_in_plain_env.deny) == 0 with input as with_env({
		"POSTGRES_PASSWORD": "postgres",
		"API_KEY": "changeme",
		"ACCESS_TOKEN": "<your-token>",
		"CLIENT_SECRET": "xxxxxxxx",
		"MY_SECRET": "***",
	})
}

# Real-world shape (buildkite/docs, agent-stack-k8s): secrets via `secrets:` and aws-ssm, names only in env lists.
test_corpus_patterns_pass if {
	doc := testing.pipeline([testing.command_step({
		"commands": ["make"],
		"env": {"GOCACHE": "/root/.cache/go-build", "BUILDKITE_AGENT_CACHE_STORE_URL": "s3://buildkite-agent-stack-k8s-cache"},
		"secrets": {"REGISTRY_PASSWORD": "ghcr_password"},
		"plugins": [
			testing.plugin("aws-ssm", "v1.1.0", {"parameters": {"GH_TOKEN": "/pipelines/buildkite/docs-private/gh-token"}}),
			testing.plugin("docker", "v5.14.0", {"environment": ["BUILDKITE_AGENT_ACCESS_TOKEN", "GITHUB_TOKEN", "GH_TOKEN=${GITHUB_TOKEN}"]}),
		],
	})])
	count(secret_in_plain_env.deny) == 0 with input as doc
}

test_custom_name_patterns if {
	doc := with_env({"SENTRY_DSN": "https-less-dsn-value", "NPM_TOKEN": "abc123"})
	findings := secret_in_plain_env.deny with input as doc
		with data.config.rules as {"pipeline/secret_in_plain_env": {"name_patterns": ["_DSN$"]}}
	count(findings) == 1
	some f in findings
	f.evidence == "SENTRY_DSN"
}

test_every_default_name_pattern_has_hints if {
	hints.needles(secret_in_plain_env.knobs.name_patterns, secrets.name_hints) != null
	hints.needles(secret_in_plain_env.knobs.name_exceptions, secrets.exception_hints) != null
}

store(name) := testing.pipeline([testing.command_step({"plugins": [testing.plugin(name, "v1.0.0", {"env": {"NPM_TOKEN": "global/npm-token"}})]})])

test_secret_store_plugin_env_names_secrets if {
	every name in ["seek-oss/aws-sm", "vault-secrets", "tapendium/1password-secrets", "org/gcp-secret-manager"] {
		count(secret_in_plain_env.deny) == 0 with input as store(name)
	}
	count(secret_in_plain_env.deny) == 1 with input as store("docker")
}

test_short_lower_case_word_is_a_setting if {
	count(secret_in_plain_env.deny) == 0 with input as with_env({"GET_GITHUB_TOKEN": "please", "GET_NPM_TOKEN": "please"})
	count(secret_in_plain_env.deny) == 1 with input as with_env({"GITHUB_TOKEN": "pleasepleaseplease"})
}
