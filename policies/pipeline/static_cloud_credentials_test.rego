package pipeline.static_cloud_credentials_test

import data.lib.hints
import data.lib.testing
import data.pipeline.static_cloud_credentials

aws_key_id := "AKIAIOSFODNN7EXAMPLE"

aws_secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

step(fields) := testing.pipeline([testing.command_step(object.union({"label": "deploy", "commands": ["./deploy.sh"]}, fields))])

commands(cmds) := step({"commands": cmds})

test_literal_env_keys_fail if {
	findings := static_cloud_credentials.deny with input as step({"env": {
		"AWS_ACCESS_KEY_ID": aws_key_id,
		"AWS_SECRET_ACCESS_KEY": aws_secret,
		"AWS_REGION": "us-east-1",
	}})
	count(findings) == 2
	{f.path | some f in findings} == {["steps", 0, "env", "AWS_ACCESS_KEY_ID"], ["steps", 0, "env", "AWS_SECRET_ACCESS_KEY"]}
	some f in findings
	f.rule == "pipeline/static_cloud_credentials"
	f.evidence == "AWS_SECRET_ACCESS_KEY"
	f.message == "static cloud credential `AWS_SECRET_ACCESS_KEY` is set to a literal value in env of step `deploy`; use OIDC (`buildkite-agent oidc request-token`) and rotate the key"
	every g in findings {
		not contains(g.evidence, aws_secret)
		not contains(g.message, aws_secret)
	}
}

test_azure_and_prefixed_names_fail if {
	doc := json.patch(testing.pipeline([]), [{"op": "add", "path": "/pipeline/env", "value": {
		"ARM_CLIENT_SECRET": "Qx~8Q~abcdefghijklmnopqrstuvwxyz0123456",
		"ECR_AWS_SESSION_TOKEN": "FwoGZXIvYXdzEJr//////////wEaDEXAMPLE",
	}}])
	findings := static_cloud_credentials.deny with input as doc
	{f.path | some f in findings} == {["env", "ARM_CLIENT_SECRET"], ["env", "ECR_AWS_SESSION_TOKEN"]}
}

test_plugin_environment_literal_fails if {
	doc := step({"plugins": [testing.plugin("docker", "v5.8.0", {"environment": ["AWS_ACCESS_KEY_ID", concat("=", ["AWS_SECRET_ACCESS_KEY", aws_secret])]})]})
	findings := static_cloud_credentials.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "environment", 1]
	f.message == "static cloud credential `AWS_SECRET_ACCESS_KEY` is set to a literal value in `environment` of plugin `docker`; use OIDC (`buildkite-agent oidc request-token`) and rotate the key"
}

# buildkite/agent release pipelines: names passed through to the container, keys from OIDC.
test_pass_through_names_pass if {
	doc := step({"plugins": [
		testing.plugin("aws-assume-role-with-web-identity", "v1.4.0", {"role-arn": "arn:aws:iam::172840064832:role/x", "credential-name-prefix": "ECR_"}),
		testing.plugin("docker", "v5.8.0", {"environment": ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ECR_AWS_ACCESS_KEY_ID"]}),
	]})
	count(static_cloud_credentials.deny) == 0 with input as doc
}

test_references_and_local_test_keys_pass if {
	count(static_cloud_credentials.deny) == 0 with input as step({"env": {
		"AWS_ACCESS_KEY_ID": "${CI_AWS_ACCESS_KEY_ID}",
		"AWS_SECRET_ACCESS_KEY": "test",
		"AWS_SESSION_TOKEN": "",
		"AZURE_CLIENT_SECRET": "$$AZURE_CLIENT_SECRET",
	}})
}

test_stored_secret_keys_fail if {
	doc := json.patch(
		step({
			"secrets": {"AWS_SECRET_ACCESS_KEY": "prod_aws_secret"},
			"plugins": [testing.plugin("aws-ssm", "v1.1.0", {"parameters": {"AWS_ACCESS_KEY_ID": "/ci/aws-key-id", "GH_TOKEN": "/ci/gh"}})],
		}),
		[{"op": "add", "path": "/pipeline/secrets", "value": {"ARM_CLIENT_SECRET": "ARM_CLIENT_SECRET"}}],
	)
	findings := static_cloud_credentials.deny with input as doc
	{f.path | some f in findings} == {
		["secrets", "ARM_CLIENT_SECRET"],
		["steps", 0, "secrets", "AWS_SECRET_ACCESS_KEY"],
		["steps", 0, "plugins", 0, "config", "parameters", "AWS_ACCESS_KEY_ID"],
	}
	some f in findings
	f.path == ["steps", 0, "secrets", "AWS_SECRET_ACCESS_KEY"]
	f.message == "static cloud credential `AWS_SECRET_ACCESS_KEY` comes from a stored secret instead of OIDC; assume a role with a Buildkite OIDC token instead"
	count(static_cloud_credentials.deny) == 0 with input as doc
		with data.config.rules as {"pipeline/static_cloud_credentials": {"report_stored_keys": false}}
}

test_aws_configure_set_fails if {
	findings := static_cloud_credentials.deny with input as commands([
		concat(" ", ["aws configure set aws_access_key_id", aws_key_id]),
		"aws configure set aws_secret_access_key \"$AWS_SECRET\" --profile ci",
	])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "aws configure set aws_access_key_id"],
		[1, "aws configure set aws_secret_access_key"],
	}
	some f in findings
	f.path[3] == 1
	f.message == "step `deploy` stores a static AWS key with `aws configure set aws_secret_access_key`"
}

test_aws_configure_from_oidc_passes if {
	doc := commands([
		"export AWS_WEB_IDENTITY_TOKEN=$(buildkite-agent oidc request-token --audience sts.amazonaws.com)",
		"aws configure set aws_session_token \"$SESSION_TOKEN\" --profile deploy",
		"aws configure set region us-east-1",
	])
	count(static_cloud_credentials.deny) == 0 with input as doc

	plugin := step({
		"commands": ["aws configure set aws_access_key_id $ECR_AWS_ACCESS_KEY_ID"],
		"plugins": [testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {"role-arn": "arn:aws:iam::1:role/x"})],
	})
	count(static_cloud_credentials.deny) == 0 with input as plugin
}

test_inline_assignment_fails if {
	findings := static_cloud_credentials.deny with input as commands([concat("", ["AWS_SECRET_ACCESS_KEY=", aws_secret, " aws s3 ls"])])
	count(findings) == 1
	some f in findings
	f.evidence == "AWS_SECRET_ACCESS_KEY="
	f.message == "step `deploy` sets static cloud credential `AWS_SECRET_ACCESS_KEY` to a literal value"
}

test_gcloud_and_az_logins_fail if {
	findings := static_cloud_credentials.deny with input as commands([
		"gcloud auth activate-service-account ci@proj.iam.gserviceaccount.com --key-file=key.json",
		"az login --service-principal -u \"$APP_ID\" -p \"$SP_SECRET\" --tenant \"$TENANT\"",
	])
	{f.evidence | some f in findings} == {
		"gcloud auth activate-service-account ci@proj.iam.gserviceaccount.com --key-file",
		"az login --service-principal -u \"$APP_ID\" -p",
	}
}

test_federated_logins_pass if {
	count(static_cloud_credentials.deny) == 0 with input as commands([
		"az login --service-principal -u \"$APP_ID\" --tenant \"$TENANT\" --federated-token \"$(buildkite-agent oidc request-token --audience api://AzureADTokenExchange)\"",
		"gcloud auth login --cred-file=wif-config.json",
		"az login --identity",
	])
}

test_key_file_env_knob if {
	doc := step({"env": {"GOOGLE_APPLICATION_CREDENTIALS": "ci/service-account.json"}})
	count(static_cloud_credentials.deny) == 0 with input as doc
	findings := static_cloud_credentials.deny with input as doc
		with data.config.rules as {"pipeline/static_cloud_credentials": {"report_key_file_env": true}}
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "env", "GOOGLE_APPLICATION_CREDENTIALS"]
	count(static_cloud_credentials.deny) == 0 with input as step({"env": {"GOOGLE_APPLICATION_CREDENTIALS": "/var/run/gcp/key.json"}})
		with data.config.rules as {"pipeline/static_cloud_credentials": {"report_key_file_env": true}}
}

test_every_default_key_name_has_hints if {
	hints.needles(static_cloud_credentials.knobs.key_names, static_cloud_credentials.key_name_hints) != null
}
