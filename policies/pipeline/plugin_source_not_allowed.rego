# METADATA
# title: Plugin source not allowed
# description: |
#   A plugin comes from a source outside the organization's allowed list, so code
#   nobody vetted runs with the step's secrets. Sources are compared in their
#   canonical form (`github.com/<owner>/<repo>`, no scheme, no `.git`), without
#   regard to case. Local plugins (`./.buildkite/plugins/x`) and plugins named by a
#   variable (`${VAR}`) cannot be checked and pass unless `allow_local` is false.
#   The agent-stack-k8s `kubernetes` plugin is controller syntax, not code, and is skipped.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/best-practices/plugin-management
#     description: Plugin management and standardization (plugin sources)
# custom:
#   id: pipeline/plugin_source_not_allowed
#   severity: high
#   area: 8
#   target: pipeline
#   remediation: >-
#     Use a plugin from an allowed source (fork and vet third-party plugins into your
#     organization), or add its vetted source to `allowed_sources`.
#   config:
#     allowed_sources:
#       default: ["github.com/buildkite-plugins/*"]
#       description: >-
#         Glob patterns over canonical plugin sources; `*` stays within one path segment,
#         `**` crosses segments (`github.com/my-org/*`, `github.com/buildkite-plugins/*`).
#     allow_local:
#       default: true
#       description: Allow plugins loaded from a local path or a variable, whose source cannot be checked.
package pipeline.plugin_source_not_allowed

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

allowed(source) if {
	some pattern in knobs.allowed_sources
	glob.match(lower(pattern), ["/"], lower(source))
}

# unresolved: a plugin whose source is a local path or contains a variable, so only the
# agent knows where it comes from. (A plugin that is `dynamic` only because of a `${REF}`
# still has a canonical source, and is checked.)
unresolved(plugin) if contains(plugin.source, "$")

unresolved(plugin) if regex.match(`^(\.|/|\\|~|file://|[A-Za-z]:[\\/])`, plugin.source)

# reserved: the agent-stack-k8s `kubernetes` plugin, interpreted by the controller, never fetched.
reserved(plugin) if plugin.name == "kubernetes"

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` comes from `%s`, which is not an allowed plugin source", [plugin.name, plugin.source]),
	array.concat(entry.path, ["plugins", k]),
	plugin.name,
) if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	not unresolved(plugin)
	not reserved(plugin)
	not allowed(plugin.source)
}

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
