package buildkite.api_token_no_expiry_test

import data.buildkite.api_token_no_expiry

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"}

ok(value) := {"status": "ok", "data": value}

org(tokens, rest, graphql) := {"buildkite": {"org": "acme", "api_access_tokens": tokens, "api_settings": rest, "security": graphql}}

estate := ok([
	{"uuid": "t-1", "description": "reader", "expiresAt": "2026-07-16T06:07:42Z"},
	{"uuid": "t-2", "description": "ci admin", "expiresAt": null},
	{"uuid": "t-3"},
])

test_tokens_without_expiry_fail if {
	findings := api_token_no_expiry.deny with input as org(estate, ok({"revoke_inactive_tokens_after_days": 90}), denied)
	{f.message | some f in findings} == {"API token `ci admin` never expires", "API token `t-3` never expires"}
	{f.path | some f in findings} == {["buildkite", "api_access_tokens", "data", 1, "expiresAt"], ["buildkite", "api_access_tokens", "data", 2, "expiresAt"]}
}

test_exempt_tokens_pass if {
	knobs := {"buildkite/api_token_no_expiry": {"exempt_tokens": ["ci admin", "t-3"]}}
	count(api_token_no_expiry.deny) == 0 with input as org(estate, ok({"revoke_inactive_tokens_after_days": 30}), denied) with data.config.rules as knobs
}

test_no_idle_revocation_fails if {
	findings := api_token_no_expiry.deny with input as org(ok([]), ok({"revoke_inactive_tokens_after_days": null}), ok({"revokeInactiveTokensAfter": "DAYS_90"}))
	{f.message | some f in findings} == {"Buildkite organization `acme` does not revoke API tokens that go unused"}
	{f.evidence | some f in findings} == {"revoke_inactive_tokens_after_days: null"}
}

test_graphql_revocation_when_rest_hidden if {
	findings := api_token_no_expiry.deny with input as org(ok([]), denied, ok({"revokeInactiveTokensAfter": "NEVER"}))
	{f.evidence | some f in findings} == {"revokeInactiveTokensAfter: \"NEVER\""}
	count(api_token_no_expiry.deny) == 0 with input as org(ok([]), denied, ok({"revokeInactiveTokensAfter": "DAYS_30"}))
}

test_hidden_sections_are_unknown if {
	count(api_token_no_expiry.deny) == 0 with input as org(denied, denied, denied)
	count(api_token_no_expiry.unknown) == 3 with input as org(denied, denied, denied)
	count(api_token_no_expiry.unknown) == 0 with input as org(ok([]), ok({"revoke_inactive_tokens_after_days": 30}), denied)
}

test_unreadable_graphql_revocation_is_unknown_when_rest_hidden if {
	security := ok({"revokeInactiveTokensAfter": {"status": "unavailable", "reason": "`revokeInactiveTokensAfter`: Internal error"}})
	count(api_token_no_expiry.deny) == 0 with input as org(ok([]), denied, security)
	api_token_no_expiry.unknown == {
		"the organization's API settings not visible: 403 Forbidden (needs organization admin)",
		"the organization's idle-token revocation setting not visible: `revokeInactiveTokensAfter`: Internal error",
	} with input as org(ok([]), denied, security)
	count(api_token_no_expiry.unknown) == 0 with input as org(ok([]), ok({"revoke_inactive_tokens_after_days": 30}), security)
}

test_unreadable_other_graphql_field_still_decides if {
	security := ok({"revokeInactiveTokensAfter": "NEVER", "sso": {"status": "unavailable", "reason": "`sso`: Not authorized"}})
	count(api_token_no_expiry.deny) == 1 with input as org(ok([]), denied, security)
	count(api_token_no_expiry.unknown) == 0 with input as org(ok([]), denied, security)
}

test_not_applicable_without_buildkite if {
	api_token_no_expiry.not_applicable with input as {}
}
