# METADATA
# title: Pipeline steps defined in Buildkite, not in the repository
# description: |
#   Steps saved in the pipeline's Buildkite settings are changed without a commit, a
#   review or a history in the repository; only a `buildkite-agent pipeline upload` of
#   a file from the repository keeps the pipeline as code. The saved YAML is read line
#   by line (no YAML parser runs here): blank lines, comments, `steps:`, keys in
#   `allowed_keys` (labels, keys, agent queue, branch filters, …), keys set to
#   `[]`/`{}`/`null`, and commands that are an upload command (`upload_commands`, with
#   arguments but no shell operators) are accepted; any other line, flow-style YAML
#   and block scalars other than a `command:` holding only upload commands count as
#   steps defined in Buildkite. The saved configuration must also upload something.
#   Pipelines saved with the legacy step editor (`steps` without `configuration`) must
#   consist of upload script steps.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/defining-steps
#   - ref: https://buildkite.com/docs/agent/v3/cli-pipeline
# custom:
#   id: buildkite/pipeline_defined_in_ui
#   severity: medium
#   area: 8
#   target: pipeline
#   remediation: Move the steps into `.buildkite/pipeline.yml` in the repository (reviewed like code), and in Pipeline settings → Steps keep only a step that runs `buildkite-agent pipeline upload`.
#   config:
#     upload_commands:
#       default: ['buildkite-agent pipeline upload']
#       description: Commands a saved step may run, matched at the start of the command; arguments may follow but no shell operators (`;`, `&`, `|`, backquotes, `$(`, redirections).
#     allowed_keys:
#       default: ['label', 'name', 'key', 'agents', 'queue', 'branches', 'if', 'timeout_in_minutes', 'priority']
#       description: Keys that may appear in the saved configuration besides `steps`, `command` and `commands`.
package buildkite.pipeline_defined_in_ui

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

pipeline := input.buildkite_pipeline.pipeline

configuration := object.get(pipeline, "configuration", null)

not_applicable if not input.buildkite_pipeline

unknown contains snapshot.field_why(sprintf("the saved steps of pipeline `%s`", [pipeline.slug]), pipeline, ["configuration"])

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` defines steps in Buildkite instead of uploading them from the repository (line %d: `%s`%s)", [pipeline.slug, first + 1, trim_space(lines[first]), more_text]),
	["buildkite_pipeline", "pipeline", "configuration"],
	sprintf("line %d: %s", [first + 1, trim_space(lines[first])]),
) if {
	saved
	count(offending) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` saved steps upload no pipeline file from the repository", [pipeline.slug]),
	["buildkite_pipeline", "pipeline", "configuration"],
	"no upload command",
) if {
	saved
	count(offending) == 0
	count(uploads) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` has legacy steps that do more than upload the repository's pipeline file (step %d)", [pipeline.slug, i + 1]),
	["buildkite_pipeline", "pipeline", "steps", i],
	sprintf("type: %s", [object.get(step, "type", "unknown")]),
) if {
	input.buildkite_pipeline
	not snapshot.field_unavailable(pipeline, ["configuration"])
	not saved
	some i, step in object.get(pipeline, "steps", [])
	not legacy_upload(step)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` has no saved steps kiteguard can read, so it cannot tell where its steps come from", [pipeline.slug]),
	["buildkite_pipeline", "pipeline", "configuration"],
	"configuration: null",
) if {
	input.buildkite_pipeline
	not snapshot.field_unavailable(pipeline, ["configuration"])
	not saved
	count(object.get(pipeline, "steps", [])) == 0
}

# saved holds when the pipeline has a YAML configuration to read.
saved if {
	is_string(configuration)
	trim_space(configuration) != ""
}

# lines are the configuration's lines.
lines := split(configuration, "\n")

# offending are the indexes of lines that do more than upload.
offending contains i if {
	some i, line in lines
	not accepted(trim_space(line))
}

# uploads are the indexes of lines that run an upload command.
uploads contains i if {
	some i, line in lines
	runs_upload(item_body(trim_space(line)))
}

# first is the first offending line's index.
first := min(offending)

# more_text counts the other offending lines.
more_text := sprintf(", and %d more lines", [count(offending) - 1]) if count(offending) > 1

else := ""

# accepted holds for a line that only shapes or names an upload step.
accepted("")

accepted(text) if startswith(text, "#")

accepted("---")

accepted("-")

accepted(text) if {
	text != ""
	not startswith(text, "#")
	body_accepted(item_body(text))
}

# item_body drops a leading list marker.
item_body(text) := substring(text, 2, -1) if startswith(text, "- ")

item_body(text) := text if not startswith(text, "- ")

# body_accepted decides one mapping entry or scalar.
body_accepted(body) if {
	entry := key_value(body)
	entry.key == "steps"
	entry.value == ""
}

body_accepted(body) if {
	entry := key_value(body)
	entry.key in {"command", "commands"}
	entry.value in {"", "|", "|-", ">", ">-"}
}

body_accepted(body) if runs_upload(body)

body_accepted(body) if {
	entry := key_value(body)
	entry.value in {"[]", "{}", "null", "~"}
}

body_accepted(body) if {
	entry := key_value(body)
	entry.key in knobs.allowed_keys
}

# runs_upload holds for `command: <upload>` or a bare `<upload>` list item.
runs_upload(body) if {
	entry := key_value(body)
	entry.key in {"command", "commands"}
	upload_command(entry.value)
}

runs_upload(body) if {
	not key_value(body)
	upload_command(body)
}

# key_value splits `key: value` (the key may be quoted); undefined for a scalar.
key_value(body) := {"key": unquote(trim_space(substring(body, 0, at))), "value": trim_space(rest)} if {
	at := indexof(body, ":")
	at > 0
	rest := substring(body, at + 1, -1)
	separates(rest)
	not contains(trim_space(substring(body, 0, at)), " ")
}

# separates holds when the colon ends the key (end of line or a space follows).
separates("")

separates(rest) if startswith(rest, " ")

# upload_command holds for an upload command with plain arguments.
upload_command(text) if {
	command := unquote(trim_space(text))
	some prefix in knobs.upload_commands
	startswith(command, prefix)
	rest := substring(command, count(prefix), -1)
	separates(rest)
	not shell_operator(rest)
}

# shell_operator holds when the text chains, substitutes or redirects.
shell_operator(text) if {
	some operator in [";", "&", "|", "`", "$(", ">", "<"]
	contains(text, operator)
}

# unquote removes one pair of matching surrounding quotes.
unquote(text) := substring(text, 1, count(text) - 2) if {
	count(text) >= 2
	some quote in ["\"", "'"]
	startswith(text, quote)
	endswith(text, quote)
} else := text

# legacy_upload holds for a legacy script step that runs only an upload command.
legacy_upload(step) if {
	step.type == "script"
	upload_command(object.get(step, "command", ""))
}
