# METADATA
# title: Transport detection helpers
# description: |
#   Shared text sources and matching for the area-3 (network and transport) pipeline
#   rules: every command line, every string inside a plugin's configuration, and every
#   environment value, each with the JSON path of the value it came from.
package lib.detect_transport

import data.lib.hints
import data.lib.pipeline

# command_texts: every command line of every command step, {path, text}.
command_texts contains {"path": c.path, "text": c.text} if some c in pipeline.commands

# plugin_texts: every string anywhere in a command step's plugin configuration, {path, text}.
plugin_texts contains {"path": array.concat(base, p), "text": value} if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	base := array.concat(entry.path, ["plugins", i, "config"])
	[p, value] := walk(plugin.config)
	is_string(value)
}

# plugin_env: every key/value pair of an object inside a plugin's configuration, with
# the value as text ({path, name, value}), so `environment: {NAME: value}` maps are seen.
plugin_env contains {"path": array.concat(base, array.concat(p, [name])), "name": name, "value": text} if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	base := array.concat(entry.path, ["plugins", i, "config"])
	[p, value] := walk(plugin.config)
	is_object(value)
	some name, scalar in value
	is_string(name)
	text := scalar_text(scalar)
}

# runnable_texts: the texts a shell may run: command lines and plugin config strings.
runnable_texts := command_texts | plugin_texts

# folded_runnable_texts: runnable_texts with the text folded for literal prefilters (lib.hints).
folded_runnable_texts := [{"path": t.path, "text": t.text, "folded": hints.folded(t.text)} | some t in runnable_texts]

# env_values: every environment variable set in the file, pipeline-level and per step
# (command and trigger steps, group members included), as {path, name, value}.
env_values contains {"path": ["env", name], "name": name, "value": text} if {
	some name, value in object.get(input.pipeline, "env", {})
	text := scalar_text(value)
}

env_values contains {"path": array.concat(entry.path, ["env", name]), "name": name, "value": text} if {
	some entry in pipeline.steps
	some name, value in object.get(entry.step, "env", {})
	text := scalar_text(value)
}

# scalar_text turns a string, number or boolean into text; undefined for anything else.
scalar_text(value) := value if is_string(value)

scalar_text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

scalar_text(true) := "true"

scalar_text(false) := "false"

# fragments: the substrings of text that one of the patterns matches. When the matching
# pattern has a capturing group, its first non-empty group is the fragment (so a pattern
# can require context around the part it reports); otherwise the whole match is.
fragments(text, patterns) := {group_or_match(m) |
	some m in regex.find_all_string_submatch_n(pipeline.any_of(patterns), text, -1)
}

group_or_match(m) := groups[0] if {
	groups := [g | some i, g in m; i > 0; g != ""]
	count(groups) > 0
} else := m[0]

# matches holds when text matches one of the patterns (one compiled pattern per list).
matches(text, patterns) if regex.match(pipeline.any_of(patterns), text)

# urls: the URLs in text whose scheme is one of schemes (lower case), as written.
# For compound schemes (`git+http`) the transport is the part after the last `+`.
urls(text, schemes) := {url |
	contains(text, "://")
	some m in regex.find_all_string_submatch_n(`(?i)\b([a-z][a-z0-9+.-]*)://[^\s"'<>\x60|;,)\]]+`, text, -1)
	parts := split(lower(m[1]), "+")
	parts[count(parts) - 1] in schemes
	url := unwrap(m[0])
}

# unwrap drops the `}` that closes a `${VAR:-http://…}` default around a URL.
unwrap(url) := trim_right(url, "}") if not contains(url, "{")

unwrap(url) := url if contains(url, "{")

# url_host is the host of a URL, lower case, without scheme, user info, port or path;
# an IPv6 literal keeps its brackets (`[::1]`).
url_host(url) := host if {
	after_scheme := substring(url, indexof(url, "://") + 3, -1)
	authority := split(split(split(after_scheme, "/")[0], "?")[0], "#")[0]
	parts := split(authority, "@")
	hostport := parts[count(parts) - 1]
	host := lower(host_of(hostport))
}

host_of(hostport) := concat("", [split(hostport, "]")[0], "]"]) if startswith(hostport, "[")

host_of(hostport) := split(hostport, ":")[0] if not startswith(hostport, "[")

# loopback holds for hosts whose traffic never leaves the machine.
loopback(host) if host in {"localhost", "[::1]", "0.0.0.0", "[::]", "[0:0:0:0:0:0:0:1]"}

loopback(host) if endswith(host, ".localhost")

loopback(host) if regex.match(`^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$`, host)

# host_allowed holds when host is listed in allowed: an exact name, or `*.suffix`.
host_allowed(host, allowed) if {
	some entry in allowed
	lower(entry) == host
}

host_allowed(host, allowed) if {
	some entry in allowed
	startswith(entry, "*.")
	endswith(host, lower(substring(entry, 1, -1)))
}
