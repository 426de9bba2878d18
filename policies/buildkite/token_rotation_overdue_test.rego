package buildkite.token_rotation_overdue_test

import data.buildkite.token_rotation_overdue

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_clusters"}

ok(value) := {"status": "ok", "data": value}

now := "2025-12-01T00:00:00Z"

org(api_tokens, clusters) := {"now": now, "buildkite": {"org": "acme", "api_access_tokens": api_tokens, "clusters": clusters}}

cluster(name, tokens) := {"cluster": {"id": concat("-", ["c", name]), "name": name}, "agent_tokens": tokens}

api := ok([
	{"uuid": "t-1", "description": "kiteguard", "createdAt": "2025-11-01T06:07:42.000Z"},
	{"uuid": "t-2", "description": "ci admin", "createdAt": "2020-03-01T00:00:00.000Z"},
	{"uuid": "t-3", "description": "odd", "createdAt": "last tuesday"},
	{"uuid": "t-4"},
])

agents := ok([cluster("prod", ok([
	{"id": "a-1", "description": "prod agents", "created_at": "2025-11-20 06:07:42 UTC"},
	{"id": "a-2", "description": "old laptop", "created_at": "2025-07-16 06:07:42 UTC"},
]))])

test_old_and_undated_tokens_fail if {
	findings := token_rotation_overdue.deny with input as org(api, agents)
	{f.message | some f in findings} == {
		"API token `ci admin` is 2101 days old (rotate every 90 days)",
		"API token `odd` has no creation date kiteguard can read, so its age is unknown",
		"API token `t-4` has no creation date kiteguard can read, so its age is unknown",
		"agent token `old laptop` of cluster `prod` is 137 days old (rotate every 90 days)",
	}
	["buildkite", "clusters", "data", 0, "agent_tokens", "data", 1, "created_at"] in {f.path | some f in findings}
	"createdAt: null" in {f.evidence | some f in findings}
}

test_max_age_and_exemptions if {
	knobs := {"buildkite/token_rotation_overdue": {"max_age_days": 3000, "exempt_tokens": ["odd", "t-4"]}}
	count(token_rotation_overdue.deny) == 0 with input as org(api, agents) with data.config.rules as knobs
}

test_young_tokens_pass if {
	count(token_rotation_overdue.deny) == 0 with input as org(ok([{"uuid": "t-1", "createdAt": "2025-11-01T00:00:00Z"}]), ok([]))
	count(token_rotation_overdue.unknown) == 0 with input as org(ok([]), ok([]))
}

test_hidden_sections_are_unknown if {
	findings := token_rotation_overdue.deny with input as org(denied, ok([cluster("prod", denied), cluster("oss", ok([]))]))
	count(findings) == 0
	token_rotation_overdue.unknown == {
		"the organization's API access tokens not visible: 403 Forbidden (needs read_clusters)",
		"agent tokens of cluster `prod` not visible: 403 Forbidden (needs read_clusters)",
	} with input as org(denied, ok([cluster("prod", denied), cluster("oss", ok([]))]))
	count(token_rotation_overdue.unknown) == 2 with input as org(denied, denied)
}

test_missing_now_is_unknown if {
	no_clock := {"buildkite": {"org": "acme", "api_access_tokens": api, "clusters": agents}}
	count(token_rotation_overdue.deny) == 0 with input as no_clock
	token_rotation_overdue.unknown == {"the evaluation time (`now`) is missing or not RFC 3339"} with input as no_clock
}

test_not_applicable_without_buildkite if {
	token_rotation_overdue.not_applicable with input as {"now": now}
}

test_unread_creation_date_is_unknown_never_a_finding if {
	unread := {"status": "unavailable", "reason": "`created_at` was not returned"}
	inp := org(ok([]), ok([cluster("prod", ok([{"id": "t-1", "description": "prod agents", "created_at": unread}]))]))
	count(token_rotation_overdue.deny) == 0 with input as inp
	token_rotation_overdue.unknown == {"the creation date of agent token `prod agents` of cluster `prod` not visible: `created_at` was not returned"} with input as inp
}
