# METADATA
# title: Secret helpers
# description: |
#   Shared detection for the secrets rules: secret-like names, literal values, credential
#   patterns, Shannon entropy and redaction. Nothing here ever returns a secret unredacted
#   in text meant for a report.
package lib.secrets

import data.lib.hints
import data.lib.pipeline

# normalized_name: a variable or key name in upper case, `-` and `.` turned into `_`.
normalized_name(name) := replace(replace(upper(name), "-", "_"), ".", "_")

# secret_like_name holds when a name matches one of the patterns and none of the exceptions.
secret_like_name(name, patterns, exceptions) if secret_like(name, name_filter(patterns, exceptions))

# name_filter: name patterns and exceptions with their literal prefilters (lib.hints.matcher),
# for secret_like. A rule builds it once from its knobs instead of once per name.
name_filter(patterns, exceptions) := {
	"patterns": hints.matcher(patterns, name_hints),
	"exceptions": hints.matcher(exceptions, exception_hints),
}

# secret_like is secret_like_name with a name_filter.
secret_like(name, filter) if {
	is_string(name)
	normalized := normalized_name(name)
	folded := hints.folded(normalized)
	hints.matches_folded(normalized, folded, filter.patterns)
	not hints.matches_folded(normalized, folded, filter.exceptions)
}

# is_reference: the value is (or contains) a run-time reference, not a literal:
# `$VAR`, `${VAR}`, `$$VAR`, `$(cmd)`, or a `{{matrix.x}}` template.
is_reference(value) if {
	contains(value, "$")
	regex.match(`\$[{(A-Za-z_$]`, value)
}

is_reference(value) if contains(value, "{{")

# looks_like_path: a file path, a URL, an ARN or a secret-store reference, not a secret itself.
looks_like_path(value) if regex.match(`^(/|\./|\.\./|~/|[A-Za-z]:\\)`, value)

looks_like_path(value) if contains(value, "://")

looks_like_path(value) if {
	contains(value, ":")
	regex.match(`^(arn|ssm|vault|secretsmanager|sm|gsm|projects|op):`, lower(value))
}

# is_boolean_like: flags and switches that are not secrets.
is_boolean_like(value) if lower(trim_space(value)) in {"", "true", "false", "yes", "no", "on", "off", "null", "~", "0", "1"}

# literal holds for a string value written out in the pipeline: not empty, not a reference,
# not a path, not a boolean switch and not one of the placeholder patterns.
literal(value, placeholders) if {
	is_string(value)
	trimmed := trim_space(value)
	not is_reference(trimmed)
	not looks_like_path(trimmed)
	not is_boolean_like(trimmed)
	not pipeline.matches_any(trimmed, placeholders)
}

# redact shows the first `keep` characters of a secret and its length, never the rest.
redact(secret, keep) := sprintf("%s…(%d chars)", [substring(secret, 0, keep), count(secret)])

# assignment splits `NAME=value` (as in a plugin `environment` list) into its parts.
assignment(text) := {"name": parts[0], "value": substring(text, count(parts[0]) + 1, -1)} if {
	regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, text)
	parts := split(text, "=")
}

# lines: the lines of a (possibly multi-line) command string.
lines(text) := split(text, "\n")

# segments: the simple commands of one shell line (split on `;`, `&`, `|`), trimmed.
# Each is a substring of the line as written.
segments(line) := [trim_space(m[0]) |
	some m in regex.find_all_string_submatch_n(`[^;&|]+`, line, -1)
	trim_space(m[0]) != ""
] if {
	some separator in [";", "&", "|"]
	contains(line, separator)
} else := [segment |
	segment := trim_space(line)
	segment != ""
]

# plugin_basename: a plugin's short name, `org/aws-ssm-buildkite-plugin` -> `aws-ssm`.
plugin_basename(plugin) := trim_suffix(trim_suffix(parts[count(parts) - 1], ".git"), "-buildkite-plugin") if {
	parts := split(lower(plugin.name), "/")
}

# plugin_in holds when the plugin's short name is one of names.
plugin_in(plugin, names) if plugin_basename(plugin) in {lower(n) | some n in names}

# --- Entropy ---------------------------------------------------------------------

# entropy is the Shannon entropy of s in bits per character, over its first 256 characters.
# Rego has no logarithm, so log2 of a count (1..256) comes from a table.
entropy(s) := h if {
	chars := split(substring(s, 0, 256), "")
	n := count(chars)
	n > 0
	distinct := {c | some c in chars}
	total := sum([(k * log2[k]) |
		some c in distinct
		k := count([1 | some x in chars; x == c])
	])
	h := log2[n] - (total / n)
}

# wordy: made only of words and short numbers joined by `_ - . :` (identifiers, slugs,
# versions), the shape of names and settings rather than of random secrets.
wordy(value) if {
	words := split(replace(replace(replace(value, "-", "_"), ".", "_"), ":", "_"), "_")
	every word in words {
		regex.match(`^([A-Za-z]*[0-9]{0,3}|[0-9]{1,4})$`, word)
	}
}

# high_entropy holds for a value that looks like a random secret: long enough, one token,
# letters and digits, not a name, path or reference, and at least min_entropy bits/char.
high_entropy(value, min_length, min_entropy, placeholders) if {
	is_string(value)
	count(value) >= min_length
	not regex.match(`\s`, value)
	literal(value, placeholders)
	regex.match(`[0-9]`, value)
	regex.match(`[A-Za-z]`, value)
	not wordy(value)
	entropy(value) >= min_entropy
}

# log2[i] = log2(i) for i in 1..256 (log2[0] is unused).
log2 := [
	0, 0, 1, 1.584963, 2, 2.321928, 2.584963, 2.807355, 3, 3.169925, 3.321928, 3.459432, 3.584963, 3.70044, 3.807355, 3.906891,
	4, 4.087463, 4.169925, 4.247928, 4.321928, 4.392317, 4.459432, 4.523562, 4.584963, 4.643856, 4.70044, 4.754888, 4.807355, 4.857981, 4.906891, 4.954196,
	5, 5.044394, 5.087463, 5.129283, 5.169925, 5.209453, 5.247928, 5.285402, 5.321928, 5.357552, 5.392317, 5.426265, 5.459432, 5.491853, 5.523562, 5.554589,
	5.584963, 5.61471, 5.643856, 5.672425, 5.70044, 5.72792, 5.754888, 5.78136, 5.807355, 5.83289, 5.857981, 5.882643, 5.906891, 5.930737, 5.954196, 5.97728,
	6, 6.022368, 6.044394, 6.066089, 6.087463, 6.108524, 6.129283, 6.149747, 6.169925, 6.189825, 6.209453, 6.228819, 6.247928, 6.266787, 6.285402, 6.303781,
	6.321928, 6.33985, 6.357552, 6.375039, 6.392317, 6.409391, 6.426265, 6.442943, 6.459432, 6.475733, 6.491853, 6.507795, 6.523562, 6.539159, 6.554589, 6.569856,
	6.584963, 6.599913, 6.61471, 6.629357, 6.643856, 6.658211, 6.672425, 6.686501, 6.70044, 6.714246, 6.72792, 6.741467, 6.754888, 6.768184, 6.78136, 6.794416,
	6.807355, 6.820179, 6.83289, 6.84549, 6.857981, 6.870365, 6.882643, 6.894818, 6.906891, 6.918863, 6.930737, 6.942515, 6.954196, 6.965784, 6.97728, 6.988685,
	7, 7.011227, 7.022368, 7.033423, 7.044394, 7.055282, 7.066089, 7.076816, 7.087463, 7.098032, 7.108524, 7.118941, 7.129283, 7.139551, 7.149747, 7.159871,
	7.169925, 7.179909, 7.189825, 7.199672, 7.209453, 7.219169, 7.228819, 7.238405, 7.247928, 7.257388, 7.266787, 7.276124, 7.285402, 7.294621, 7.303781, 7.312883,
	7.321928, 7.330917, 7.33985, 7.348728, 7.357552, 7.366322, 7.375039, 7.383704, 7.392317, 7.400879, 7.409391, 7.417853, 7.426265, 7.434628, 7.442943, 7.451211,
	7.459432, 7.467606, 7.475733, 7.483816, 7.491853, 7.499846, 7.507795, 7.5157, 7.523562, 7.531381, 7.539159, 7.546894, 7.554589, 7.562242, 7.569856, 7.577429,
	7.584963, 7.592457, 7.599913, 7.60733, 7.61471, 7.622052, 7.629357, 7.636625, 7.643856, 7.651052, 7.658211, 7.665336, 7.672425, 7.67948, 7.686501, 7.693487,
	7.70044, 7.707359, 7.714246, 7.721099, 7.72792, 7.73471, 7.741467, 7.748193, 7.754888, 7.761551, 7.768184, 7.774787, 7.78136, 7.787903, 7.794416, 7.8009,
	7.807355, 7.813781, 7.820179, 7.826548, 7.83289, 7.839204, 7.84549, 7.851749, 7.857981, 7.864186, 7.870365, 7.876517, 7.882643, 7.888743, 7.894818, 7.900867,
	7.906891, 7.912889, 7.918863, 7.924813, 7.930737, 7.936638, 7.942515, 7.948367, 7.954196, 7.960002, 7.965784, 7.971544, 7.97728, 7.982994, 7.988685, 7.994353,
	8,
]

# --- Credential patterns -----------------------------------------------------------

# detectors: credential formats recognised anywhere in a value. `hints` are literal
# substrings one of which any match contains (a cheap test before the regex), `group` is
# the capture group holding the secret, `keep` how many leading characters evidence may
# show (-1: the match is a marker, not the secret, and is shown whole).
detectors := [
	{"id": "aws_access_key_id", "hints": ["AKIA", "ASIA"], "title": "AWS access key ID", "pattern": `\b((?:AKIA|ASIA)[A-Z0-9]{16})\b`, "group": 1, "keep": 4},
	{"id": "aws_secret_access_key", "hints": ["secret", "SECRET", "Secret"], "title": "AWS secret access key", "pattern": `(?i)aws_?secret_?(?:access_?)?key["']?\s*[:= ]\s*["']?([A-Za-z0-9/+=]{40})(?:[^A-Za-z0-9/+=]|$)`, "group": 1, "keep": 4},
	{"id": "github_token", "hints": ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], "title": "GitHub token", "pattern": `\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\b`, "group": 1, "keep": 4},
	{"id": "github_pat", "hints": ["github_pat_"], "title": "GitHub fine-grained token", "pattern": `\b(github_pat_[A-Za-z0-9_]{40,255})\b`, "group": 1, "keep": 11},
	{"id": "buildkite_token", "hints": ["bkua_", "bkaa_", "bkaj_", "bkar_", "bkct_", "bkrt_", "bkpt_", "bkpat_", "bkps_", "bktx_"], "title": "Buildkite token", "pattern": `\b(bk(?:ua|aa|aj|ar|ct|rt)_[A-Za-z0-9][A-Za-z0-9._-]{19,}|bk(?:pt|pat|ps|tx)_(?:[A-Za-z0-9]+\.)?[A-Za-z0-9]{20,}\b)`, "group": 1, "keep": 5},
	{"id": "slack_token", "hints": ["xox"], "title": "Slack token", "pattern": `\b(xox[baprs]-[A-Za-z0-9-]{10,})`, "group": 1, "keep": 5},
	{"id": "slack_webhook", "hints": ["hooks.slack.com"], "title": "Slack webhook URL", "pattern": `(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,})`, "group": 1, "keep": 24},
	{"id": "private_key", "hints": ["PRIVATE KEY"], "title": "private key", "pattern": `(-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----)`, "group": 1, "keep": -1},
	{"id": "google_api_key", "hints": ["AIza"], "title": "Google API key", "pattern": `\b(AIza[0-9A-Za-z_-]{35})`, "group": 1, "keep": 4},
	{"id": "stripe_key", "hints": ["_live_"], "title": "Stripe live key", "pattern": `\b((?:sk|rk)_live_[0-9A-Za-z]{24,})`, "group": 1, "keep": 8},
	{"id": "npm_token", "hints": ["npm_"], "title": "npm token", "pattern": `\b(npm_[A-Za-z0-9]{36})\b`, "group": 1, "keep": 4},
	{"id": "gitlab_token", "hints": ["glpat-"], "title": "GitLab token", "pattern": `\b(glpat-[A-Za-z0-9_-]{20,})`, "group": 1, "keep": 6},
	{"id": "pypi_token", "hints": ["pypi-"], "title": "PyPI token", "pattern": `\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})`, "group": 1, "keep": 5},
	{"id": "docker_hub_token", "hints": ["dckr_pat_"], "title": "Docker Hub token", "pattern": `\b(dckr_pat_[A-Za-z0-9_-]{20,})`, "group": 1, "keep": 9},
	{"id": "ai_api_key", "hints": ["sk-ant-", "sk-proj-"], "title": "Anthropic or OpenAI API key", "pattern": `\b(sk-(?:ant|proj)-[A-Za-z0-9_-]{20,})`, "group": 1, "keep": 7},
	{"id": "sendgrid_key", "hints": ["SG."], "title": "SendGrid API key", "pattern": `\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})`, "group": 1, "keep": 3},
	{"id": "jwt", "hints": ["eyJ"], "title": "JSON Web Token", "pattern": `\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})`, "group": 1, "keep": 3},
	{"id": "url_password", "hints": ["@"], "title": "password in a URL", "pattern": `\b[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@"'$]+:([^/\s@"'$]{3,})@`, "group": 1, "keep": 0},
]

# detections: every credential pattern found in text, with redacted evidence.
# Matches that are placeholders (`ghp_xxxx…`) are skipped.
detections(text, disabled, placeholders) := {d |
	count(live_detectors) > 0
	regex.match(any_hint, text)
	some detector in live_detectors
	not detector.id in disabled
	hinted(text, detector)
	some m in regex.find_all_string_submatch_n(detector.pattern, text, -1)
	secret := m[detector.group]
	not pipeline.matches_any(secret, placeholders)
	d := {"id": detector.id, "title": detector.title, "secret": secret, "evidence": evidence(secret, detector.keep)}
}

evidence(secret, -1) := secret

evidence(secret, keep) := redact(secret, keep) if keep >= 0

# any_hint: one alternation of every live detector's hints (literals; `.` escaped), so a text
# that holds none of them is passed over with one regular expression instead of each hint.
any_hint := concat("|", [replace(hint, ".", `\.`) | some detector in live_detectors; some hint in detector.hints])

# live_detectors: the detectors one of whose hints may occur in the input (lib.hints.occurs, on
# the hints in lower case: the policies' literal table is folded); the others cannot match.
live_detectors := [detector |
	some detector in detectors
	hints.any_occurs(detector_hints[detector.pattern])
]

# detector_hints: each detector's hints in lower case, by pattern (a literal table, as lib.hints reads them).
detector_hints := {detector.pattern: [lower(hint) | some hint in detector.hints] | some detector in detectors}

# matches_detector holds when a value contains any known credential pattern.
matches_detector(value) if {
	some detector in live_detectors
	hinted(value, detector)
	regex.match(detector.pattern, value)
}

hinted(text, detector) if {
	some hint in detector.hints
	contains(text, hint)
}

# --- Environment entries ---------------------------------------------------------

# env_entries: every environment variable the pipeline sets, with its path and a phrase
# naming where it is set: pipeline `env`, step `env`, a trigger step's `build.env`, and
# `NAME=value` entries (or a map) under a plugin's `environment` / `env` setting (those carry
# the plugin's short name in `plugin`).
env_entries contains {"path": ["env", name], "name": name, "value": value, "where": "pipeline env"} if {
	some name, value in object.get(input.pipeline, "env", {})
}

env_entries contains {
	"path": array.concat(entry.path, ["env", name]), "name": name, "value": value,
	"where": sprintf("env of step `%s`", [pipeline.step_name(entry)]),
} if {
	some entry in pipeline.steps
	some name, value in object.get(entry.step, "env", {})
}

env_entries contains {
	"path": array.concat(entry.path, ["extra", "build", "env", name]), "name": name, "value": value,
	"where": sprintf("build env of trigger step `%s`", [pipeline.step_name(entry)]),
} if {
	some entry in pipeline.steps
	entry.step.type == "trigger"
	build := object.get(entry.step, ["extra", "build"], {})
	is_object(build)
	env := object.get(build, "env", {})
	is_object(env)
	some name, value in env
}

env_entries contains {
	"path": array.concat(entry.path, ["plugins", k, "config", key, j]), "name": pair.name, "value": pair.value,
	"where": sprintf("`%s` of plugin `%s`", [key, plugin.name]),
	"plugin": plugin_basename(plugin),
} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	is_object(plugin.config)
	some key in ["environment", "env"]
	list := object.get(plugin.config, key, [])
	is_array(list)
	some j, item in list
	is_string(item)
	pair := assignment(item)
}

env_entries contains {
	"path": array.concat(entry.path, ["plugins", k, "config", key, name]), "name": name, "value": value,
	"where": sprintf("`%s` of plugin `%s`", [key, plugin.name]),
	"plugin": plugin_basename(plugin),
} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	is_object(plugin.config)
	some key in ["environment", "env"]
	env := object.get(plugin.config, key, {})
	is_object(env)
	some name, value in env
}

# env_names: every variable name a step's environment or plugin environment lists mention,
# with or without a value (`- GITHUB_TOKEN` passes a variable through to a container).
env_names(entry) := {name | some name, _ in pipeline.env_of(entry.step)} | {name |
	some plugin in entry.step.plugins
	is_object(plugin.config)
	some key in ["environment", "env"]
	list := object.get(plugin.config, key, [])
	is_array(list)
	some item in list
	is_string(item)
	name := split(item, "=")[0]
}

# name_hints / exception_hints: for each default secret-name pattern and exception of the
# secrets rules, lower-case literals one of which every match contains (lib.hints).
name_hints := {
	"TOKEN": ["token"],
	"SECRET": ["secret"],
	"PASSWORD|PASSWD|PASSPHRASE": ["pass"],
	"(^|_)PASS$": ["pass"],
	".+_PWD$": ["_pwd"],
	"API_?KEY": ["key"],
	"PRIVATE_?KEY": ["key"],
	"ACCESS_?KEY": ["key"],
	"(SIGNING|ENCRYPTION|MASTER|LICENSE|DEPLOY|SSH|GPG|PGP)_?KEY": ["key"],
	"CREDENTIAL": ["credential"],
	"(^|_)O?AUTH(_|$)": ["auth"],
	"AUTHORIZATION": ["authorization"],
	"CONNECTION_?STRING": ["connection"],
}

exception_hints := {
	"_(ID|IDS)$": ["_id"],
	"_(FILE|FILES|PATH|DIR|DIRECTORY|URL|URI|ENDPOINT|HOST|PORT)$": ["_file", "_path", "_dir", "_url", "_uri", "_endpoint", "_host", "_port"],
	"_(NAME|NAMES|ARN|REGION|USER|USERNAME|EMAIL)$": ["_name", "_arn", "_region", "_user", "_email"],
	"_(TYPE|KIND|METHOD|MODE|PROVIDER|BACKEND|STORE|SCOPE|SCOPES|AUDIENCE|ISSUER|ROLE)$": [
		"_type", "_kind", "_method", "_mode", "_provider", "_backend", "_store", "_scope", "_audience", "_issuer", "_role",
	],
	"_(TTL|LIFETIME|EXPIRY|EXPIRES|EXPIRATION|INTERVAL|TIMEOUT|DURATION|LENGTH|COUNT|LIMIT)$": [
		"_ttl", "_lifetime", "_expir", "_interval", "_timeout", "_duration", "_length", "_count", "_limit",
	],
	"_(ENABLED|DISABLED|REQUIRED|ENV|PREFIX|SUFFIX|VERSION|PARAM|PARAMETER|FORMAT|STDIN)$": [
		"_enabled", "_disabled", "_required", "_env", "_prefix", "_suffix", "_version", "_param", "_format", "_stdin",
	],
}
