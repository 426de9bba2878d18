package pipeline.hardcoded_secret_test

import data.lib.hints
import data.lib.secrets
import data.lib.testing
import data.pipeline.hardcoded_secret

# Fake credentials, pattern-valid but assembled here so the file holds no scannable token.
aws_key_id := "AKIAIOSFODNN7EXAMPLE"

aws_secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

gh_token := concat("", ["ghp", "_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"])

gh_pat := concat("", ["github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789abcdefghijklmnopqrstu"])

bk_token := concat("", ["bkua", "_", "4f6ccde8c73e26244d73c5a77c91c242c0c818ce"])

hex_agent_token := "45fb61df1332089842b24aede27dd483f716fef9"

slack_hook := concat("", ["https://hooks.slack.com/services/", "T0A1B2C3D/B0A1B2C3D/aZ9bY8cX7dW6eV5fU4gT3hS2"])

commands(cmds) := testing.pipeline([testing.command_step({"label": "build", "commands": cmds})])

with_env(env) := testing.pipeline([testing.command_step({"label": "build", "commands": ["make"], "env": env})])

test_aws_access_key_in_command if {
	findings := hardcoded_secret.deny with input as commands([concat("", ["export AWS_ACCESS_KEY_ID=", aws_key_id])])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/hardcoded_secret"
	f.path == ["steps", 0, "commands", 0]
	f.evidence == "AKIA…(20 chars)"
	f.message == "AWS access key ID hardcoded in a command; revoke it, then read it from a Buildkite secret"
}

test_aws_secret_key_in_step_env if {
	findings := hardcoded_secret.deny with input as with_env({"AWS_SECRET_ACCESS_KEY": aws_secret})
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "env", "AWS_SECRET_ACCESS_KEY"]
	f.evidence == "wJal…(40 chars)"
	f.message == "AWS secret access key under `AWS_SECRET_ACCESS_KEY` hardcoded in env `AWS_SECRET_ACCESS_KEY`; revoke it, then read it from a Buildkite secret"
}

test_aws_secret_key_in_configure_command if {
	findings := hardcoded_secret.deny with input as commands([concat(" ", ["aws configure set aws_secret_access_key", aws_secret])])
	count(findings) == 1
	some f in findings
	f.evidence == "wJal…(40 chars)"
	f.message == "AWS secret access key hardcoded in a command; revoke it, then read it from a Buildkite secret"
}

test_github_token_in_plugin_config if {
	doc := testing.pipeline([testing.command_step({"plugins": [testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": gh_token})]})])
	findings := hardcoded_secret.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "github_token"]
	f.evidence == "ghp_…(40 chars)"
	f.message == "GitHub token hardcoded in config of plugin `ossf-scorecard`; revoke it, then read it from a Buildkite secret"
}

test_github_fine_grained_token if {
	findings := hardcoded_secret.deny with input as commands([concat("", ["gh auth login --with-token <<< ", gh_pat])])
	count(findings) == 1
	some f in findings
	f.evidence == "github_pat_…(98 chars)"
}

test_buildkite_token_in_pipeline_env if {
	doc := json.patch(testing.pipeline([]), [{"op": "add", "path": "/pipeline/env", "value": {"BUILDKITE_API_TOKEN": bk_token}}])
	findings := hardcoded_secret.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["env", "BUILDKITE_API_TOKEN"]
	f.evidence == "bkua_…(45 chars)"
	f.message == "Buildkite token hardcoded in pipeline env `BUILDKITE_API_TOKEN`; revoke it, then read it from a Buildkite secret"
}

test_newer_buildkite_token_formats_under_neutral_names if {
	tokens := [
		concat("", ["bkpt", "_", "Q2x1c3RlclRva2VuLS0tYjYwMDE0MTYt"]),
		concat("", ["bkpat", "_", "MTA.4f6ccde8c73e26244d73c5a77c91c242c0c818ce"]),
		concat("", ["bkps", "_", "9d2f1c7b5e3a4b8c6d0e2f4a6b8c0d1e"]),
		concat("", ["bktx", "_", "Miyf6S3a3g9j8pyBGTyLC1frg9k6gDHT"]),
	]
	findings := hardcoded_secret.deny with input as with_env({"A": tokens[0], "B": tokens[1], "C": tokens[2], "D": tokens[3]})
	{[f.path[3], f.evidence] | some f in findings} == {["A", "bkpt_…(37 chars)"], ["B", "bkpat…(50 chars)"], ["C", "bkps_…(37 chars)"], ["D", "bktx_…(37 chars)"]}
}

test_breakpoint_identifiers_are_not_tokens if {
	count(hardcoded_secret.deny) == 0 with input as commands(["./run --pattern permutation_results_bkpt_padding_1000_overlap.txt", "python -c 'do_test(bkpt_name_with_a_long_suffix_here)'"])
}

test_legacy_agent_token_under_token_name if {
	findings := hardcoded_secret.deny with input as with_env({"BUILDKITE_AGENT_TOKEN": hex_agent_token})
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "env", "BUILDKITE_AGENT_TOKEN"]
	f.evidence == "45fb…(40 chars)"
	f.message == "high-entropy value under `BUILDKITE_AGENT_TOKEN` hardcoded in env `BUILDKITE_AGENT_TOKEN`; revoke it, then read it from a Buildkite secret"
}

test_hex_under_plain_name_passes if {
	count(hardcoded_secret.deny) == 0 with input as with_env({"GIT_COMMIT": hex_agent_token})
}

test_slack_webhook_in_notify if {
	doc := json.patch(testing.pipeline([]), [{"op": "add", "path": "/pipeline/notify", "value": [{"webhook": slack_hook}]}])
	findings := hardcoded_secret.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["notify", 0, "webhook"]
	f.evidence == "https://hooks.slack.com/…(77 chars)"
	f.message == "Slack webhook URL hardcoded in a notification; revoke it, then read it from a Buildkite secret"
}

test_private_key_block if {
	key := concat("\n", ["-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "-----END OPENSSH PRIVATE KEY-----"])
	findings := hardcoded_secret.deny with input as with_env({"DEPLOY_KEY": key})
	count(findings) == 1
	some f in findings
	f.evidence == "-----BEGIN OPENSSH PRIVATE KEY-----"
	f.message == "private key hardcoded in env `DEPLOY_KEY`; revoke it, then read it from a Buildkite secret"
}

test_vendor_formats_in_commands if {
	findings := hardcoded_secret.deny with input as commands([
		concat("", ["curl https://maps.googleapis.com/x?key=", "AIza", "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"]),
		concat("", ["stripe charges list --api-key=", "sk_live_", "4eC39HqLyjWDarjtT1zdp7dc"]),
		concat("", ["npm config set //registry.npmjs.org/:_authToken ", "npm_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"]),
		concat("", ["slack-notify --bot ", "xoxb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"]),
		concat("", ["git clone https://ci-bot:", "s3cr3tPassw0rd", "@git.example.com/org/repo.git"]),
		concat("", ["glab auth login --stdin <<< ", "glpat-", "Ab1Cd2Ef3Gh4Ij5Kl6Mn"]),
	])
	titles := {split(f.message, " hardcoded")[0] | some f in findings}
	titles == {"Google API key", "Stripe live key", "npm token", "Slack token", "password in a URL", "GitLab token"}
	count(findings) == 6
	some f in findings
	f.path == ["steps", 0, "commands", 4]
	f.evidence == "…(14 chars)"
}

test_jwt_in_authorization_header if {
	jwt := concat(".", ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiJjaS1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9", "c2lnbmF0dXJlLXZhbHVlLWZha2U"])
	findings := hardcoded_secret.deny with input as commands([concat("", ["curl -H \"Authorization: Bearer ", jwt, "\" https://api.example.com"])])
	count(findings) == 1
	some f in findings
	f.message == "JSON Web Token hardcoded in a command; revoke it, then read it from a Buildkite secret"
	f.evidence == "eyJ…(93 chars)"
}

test_high_entropy_bearer_and_flag if {
	findings := hardcoded_secret.deny with input as commands([
		"curl -H \"Authorization: Bearer abcDEF123ghiJKL456mnoPQR789\" https://api.example.com",
		"deploy --api-key 9fK2mQ7xLp4vR8sT1wZ3yB6n --region us-east-1",
	])
	count(findings) == 2
	{f.evidence | some f in findings} == {"abcD…(27 chars)", "9fK2…(24 chars)"}
	{f.message | some f in findings} == {
		"high-entropy value under `Authorization` hardcoded in a command; revoke it, then read it from a Buildkite secret",
		"high-entropy value under `api-key` hardcoded in a command; revoke it, then read it from a Buildkite secret",
	}
}

test_plugin_environment_assignment if {
	doc := testing.pipeline([testing.command_step({"plugins": [testing.plugin("docker", "v5.12.0", {
		"image": "node:20",
		"environment": ["NODE_ENV=production", "SERVICE_TOKEN=Zx8Qw2Ry6Tu4Io0Pa1Sd"],
	})]})])
	findings := hardcoded_secret.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "environment", 1]
	f.message == "high-entropy value under `SERVICE_TOKEN` hardcoded in config of plugin `docker`; revoke it, then read it from a Buildkite secret"
}

test_group_step_path if {
	group := testing.step("group", {"label": "release", "steps": [
		testing.command_step({"commands": ["make"]}),
		testing.command_step({"commands": [concat("", ["echo ", aws_key_id])]}),
	]})
	findings := hardcoded_secret.deny with input as testing.pipeline([group])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "steps", 1, "commands", 0]
}

# Nothing reported: references, secret-store paths, names, placeholders, test values.
test_references_and_corpus_patterns_pass if {
	doc := testing.pipeline([testing.command_step({
		"commands": [
			"git push \"https://dummy-user:$${GH_TOKEN}@github.com/buildkite/docs.git\" ${BUILDKITE_COMMIT}:main",
			"helm lint charts/agent-stack-k8s --set agentToken=test --set image=test:latest",
			"curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com",
			"export NPM_TOKEN=$(vault read -field=token secret/npm)",
			"deploy --token {{matrix.token}}",
			concat("", ["echo ", "ghp_", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
			"docker login --password-stdin registry.example.com",
		],
		"env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}", "API_KEY": "<redacted>", "DRY_RUN": "false"},
		"secrets": {"BUILDKITE_API_TOKEN": "MCP_EVAL_FRAMEWORK_EXTERNAL_ORG_BUILDKITE_API_TOKEN", "X_TOKEN": "a1b2c3d4e5f6a7b8c9d0e1f2"},
		"signature": {"value": "eyJhbGciOiJFZERTQSIsImtpZCI6ImtleSJ9..c2lnbmF0dXJlMTIzNDU2Nzg5MA", "algorithm": "EdDSA"},
		"plugins": [
			testing.plugin("aws-ssm", "v1.1.0", {"parameters": {"GH_TOKEN": "/pipelines/buildkite/docs-private/gh-token"}}),
			testing.plugin("secrets", "v2.5.0", {"variables": {"GITHUB_TOKEN": "GITHUB_TOKEN"}}),
			testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN"}),
			testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {
				"role-arn": "arn:aws:iam::445615400570:role/pipeline-buildkite-docs-private",
				"credential-name-prefix": "ECR_",
			}),
			testing.plugin("docker", "v5.14.0", {"environment": ["BUILDKITE_AGENT_ACCESS_TOKEN", "GH_TOKEN=${GITHUB_TOKEN}", "RUN_IN_CI=true"]}),
		],
	})])
	count(hardcoded_secret.deny) == 0 with input as doc
}

test_wordy_values_under_secret_names_pass if {
	count(hardcoded_secret.deny) == 0 with input as with_env({
		"SECRET_NAME": "integration_test_buildkite_api_token_2",
		"API_TOKEN_REF": "test-engine-suite-token-v2",
		"DB_PASSWORD": "postgres",
	})
}

test_disabled_detector if {
	count(hardcoded_secret.deny) == 1 with input as commands([concat("", ["echo ", aws_key_id])])
	count(hardcoded_secret.deny) == 0 with input as commands([concat("", ["echo ", aws_key_id])])
		with data.config.rules as {"pipeline/hardcoded_secret": {"disabled_detectors": ["aws_access_key_id"]}}
}

test_entropy_knobs if {
	doc := with_env({"BUILDKITE_AGENT_TOKEN": hex_agent_token})
	count(hardcoded_secret.deny) == 0 with input as doc
		with data.config.rules as {"pipeline/hardcoded_secret": {"min_entropy": 4}}
	count(hardcoded_secret.deny) == 0 with input as doc
		with data.config.rules as {"pipeline/hardcoded_secret": {"min_length": 41}}
}

test_evidence_and_message_never_hold_the_secret if {
	secrets := [aws_key_id, aws_secret, gh_token, bk_token, hex_agent_token]
	doc := with_env({"A_TOKEN": gh_token, "B_TOKEN": bk_token, "C_TOKEN": hex_agent_token, "AWS_SECRET_ACCESS_KEY": aws_secret, "AWS_ACCESS_KEY_ID": aws_key_id})
	findings := hardcoded_secret.deny with input as doc
	count(findings) == 5
	every f in findings {
		every s in secrets {
			not contains(f.evidence, s)
			not contains(f.message, s)
		}
	}
}

test_locations_in_other_keys if {
	trigger := testing.step("trigger", {"label": "deploy", "trigger": "deploy-app", "extra": {"build": {"message": concat(" ", ["key", aws_key_id])}}})
	artifacts := testing.command_step({"commands": ["make"], "artifact_paths": [concat("", ["dist/", aws_key_id])]})
	findings := hardcoded_secret.deny with input as testing.pipeline([trigger, artifacts])
	{[f.path, f.message] | some f in findings} == {
		[["steps", 0, "extra", "build", "message"], "AWS access key ID hardcoded in `message`; revoke it, then read it from a Buildkite secret"],
		[["steps", 1, "artifact_paths", 0], "AWS access key ID hardcoded in the pipeline; revoke it, then read it from a Buildkite secret"],
	}
}

test_pipeline_secrets_map_is_not_scanned if {
	doc := json.patch(testing.pipeline([]), [{"op": "add", "path": "/pipeline/secrets", "value": {"API_TOKEN": "a1b2c3d4e5f6a7b8c9d0e1f2"}}])
	count(hardcoded_secret.deny) == 0 with input as doc
}

test_every_default_name_pattern_has_hints if {
	hints.needles(hardcoded_secret.knobs.name_patterns, secrets.name_hints) != null
	hints.needles(hardcoded_secret.knobs.name_exceptions, secrets.exception_hints) != null
}

test_option_like if {
	hardcoded_secret.option_like("--token abc")
	hardcoded_secret.option_like("run\t-p x")
	hardcoded_secret.option_like("a\n--b c")
	not hardcoded_secret.option_like("repo-1 x-y")
}
