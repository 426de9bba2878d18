package buildkite.scanner_token_overscoped_test

import data.buildkite.scanner_token_overscoped

org(meta) := {"buildkite": {"org": "acme", "access_token": {"status": "ok", "data": meta}}}

good := {"uuid": "t-1", "description": "kiteguard", "scopes": ["read_pipelines", "read_clusters", "graphql"], "expires_at": "2025-07-23 06:07:42 UTC"}

test_read_scopes_with_expiry_pass if {
	count(scanner_token_overscoped.deny) == 0 with input as org(good)
	count(scanner_token_overscoped.unknown) == 0 with input as org(good)
}

test_write_scope_fails if {
	findings := scanner_token_overscoped.deny with input as org(object.union(good, {"scopes": ["read_pipelines", "write_builds", "GRAPHQL"]}))
	{f.message | some f in findings} == {"kiteguard's Buildkite token `kiteguard` has scopes it does not need: write_builds"}
	{f.path | some f in findings} == {["buildkite", "access_token", "data", "scopes"]}
}

test_no_expiry_fails if {
	findings := scanner_token_overscoped.deny with input as org({"uuid": "t-1", "scopes": ["read_pipelines"], "expires_at": null})
	{f.message | some f in findings} == {"kiteguard's Buildkite token `t-1` never expires"}
}

test_graphql_can_be_disallowed if {
	findings := scanner_token_overscoped.deny with input as org(good) with data.config.rules as {"buildkite/scanner_token_overscoped": {"allowed_scopes": ["read_*"]}}
	{f.evidence | some f in findings} == {"graphql"}
}

test_hidden_token_is_unknown if {
	hidden := {"buildkite": {"org": "acme", "access_token": {"status": "unavailable", "reason": "401 Unauthorized", "http_status": 401}}}
	count(scanner_token_overscoped.deny) == 0 with input as hidden
	scanner_token_overscoped.unknown == {"kiteguard's own token not visible: 401 Unauthorized"} with input as hidden
}

test_not_applicable_without_buildkite if {
	scanner_token_overscoped.not_applicable with input as {}
}
