package buildkite.cluster_rule_crosses_clusters_test

import data.buildkite.cluster_rule_crosses_clusters

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_rules"}

ok(value) := {"status": "ok", "data": value}

pipeline(id, slug, cluster) := {"id": id, "slug": slug, "cluster_id": cluster}

estate_pipelines := ok([
	pipeline("p-web", "web", "c-prod"),
	pipeline("p-deploy", "deploy", "c-prod"),
	pipeline("p-docs", "docs", "c-oss"),
	pipeline("p-legacy", "legacy", null),
])

clusters := ok([{"cluster": {"id": "c-prod", "name": "prod"}}, {"cluster": {"id": "c-oss", "name": "oss"}}])

rule(uuid, action, source, target) := {
	"uuid": uuid, "type": concat(".", ["pipeline", action, "pipeline"]), "action": action, "effect": "allow",
	"source_type": "pipeline", "source_uuid": source, "target_type": "pipeline", "target_uuid": target,
}

org(rules) := {"buildkite": {"org": "acme", "pipelines": estate_pipelines, "clusters": clusters, "rules": rules}}

test_rules_within_one_cluster_pass if {
	input_ := org(ok([rule("r-1", "trigger_build", "p-web", "p-deploy"), rule("r-2", "artifacts_read", "p-deploy", "p-web")]))
	count(cluster_rule_crosses_clusters.deny) == 0 with input as input_
	count(cluster_rule_crosses_clusters.unknown) == 0 with input as input_
	count(cluster_rule_crosses_clusters.unknown) == 0 with input as org(ok([]))
}

test_rules_across_clusters_fail if {
	findings := cluster_rule_crosses_clusters.deny with input as org(ok([
		rule("r-1", "trigger_build", "p-docs", "p-deploy"),
		rule("r-2", "artifacts_read", "p-legacy", "p-web"),
	]))
	{f.message | some f in findings} == {
		"rule `r-1` lets pipeline `docs` (cluster `oss`) trigger builds of pipeline `deploy` (cluster `prod`), across the cluster boundary",
		"rule `r-2` lets pipeline `legacy` (no cluster) read artifacts of pipeline `web` (cluster `prod`), across the cluster boundary",
	}
	{f.path | some f in findings} == {["buildkite", "rules", "data", 0], ["buildkite", "rules", "data", 1]}
}

test_cluster_ids_stand_in_for_unreadable_cluster_names if {
	input_ := json.patch(org(ok([rule("r-1", "trigger_build", "p-docs", "p-deploy")])), [{"op": "replace", "path": "/buildkite/clusters", "value": denied}])
	{f.message | some f in cluster_rule_crosses_clusters.deny} == {"rule `r-1` lets pipeline `docs` (cluster `c-oss`) trigger builds of pipeline `deploy` (cluster `c-prod`), across the cluster boundary"} with input as input_
}

test_allowed_crossings_knob if {
	crossing := org(ok([rule("r-1", "trigger_build", "p-docs", "p-deploy"), rule("r-2", "trigger_build", "p-legacy", "p-web")]))
	config := {"buildkite/cluster_rule_crosses_clusters": {"allowed_crossings": {"oss": ["prod"], "unclustered": ["prod"]}}}
	count(cluster_rule_crosses_clusters.deny) == 0 with input as crossing with data.config.rules as config
	count(cluster_rule_crosses_clusters.deny) == 2 with input as crossing with data.config.rules as {"buildkite/cluster_rule_crosses_clusters": {"allowed_crossings": {"prod": ["oss"]}}}
}

test_unreadable_rules_or_pipelines_are_unknown if {
	cluster_rule_crosses_clusters.unknown == {"the organization's cluster rules not visible: 403 Forbidden (needs read_rules)"} with input as org(denied)
	hidden := json.patch(org(ok([rule("r-1", "trigger_build", "p-docs", "p-deploy")])), [{"op": "replace", "path": "/buildkite/pipelines", "value": {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_pipelines"}}])
	cluster_rule_crosses_clusters.unknown == {"the organization's pipelines not visible: 403 Forbidden (needs read_pipelines)"} with input as hidden
	count(cluster_rule_crosses_clusters.deny) == 0 with input as hidden
}

test_a_rule_naming_an_unread_pipeline_is_unknown if {
	input_ := org(ok([rule("r-1", "trigger_build", "p-web", "p-gone"), rule("r-2", "trigger_build", "p-docs", "p-web")]))
	cluster_rule_crosses_clusters.unknown == {"rule `r-1` names target pipeline p-gone, which is not among the pipelines read, so whether it crosses clusters is not known"} with input as input_
	count(cluster_rule_crosses_clusters.deny) == 1 with input as input_
}

test_snapshots_without_rules_are_unknown if {
	cluster_rule_crosses_clusters.unknown == {"the organization's cluster rules were not collected (a snapshot from a kiteguard version that did not read them)"} with input as {"buildkite": {"org": "acme", "pipelines": estate_pipelines}}
}

test_not_applicable_without_buildkite if {
	cluster_rule_crosses_clusters.not_applicable with input as {}
}
