# METADATA
# title: Static cloud credentials
# description: |
#   Long-lived cloud keys (AWS access keys, Azure client secrets and storage keys, Google
#   service-account keys) give whoever reads or leaks them access until someone rotates
#   them; an agent compromise keeps working long after the build. Buildkite agents can get
#   short-lived credentials through OIDC instead (`buildkite-agent oidc request-token`, the
#   `aws-assume-role-with-web-identity` and `gcp-workload-identity-federation` plugins).
#   Reported: a cloud key variable set to a literal value (pipeline, step, trigger or plugin
#   environment), one mapped from a stored secret (`secrets:` or a secrets plugin), and
#   commands that install static keys: `aws configure set aws_secret_access_key …`,
#   `gcloud auth activate-service-account --key-file …`, `az login --service-principal -p …`.
#   A plugin `environment` entry that only names a variable (`- AWS_ACCESS_KEY_ID`) passes
#   it through and is not reported. Evidence is a name or a command fragment, never a value.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/oidc
#   - ref: https://buildkite.com/docs/pipelines/security/oidc/aws
# custom:
#   id: pipeline/static_cloud_credentials
#   severity: high
#   area: 6
#   target: pipeline
#   remediation: Replace the static keys with OIDC federation (`aws-assume-role-with-web-identity`, `gcp-workload-identity-federation`, or `buildkite-agent oidc request-token` with your cloud's web-identity login), then revoke the keys.
#   config:
#     key_names:
#       default: ['(^|_)AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$', '^(AZURE|ARM)_CLIENT_SECRET$', '^(AZURE_STORAGE_KEY|AZURE_STORAGE_ACCOUNT_KEY|AZURE_STORAGE_CONNECTION_STRING|ARM_ACCESS_KEY)$', '^(GOOGLE_CREDENTIALS|GOOGLE_CLOUD_KEYFILE_JSON|GCLOUD_SERVICE_KEY|GCP_SERVICE_ACCOUNT_KEY|GOOGLE_APPLICATION_CREDENTIALS_JSON)$']
#       description: Regular expressions for variable names that hold static cloud keys, matched against the name in upper case.
#     placeholders:
#       default: ['(?i)^(x+|\*+|-+|0+)$', '(?i)x{6,}|\*{3,}', '^<[^>]*>$', '(?i)^(test|testing|dummy|fake|foo|bar|none|null|placeholder|example|changeme|localstack|minioadmin|minio|local|mock)$', '(?i)(dummy|fake|placeholder|redacted|changeme)']
#       description: Regular expressions for values that are placeholders or local test keys (localstack, minio), not real keys.
#     report_stored_keys:
#       default: true
#       description: Also report static cloud keys that come from a stored secret (`secrets:`, or a key of a secrets plugin's settings) rather than OIDC.
#     secrets_plugins:
#       default: ["secrets", "aws-ssm", "aws-sm", "aws-secrets-manager", "vault-secrets", "vault", "gcp-secret-manager"]
#       description: Plugins (short name) whose settings map secrets to environment variables.
#     oidc_plugins:
#       default: ["aws-assume-role-with-web-identity", "gcp-workload-identity-federation"]
#       description: Plugins that obtain short-lived cloud credentials through OIDC.
#     report_key_file_env:
#       default: false
#       description: Also report `GOOGLE_APPLICATION_CREDENTIALS` set to a literal `.json` path inside the checkout (often a committed service-account key, but also used for workload identity configs).
package pipeline.static_cloud_credentials

import data.lib.findings
import data.lib.hints
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

# A cloud key variable set to a literal value.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("static cloud credential `%s` is set to a literal value in %s; use OIDC (`buildkite-agent oidc request-token`) and rotate the key", [e.name, e.where]),
	e.path,
	e.name,
) if {
	some e in secrets.env_entries
	key_name(e.name)
	secrets.literal(e.value, knobs.placeholders)
}

# A cloud key variable mapped from a stored secret.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("static cloud credential `%s` comes from a stored secret instead of OIDC; assume a role with a Buildkite OIDC token instead", [name]),
	path,
	name,
) if {
	knobs.report_stored_keys
	some [path, name] in stored_secret_names
	key_name(name)
}

# `GOOGLE_APPLICATION_CREDENTIALS` pointing at a key file in the checkout.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` points at key file `%s` in the checkout in %s", [e.name, e.value, e.where]),
	e.path,
	e.name,
) if {
	knobs.report_key_file_env
	some e in secrets.env_entries
	upper(e.name) == "GOOGLE_APPLICATION_CREDENTIALS"
	is_string(e.value)
	not secrets.is_reference(e.value)
	regex.match(`^(\./)?[^/~$][^$]*\.json$`, e.value)
}

# Commands that install static keys.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` %s", [pipeline.step_name(pipeline.command_steps[hit.at]), hit.what]),
	hit.path,
	hit.evidence,
) if {
	some hit in command_hits
}

key_name(name) if {
	key := upper(name)
	hints.possible(hints.folded(key), key_name_needles)
	pipeline.matches_any(key, key_names)
}

# key_names: the key name patterns that may match (lib.hints.reachable).
key_names := hints.reachable(knobs.key_names, key_name_hints)

# key_name_needles: the literal prefilter (lib.hints) of key_names.
key_name_needles := hints.needles(knobs.key_names, key_name_hints)

# key_name_hints: for each default key name pattern, lower-case literals one of which every match contains.
key_name_hints := {
	`(^|_)AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$`: ["aws_"],
	`^(AZURE|ARM)_CLIENT_SECRET$`: ["_client_secret"],
	`^(AZURE_STORAGE_KEY|AZURE_STORAGE_ACCOUNT_KEY|AZURE_STORAGE_CONNECTION_STRING|ARM_ACCESS_KEY)$`: ["azure_storage_", "arm_access_key"],
	`^(GOOGLE_CREDENTIALS|GOOGLE_CLOUD_KEYFILE_JSON|GCLOUD_SERVICE_KEY|GCP_SERVICE_ACCOUNT_KEY|GOOGLE_APPLICATION_CREDENTIALS_JSON)$`: ["google_", "gcloud_service_key", "gcp_service_account_key"],
}

# stored_secret_names: [path, env name] of every variable filled from a stored secret.
stored_secret_names contains [["secrets", name], name] if {
	some name, _ in object.get(input.pipeline, "secrets", {})
}

stored_secret_names contains [array.concat(entry.path, ["secrets", name]), name] if {
	some entry in pipeline.steps
	some name, _ in object.get(entry.step, "secrets", {})
}

stored_secret_names contains [array.concat(array.concat(entry.path, ["plugins", k, "config"]), sub), key] if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	secrets.plugin_in(plugin, knobs.secrets_plugins)
	walk(plugin.config, [sub, _])
	count(sub) > 0
	key := sub[count(sub) - 1]
	is_string(key)
}

# uses_oidc: the step gets short-lived credentials through OIDC.
uses_oidc(entry) if {
	some plugin in entry.step.plugins
	secrets.plugin_in(plugin, knobs.oidc_plugins)
}

uses_oidc(entry) if {
	some text in entry.step.commands
	contains(text, "oidc")
	regex.match(`buildkite-agent\s+oidc\s+request-token`, text)
}

# command_lines: every line of every command, with its path and its step's index in
# lib.pipeline.command_steps. An array of small entries: a set would hash each entry.
command_lines := [{"path": c.path, "at": c.at, "text": text} |
	some c in pipeline.commands
	some text in secrets.lines(c.text)
]

# command_hits: commands that install static keys: step index, path, what they do, and the fragment.
command_hits contains {"path": line.path, "at": line.at, "what": what, "evidence": m[1]} if {
	some line in command_lines
	contains(line.text, "configure")
	some m in regex.find_all_string_submatch_n(
		`(aws\s+configure\s+set\s+(?:--profile[= ]\S+\s+)?(?:[A-Za-z0-9_-]+\.)?(aws_access_key_id|aws_secret_access_key|aws_session_token))(?:\s+("[^"]*"|'[^']*'|[^\s;&|]+))?`,
		line.text, -1,
	)
	static_configure(m[3], pipeline.command_steps[line.at])
	what := sprintf("stores a static AWS key with `aws configure set %s`", [m[2]])
}

command_hits contains {"path": line.path, "at": line.at, "what": what, "evidence": concat("", [m[1], "="])} if {
	some line in command_lines
	contains(line.text, "=")
	some m in regex.find_all_string_submatch_n(
		`(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|()]*)`,
		line.text, -1,
	)
	key_name(m[1])
	secrets.literal(trim(m[2], "\"'"), knobs.placeholders)
	what := sprintf("sets static cloud credential `%s` to a literal value", [m[1]])
}

command_hits contains {"path": line.path, "at": line.at, "what": what, "evidence": m[1]} if {
	some line in command_lines
	contains(line.text, "activate-service-account")
	some m in regex.find_all_string_submatch_n(`(gcloud\s+auth\s+activate-service-account\b[^;&|]*?--key-file)`, line.text, -1)
	what := "logs in with a service-account key file (`gcloud auth activate-service-account --key-file`)"
}

command_hits contains {"path": line.path, "at": line.at, "what": what, "evidence": m[1]} if {
	some line in command_lines
	contains(line.text, "--service-principal")
	some m in regex.find_all_string_submatch_n(`(az\s+login\b[^;&|]*?\s(?:-p|--password))(?:[\s=]|$)`, line.text, -1)
	regex.match(`az\s+login\b[^;&|]*--service-principal`, line.text)
	what := "logs in with a service-principal secret (`az login --service-principal -p`)"
}

# static_configure: `aws configure set` stores a static key when the value is written out,
# or when the step has no OIDC login that the value could come from.
static_configure(value, _) if secrets.literal(trim(value, "\"'"), knobs.placeholders)

static_configure(value, entry) if {
	not secrets.literal(trim(value, "\"'"), knobs.placeholders)
	not uses_oidc(entry)
}
