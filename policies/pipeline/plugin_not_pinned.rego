# METADATA
# title: Plugin not pinned
# description: |
#   A plugin referenced without `#ref`, or pinned to a branch name, runs whatever
#   its repository holds at build time. Tag pins pass unless `require_sha` is set.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/integrations/plugins/using#pinning-plugin-versions
# custom:
#   id: pipeline/plugin_not_pinned
#   severity: high
#   area: 8
#   target: pipeline
#   remediation: Pin every plugin to a release tag (`docker#v5.12.0`) or, better, a full commit SHA.
#   config:
#     require_sha:
#       default: false
#       description: Only accept full 40-character commit SHAs as plugin refs.
#     branch_names:
#       default: ["main", "master", "develop", "dev", "trunk", "HEAD", "latest", "stable"]
#       description: Refs that name a moving branch rather than a release.
package pipeline.plugin_not_pinned

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is not pinned to a version", [plugin.name]),
	array.concat(entry.path, ["plugins", i]),
	plugin.name,
) if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	not plugin.dynamic
	plugin.ref == null
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is pinned to the branch `%s`, which can move", [plugin.name, plugin.ref]),
	array.concat(entry.path, ["plugins", i]),
	sprintf("%s#%s", [plugin.name, plugin.ref]),
) if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	not plugin.dynamic
	plugin.ref in knobs.branch_names
}
