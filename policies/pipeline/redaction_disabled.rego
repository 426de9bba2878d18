# METADATA
# title: Log redaction turned off
# description: |
#   The pipeline turns off the agent's log redaction or makes leaked OIDC tokens live long.
#   The agent replaces the values of secret-looking variables (those matching
#   `BUILDKITE_REDACTED_VARS`), of `buildkite-agent secret get` results and of OIDC tokens
#   with `[REDACTED]` in the build log. Reported: `BUILDKITE_REDACTED_VARS` set to nothing,
#   or to a list that drops the agent's default patterns, in any `env`;
#   `--skip-redaction` on a `buildkite-agent` command (`secret get`, `oidc request-token`)
#   and `BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_SKIP_TOKEN_REDACTION` set true; and OIDC tokens
#   requested with a `--lifetime` longer than `max_oidc_lifetime` seconds, which a leaked
#   log keeps usable for longer. A list that extends the defaults (it keeps every default
#   pattern, or starts from `$BUILDKITE_REDACTED_VARS`) passes.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/managing-log-output#redacted-environment-variables
#     description: Redacted environment variables
#   - ref: https://buildkite.com/docs/agent/v3/cli-oidc
#     description: "`buildkite-agent oidc request-token`: `--lifetime`, `--skip-redaction`"
#   - ref: https://buildkite.com/docs/agent/v3/cli-secret
#     description: "`buildkite-agent secret get`"
# custom:
#   id: pipeline/redaction_disabled
#   severity: high
#   area: 5
#   target: pipeline
#   remediation: >-
#     Remove `--skip-redaction` and the variables that turn redaction off; to redact more,
#     append to the defaults (`BUILDKITE_REDACTED_VARS: "*_PASSWORD,*_SECRET,*_TOKEN,*_PRIVATE_KEY,*_ACCESS_KEY,*_SECRET_KEY,*_CONNECTION_STRING,MY_VAR"`);
#     request OIDC tokens with the default lifetime or a few minutes.
#   config:
#     default_redacted_vars:
#       default: ["*_PASSWORD", "*_SECRET", "*_TOKEN", "*_PRIVATE_KEY", "*_ACCESS_KEY", "*_SECRET_KEY", "*_CONNECTION_STRING"]
#       description: The agent's default redaction patterns, which a `BUILDKITE_REDACTED_VARS` value must keep.
#     max_oidc_lifetime:
#       default: 3600
#       description: The longest OIDC token `--lifetime` in seconds that is not reported.
package pipeline.redaction_disabled

import data.lib.detect_transport as transport
import data.lib.findings
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`BUILDKITE_REDACTED_VARS` in %s is empty, which turns log redaction off: secrets printed by the job appear in the log in clear text; remove it or append to the defaults", [e.where]),
	e.path,
	e.name,
) if {
	some e in redacted_vars
	trim_space(e.value) == ""
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`BUILDKITE_REDACTED_VARS` in %s drops the default patterns %s, so those variables are no longer redacted from the log; append to the defaults instead", [e.where, concat(", ", sort(missing))]),
	e.path,
	e.name,
) if {
	some e in redacted_vars
	trim_space(e.value) != ""
	not contains(e.value, "$")
	listed := {trim_space(p) | some p in split(e.value, ",")}
	missing := {sprintf("`%s`", [d]) | some d in knobs.default_redacted_vars; not d in listed}
	count(missing) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` in %s turns off redaction of OIDC tokens, so the token is printed to the log; remove it", [e.name, e.where]),
	e.path,
	e.name,
) if {
	some e in secrets.env_entries
	e.name == "BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_SKIP_TOKEN_REDACTION"
	truthy(e.value)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` prints the value without redaction, so it reaches the build log in clear text; remove `--skip-redaction`", [fragment]),
	t.path,
	fragment,
) if {
	some t in transport.runnable_texts
	contains(t.text, "--skip-redaction")
	some m in regex.find_all_string_submatch_n(`\bbuildkite-agent\s+[^;&|\n]*--skip-redaction\b`, t.text, -1)
	fragment := m[0]
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("OIDC token requested with a lifetime of %d seconds (over %d): a token leaked from the log stays usable that long; drop `--lifetime` or keep it to minutes", [lifetime, knobs.max_oidc_lifetime]),
	t.path,
	m[0],
) if {
	some t in transport.runnable_texts
	contains(t.text, "--lifetime")
	some m in regex.find_all_string_submatch_n(`\bbuildkite-agent\s+oidc\s+request-token\b[^;&|\n]*--lifetime[=\s]+["']?([0-9]+)`, t.text, -1)
	lifetime := to_number(m[1])
	lifetime > knobs.max_oidc_lifetime
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("OIDC tokens requested in %s live %d seconds (over %d): a token leaked from the log stays usable that long; keep the lifetime to minutes", [e.where, lifetime, knobs.max_oidc_lifetime]),
	e.path,
	e.name,
) if {
	some e in secrets.env_entries
	e.name == "BUILDKITE_AGENT_OIDC_REQUEST_TOKEN_LIFETIME"
	is_string(e.value)
	regex.match(`^[0-9]+$`, e.value)
	lifetime := to_number(e.value)
	lifetime > knobs.max_oidc_lifetime
}

# redacted_vars: every `BUILDKITE_REDACTED_VARS` the file sets, with its value as text.
redacted_vars contains object.union(e, {"value": text}) if {
	some e in secrets.env_entries
	e.name == "BUILDKITE_REDACTED_VARS"
	text := value_text(e.value)
}

value_text(value) := value if is_string(value)

value_text(null) := ""

truthy(value) if value == true

truthy(value) if {
	is_string(value)
	lower(trim_space(value)) in {"true", "1", "yes", "on"}
}
