# METADATA
# title: Secret printed to the build log
# description: |
#   A step that holds secrets and dumps its environment (`env`, `printenv`, `export -p`,
#   `declare -x`, `buildkite-agent env dump`), turns on shell tracing (`set -x`,
#   `set -o xtrace`, `bash -x`), echoes a secret-like variable (`echo $API_TOKEN`) or prints
#   a credential file (`cat ~/.npmrc`) writes those secrets into the build log. The agent's
#   log redaction only knows the exact values it was told about; encoded, split or
#   transformed values slip through. A step holds secrets when it or the pipeline has
#   `secrets:`, its environment has a secret-like name, or it uses a secrets plugin.
#   `env FOO=bar cmd`, `printenv HOME` and `echo "$TOKEN" | docker login --password-stdin`
#   (piped, not printed) pass.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/risk-considerations
#   - ref: https://buildkite.com/docs/agent/v3/cli-redactor
# custom:
#   id: pipeline/secret_printed
#   severity: high
#   area: 5
#   target: pipeline
#   remediation: Remove the command that prints the environment or the secret; if you need tracing, turn it off (`set +x`) around lines that use secrets, and pass secrets to tools through stdin or files rather than echoing them.
#   config:
#     only_with_secrets:
#       default: true
#       description: Only report steps that receive secrets; set to false to report these commands in every step.
#     secrets_plugins:
#       default: ["secrets", "aws-ssm", "aws-sm", "aws-secrets-manager", "vault-secrets", "vault", "gcp-secret-manager", "elastic-ci-stack-s3-secrets-hooks", "aws-assume-role-with-web-identity", "gcp-workload-identity-federation"]
#       description: Plugins (short name, without `-buildkite-plugin`) that put secrets or cloud credentials into the step's environment.
#     credential_files:
#       default: [".npmrc", ".netrc", ".pypirc", ".git-credentials", ".aws/credentials", ".docker/config.json", ".kube/config", ".env"]
#       description: Files whose content is a credential; `cat` of one prints it.
#     name_patterns:
#       default: ['TOKEN', 'SECRET', 'PASSWORD|PASSWD|PASSPHRASE', '(^|_)PASS$', '.+_PWD$', 'API_?KEY', 'PRIVATE_?KEY', 'ACCESS_?KEY', '(SIGNING|ENCRYPTION|MASTER|LICENSE|DEPLOY|SSH|GPG|PGP)_?KEY', 'CREDENTIAL', '(^|_)O?AUTH(_|$)', 'AUTHORIZATION', 'CONNECTION_?STRING']
#       description: Regular expressions for secret-like variable names, matched against the name in upper case with `-` and `.` as `_`.
#     name_exceptions:
#       default: ['_(ID|IDS)$', '_(FILE|FILES|PATH|DIR|DIRECTORY|URL|URI|ENDPOINT|HOST|PORT)$', '_(NAME|NAMES|ARN|REGION|USER|USERNAME|EMAIL)$', '_(TYPE|KIND|METHOD|MODE|PROVIDER|BACKEND|STORE|SCOPE|SCOPES|AUDIENCE|ISSUER|ROLE)$', '_(TTL|LIFETIME|EXPIRY|EXPIRES|EXPIRATION|INTERVAL|TIMEOUT|DURATION|LENGTH|COUNT|LIMIT)$', '_(ENABLED|DISABLED|REQUIRED|ENV|PREFIX|SUFFIX|VERSION|PARAM|PARAMETER|FORMAT|STDIN)$']
#       description: Regular expressions for names that look secret-like but hold no secret.
package pipeline.secret_printed

import data.lib.findings
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` %s%s; do not print it", [pipeline.step_name(entry), hit.what, context(entry)]),
	hit.path,
	hit.evidence,
) if {
	some hit in hits
	entry := pipeline.command_steps[hit.at]
	in_scope(entry)
}

in_scope(entry) if receives_secrets(entry)

context(entry) := " while it holds secrets" if receives_secrets(entry)

else := ""

in_scope(_) if not knobs.only_with_secrets

# receives_secrets: the step is given secrets, or its environment names one.
receives_secrets(_) if count(object.get(input.pipeline, "secrets", {})) > 0

receives_secrets(entry) if count(object.get(entry.step, "secrets", {})) > 0

receives_secrets(entry) if {
	some name in secrets.env_names(entry)
	secret_name(name)
}

receives_secrets(entry) if {
	some plugin in entry.step.plugins
	secrets.plugin_in(plugin, knobs.secrets_plugins)
}

secret_name(name) if secrets.secret_like(name, name_filter)

name_filter := secrets.name_filter(knobs.name_patterns, knobs.name_exceptions)

# command_lines: every line of every command, with its path and its step's index in
# lib.pipeline.command_steps. An array of small entries: a set would hash each entry.
command_lines := [{"path": c.path, "at": c.at, "text": text, "segments": secrets.segments(text)} |
	some c in pipeline.commands
	some text in secrets.lines(c.text)
]

# hits: command lines that write secrets to the log: step index, path, what it does, and the fragment.

# A bare `env` / `printenv` (also piped, as in `env | sort`) dumps the whole environment.
hits contains {"path": line.path, "at": line.at, "what": sprintf("dumps the environment with `%s`", [seg]), "evidence": seg} if {
	some line in command_lines
	some seg in line.segments
	contains(seg, "env")
	regex.match(`^(?:(?:then|do|else|sudo|time)\s+)*(?:env|printenv)(?:\s+-0)?$`, seg)
}

hits contains {"path": line.path, "at": line.at, "what": sprintf("dumps the environment with `%s`", [seg]), "evidence": seg} if {
	some line in command_lines
	some seg in line.segments
	dump_candidate(seg)
	regex.match(`^(?:export\s+-p|declare\s+-[px]|typeset\s+-[px]|set|buildkite-agent\s+env\s+(?:dump|get)(?:\s+--format[= ]\S+)?)$`, seg)
}

hits contains {"path": line.path, "at": line.at, "what": sprintf("prints secret `%s` with `printenv`", [m[1]]), "evidence": seg} if {
	some line in command_lines
	some seg in line.segments
	contains(seg, "printenv")
	some m in regex.find_all_string_submatch_n(`^(?:sudo\s+)?printenv\s+([A-Za-z_][A-Za-z0-9_]*)$`, seg, 1)
	secret_name(m[1])
}

# Shell tracing echoes every command after expansion, secrets included.
hits contains {"path": line.path, "at": line.at, "what": sprintf("turns on shell tracing with `%s`", [m[0]]), "evidence": m[0]} if {
	some line in command_lines
	tracing_candidate(line.text)
	some m in regex.find_all_string_submatch_n(
		`\bset(?:\s+[-+][A-Za-z]+)*\s+-[A-Za-z]*x[A-Za-z]*\b|\bset\s+-o\s+xtrace\b|\b(?:bash|sh|zsh|ksh|dash)\s+-[A-Za-z]*x[A-Za-z]*\b`,
		line.text, -1,
	)
}

# `echo` / `printf` of a secret-like variable, unless piped into a command or redirected to a file
# (a line without `$` references no variable).
hits contains {"path": line.path, "at": line.at, "what": sprintf("prints secret `%s`", [v[1]]), "evidence": fragment} if {
	some line in command_lines
	echo_candidate(line.text)
	contains(line.text, "$")
	some m in regex.find_all_string_submatch_n(`\b((?:echo|printf)\s[^;&|>]*)(\|\||\||>&[12]|>|&&|;|&|$)`, line.text, -1)
	not m[2] in {"|", ">"}
	fragment := trim_space(m[1])
	some v in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?\+)?`, fragment, -1)
	v[2] == ""
	secret_name(v[1])
}

# `cat` of a credential file.
hits contains {"path": line.path, "at": line.at, "what": sprintf("prints credential file `%s`", [file]), "evidence": seg} if {
	some line in command_lines
	some seg in line.segments
	contains(seg, "cat ")
	some m in regex.find_all_string_submatch_n(`^(?:sudo\s+)?cat\s+(.+)$`, seg, 1)
	some arg in split(m[1], " ")
	file := trim(arg, "\"'")
	some name in knobs.credential_files
	credential_file(file, name)
}

# Cheap substring tests that skip the regular expressions on most lines.
dump_candidate(seg) if contains(seg, "export")

dump_candidate(seg) if contains(seg, "declare")

dump_candidate(seg) if contains(seg, "typeset")

dump_candidate(seg) if contains(seg, "env")

dump_candidate("set")

tracing_candidate(text) if contains(text, "set ")

tracing_candidate(text) if contains(text, "sh -")

echo_candidate(text) if contains(text, "echo")

echo_candidate(text) if contains(text, "printf")

credential_file(file, name) if file == name

credential_file(file, name) if endswith(file, concat("", ["/", name]))
