package buildkite.cluster_secret_unrestricted_test

import data.buildkite.cluster_secret_unrestricted

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_secrets_details"}

ok(value) := {"status": "ok", "data": value}

org(clusters) := {"buildkite": {"org": "acme", "clusters": clusters}}

cluster(name, secrets) := {"cluster": {"id": concat("-", ["c", name]), "name": name}, "secrets": secrets}

estate := ok([
	cluster("prod", ok([
		{"key": "DEPLOY_KEY", "policy": "- pipeline_slug: web-app\n  build_branch: main"},
		{"key": "NPM_TOKEN", "policy": null},
		{"key": "BLANK", "policy": "  \n"},
	])),
	cluster("oss", ok([{"id": "s-9"}])),
])

test_secrets_without_policy_fail if {
	findings := cluster_secret_unrestricted.deny with input as org(estate)
	{f.message | some f in findings} == {
		"secret `NPM_TOKEN` of cluster `prod` has no access policy, so every pipeline and branch in the cluster can read it",
		"secret `BLANK` of cluster `prod` has no access policy, so every pipeline and branch in the cluster can read it",
		"secret `(no key)` of cluster `oss` has no access policy, so every pipeline and branch in the cluster can read it",
	}
	["buildkite", "clusters", "data", 0, "secrets", "data", 1] in {f.path | some f in findings}
}

test_secrets_with_policy_pass if {
	count(cluster_secret_unrestricted.deny) == 0 with input as org(ok([cluster("prod", ok([{"key": "K", "policy": "- pipeline_slug: a"}]))]))
	count(cluster_secret_unrestricted.unknown) == 0 with input as org(ok([cluster("prod", ok([]))]))
}

test_hidden_secrets_are_unknown_per_cluster if {
	mixed := org(ok([cluster("prod", denied), cluster("oss", ok([{"key": "K"}]))]))
	cluster_secret_unrestricted.unknown == {"secrets of cluster `prod` not visible: 403 Forbidden (needs read_secrets_details)"} with input as mixed
	count(cluster_secret_unrestricted.deny) == 1 with input as mixed
}

test_hidden_clusters_are_unknown if {
	count(cluster_secret_unrestricted.deny) == 0 with input as org(denied)
	count(cluster_secret_unrestricted.unknown) == 1 with input as org(denied)
}

test_not_applicable_without_buildkite if {
	cluster_secret_unrestricted.not_applicable with input as {}
}

test_unread_policy_is_unknown_never_a_finding if {
	unread := {"status": "unavailable", "reason": "`policy` was null"}
	inp := org(ok([cluster("prod", ok([{"id": "s-1", "key": "DEPLOY_KEY", "policy": unread, "created_at": "2025-01-01T00:00:00Z"}]))]))
	count(cluster_secret_unrestricted.deny) == 0 with input as inp
	cluster_secret_unrestricted.unknown == {"the access policy of secret `DEPLOY_KEY` of cluster `prod` not visible: `policy` was null"} with input as inp
}
