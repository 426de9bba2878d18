# METADATA
# title: Plugin not pinned
# description: |
#   A plugin referenced without `#ref`, or pinned to a branch name, runs whatever
#   its repository holds at build time. Tag pins pass unless `require_sha` is set.
#   Local and variable plugins (`dynamic`) and the agent-stack-k8s `kubernetes`
#   plugin (controller syntax, never fetched) are skipped.
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

# checked: the plugins of command steps whose source is fetched at a ref, with their paths.
checked contains {"path": array.concat(entry.path, ["plugins", i]), "plugin": plugin} if {
	some entry in pipeline.command_steps
	some i, plugin in entry.step.plugins
	not plugin.dynamic
	plugin.name != "kubernetes"
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is not pinned to a version; add `#v<version>` or, better, `#<commit-sha>`", [p.plugin.name]),
	p.path,
	p.plugin.name,
) if {
	some p in checked
	p.plugin.ref == null
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is pinned to the branch `%s`, which can move; pin a release tag or a 40-character SHA", [p.plugin.name, p.plugin.ref]),
	p.path,
	sprintf("%s#%s", [p.plugin.name, p.plugin.ref]),
) if {
	some p in checked
	p.plugin.ref in knobs.branch_names
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is pinned to `%s`, not a full commit SHA", [p.plugin.name, p.plugin.ref]),
	p.path,
	sprintf("%s#%s", [p.plugin.name, p.plugin.ref]),
) if {
	knobs.require_sha == true
	some p in checked
	is_string(p.plugin.ref)
	not p.plugin.ref in knobs.branch_names
	not regex.match(`^[0-9a-fA-F]{40}$`, p.plugin.ref)
}
