# METADATA
# title: Cluster rule crosses clusters
# description: |
#   Clusters isolate pipelines: their agents, queues, secrets and artifacts. A rule that
#   lets a pipeline trigger builds of, or read artifacts of, a pipeline in another
#   cluster (or outside any cluster) opens a path across that boundary: whoever can
#   change the source pipeline's steps can start builds in, or take build output from,
#   the other cluster. One finding per such rule, unless the pair of clusters is listed
#   in `allowed_crossings`. A rule whose pipelines are not among those read is unknown.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/clusters/rules
#   - ref: https://buildkite.com/docs/apis/rest-api/rules
# custom:
#   id: buildkite/cluster_rule_crosses_clusters
#   severity: high
#   area: 6
#   target: organization
#   remediation: Delete the rule (Organization settings → Rules), or move both pipelines into one cluster; if the crossing is intended, list the pair under this rule's `allowed_crossings` knob in `.kiteguard.yml`.
#   config:
#     allowed_crossings:
#       default: {}
#       description: Crossings that are intended, as source cluster name → list of target cluster names (`unclustered` for a pipeline in no cluster).
package buildkite.cluster_rule_crosses_clusters

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

rules := input.buildkite.rules

pipelines := input.buildkite.pipelines

not_applicable if not input.buildkite

unknown contains "the organization's cluster rules were not collected (a snapshot from a kiteguard version that did not read them)" if {
	input.buildkite
	not input.buildkite.rules
}

unknown contains snapshot.why("the organization's cluster rules", rules)

unknown contains snapshot.why("the organization's pipelines", pipelines) if {
	count(pipeline_rules) > 0
}

unknown contains sprintf("rule `%s` names %s %s, which is not among the pipelines read, so whether it crosses clusters is not known", [rule.uuid, side, object.get(rule, uuid_key, null)]) if {
	snapshot.available(pipelines)
	some rule in pipeline_rules
	some side, uuid_key in {"source pipeline": "source_uuid", "target pipeline": "target_uuid"}
	not pipeline_of(object.get(rule, uuid_key, null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("rule `%s` lets pipeline `%s` (%s) %s pipeline `%s` (%s), across the cluster boundary", [rule.uuid, source.slug, cluster_label(from), verb(rule), target.slug, cluster_label(to)]),
	["buildkite", "rules", "data", r],
	sprintf("%s: %s → %s", [object.get(rule, "type", "rule"), source.slug, target.slug]),
) if {
	snapshot.available(pipelines)
	some r, rule in rules.data
	is_pipeline_rule(rule)
	source := pipeline_of(rule.source_uuid)
	target := pipeline_of(rule.target_uuid)
	from := object.get(source, "cluster_id", null)
	to := object.get(target, "cluster_id", null)
	from != to
	not allowed(from, to)
}

# pipeline_rules are the allow rules between pipelines (the only kind Buildkite has).
pipeline_rules contains rule if {
	snapshot.available(rules)
	some rule in rules.data
	is_pipeline_rule(rule)
}

# is_pipeline_rule holds for a rule that allows something between pipelines.
is_pipeline_rule(rule) if {
	object.get(rule, "effect", "allow") == "allow"
	object.get(rule, "source_type", "pipeline") == "pipeline"
	object.get(rule, "target_type", "pipeline") == "pipeline"
}

# pipeline_of is the REST pipeline with this uuid.
pipeline_of(uuid) := p if {
	is_string(uuid)
	some p in pipelines.data
	p.id == uuid
}

# verb says what the rule allows.
verb(rule) := "read artifacts of" if object.get(rule, "action", "") == "artifacts_read"

verb(rule) := "trigger builds of" if object.get(rule, "action", "") != "artifacts_read"

# cluster_name is a cluster's name from the clusters section, or its id when that is not readable.
cluster_name(id) := "unclustered" if id == null

cluster_name(id) := name if {
	id != null
	snapshot.available(input.buildkite.clusters)
	some entry in input.buildkite.clusters.data
	entry.cluster.id == id
	name := entry.cluster.name
} else := id if id != null

# cluster_label describes where a pipeline runs.
cluster_label(id) := "no cluster" if id == null

cluster_label(id) := sprintf("cluster `%s`", [cluster_name(id)]) if id != null

# allowed holds when the knob lists the crossing from one cluster to the other.
allowed(from, to) if {
	targets := object.get(knobs.allowed_crossings, cluster_name(from), [])
	is_array(targets)
	cluster_name(to) in targets
}
