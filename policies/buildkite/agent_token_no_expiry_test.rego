package buildkite.agent_token_no_expiry_test

import data.buildkite.agent_token_no_expiry

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_clusters"}

ok(value) := {"status": "ok", "data": value}

org(clusters) := {"buildkite": {"org": "acme", "clusters": clusters}}

cluster(name, tokens) := {"cluster": {"id": concat("-", ["c", name]), "name": name}, "agent_tokens": tokens}

estate := ok([
	cluster("prod", ok([
		{"id": "a-1", "description": "prod agents", "allowed_ip_addresses": "10.0.0.0/8", "expires_at": "2026-06-01T00:00:00Z"},
		{"id": "a-2", "description": "old laptop agent", "allowed_ip_addresses": null, "expires_at": null},
	])),
	cluster("oss", ok([{"id": "a-3", "description": "oss agents", "allowed_ip_addresses": "", "expires_at": "2026-01-01T00:00:00Z"}])),
])

test_tokens_without_expiry_or_allowlist_fail if {
	findings := agent_token_no_expiry.deny with input as org(estate)
	{f.message | some f in findings} == {
		"agent token `old laptop agent` of cluster `prod` never expires and is accepted from any IP address",
		"agent token `oss agents` of cluster `oss` is accepted from any IP address",
	}
	{f.evidence | some f in findings} == {"expires_at: null, allowed_ip_addresses: empty", "allowed_ip_addresses: empty"}
	["buildkite", "clusters", "data", 0, "agent_tokens", "data", 1] in {f.path | some f in findings}
}

test_ip_allowlist_can_be_optional if {
	findings := agent_token_no_expiry.deny with input as org(estate) with data.config.rules as {"buildkite/agent_token_no_expiry": {"require_ip_allowlist": false}}
	{f.message | some f in findings} == {"agent token `old laptop agent` of cluster `prod` never expires"}
}

test_good_tokens_pass if {
	good := org(ok([cluster("prod", ok([{"id": "a-1", "allowed_ip_addresses": "10.0.0.0/8", "expires_at": "2026-06-01T00:00:00Z"}]))]))
	count(agent_token_no_expiry.deny) == 0 with input as good
	count(agent_token_no_expiry.unknown) == 0 with input as good
}

test_hidden_tokens_are_unknown if {
	agent_token_no_expiry.unknown == {"agent tokens of cluster `prod` not visible: 403 Forbidden (needs read_clusters)"} with input as org(ok([cluster("prod", denied)]))
	agent_token_no_expiry.unknown == {"the organization's clusters not visible: 403 Forbidden (needs read_clusters)"} with input as org(denied)
	count(agent_token_no_expiry.deny) == 0 with input as org(denied)
}

test_not_applicable_without_buildkite if {
	agent_token_no_expiry.not_applicable with input as {}
}

test_unread_expiry_is_unknown_for_that_token_only if {
	unread := {"status": "unavailable", "reason": "`expires_at` was not returned"}
	inp := org(ok([cluster("prod", ok([{"id": "t-1", "description": "prod agents", "expires_at": unread, "allowed_ip_addresses": "10.0.0.0/8"}, {"id": "t-2", "description": "old", "expires_at": null, "allowed_ip_addresses": "10.0.0.0/8"}]))]))
	{f.message | some f in agent_token_no_expiry.deny} == {"agent token `old` of cluster `prod` never expires"} with input as inp
	agent_token_no_expiry.unknown == {"the `expires_at` of agent token `prod agents` of cluster `prod` not visible: `expires_at` was not returned"} with input as inp
}
