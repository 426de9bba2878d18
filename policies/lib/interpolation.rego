# METADATA
# title: Upload-time interpolation helpers
# description: |
#   `buildkite-agent pipeline upload` replaces `$VAR`, `${VAR}`, `${VAR:-default}`,
#   `${VAR?}` … in every string of the pipeline with the uploading job's environment
#   before anything runs; `$$VAR` (and `\$VAR`) is the escape that leaves `$VAR` for the
#   shell to read at run time. These helpers find the references the upload replaces and
#   the texts a job runs as code, for the interpolation rules.
package lib.interpolation

import data.lib.pipeline

# references: the variables in text that pipeline upload replaces, each {name, line}: the
# name, and the trimmed line it is written on (the evidence that locates it). Whole-line
# shell comments are skipped.
references(text) := {{"name": m[3], "line": trimmed} |
	some line in split(text, "\n")
	contains(line, "$")
	trimmed := trim_space(line)
	not startswith(trimmed, "#")
	some m in regex.find_all_string_submatch_n(`(\\?)(\$+)\{?([A-Za-z_][A-Za-z0-9_]*)`, line, -1)
	m[1] == ""
	count(m[2]) % 2 == 1
}

# named holds when name is one of the entries: an exact name, or a prefix ending in `*`.
named(name, entries) if name in entries

named(name, entries) if {
	some entry in entries
	endswith(entry, "*")
	startswith(name, trim_suffix(entry, "*"))
}

# mentions holds when text may mention one of the entries (a cheap test before parsing).
mentions(text, entries) if {
	some entry in entries
	contains(text, trim_suffix(entry, "*"))
}

# command_keys: plugin configuration keys whose string values plugins run through a shell.
command_keys := {"command", "commands", "script", "scripts", "run", "pre-command", "post-command", "pre_command", "post_command"}

# code_texts: the strings a job runs as shell code, each {path, step, text, where}:
# command lines of command steps, and plugin configuration strings under a command key.
code_texts := array.concat(
	[{"path": c.path, "step": c.step, "text": c.text, "where": "command"} | some c in pipeline.commands],
	[{"path": path, "step": entry, "text": value, "where": sprintf("`%s` of plugin `%s`", [key, plugin.name])} |
		some entry in pipeline.command_steps
		some k, plugin in entry.step.plugins
		is_object(plugin.config)
		[p, value] := walk(plugin.config)
		is_string(value)
		contains(value, "$")
		key := shell_key(plugin.config, p)
		path := array.concat(array.concat(entry.path, ["plugins", k, "config"]), p)
	],
)

# shell_key: the command key a plugin configuration string sits under when a shell parses it:
# the string is the key's value, or an item of a list that also holds `-c` (`[sh, -c, …]`).
# Other list items are arguments handed to a program, not shell code.
shell_key(_, p) := p[count(p) - 1] if p[count(p) - 1] in command_keys

shell_key(config, p) := p[count(p) - 2] if {
	count(p) > 1
	is_number(p[count(p) - 1])
	p[count(p) - 2] in command_keys
	"-c" in object.get(config, array.slice(p, 0, count(p) - 1), [])
}

# agent_texts: agent tag values, pipeline-level and per command step, each {path, step, tag, text}
# (step is null for the pipeline level).
agent_texts := array.concat(
	[{"path": ["agents", tag], "step": null, "tag": tag, "text": value} |
		some tag, value in object.get(input.pipeline, "agents", {})
		is_string(value)
		contains(value, "$")
	],
	[{"path": array.concat(entry.path, ["agents", tag]), "step": entry, "tag": tag, "text": value} |
		some entry in pipeline.command_steps
		some tag, value in entry.step.agents
		is_string(value)
		contains(value, "$")
	],
)

# assigned: the variable names a step's commands set before using them (`NAME=…`,
# `export NAME`, `read NAME`, `for NAME in`, `local NAME`), and its own env.
assigned(entry) := ({m[1] |
	some text in entry.step.commands
	contains(text, "=")
	some m in regex.find_all_string_submatch_n(`(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)*|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)\+?=`, text, -1)
} | {m[1] |
	some text in entry.step.commands
	some m in regex.find_all_string_submatch_n(`\b(?:read(?:\s+-\w+)*|for|export)\s+([A-Za-z_][A-Za-z0-9_]*)`, text, -1)
}) | {name | some name, _ in entry.step.env}
