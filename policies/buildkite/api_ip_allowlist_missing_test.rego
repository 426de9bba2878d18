package buildkite.api_ip_allowlist_missing_test

import data.buildkite.api_ip_allowlist_missing

denied := {"status": "unavailable", "reason": "403 Forbidden", "http_status": 403, "needs": "read_organization_settings"}

org(rest, graphql) := {"buildkite": {"org": "acme", "api_settings": rest, "security": graphql}}

test_empty_rest_allowlist_fails if {
	findings := api_ip_allowlist_missing.deny with input as org({"status": "ok", "data": {"allowed_ip_addresses": " "}}, denied)
	count(findings) == 1
	some f in findings
	f.rule == "buildkite/api_ip_allowlist_missing"
	f.message == "Buildkite organization `acme` has no API IP allow-list, so its API tokens work from any address"
	f.path == ["buildkite", "api_settings", "data", "allowed_ip_addresses"]
}

test_missing_field_fails if {
	count(api_ip_allowlist_missing.deny) == 1 with input as org({"status": "ok", "data": {}}, denied)
}

test_rest_allowlist_passes if {
	count(api_ip_allowlist_missing.deny) == 0 with input as org({"status": "ok", "data": {"allowed_ip_addresses": "192.0.2.0/24"}}, {"status": "ok", "data": {"allowedApiIpAddresses": null}})
}

test_graphql_used_when_rest_hidden if {
	findings := api_ip_allowlist_missing.deny with input as org(denied, {"status": "ok", "data": {"allowedApiIpAddresses": null}})
	{f.path | some f in findings} == {["buildkite", "security", "data", "allowedApiIpAddresses"]}
	count(api_ip_allowlist_missing.deny) == 0 with input as org(denied, {"status": "ok", "data": {"allowedApiIpAddresses": "10.0.0.0/8"}})
	count(api_ip_allowlist_missing.unknown) == 0 with input as org(denied, {"status": "ok", "data": {}})
}

test_both_hidden_is_unknown if {
	count(api_ip_allowlist_missing.deny) == 0 with input as org(denied, denied)
	count(api_ip_allowlist_missing.unknown) == 2 with input as org(denied, denied)
	"the organization's API settings not visible: 403 Forbidden (needs read_organization_settings)" in api_ip_allowlist_missing.unknown with input as org(denied, denied)
}

test_unreadable_graphql_field_is_unknown_when_rest_hidden if {
	security := {"status": "ok", "data": {"allowedApiIpAddresses": {"status": "unavailable", "reason": "`allowedApiIpAddresses`: Internal error"}}}
	count(api_ip_allowlist_missing.deny) == 0 with input as org(denied, security)
	api_ip_allowlist_missing.unknown == {
		"the organization's API settings not visible: 403 Forbidden (needs read_organization_settings)",
		"the organization's API IP allow-list not visible: `allowedApiIpAddresses`: Internal error",
	} with input as org(denied, security)
	count(api_ip_allowlist_missing.unknown) == 0 with input as org({"status": "ok", "data": {"allowed_ip_addresses": ""}}, security)
	count(api_ip_allowlist_missing.deny) == 1 with input as org({"status": "ok", "data": {"allowed_ip_addresses": ""}}, security)
}

test_unreadable_other_graphql_field_still_decides if {
	security := {"status": "ok", "data": {"allowedApiIpAddresses": null, "sso": {"status": "unavailable", "reason": "`sso`: Not authorized"}}}
	count(api_ip_allowlist_missing.deny) == 1 with input as org(denied, security)
	count(api_ip_allowlist_missing.unknown) == 0 with input as org(denied, security)
}

test_not_applicable_without_buildkite if {
	api_ip_allowlist_missing.not_applicable with input as {"github": {}}
	not api_ip_allowlist_missing.not_applicable with input as org(denied, denied)
}
