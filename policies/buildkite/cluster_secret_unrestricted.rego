# METADATA
# title: Cluster secret without access policy
# description: |
#   A Buildkite secret with no access policy can be read by every job of every pipeline
#   in its cluster, on any branch, including pull-request builds of code nobody has
#   reviewed. An access policy limits a secret to the pipelines and branches that need
#   it. One finding per secret whose `policy` is empty; clusters whose secrets are not
#   visible are unknown.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets/access-policies
# custom:
#   id: buildkite/cluster_secret_unrestricted
#   severity: high
#   area: 5
#   target: organization
#   remediation: In the cluster's Secrets page, edit each listed secret and add an access policy naming the pipelines (`pipeline_slug`) and branches (`build_branch`) that may read it.
package buildkite.cluster_secret_unrestricted

import data.lib.findings
import data.lib.snapshot

clusters := input.buildkite.clusters

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's clusters", clusters)

unknown contains snapshot.why(sprintf("secrets of cluster `%s`", [entry.cluster.name]), entry.secrets) if {
	snapshot.available(clusters)
	some entry in clusters.data
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("secret `%s` of cluster `%s` has no access policy, so every pipeline and branch in the cluster can read it", [object.get(secret, "key", "(no key)"), entry.cluster.name]),
	["buildkite", "clusters", "data", c, "secrets", "data", s],
	"policy: null",
) if {
	snapshot.available(clusters)
	some c, entry in clusters.data
	snapshot.available(entry.secrets)
	some s, secret in entry.secrets.data
	not snapshot.field_unavailable(secret, ["policy"])
	not restricted(object.get(secret, "policy", null))
}

unknown contains snapshot.field_why(sprintf("the access policy of secret `%s` of cluster `%s`", [secret.key, entry.cluster.name]), secret, ["policy"]) if {
	snapshot.available(clusters)
	some entry in clusters.data
	snapshot.available(entry.secrets)
	some secret in entry.secrets.data
}

# restricted holds for a non-blank access policy.
restricted(policy) if {
	is_string(policy)
	trim_space(policy) != ""
}
