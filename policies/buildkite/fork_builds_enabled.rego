# METADATA
# title: Fork pull requests are built
# description: |
#   With `build_pull_request_forks` on, anyone who can open a pull request from a fork
#   runs their code on your agents, with whatever those agents can reach: secrets,
#   caches, cloud credentials, other builds' leftovers. The rule fails for a pipeline
#   that builds pull requests from forks, unless fork branch names are prefixed
#   (`prefix_pull_request_fork_branch_names`, so a fork cannot pose as a trusted branch
#   in `if:` conditions or branch filters) and the pipeline is in a cluster you list as
#   isolated for untrusted code. Providers without the setting are not applicable; a GitHub
#   provider whose settings lack it is unknown.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/source-control/github
#   - ref: https://buildkite.com/docs/pipelines/security/clusters
# custom:
#   id: buildkite/fork_builds_enabled
#   severity: high
#   area: 1
#   target: pipeline
#   remediation: In Pipeline settings → GitHub, turn off "Build pull requests from third-party forked repositories"; if fork builds are needed, turn on "Prefix branch names of third-party forks", move the pipeline to a cluster whose agents hold no secrets and list that cluster in `isolated_cluster_ids`.
#   config:
#     isolated_cluster_ids:
#       default: []
#       description: Cluster ids whose agents are reserved for untrusted code; a pipeline in one of them may build forks when fork branch names are prefixed.
package buildkite.fork_builds_enabled

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

pipeline := input.buildkite_pipeline.pipeline

settings := object.get(pipeline, ["provider", "settings"], {})

not_applicable if not input.buildkite_pipeline

not_applicable if {
	input.buildkite_pipeline
	not "build_pull_request_forks" in object.keys(settings)
	not github_provider
}

# A GitHub provider always has the setting: when it is missing, the data is, and the rule cannot tell.
unknown contains sprintf("`build_pull_request_forks` was not returned for pipeline `%s` (provider `%s`)", [pipeline.slug, pipeline.provider.id]) if {
	input.buildkite_pipeline
	github_provider
	not snapshot.field_unavailable(pipeline, ["provider", "settings"])
	not is_boolean(object.get(settings, "build_pull_request_forks", null))
}

# A provider or its settings the collector could not read leave the rule unable to tell.
unknown contains snapshot.field_why(sprintf("the provider of pipeline `%s`", [pipeline.slug]), pipeline, field) if {
	input.buildkite_pipeline
	some field in [["provider", "id"], ["provider", "settings"]]
}

# With isolated clusters listed, a pipeline building forks whose cluster was not read may be in one of them.
unknown contains snapshot.field_why(sprintf("the cluster of pipeline `%s`", [pipeline.slug]), pipeline, ["cluster_id"]) if {
	settings.build_pull_request_forks == true
	count(knobs.isolated_cluster_ids) > 0
}

# github_provider holds for the providers whose settings include `build_pull_request_forks`.
github_provider if object.get(pipeline, ["provider", "id"], null) in {"github", "github_enterprise"}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` builds pull requests from forks %s", [pipeline.slug, concat(" and ", reasons)]),
	["buildkite_pipeline", "pipeline", "provider", "settings", "build_pull_request_forks"],
	"build_pull_request_forks: true",
) if {
	settings.build_pull_request_forks == true
	object.get(settings, "build_pull_requests", null) != false
	reasons := [reason | some reason in ordered_reasons; applies(reason)]
	count(reasons) > 0
}

# ordered_reasons fixes the order the reasons are named in.
ordered_reasons := ["without prefixing fork branch names", "outside a cluster listed as isolated"]

# applies holds for each reason the fork builds are not contained.
applies("without prefixing fork branch names") if object.get(settings, "prefix_pull_request_fork_branch_names", null) != true

applies("outside a cluster listed as isolated") if count(knobs.isolated_cluster_ids) == 0

applies("outside a cluster listed as isolated") if {
	not snapshot.field_unavailable(pipeline, ["cluster_id"])
	not object.get(pipeline, "cluster_id", null) in knobs.isolated_cluster_ids
}
