# METADATA
# title: Plugin source not allowed
# description: |
#   A plugin from a source outside the organization's allowed list is handed a secret
#   (a setting or a listed variable with a secret-like name, or a `$SECRET` reference),
#   so code nobody vetted runs with that secret. Sources are compared in their canonical
#   form (`github.com/<owner>/<repo>`, no scheme, no `.git`), without regard to case.
#   The repository's own owner is allowed: in `check`, the owner of the `origin` remote
#   of the git repository holding the file; in a sweep, the owner of the pipeline's
#   repository. When neither is known (a file checked outside its checkout), an owner that
#   provides at least `infer_owner_min_plugins` distinct plugins to the pipeline is taken as
#   the organization's own. Plugins handed nothing secret are not reported unless `require_secret`
#   is off (an unpinned one is `plugin_not_pinned`'s). Secret-like names are those of
#   `pipeline/secret_in_plain_env` (its `name_patterns` and `name_exceptions`). Local
#   plugins (`./.buildkite/plugins/x`) and plugins named by a variable (`${VAR}`) cannot
#   be checked and pass unless `allow_local` is false. The agent-stack-k8s `kubernetes`
#   plugin is controller syntax, not code, and is skipped.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/best-practices/plugin-management
#     description: Plugin management and standardization (plugin sources)
# custom:
#   id: pipeline/plugin_source_not_allowed
#   severity: high
#   area: 8
#   target: pipeline
#   remediation: >-
#     Vet the plugin and add its source to `allowed_sources` (`github.com/<owner>/*`), or fork
#     it into your organization and use the fork, before handing it secrets.
#   config:
#     allowed_sources:
#       default: ["github.com/buildkite-plugins/*", "github.com/buildkite/*"]
#       description: >-
#         Glob patterns over canonical plugin sources; `*` stays within one path segment,
#         `**` crosses segments (`github.com/my-org/*`, `github.com/buildkite-plugins/*`).
#         The repository's own owner is always allowed.
#     require_secret:
#       default: true
#       description: Report a plugin from a source not allowed only when it is handed a secret; false reports every such plugin.
#     infer_owner_min_plugins:
#       default: 2
#       description: With no repository known, how many distinct plugins one owner must provide to count as the organization's own; 0 turns this off.
#     allow_local:
#       default: true
#       description: Allow plugins loaded from a local path or a variable, whose source cannot be checked.
package pipeline.plugin_source_not_allowed

import data.lib.findings
import data.lib.pipeline
import data.lib.secrets
import data.pipeline.secret_in_plain_env

knobs := findings.knobs(rego.metadata.chain())

allowed(source) if {
	some pattern in knobs.allowed_sources
	glob.match(lower(pattern), ["/"], lower(source))
}

# unresolved: a plugin whose source is a local path or contains a variable, so only the
# agent knows where it comes from. (A plugin that is `dynamic` only because of a `${REF}`
# still has a canonical source, and is checked.)
unresolved(plugin) if contains(plugin.source, "$")

unresolved(plugin) if {
	some prefix in [".", "/", "\\", "~", "file://"]
	startswith(plugin.source, prefix)
}

# A Windows drive path (`C:\…`, `C:/…`): its second character is `:`.
unresolved(plugin) if {
	substring(plugin.source, 1, 1) == ":"
	regex.match(`^[A-Za-z]:[\\/]`, plugin.source)
}

# reserved: the agent-stack-k8s `kubernetes` plugin, interpreted by the controller, never fetched.
reserved(plugin) if plugin.name == "kubernetes"

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"plugin `%s` from `%s` is handed `%s`, and its source is not allowed: vet it and add `%s` to `allowed_sources`, or use a fork in your organization",
		[plugin.name, plugin.source, secret, owner_glob(plugin.source)],
	),
	array.concat(entry.path, ["plugins", k]),
	plugin.name,
) if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	unvetted(plugin)
	secret := min(handed_secrets(plugin))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"plugin `%s` comes from `%s`, which is not an allowed plugin source: vet it and add `%s` to `allowed_sources`, or use a fork in your organization",
		[plugin.name, plugin.source, owner_glob(plugin.source)],
	),
	array.concat(entry.path, ["plugins", k]),
	plugin.name,
) if {
	knobs.require_secret == false
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	unvetted(plugin)
	count(handed_secrets(plugin)) == 0
}

# unvetted: a plugin fetched from a known source that is neither allowed nor the repository's own owner's.
unvetted(plugin) if {
	not unresolved(plugin)
	not reserved(plugin)
	not allowed(plugin.source)
	not own(plugin.source)
}

# own: the plugin's owner is the owner of the repository holding the pipeline.
own(source) if lower(source_owner(source)) == lower(pipeline.repository_owner)

own(source) if {
	not pipeline.repository_owner
	knobs.infer_owner_min_plugins > 0
	plugins_by_owner[lower(source_owner(source))] >= knobs.infer_owner_min_plugins
}

# plugins_by_owner: how many distinct plugin sources each owner provides to the pipeline.
plugins_by_owner[owner] := count(sources) if {
	some owner in {lower(source_owner(p.source)) | some p in known_plugins}
	sources := {lower(p.source) | some p in known_plugins; lower(source_owner(p.source)) == owner}
}

known_plugins contains plugin if {
	some entry in pipeline.command_steps
	some plugin in entry.step.plugins
	not unresolved(plugin)
}

source_owner(source) := split(source, "/")[1]

owner_glob(source) := concat("/", [split(source, "/")[0], source_owner(source), "*"])

# handed_secrets: names of secrets a plugin's settings receive: keys and listed names that look
# like secret names (`KOMODOR_API_KEY: /ssm/path`, `environment: [NPM_TOKEN]`), and `$SECRET` references.
handed_secrets(plugin) := secret_keys(plugin) | secret_values(plugin)

secret_keys(plugin) := {key |
	walk(plugin.config, [path, _])
	count(path) > 0
	key := path[count(path) - 1]
	is_string(key)
	secrets.secret_like(key, secret_in_plain_env.name_filter)
}

secret_values(plugin) := {name |
	walk(plugin.config, [_, value])
	is_string(value)
	some name in listed_or_referenced(value)
	secrets.secret_like(name, secret_in_plain_env.name_filter)
}

# listed_or_referenced: a bare variable name (as in an `environment` list), else the names a value references with `$`.
listed_or_referenced(value) := {value} if regex.match(`^[A-Za-z_][A-Za-z0-9_]*$`, value)

listed_or_referenced(value) := {m[1] | some m in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`, value, -1)} if contains(value, "$")

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is loaded from a local path or variable, and `allow_local` is off", [plugin.name]),
	array.concat(entry.path, ["plugins", k]),
	plugin.name,
) if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	unresolved(plugin)
	knobs.allow_local == false
}
