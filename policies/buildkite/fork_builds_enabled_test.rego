package buildkite.fork_builds_enabled_test

import data.buildkite.fork_builds_enabled

target(settings, cluster) := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "legacy-deploy", "cluster_id": cluster, "provider": {"id": "github", "settings": settings}}}}

forks := {"build_pull_requests": true, "build_pull_request_forks": true, "prefix_pull_request_fork_branch_names": false}

isolated := {"buildkite/fork_builds_enabled": {"isolated_cluster_ids": ["c-oss"]}}

test_fork_builds_fail if {
	findings := fork_builds_enabled.deny with input as target(forks, "c-prod")
	count(findings) == 1
	some f in findings
	f.rule == "buildkite/fork_builds_enabled"
	f.message == "pipeline `legacy-deploy` builds pull requests from forks without prefixing fork branch names and outside a cluster listed as isolated"
	f.path == ["buildkite_pipeline", "pipeline", "provider", "settings", "build_pull_request_forks"]
}

test_prefixed_forks_still_need_an_isolated_cluster if {
	findings := fork_builds_enabled.deny with input as target(object.union(forks, {"prefix_pull_request_fork_branch_names": true}), "c-prod")
	{f.message | some f in findings} == {"pipeline `legacy-deploy` builds pull requests from forks outside a cluster listed as isolated"}
}

test_isolated_cluster_still_needs_prefixes if {
	findings := fork_builds_enabled.deny with input as target(forks, "c-oss") with data.config.rules as isolated
	{f.message | some f in findings} == {"pipeline `legacy-deploy` builds pull requests from forks without prefixing fork branch names"}
}

test_prefixed_forks_on_isolated_cluster_pass if {
	count(fork_builds_enabled.deny) == 0 with input as target(object.union(forks, {"prefix_pull_request_fork_branch_names": true}), "c-oss") with data.config.rules as isolated
}

test_no_fork_builds_pass if {
	count(fork_builds_enabled.deny) == 0 with input as target(object.union(forks, {"build_pull_request_forks": false}), null)
	count(fork_builds_enabled.deny) == 0 with input as target(object.union(forks, {"build_pull_requests": false}), null)
	not fork_builds_enabled.not_applicable with input as target(forks, null)
}

test_not_applicable_without_the_setting_or_target if {
	gitlab := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "docs", "cluster_id": null, "provider": {"id": "gitlab", "settings": {"trigger_mode": "code"}}}}}
	fork_builds_enabled.not_applicable with input as gitlab
	fork_builds_enabled.not_applicable with input as {"pipeline": {"steps": []}}
	count(fork_builds_enabled.deny) == 0 with input as {"pipeline": {"steps": []}}
}

test_missing_fields_count_against if {
	findings := fork_builds_enabled.deny with input as target({"build_pull_request_forks": true}, "c-oss") with data.config.rules as isolated
	{f.message | some f in findings} == {"pipeline `legacy-deploy` builds pull requests from forks without prefixing fork branch names"}
}

test_github_provider_without_the_setting_is_unknown if {
	inp := target({"trigger_mode": "code"}, null)
	count(fork_builds_enabled.deny) == 0 with input as inp
	fork_builds_enabled.unknown == {"`build_pull_request_forks` was not returned for pipeline `legacy-deploy` (provider `github`)"} with input as inp
}

test_unread_provider_is_unknown_not_not_applicable if {
	inp := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "legacy-deploy", "cluster_id": null, "provider": {"status": "unavailable", "reason": "`provider` was null"}}}}
	count(fork_builds_enabled.deny) == 0 with input as inp
	fork_builds_enabled.unknown == {"the provider of pipeline `legacy-deploy` not visible: `provider` was null"} with input as inp
}

test_unread_settings_is_unknown if {
	inp := target({"status": "unavailable", "reason": "`provider.settings` was not returned"}, "c-1")
	count(fork_builds_enabled.deny) == 0 with input as inp
	fork_builds_enabled.unknown == {"the provider of pipeline `legacy-deploy` not visible: `provider.settings` was not returned"} with input as inp
}

test_unread_cluster_with_isolated_clusters_is_unknown if {
	inp := target(object.union(forks, {"prefix_pull_request_fork_branch_names": true}), {"status": "unavailable", "reason": "`cluster_id` was not returned"})
	count(fork_builds_enabled.deny) == 0 with input as inp with data.config.rules as isolated
	fork_builds_enabled.unknown == {"the cluster of pipeline `legacy-deploy` not visible: `cluster_id` was not returned"} with input as inp with data.config.rules as isolated
}
