# METADATA
# title: Secret interpolated at pipeline upload
# description: |
#   A secret-looking variable (`$NPM_TOKEN`, `${GITHUB_SSH_KEY}`) is written with a single
#   `$` in a command or plugin configuration, so pipeline upload pastes its value into the
#   job definition. `buildkite-agent pipeline upload` replaces `$VAR` and `${VAR}` with the
#   uploading job's environment before the steps are created, so the secret (or
#   `$BUILDKITE_AGENT_ACCESS_TOKEN`) ends up in clear text in the job definition, where the Buildkite UI, API and anyone who can read the build see it, and
#   log redaction does not apply. `$$VAR` (read by the shell at run time) is not reported,
#   nor variables the step sets itself (`VAR=…`, its `env`, its `secrets`, or a plugin
#   that provides them), which are empty at upload. A plugin `environment` entry that only
#   names the variable (`- GITHUB_SSH_KEY`) passes the agent's value through and sets nothing. Step `env` values are not checked
#   unless `check_env` is set.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/environment-variables#runtime-variable-interpolation
#     description: Runtime variable interpolation and escaping with `$$`
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/risk-considerations
#     description: Secrets risk considerations
# custom:
#   id: pipeline/secret_upload_interpolation
#   severity: high
#   area: 5
#   target: pipeline
#   remediation: >-
#     Write the variable as `$$NAME` (quoted: `"$$NAME"`) so the shell reads it when the job
#     runs, and give the step the secret through `secrets:` or a secrets plugin, not through
#     the uploading job's environment.
#   config:
#     check_env:
#       default: false
#       description: Also report secret-looking variables interpolated into `env` values.
#     name_patterns:
#       default: ['(^|_)TOKEN$', '(^|_)SECRET(_KEY|_ACCESS_KEY)?$', '(PASSWORD|PASSWD|PASSPHRASE)$', '(^|_)PASS$', '.+_PWD$', 'API_?KEY$', 'PRIVATE_?KEY$', '(SIGNING|ENCRYPTION|MASTER|LICENSE|DEPLOY|SSH|GPG|PGP)_?KEY$', 'CREDENTIALS?$', 'CONNECTION_?STRING$']
#       description: >-
#         Regular expressions for secret-like variable names, matched against the name in upper
#         case. Anchored at the end, so `MAX_NUM_BATCHED_TOKENS` or `TOKENIZERS_PARALLELISM` are
#         not secrets.
#     name_exceptions:
#       default: ['_(ID|IDS)$', '_(FILE|FILES|PATH|DIR|DIRECTORY|URL|URI|ENDPOINT|HOST|PORT)$', '_(NAME|NAMES|ARN|REGION|USER|USERNAME|EMAIL)$', '_(TYPE|KIND|METHOD|MODE|PROVIDER|BACKEND|STORE|SCOPE|SCOPES|AUDIENCE|ISSUER|ROLE)$', '_(TTL|LIFETIME|EXPIRY|EXPIRES|EXPIRATION|INTERVAL|TIMEOUT|DURATION|LENGTH|COUNT|LIMIT)$', '_(ENABLED|DISABLED|REQUIRED|ENV|PREFIX|SUFFIX|VERSION|PARAM|PARAMETER|FORMAT|STDIN)$', '_(SOCK|SOCKET|AGENT_PID)$']
#       description: Regular expressions for names that look secret-like but hold no secret.
package pipeline.secret_upload_interpolation

import data.lib.findings
import data.lib.interpolation
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

name_filter := secrets.name_filter(knobs.name_patterns, knobs.name_exceptions)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"secret `%s` in the %s of step `%s` is replaced at pipeline upload with the uploading job's value, so it is written into the job definition in clear text (visible in the UI and API, never redacted); write `$$%s` so the shell reads it at run time",
		[ref.name, t.where, pipeline.step_name(t.step), ref.name],
	),
	t.path,
	ref.line,
) if {
	some t in texts
	some ref in interpolation.references(t.text)
	secrets.secret_like(ref.name, name_filter)
	not provided(ref.name, t.step)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"secret `%s` in %s is replaced at pipeline upload with the uploading job's value, so it is written into the job definition in clear text; write `$$%s` or give the step the secret through `secrets:`",
		[ref.name, e.where, ref.name],
	),
	e.path,
	ref.line,
) if {
	knobs.check_env
	some e in secrets.env_entries
	is_string(e.value)
	some ref in interpolation.references(e.value)
	ref.name != e.name
	secrets.secret_like(ref.name, name_filter)
}

# texts: command lines and every string of a plugin's configuration, {path, step, text, where}.
texts := array.concat(
	[{"path": c.path, "step": c.step, "text": c.text, "where": "command"} |
		some c in pipeline.commands
		contains(c.text, "$")
	],
	[{"path": path, "step": entry, "text": value, "where": sprintf("configuration of plugin `%s`", [plugin.name])} |
		some entry in pipeline.command_steps
		some k, plugin in entry.step.plugins
		is_object(plugin.config)
		[p, value] := walk(plugin.config)
		is_string(value)
		contains(value, "$")
		path := array.concat(array.concat(entry.path, ["plugins", k, "config"]), p)
	],
)

# provided: the step (or pipeline) sets the variable itself, so it is empty at upload.
provided(name, entry) if name in interpolation.assigned(entry)

provided(name, entry) if object.get(pipeline.env_of(entry.step), name, null) != null

# A plugin's `NAME=value` environment entry sets it; a bare `NAME` only passes the agent's value through.
provided(name, entry) if {
	some plugin in entry.step.plugins
	[_, value] := walk(plugin.config)
	is_string(value)
	startswith(value, concat("", [name, "="]))
}

provided(name, entry) if object.get(entry.step.secrets, name, null) != null

provided(name, _) if object.get(input.pipeline.secrets, name, null) != null

provided(name, entry) if {
	some plugin in entry.step.plugins
	[_, value] := walk(plugin.config)
	is_object(value)
	object.get(value, name, null) != null
}
