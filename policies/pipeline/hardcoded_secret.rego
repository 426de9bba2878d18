# METADATA
# title: Hardcoded secret
# description: |
#   A credential written into the pipeline YAML is readable by everyone who can read the
#   repository or the build, and lives on in git history after it is removed. The rule
#   looks at every string in the pipeline (commands, env, plugin settings, notifications)
#   for known credential formats under any name (AWS, GitHub, Buildkite `bkua_` `bkaa_`
#   `bkaj_` `bkar_` `bkct_` `bkrt_` `bkpt_` `bkpat_` `bkps_` `bktx_`, Slack, Google,
#   Stripe, npm, GitLab, PyPI, Docker Hub, Anthropic/OpenAI, SendGrid, JWTs, private key blocks,
#   passwords in URLs), and for high-entropy values under secret-like names (`*_TOKEN`,
#   `password`, `--api-key …`, `Authorization: Bearer …`). References (`$VAR`, `${VAR}`,
#   `$(cmd)`, `{{matrix.x}}`), paths, URLs without a password and placeholders pass.
#   Evidence shows only the first characters and the length of what was found.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/risk-considerations
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets
# custom:
#   id: pipeline/hardcoded_secret
#   severity: critical
#   area: 5
#   target: pipeline
#   remediation: Revoke and rotate the credential now, then remove it from the file and its git history; inject it at run time with Buildkite secrets (`secrets:`) or a secrets plugin.
#   config:
#     min_entropy:
#       default: 3.5
#       description: Shannon entropy (bits per character) from which a value under a secret-like name counts as a secret.
#     min_length:
#       default: 16
#       description: Shortest value under a secret-like name that the entropy check considers.
#     disabled_detectors:
#       default: []
#       description: "Credential formats not to report, by id: aws_access_key_id, aws_secret_access_key, github_token, github_pat, buildkite_token, slack_token, slack_webhook, private_key, google_api_key, stripe_key, npm_token, gitlab_token, pypi_token, docker_hub_token, ai_api_key, sendgrid_key, jwt, url_password."
#     name_patterns:
#       default: ['TOKEN', 'SECRET', 'PASSWORD|PASSWD|PASSPHRASE', '(^|_)PASS$', '.+_PWD$', 'API_?KEY', 'PRIVATE_?KEY', 'ACCESS_?KEY', '(SIGNING|ENCRYPTION|MASTER|LICENSE|DEPLOY|SSH|GPG|PGP)_?KEY', 'CREDENTIAL', '(^|_)O?AUTH(_|$)', 'AUTHORIZATION', 'CONNECTION_?STRING']
#       description: Regular expressions for secret-like names, matched against the name in upper case with `-` and `.` as `_`.
#     name_exceptions:
#       default: ['_(ID|IDS)$', '_(FILE|FILES|PATH|DIR|DIRECTORY|URL|URI|ENDPOINT|HOST|PORT)$', '_(NAME|NAMES|ARN|REGION|USER|USERNAME|EMAIL)$', '_(TYPE|KIND|METHOD|MODE|PROVIDER|BACKEND|STORE|SCOPE|SCOPES|AUDIENCE|ISSUER|ROLE)$', '_(TTL|LIFETIME|EXPIRY|EXPIRES|EXPIRATION|INTERVAL|TIMEOUT|DURATION|LENGTH|COUNT|LIMIT)$', '_(ENABLED|DISABLED|REQUIRED|ENV|PREFIX|SUFFIX|VERSION|PARAM|PARAMETER|FORMAT|STDIN)$']
#       description: Regular expressions for names that look secret-like but hold no secret (`*_KEY_ID`, `*_TOKEN_FILE`, `*_SECRET_NAME`).
#     placeholders:
#       default: ['(?i)^(x+|\*+|\.+|-+|#+|0+|\?+)$', '(?i)x{6,}|\*{3,}|\.{3}', '^<[^>]*>$', '^\[[^\]]*\]$', '(?i)^(changeme|change_me|replaceme|replace_me|dummy|fake|placeholder|redacted|secret|password|passwd|pass|token|test|testing|example|sample|none|null|nil|undefined|empty|todo|tbd|foo|bar|baz|admin|root|guest|postgres|mysql|localstack|minioadmin)$', '(?i)(dummy|fake|placeholder|redacted|changeme|change_me|your_|your-)']
#       description: Regular expressions for values that are placeholders, not secrets.
package pipeline.hardcoded_secret

import data.lib.findings
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

# Known credential formats anywhere in any string.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s hardcoded in %s; revoke it, then read it from a Buildkite secret", [d.title, location(s.path)]),
	s.path,
	d.evidence,
) if {
	some s in scanned
	some d in secrets.detections(s.value, knobs.disabled_detectors, knobs.placeholders)
}

# High-entropy values under secret-like names.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s under `%s` hardcoded in %s; revoke it, then read it from a Buildkite secret", [kind, c.name, location(c.path)]),
	c.path,
	secrets.redact(c.value, 4),
) if {
	some c in candidates
	c.name in secret_names
	not secrets.matches_detector(c.text)
	kind := classify(c.name, c.value)
}

# secret_names: the distinct candidate names that are secret-like, each tested once.
secret_names contains name if {
	some name in {c.name | some c in candidates}
	secrets.secret_like(name, name_filter)
}

name_filter := secrets.name_filter(knobs.name_patterns, knobs.name_exceptions)

# scanned: every string in the pipeline, except secret mappings (`secrets:` maps env names
# to secret names), step signatures and the `source` copy of each plugin's name. Arrays, here
# and in candidates: a set hashes every entry and costs more memory on large pipelines.
scanned := [{"path": path, "value": value} |
	walk(input.pipeline, [path, value])
	is_string(value)
	not excluded(path)
]

excluded(path) if {
	n := count(path)
	path[n - 2] == "secrets"
	n == 2
}

excluded(path) if {
	n := count(path)
	path[n - 2] == "secrets"
	path[n - 4] == "steps"
}

excluded(path) if {
	some i, part in path
	part == "signature"
	path[i - 2] == "steps"
}

excluded(path) if {
	n := count(path)
	path[n - 1] == "source"
	path[n - 3] == "plugins"
}

# candidates: name/value pairs: a key and its string value, `NAME=value` assignments and
# `--flag value` options inside strings, and `Authorization:` headers. A pair may come twice;
# deny is a set.
candidates := array.concat(array.concat(keyed, assigned), array.concat(options, headers))

keyed := [{"path": s.path, "name": name, "value": s.value, "text": s.value} |
	some s in scanned
	name := s.path[count(s.path) - 1]
	is_string(name)
]

assigned := [{"path": s.path, "name": m[1], "value": unquote(m[2]), "text": m[0]} |
	some s in scanned
	contains(s.value, "=")
	some m in regex.find_all_string_submatch_n(
		`(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|()"'<>]+)`,
		s.value, -1,
	)
]

options := [{"path": s.path, "name": m[1], "value": unquote(m[2]), "text": m[0]} |
	some s in scanned
	option_like(s.value)
	some m in regex.find_all_string_submatch_n(
		`(?:^|\s)--?([A-Za-z][A-Za-z0-9_-]*)[= ]("[^"]*"|'[^']*'|[^\s;&|()"'<>-][^\s;&|()"'<>]*)`,
		s.value, -1,
	)
]

headers := [{"path": s.path, "name": "Authorization", "value": m[1], "text": m[0]} |
	some s in scanned
	contains(lower(s.value), "authorization")
	some m in regex.find_all_string_submatch_n(
		`(?i)\bauthorization:\s*(?:bearer|token|basic)\s+([A-Za-z0-9._~+/=-]+)`,
		s.value, -1,
	)
]

# option_like: a `-` at the start or after white space (`\s`), as in every option the pattern above matches.
option_like(text) if startswith(text, "-")

option_like(text) if {
	some space in [" ", "\t", "\n", "\r", "\f"]
	contains(text, concat("", [space, "-"]))
}

unquote(value) := trim(value, "\"'")

# classify: what a value under a secret-like name is, if it looks like a secret at all.
classify(name, value) := "AWS secret access key" if {
	regex.match(`AWS.*SECRET|SECRET_ACCESS_KEY`, secrets.normalized_name(name))
	regex.match(`^[A-Za-z0-9/+=]{40}$`, value)
	secrets.literal(value, knobs.placeholders)
} else := "high-entropy value" if {
	secrets.high_entropy(value, knobs.min_length, knobs.min_entropy, knobs.placeholders)
}

# location: a phrase naming where in the pipeline a path points.
location(path) := sprintf("pipeline env `%s`", [path[1]]) if {
	count(path) == 2
	path[0] == "env"
} else := sprintf("env `%s`", [path[n - 1]]) if {
	n := count(path)
	path[n - 2] == "env"
	path[n - 4] == "steps"
} else := sprintf("config of plugin `%s`", [plugin_name(path)]) if {
	"plugins" in path
} else := "a command" if {
	"commands" in path
} else := "a notification" if {
	"notify" in path
} else := sprintf("`%s`", [key]) if {
	key := path[count(path) - 1]
	is_string(key)
} else := "the pipeline"

plugin_name(path) := plugin.name if {
	i := min({j | some j, part in path; part == "plugins"})
	plugin := object.get(input.pipeline, array.slice(path, 0, i + 2), {})
	is_string(plugin.name)
}
