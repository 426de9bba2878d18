package buildkite.unclustered_agent_token_test

import data.buildkite.unclustered_agent_token

ok(value) := {"status": "ok", "data": value}

org(tokens) := {"buildkite": {"org": "acme", "unclustered_agent_tokens": tokens}}

test_each_token_not_revoked_fails if {
	findings := unclustered_agent_token.deny with input as org(ok([{"uuid": "u-1", "description": "legacy macOS fleet", "createdAt": "2021-03-01T09:00:00.000Z", "public": false}]))
	[f.message | some f in findings] == ["unclustered agent token `legacy macOS fleet` is not revoked: it cannot expire or be limited to your agents' IP addresses"]
	[f.path | some f in findings] == [["buildkite", "unclustered_agent_tokens", "data", 0]]
	[f.evidence | some f in findings] == ["createdAt: 2021-03-01T09:00:00.000Z"]
}

test_no_tokens_pass if {
	count(unclustered_agent_token.deny) == 0 with input as org(ok([]))
	count(unclustered_agent_token.unknown) == 0 with input as org(ok([]))
}

test_not_visible_is_unknown if {
	inp := org({"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"})
	count(unclustered_agent_token.deny) == 0 with input as inp
	unclustered_agent_token.unknown == {"the organization's unclustered agent tokens not visible: 403 Forbidden (needs organization admin)"} with input as inp
}

test_absent_from_an_older_snapshot_is_unknown_not_pass if {
	inp := {"buildkite": {"org": "acme"}}
	count(unclustered_agent_token.unknown) == 1 with input as inp
}

test_without_buildkite_not_applicable if {
	unclustered_agent_token.not_applicable with input as {"github": {}}
}
