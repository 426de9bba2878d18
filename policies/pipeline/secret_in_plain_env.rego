# METADATA
# title: Secret in plain env
# description: |
#   An environment variable with a secret-like name (`*_TOKEN`, `*_PASSWORD`, `*_API_KEY`…)
#   set to a literal value in the pipeline file: the value is committed to the repository
#   and shown in the build's environment tab, outside Buildkite's secret handling. Checked
#   in pipeline `env`, step `env`, a trigger step's `build.env`, and `NAME=value` entries of a
#   plugin's `environment` / `env` list. Names only passed through (`- GITHUB_TOKEN`),
#   references (`$VAR`, `${VAR}`), paths, booleans and placeholders pass, and so do a
#   single lower-case word under 8 letters (`please`, `enabled`: a setting, not a secret)
#   and the `env` of secret-store plugins (`aws-sm`, `vault-secrets`, `1password-secrets`…),
#   which maps variables to secret *names*. Evidence is the variable's name, never its value.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/risk-considerations
# custom:
#   id: pipeline/secret_in_plain_env
#   severity: high
#   area: 5
#   target: pipeline
#   remediation: Move the value into a Buildkite secret and expose it with `secrets:` on the step (or a secrets plugin such as `aws-ssm` or `vault-secrets`), then rotate it, since it is in git history.
#   config:
#     name_patterns:
#       default: ['TOKEN', 'SECRET', 'PASSWORD|PASSWD|PASSPHRASE', '(^|_)PASS$', '.+_PWD$', 'API_?KEY', 'PRIVATE_?KEY', 'ACCESS_?KEY', '(SIGNING|ENCRYPTION|MASTER|LICENSE|DEPLOY|SSH|GPG|PGP)_?KEY', 'CREDENTIAL', '(^|_)O?AUTH(_|$)', 'AUTHORIZATION', 'CONNECTION_?STRING']
#       description: Regular expressions for secret-like names, matched against the name in upper case with `-` and `.` as `_`.
#     name_exceptions:
#       default: ['_(ID|IDS)$', '_(FILE|FILES|PATH|DIR|DIRECTORY|URL|URI|ENDPOINT|HOST|PORT)$', '_(NAME|NAMES|ARN|REGION|USER|USERNAME|EMAIL)$', '_(TYPE|KIND|METHOD|MODE|PROVIDER|BACKEND|STORE|SCOPE|SCOPES|AUDIENCE|ISSUER|ROLE)$', '_(TTL|LIFETIME|EXPIRY|EXPIRES|EXPIRATION|INTERVAL|TIMEOUT|DURATION|LENGTH|COUNT|LIMIT)$', '_(ENABLED|DISABLED|REQUIRED|ENV|PREFIX|SUFFIX|VERSION|PARAM|PARAMETER|FORMAT|STDIN)$']
#       description: Regular expressions for names that look secret-like but hold no secret (`*_KEY_ID`, `*_TOKEN_FILE`, `*_SECRET_NAME`).
#     placeholders:
#       default: ['(?i)^(x+|\*+|\.+|-+|#+|0+|\?+)$', '(?i)x{6,}|\*{3,}|\.{3}', '^<[^>]*>$', '^\[[^\]]*\]$', '(?i)^(changeme|change_me|replaceme|replace_me|dummy|fake|placeholder|redacted|secret|password|passwd|pass|token|test|testing|example|sample|none|null|nil|undefined|empty|todo|tbd|foo|bar|baz|admin|root|guest|postgres|mysql|localstack|minioadmin)$', '(?i)(dummy|fake|placeholder|redacted|changeme|change_me|your_|your-)']
#       description: Regular expressions for values that are placeholders or throwaway test credentials (`postgres`, `test`), not secrets.
#     secret_store_plugins:
#       default: ['(?i)^(?:.*-)?(?:sm|ssm|secrets?|secret-manager|vault|vault-env|1password|doppler|infisical|akeyless|sops|keyvault|key-vault)(?:-.*)?$']
#       description: Regular expressions on a plugin's short name (`aws-sm`, `vault-secrets`) for plugins whose `env` names secrets in a store rather than holding values.
#     check_plugin_environment:
#       default: true
#       description: Also check `NAME=value` entries of plugin `environment` / `env` settings.
package pipeline.secret_in_plain_env

import data.lib.findings
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("secret-like variable `%s` is set to a literal value in %s; move it into a Buildkite secret and rotate it", [e.name, e.where]),
	e.path,
	e.name,
) if {
	some e in secrets.env_entries
	in_scope(e)
	secrets.secret_like(e.name, name_filter)
	secrets.literal(e.value, knobs.placeholders)
	not short_word(e.value)
}

# short_word: one lower-case word under 8 letters, the shape of a setting (`please`), not of a secret.
short_word(value) if regex.match(`^[a-z]{1,7}$`, value)

in_scope(e) if not "plugins" in e.path

in_scope(e) if {
	"plugins" in e.path
	knobs.check_plugin_environment
	not pipeline.matches_any(e.plugin, knobs.secret_store_plugins)
}

name_filter := secrets.name_filter(knobs.name_patterns, knobs.name_exceptions)
