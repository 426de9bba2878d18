package buildkite.cluster_secret_policy_weak_test

import data.buildkite.cluster_secret_policy_weak

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_secrets_details"}

ok(value) := {"status": "ok", "data": value}

org(clusters) := {"buildkite": {"org": "acme", "clusters": clusters}}

cluster(name, secrets) := {"cluster": {"id": concat("-", ["c", name]), "name": name}, "secrets": secrets}

# secret is a secret whose policy text parsed into `rules`.
secret(key, rules) := {"id": key, "key": key, "policy": "(see policy_rules)", "policy_rules": ok(rules)}

messages(clusters) := found if {
	found := {f.message | some f in cluster_secret_policy_weak.deny} with input as org(clusters)
}

test_pinned_rules_on_a_branch_pass if {
	estate := ok([cluster("prod", ok([
		secret("DEPLOY_KEY", [{"pipeline_slug": "deploy-web", "build_branch": "main"}]),
		secret("NPM_TOKEN", [{"pipeline_slug": ["web", "api"], "build_branch": ["main", "release/*"]}]),
		{"id": "s-3", "key": "OPEN", "policy": null},
	]))])
	count(cluster_secret_policy_weak.deny) == 0 with input as org(estate)
	count(cluster_secret_policy_weak.unknown) == 0 with input as org(estate)
}

test_every_branch_fails if {
	estate := ok([cluster("prod", ok([secret("DEPLOY_KEY", [{"pipeline_slug": "deploy-web", "build_branch": "main"}, {"pipeline_slug": "deploy-web", "build_branch": ["main", "*"]}])]))])
	messages(estate) == {"rule 2 of the access policy of secret `DEPLOY_KEY` (cluster `prod`) admits every branch (`build_branch: \"*\"`), including branches anyone with push access creates"}
	paths := {f.path | some f in cluster_secret_policy_weak.deny} with input as org(estate)
	paths == {["buildkite", "clusters", "data", 0, "secrets", "data", 0, "policy"]}
}

test_missing_branch_fails_unless_the_knob_allows_it if {
	estate := ok([cluster("prod", ok([secret("K", [{"pipeline_slug": "deploy-web"}])]))])
	messages(estate) == {"rule 1 of the access policy of secret `K` (cluster `prod`) admits every branch (no `build_branch`), including branches anyone with push access creates"}
	count(cluster_secret_policy_weak.deny) == 0 with input as org(estate) with data.config.rules as {"buildkite/cluster_secret_policy_weak": {"require_branch": false}}
}

test_rules_naming_no_pipeline_fail if {
	estate := ok([cluster("prod", ok([
		secret("BRANCH_ONLY", [{"build_branch": "main"}]),
		secret("CREATOR_ONLY", [{"build_creator": "ada@acme.example", "build_branch": "main"}]),
		secret("WILD_PIPELINE", [{"pipeline_slug": "*", "build_branch": "main"}]),
	]))])
	messages(estate) == {
		"rule 1 of the access policy of secret `BRANCH_ONLY` (cluster `prod`) names no pipeline (pipeline_slug, without a wildcard), so every pipeline of the cluster whose builds meet `build_branch` can read it",
		"rule 1 of the access policy of secret `CREATOR_ONLY` (cluster `prod`) names no pipeline (pipeline_slug, without a wildcard), so every pipeline of the cluster whose builds meet `build_branch`, `build_creator` can read it",
		"rule 1 of the access policy of secret `WILD_PIPELINE` (cluster `prod`) names no pipeline (pipeline_slug, without a wildcard), so every pipeline of the cluster whose builds meet `build_branch`, `pipeline_slug` can read it",
	}
}

test_an_empty_rule_reports_both_weaknesses if {
	estate := ok([cluster("prod", ok([secret("K", [{}])]))])
	messages(estate) == {"rule 1 of the access policy of secret `K` (cluster `prod`) names no pipeline (pipeline_slug, without a wildcard), so every pipeline of the cluster whose builds meet no claim at all can read it; it admits every branch (no `build_branch`), including branches anyone with push access creates"}
}

test_pinning_claims_knob if {
	estate := ok([cluster("prod", ok([secret("K", [{"build_creator_team": "t-1", "build_branch": "main"}])]))])
	count(cluster_secret_policy_weak.deny) == 1 with input as org(estate)
	count(cluster_secret_policy_weak.deny) == 0 with input as org(estate) with data.config.rules as {"buildkite/cluster_secret_policy_weak": {"pinning_claims": ["pipeline_slug", "build_creator_team"]}}
}

test_unparsed_or_odd_policies_are_unknown if {
	bad := {"status": "unavailable", "reason": "the access policy of secret `K` is not valid YAML (line 1)"}
	estate := ok([cluster("prod", ok([
		{"id": "1", "key": "K", "policy": "- : [", "policy_rules": bad},
		{"id": "2", "key": "MAP", "policy": "pipeline_slug: x", "policy_rules": ok({"pipeline_slug": "x"})},
		{"id": "3", "key": "RAW", "policy": "- pipeline_slug: x"},
	]))])
	cluster_secret_policy_weak.unknown == {
		"the access policy of secret `K` is not valid YAML (line 1), so secret `K` of cluster `prod` cannot be judged",
		"the access policy of secret `MAP` of cluster `prod` is not a list of rules, each a map of claims",
		"its access policy was not parsed, so secret `RAW` of cluster `prod` cannot be judged",
	} with input as org(estate)
	count(cluster_secret_policy_weak.deny) == 0 with input as org(estate)
}

test_hidden_secrets_and_clusters_are_unknown if {
	cluster_secret_policy_weak.unknown == {"secrets of cluster `prod` not visible: 403 Forbidden (needs read_secrets_details)"} with input as org(ok([cluster("prod", denied)]))
	count(cluster_secret_policy_weak.unknown) == 1 with input as org(denied)
	count(cluster_secret_policy_weak.deny) == 0 with input as org(denied)
}

test_not_applicable_without_buildkite if {
	cluster_secret_policy_weak.not_applicable with input as {}
}

test_unreadable_policy_is_unknown if {
	estate := ok([cluster("prod", ok([{"id": "s-1", "key": "K", "policy": {"status": "unavailable", "reason": "`policy` was null"}}]))])
	count(cluster_secret_policy_weak.deny) == 0 with input as org(estate)
	count(cluster_secret_policy_weak.unknown) == 1 with input as org(estate)
}
