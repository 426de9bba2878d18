# METADATA
# title: Pipeline not in a cluster
# description: |
#   A Buildkite pipeline whose `cluster_id` is null runs on unclustered agents: any
#   agent connected with the organization's unclustered token can pick up its jobs,
#   and its secrets and queues cannot be scoped to it. Clusters isolate agents, queues,
#   agent tokens and secrets per group of pipelines.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/clusters
# custom:
#   id: buildkite/pipeline_not_in_cluster
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: Move the pipeline into a cluster (Pipeline settings → General → Cluster) whose queues serve only the pipelines that trust each other.
package buildkite.pipeline_not_in_cluster

import data.lib.findings
import data.lib.snapshot

unknown contains snapshot.field_why(sprintf("the cluster of pipeline `%s`", [pipeline.slug]), pipeline, ["cluster_id"]) if {
	pipeline := input.buildkite_pipeline.pipeline
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` is not in a cluster, so any unclustered agent can run its jobs", [pipeline.slug]),
	["buildkite_pipeline", "pipeline", "cluster_id"],
	"cluster_id: null",
) if {
	pipeline := input.buildkite_pipeline.pipeline
	object.get(pipeline, "cluster_id", null) == null
}
