# METADATA
# title: Scan detection helpers
# description: |
#   Shared detection for the area-8 "mandatory step" rules (SBOM, code scanning,
#   container scanning): the texts of a pipeline that detection patterns are
#   matched against, and whether the pipeline does anything but load another one.
package lib.scans

import data.lib.hints
import data.lib.pipeline

# plugins: every plugin of every command step, with its JSON path. Arrays, not sets, here and
# in texts: entries hold whole plugins, and iterating a set of them hashes each (slow in Wasm).
plugins := [{"path": array.concat(entry.path, ["plugins", k]), "plugin": plugin} |
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
]

# folded_texts: every text a detection pattern is matched against, with the JSON path of
# the value it came from, the evidence to report, and the text folded for literal prefilters
# (lib.hints.folded):
#   - each non-blank line of each command;
#   - the `command` given to a plugin (docker, docker-compose), list items joined by spaces;
#   - each plugin as `<source>`, as `<source> <key>` for each top-level config key,
#     and as `<source> <key>=<value>` for string and boolean values (and string list items).
# A text may occur twice (a line repeated in one command); users only collect sets of them.
# Each entry is built once, folded text included: on large pipelines every copy costs heap.
folded_texts := array.concat(
	array.concat(command_lines, plugin_commands),
	array.concat(plugin_sources, array.concat(plugin_keys, array.concat(plugin_values, plugin_items))),
)

# texts: folded_texts without the folded text.
texts := [{"path": t.path, "text": t.text, "evidence": t.evidence} | some t in folded_texts]

# command_lines: each non-blank line of each command.
command_lines := [{"path": c.path, "text": line, "evidence": evidence, "folded": hints.folded(line)} |
	some c in pipeline.commands
	some line in lines(c.text)
	evidence := trim_space(line)
	evidence != ""
]

# lines: the lines of a command (a one-line command is not split: a copy per command costs heap).
lines(text) := split(text, "\n") if contains(text, "\n")

else := [text]

# plugin_commands: the `command` given to a plugin, as one line.
plugin_commands := [{"path": array.concat(p.path, ["config", "command"]), "text": text, "evidence": text, "folded": hints.folded(text)} |
	some p in plugins
	text := plugin_command(config_of(p.plugin))
]

# plugin_sources: each plugin as `<source>`.
plugin_sources := [{"path": p.path, "text": p.plugin.source, "evidence": p.plugin.name, "folded": hints.folded(p.plugin.source)} | some p in plugins]

# plugin_keys: each plugin as `<source> <key>` for each top-level config key.
plugin_keys := [{
	"path": array.concat(p.path, ["config", key]),
	"text": text,
	"evidence": key,
	"folded": hints.folded(text),
} |
	some p in plugins
	some key, _ in config_of(p.plugin)
	text := concat(" ", [p.plugin.source, key])
]

# plugin_values: each plugin as `<source> <key>=<value>` for string and boolean values.
plugin_values := [{
	"path": array.concat(p.path, ["config", key]),
	"text": text,
	"evidence": value_text,
	"folded": hints.folded(text),
} |
	some p in plugins
	some key, value in config_of(p.plugin)
	value_text := scalar_text(value)
	text := concat("", [p.plugin.source, " ", key, "=", value_text])
]

# plugin_items: each plugin as `<source> <key>=<item>` for string list items.
plugin_items := [{
	"path": array.concat(p.path, ["config", key, i]),
	"text": text,
	"evidence": item,
	"folded": hints.folded(text),
} |
	some p in plugins
	some key, value in config_of(p.plugin)
	is_array(value)
	some i, item in value
	is_string(item)
	text := concat("", [p.plugin.source, " ", key, "=", item])
]

# config_of is a plugin's configuration as an object ({} when it has none).
config_of(plugin) := plugin.config if is_object(plugin.config)

config_of(plugin) := {} if not is_object(plugin.config)

# scalar_text is a string or boolean config value as text.
scalar_text(value) := value if is_string(value)

scalar_text(value) := "true" if value == true

scalar_text(value) := "false" if value == false

# plugin_command is the `command` a plugin is configured to run, as one line.
plugin_command(config) := config.command if is_string(config.command)

plugin_command(config) := concat(" ", config.command) if {
	is_array(config.command)
	every part in config.command {
		is_string(part)
	}
}

# matches: the texts matching one of the regular expressions, as {path, evidence}.
matches(patterns) := hinted_matches(patterns, null)

# hinted is hinted_matches for the patterns of a list with hints in table: the texts matching
# one of them. With hints for every pattern, each text is matched against each pattern one of
# whose hints it holds (lib.hints.split), so only those patterns are compiled; otherwise (a knob
# override without hints) against the alternation of the whole list.
hinted(patterns, table) := hinted_split(patterns, table, hints.split(patterns, table))

hinted_split(_, _, entries) := split_matches(entries) if {
	entries != null
	count(entries) > 0
}

# No pattern of the list may match (none of their hints occurs in the input): no text is looked at.
hinted_split(_, _, []) := set()

hinted_split(patterns, _, null) := matches(patterns)

# split_matches: the texts matching one of the patterns of a lib.hints.split list, as {path, evidence}.
split_matches(entries) := {{"path": t.path, "evidence": t.evidence} |
	some t in folded_texts
	hints.split_match(t.text, t.folded, entries)
}

# hinted_matches is matches with a prefilter: needles (lib.hints.needles of the patterns)
# skip the texts that cannot match, so the regular expression is reached only when one may.
hinted_matches(patterns, needles) := {{"path": t.path, "evidence": t.evidence} |
	pattern := pipeline.any_of(patterns)
	some t in folded_texts
	hints.possible(t.folded, needles)
	regex.match(pattern, t.text)
}

# first is the match that comes first in the file (lowest path).
first(found) := {"path": pair[0], "evidence": pair[1]} if {
	pair := sort([[m.path, m.evidence] | some m in found])[0]
}

# loader_line: a line a pipeline loader may run besides the upload itself.
loader_line(line) if {
	contains(line, "buildkite-agent")
	regex.match(`buildkite-agent\s+pipeline\s+upload\b`, line)
}

loader_line(line) if regex.match(
	`^\s*(#.*|echo(\s.*)?|printf\s.*|set\s.*|export\s.*|cd\s.*|if\s.*|elif\s.*|then|else|fi|true|:|[{}])?\s*;?\s*$`,
	line,
)

# loader_step holds for a command step that only uploads pipeline definitions.
loader_step(step) if {
	some command in step.commands
	contains(command, "buildkite-agent")
	regex.match(`buildkite-agent\s+pipeline\s+upload\b`, command)
	every text in step.commands {
		every line in split(text, "\n") {
			loader_line(line)
		}
	}
}

# does_work holds when some command step does more than upload a pipeline definition.
does_work if {
	some entry in pipeline.command_steps
	not loader_step(entry.step)
}
