package buildkite.pipeline_not_in_cluster_test

import data.buildkite.pipeline_not_in_cluster

pipeline_input(fields) := {"buildkite_pipeline": {"org": "acme", "pipeline": object.union({"slug": "deploy", "cluster_id": "c-1"}, fields)}}

test_unclustered_pipeline_fails if {
	findings := pipeline_not_in_cluster.deny with input as pipeline_input({"cluster_id": null})
	count(findings) == 1
	some f in findings
	f.rule == "buildkite/pipeline_not_in_cluster"
	f.path == ["buildkite_pipeline", "pipeline", "cluster_id"]
	f.message == "pipeline `deploy` is not in a cluster, so any unclustered agent can run its jobs"
}

test_missing_cluster_id_fails if {
	count(pipeline_not_in_cluster.deny) == 1 with input as {"buildkite_pipeline": {"pipeline": {"slug": "deploy"}}}
}

test_clustered_pipeline_passes if {
	count(pipeline_not_in_cluster.deny) == 0 with input as pipeline_input({})
}

test_yaml_only_input_is_ignored if {
	count(pipeline_not_in_cluster.deny) == 0 with input as {"pipeline": {"steps": []}}
}

test_unread_cluster_is_unknown_never_a_pass if {
	inp := pipeline_input({"cluster_id": {"status": "unavailable", "reason": "`cluster_id` was not returned"}})
	count(pipeline_not_in_cluster.deny) == 0 with input as inp
	pipeline_not_in_cluster.unknown == {"the cluster of pipeline `deploy` not visible: `cluster_id` was not returned"} with input as inp
}
