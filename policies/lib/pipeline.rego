# METADATA
# title: Pipeline helpers
# description: Traversal of the normalized pipeline (`input.pipeline`) shared by the pipeline rules.
package lib.pipeline

# steps: every step with its JSON path, group members included. Arrays, not sets:
# an entry holds a whole step, and a set would hash every one of them (slow in Wasm).
steps := array.concat(
	[{"path": ["steps", i], "step": step} | some i, step in input.pipeline.steps],
	[{"path": ["steps", i, "steps", j], "step": step} |
		some i, group in input.pipeline.steps
		group.type == "group"
		some j, step in group.steps
	],
)

# command_steps: the steps that run commands or plugins on an agent.
command_steps := [entry | some entry in steps; entry.step.type == "command"]

# commands: every command line of every command step, with its path and its step (`at`: the
# step's index in command_steps, for sets that would otherwise hash the whole step).
commands := [{"path": array.concat(entry.path, ["commands", k]), "step": entry, "at": i, "text": text} |
	some i, entry in command_steps
	some k, text in entry.step.commands
]

# step_text is all of a step's commands joined, for detections that span lines.
step_text(step) := concat("\n", step.commands)

# env_of is the environment a step sees: pipeline env overlaid by step env.
env_of(step) := object.union(object.get(input.pipeline, "env", {}), step.env)

# matches_any holds when text matches one of the regular expressions.
# The list is matched as ONE alternation: OPA's Wasm regex cache breaks past
# 100 distinct patterns in one evaluation, so rules keep their pattern count low.
matches_any(text, patterns) if regex.match(any_of(patterns), text)

# any_of joins regular expressions into one alternation (flags stay inside each group).
# It avoids sprintf, which the Wasm host implements in JavaScript (slow per call).
any_of(patterns) := concat("|", [concat("", ["(?:", p, ")"]) | some p in patterns]) if count(patterns) > 0

any_of([]) := `\b\B`

# step_matches holds when a step's label, key or any command matches one of the patterns.
step_matches(step, patterns) if matches_any(text_or_empty(step.label), patterns)

step_matches(step, patterns) if matches_any(text_or_empty(step.key), patterns)

step_matches(step, patterns) if {
	some text in step.commands
	matches_any(text, patterns)
}

# text_or_empty turns null (an absent label or key) into "".
text_or_empty(value) := value if is_string(value)

text_or_empty(value) := "" if not is_string(value)

# repository_owner: the owner of the repository holding the pipeline, when known: from
# `input.context.repository.url` (check: the git remote), else the Buildkite pipeline's repository (sweep).
repository_owner := m[1] if {
	some m in regex.find_all_string_submatch_n(
		`^(?:[\w.-]+@[\w.-]+:/?|[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]+@)?[^/]+/)([^/]+)/`,
		repository_url, 1,
	)
}

repository_url := url if {
	url := input.context.repository.url
	is_string(url)
} else := url if {
	url := input.context.pipeline.repository
	is_string(url)
}

# step_name: how a message names a step: its label, else its key, else its position (`steps.2.steps.0`).
step_name(entry) := entry.step.label if {
	is_string(entry.step.label)
	entry.step.label != ""
} else := entry.step.key if {
	is_string(entry.step.key)
	entry.step.key != ""
} else := concat(".", [path_segment(s) | some s in entry.path])

path_segment(s) := s if is_string(s)

path_segment(s) := format_int(s, 10) if is_number(s)
