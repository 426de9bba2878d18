# METADATA
# title: Deploy and release helpers
# description: |
#   Shared detection of deploy steps, of what a step runs (commands and plugin
#   commands), step naming and step order, for the area 6–7 pipeline rules.
#   Pattern lists are passed in by the calling rule, which reads them from its knobs.
package lib.deploy

import data.lib.hints
import data.lib.pipeline

# is_deploy holds when something a step runs (a command line, or a plugin's image + command)
# matches a command pattern, or when its label or key names a deploy (see named_deploy) and
# the step does work (see does_work). It works on any step type; deploy_steps keeps command steps.
is_deploy(step, label_patterns, command_patterns) if deploys(step, matchers(label_patterns, command_patterns))

# deploys is is_deploy with the pattern lists as matchers (see matchers), which a rule builds once.
deploys(step, matchers) if {
	named_deploy(step, matchers.label)
	does_work(step)
}

deploys(step, matchers) if {
	some text in run_texts(step)
	hints.matches(text, matchers.command)
}

# matchers: a rule's deploy label and command patterns as lib.hints matchers, built once per rule.
matchers(label_patterns, command_patterns) := {
	"label": hints.matcher(label_patterns, label_hints),
	"command": hints.matcher(command_patterns, command_hints),
}

# named_deploy: the label or key, read without its variable references (which name no action:
# `e2e test [$DEPLOYMENT_ENVIRONMENT]`), matches a deploy label pattern.
named_deploy(step, label) if hints.matches(name_text(step.label), label)

named_deploy(step, label) if hints.matches(name_text(step.key), label)

# name_text: a label or key without the words that hold a `$VAR` / `${VAR}` reference.
name_text(value) := concat(" ", [word | some word in split(text, " "); not contains(word, "$")]) if {
	text := pipeline.text_or_empty(value)
	contains(text, "$")
} else := pipeline.text_or_empty(value)

# does_work: the step runs a plugin, or a command other than launching more steps, printing or
# setting variables (`buildkite-agent pipeline upload`, `echo`, `export X=…`, `annotate`,
# `meta-data`): a step named "Deploy" that only uploads the deploy steps deploys nothing itself.
does_work(step) if count(step.plugins) > 0

does_work(step) if {
	some text in step.commands
	not uploads(text)
	some segment in command_segments(text)
	not inert(segment)
}

# uploads: the text runs `buildkite-agent pipeline upload` (matched only when it names the agent).
uploads(text) if {
	contains(text, "buildkite-agent")
	regex.match(`buildkite-agent\s+pipeline\s+upload`, text)
}

# builds_or_tests: the step's label names a build, test or check, and nothing that ships (deploy, release, publish, push).
# Each expression is matched only when the folded label holds one of its literals (lib.hints).
builds_or_tests(step) if {
	label := pipeline.text_or_empty(step.label)
	folded := hints.folded(label)
	hints.possible(folded, ["build", "test", "lint", "check", "e2e", "spec", "benchmark"])
	regex.match(`(?i)\b(?:build|builds|test|tests|lint|check|checks|e2e|spec|specs|benchmark|benchmarks)\b`, label)
	not ships_word(label, folded)
}

# ships_word: the label (folded: lower case) names something that ships: deploy, release, publish, push.
ships_word(label, folded) if {
	hints.possible(folded, ["deploy", "rollout", "roll-out", "promote", "release", "publish", "push"])
	regex.match(`(?i)deploy|roll-?out|promote|release|publish|push`, label)
}

# inert: a simple command that only prints, waits, sets a variable or talks to the agent.
inert(segment) if regex.match(`^(?:#.*|echo\b.*|printf\b.*|true|false|:|exit\b.*|sleep\b.*|export\s.*|[A-Za-z_][A-Za-z0-9_]*=.*|buildkite-agent\s+(?:annotate|meta-data|step\s+get)\b.*|set\s+-[a-z]+|)$`, segment)

# command_segments: the simple commands of a command text (split on newlines, `&&`, `||` and `;`), trimmed.
command_segments(text) := [trim_space(piece) |
	some line in split(text, "\n")
	some and_part in split(line, "&&")
	some or_part in split(and_part, "||")
	some piece in split(or_part, ";")
]

# deploy_steps: the command-step entries ({path, step}, as lib.pipeline.steps gives them) that deploy.
deploy_steps(label_patterns, command_patterns) := {entry | some entry in deploying_steps(matchers(label_patterns, command_patterns))}

# deploying_steps is deploy_steps with matchers, as an array: a set would hash each whole step.
deploying_steps(matchers) := [entry |
	some entry in pipeline.command_steps
	deploys(entry.step, matchers)
]

# runs: everything an entry's step runs, each {path, text, plugin}: every command line
# (plugin null), and for plugins that carry a command (docker, docker-compose, …) the
# plugin's image and command joined by spaces (plugin = the plugin's name as written).
runs(entry) := {r |
	some k, text in entry.step.commands
	r := {"path": array.concat(entry.path, ["commands", k]), "text": text, "plugin": null}
} | {r |
	some p, plugin in entry.step.plugins
	text := plugin_text(plugin)
	r := {"path": array.concat(entry.path, ["plugins", p]), "text": text, "plugin": plugin.name}
}

# run_texts: the texts of runs, for a bare step.
run_texts(step) := {text | some text in step.commands} | {text |
	some plugin in step.plugins
	text := plugin_text(plugin)
}

# plugin_text joins a plugin's image/entrypoint and command(s), when it has any.
plugin_text(plugin) := concat(" ", parts) if {
	is_object(plugin.config)
	parts := array.concat(
		[v | some key in ["image", "entrypoint"]; v := plugin.config[key]; is_string(v); v != ""],
		[v | some key in ["command", "commands"]; some v in as_list(plugin.config[key]); is_string(v); v != ""],
	)
	count(parts) > 0
}

as_list(value) := value if is_array(value)

as_list(value) := [value] if not is_array(value)

# order: a step's position in the pipeline (top-level index, then group member index).
order(path) := ((path[1] * 100000) + path[3]) + 1 if count(path) == 4

order(path) := path[1] * 100000 if count(path) == 2

# restricted holds when a step (or the group holding it) only runs on trusted refs: a
# `branches:` filter naming at least one branch pattern other than `*` or a `!negation`, or
# an `if:` matching one of if_patterns (conditions that require a branch, tag or team).
restricted(entry, if_patterns) if trusted_only(entry.step, if_patterns)

restricted(entry, if_patterns) if {
	count(entry.path) == 4
	trusted_only(input.pipeline.steps[entry.path[1]], if_patterns)
}

trusted_only(step, _) if {
	is_string(step.branches)
	some branch in split(step.branches, " ")
	not branch in {"", "*"}
	not startswith(branch, "!")
}

trusted_only(step, if_patterns) if {
	is_string(step["if"])
	hints.hinted_match(step["if"], if_patterns, if_hints)
}

# queue_of is the queue a step targets: its own `agents.queue`, else the pipeline-level
# `agents.queue`; undefined when neither is set (the job goes to the default queue).
queue_of(step) := queue if {
	queue := own_queue(step)
	is_string(queue)
} else := queue if {
	queue := object.get(input.pipeline, ["agents", "queue"], null)
	is_string(queue)
}

# own_queue is the step's own `agents.queue`, or null.
own_queue(step) := object.get(step, ["agents", "queue"], null)

# matched_lines: for each pattern in order, each match in text extended to the end of its
# line — the command as written from the matched verb on, for evidence and for flag checks.
matched_lines(text, patterns) := [m |
	some pattern in patterns
	some found in regex.find_all_string_submatch_n(concat("", ["(?:", pattern, ")[^\\n]*"]), text, -1)
	m := found[0]
]

# hinted_matched_lines is matched_lines with a literal prefilter per pattern (lib.hints): a
# pattern with hints in table is matched only when the folded text holds one of them, so its
# regular expression is not compiled for texts it cannot match. Patterns without hints (knob
# overrides) are always matched. The result is the same as matched_lines'.
hinted_matched_lines(text, patterns, table) := matched_lines_of(text, line_matchers(patterns, table))

# line_matchers: each pattern's prefilter needles (lib.hints) and the expression that matches
# its line, for matched_lines_of. A rule builds them once instead of once per text: built per
# text, they cost heap in proportion to texts × patterns on large pipelines.
line_matchers(patterns, table) := [{"needles": hints.needles([pattern], table), "expression": concat("", ["(?:", pattern, ")[^\\n]*"])} |
	some pattern in patterns
]

# matched_lines_of is hinted_matched_lines with the matchers built ahead (line_matchers).
matched_lines_of(text, matchers) := [m |
	folded := hints.folded(text)
	some matcher in matchers
	hints.possible(folded, matcher.needles)
	some found in regex.find_all_string_submatch_n(matcher.expression, text, -1)
	m := found[0]
]

# first_line is text up to its first newline.
first_line(text) := split(text, "\n")[0]

# Literal prefilters (lib.hints) for the default patterns of the rules that detect deploys
# (deploy_without_team_gate, deploy_without_verification, queue_not_isolated, security_gate_bypassed): for each
# pattern, lower-case literals one of which every match contains.

# label_hints: deploy label patterns (on labels, keys, trigger slugs, group labels), and the
# deploy or publish label patterns of security_gate_bypassed.
label_hints := {
	`(?i)(deploy|roll-?out|promote|release-to|to-prod)`: ["deploy", "rollout", "roll-out", "promote", "release-to", "to-prod"],
	`(?i)(deploy|rollout|promote|release-to|to-prod|production)`: ["deploy", "rollout", "promote", "release-to", "to-prod", "production"],
	`(?i)\bpublish`: ["publish"],
}

# command_hints: deploy command patterns.
command_hints := {
	`(?i)\b(kubectl\s+(apply|rollout|set\s+image|replace)|helm\s+(upgrade|install)|terraform\s+apply|cdk\s+deploy|(serverless|sls)\s+deploy|aws\s+(ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code)|gcloud\s+(run|app|functions)\s+deploy|flyctl?\s+deploy|vercel\s+(--prod|deploy)|netlify\s+deploy|ansible-playbook)`: [
		"kubectl", "helm", "terraform", "cdk", "serverless", "sls", "update-service", "cloudformation",
		"update-function-code", "gcloud", "fly", "vercel", "netlify", "ansible-playbook",
	],
	# security_gate_bypassed's publish commands (case-sensitive).
	`\b(?:(?:npm|yarn|pnpm)\s+publish|docker\s+(?:image\s+)?push|gem\s+push|twine\s+upload|cargo\s+publish|goreleaser\s+release|poetry\s+publish)\b`: ["publish", "push", "upload", "release"],
}

# if_hints: trusted `if:` patterns (case-sensitive).
if_hints := {
	`build\.(branch|tag)\s*(==|=~)`: ["build.branch", "build.tag"],
	`build\.tag\s*!=\s*null`: ["build.tag"],
	`build\.pull_request\.id\s*==\s*null`: ["build.pull_request.id"],
	`build\.creator\.teams\s+includes`: ["build.creator.teams"],
	`build\.source\s*==`: ["build.source"],
}
