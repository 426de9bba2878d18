package buildkite.api_token_overscoped_test

import data.buildkite.api_token_overscoped

org(tokens) := {"buildkite": {"org": "acme", "api_access_tokens": tokens}}

token(uuid, description, scopes) := {"uuid": uuid, "description": description, "scopes": scopes, "owner": {"email": "ada@acme.example"}}

estate := {"status": "ok", "data": [
	token("t-1", "reader", ["READ_BUILDS", "READ_PIPELINES"]),
	token("t-2", "ci admin", ["READ_PIPELINES", "WRITE_PIPELINES", "GRAPHQL"]),
	{"uuid": "t-3", "description": "deployer", "scopes": ["write_builds"]},
]}

test_write_and_graphql_scopes_fail if {
	findings := api_token_overscoped.deny with input as org(estate)
	{f.message | some f in findings} == {
		"API token `ci admin` (owner ada@acme.example) has scopes outside the allow-list: graphql, write_pipelines (GraphQL access is not limited by scopes; use a portal)",
		"API token `deployer` has scopes outside the allow-list: write_builds",
	}
	{f.path | some f in findings} == {["buildkite", "api_access_tokens", "data", 1, "scopes"], ["buildkite", "api_access_tokens", "data", 2, "scopes"]}
}

test_read_only_tokens_pass if {
	count(api_token_overscoped.deny) == 0 with input as org({"status": "ok", "data": [token("t-1", "reader", ["READ_BUILDS"]), {"uuid": "t-4"}]})
}

test_allow_list_and_exemptions if {
	knobs := {"buildkite/api_token_overscoped": {"allowed_scopes": ["read_*", "GraphQL"], "exempt_tokens": ["t-3"]}}
	findings := api_token_overscoped.deny with input as org(estate) with data.config.rules as knobs
	{f.evidence | some f in findings} == {"write_pipelines"}
}

test_hidden_tokens_are_unknown if {
	hidden := org({"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"})
	count(api_token_overscoped.deny) == 0 with input as hidden
	api_token_overscoped.unknown == {"the organization's API access tokens not visible: 403 Forbidden (needs organization admin)"} with input as hidden
}

test_not_applicable_without_buildkite if {
	api_token_overscoped.not_applicable with input as {}
}
