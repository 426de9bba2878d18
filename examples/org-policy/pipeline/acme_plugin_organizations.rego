# METADATA
# title: Plugin from an unapproved organization
# description: |
#   A Buildkite plugin runs its hooks on the agent with the job's credentials. Acme allows
#   plugins only from the organizations it has reviewed (`allowed_organizations`): Buildkite's
#   own and its internal mirror. Plugins referenced through a variable are not judged.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/integrations/plugins/using
# custom:
#   id: acme/plugin_organizations
#   severity: high
#   area: 2
#   target: pipeline
#   remediation: Use the plugin from an approved organization, or mirror it into one after review.
#   config:
#     allowed_organizations:
#       default: ["github.com/buildkite-plugins", "github.com/acme"]
#       description: Source prefixes (host/organization) plugins may come from.
package pipeline.acme_plugin_organizations

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

# A plugin whose canonical source is under none of the allowed organizations.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` comes from %s, which is not an approved plugin organization", [plugin.name, organization(plugin.source)]),
	array.concat(entry.path, ["plugins", i]),
	plugin.source,
) if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	not plugin.dynamic
	not allowed(plugin.source)
}

# allowed holds when the source sits under one of the allowed organizations.
allowed(source) if {
	some prefix in knobs.allowed_organizations
	startswith(source, concat("", [prefix, "/"]))
}

# organization is the host/owner part of a plugin source.
organization(source) := concat("/", array.slice(split(source, "/"), 0, 2))
