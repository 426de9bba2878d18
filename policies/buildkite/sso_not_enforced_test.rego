package buildkite.sso_not_enforced_test

import data.buildkite.sso_not_enforced

denied := {"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"}

enabled := {"status": "ok", "data": {"sso": {"isEnabled": true, "provider": {"name": "Okta"}}, "ssoProviders": []}}

org(security, members) := {"buildkite": {"org": "acme", "security": security, "members": members}}

member(email, role, mode) := {"role": role, "sso": {"mode": mode}, "user": {"uuid": concat("-", ["u", email]), "name": email, "email": email}}

people := {"status": "ok", "data": [
	member("ada@acme.example", "ADMIN", "REQUIRED"),
	member("bo@acme.example", "MEMBER", "OPTIONAL"),
	member("al@acme.example", "ADMIN", null),
	{"role": "MEMBER", "sso": {"mode": "OPTIONAL"}, "user": {"uuid": "u-9", "name": "Nameless"}},
	{"role": "MEMBER", "sso": {}, "user": {"uuid": "u-10"}},
]}

test_no_enabled_provider_fails if {
	security := {"status": "ok", "data": {"sso": {"isEnabled": false}, "ssoProviders": [{"type": "SAML", "state": "DISABLED"}]}}
	findings := sso_not_enforced.deny with input as org(security, denied)
	{f.message | some f in findings} == {"Buildkite organization `acme` has no enabled SSO provider, so members sign in with a Buildkite password"}
	count(sso_not_enforced.unknown) == 0 with input as org(security, denied)
}

test_missing_sso_object_fails if {
	count(sso_not_enforced.deny) == 1 with input as org({"status": "ok", "data": {}}, people)
}

test_optional_members_are_listed if {
	findings := sso_not_enforced.deny with input as org(enabled, people)
	{f.message | some f in findings} == {"4 members of Buildkite organization `acme` may sign in without SSO: Nameless, al@acme.example, bo@acme.example, u-10"}
	{f.path | some f in findings} == {["buildkite", "members", "data"]}
}

test_enabled_provider_counts_as_sso if {
	security := {"status": "ok", "data": {"sso": {"isEnabled": false}, "ssoProviders": [{"type": "SAML", "state": "ENABLED"}]}}
	count(sso_not_enforced.deny) == 1 with input as org(security, people)
}

test_list_is_capped if {
	findings := sso_not_enforced.deny with input as org(enabled, people) with data.config.rules as {"buildkite/sso_not_enforced": {"max_listed_members": 2}}
	{f.evidence | some f in findings} == {"Nameless, al@acme.example and 2 more"}
}

test_exemptions if {
	knobs := {"buildkite/sso_not_enforced": {"exempt_members": ["bo@acme.example", "u-9", "u-10"], "exempt_roles": ["admin"]}}
	count(sso_not_enforced.deny) == 0 with input as org(enabled, people) with data.config.rules as knobs
}

test_one_member_is_singular if {
	one := {"status": "ok", "data": [member("bo@acme.example", "MEMBER", "OPTIONAL")]}
	findings := sso_not_enforced.deny with input as org(enabled, one)
	{f.message | some f in findings} == {"1 member of Buildkite organization `acme` may sign in without SSO: bo@acme.example"}
}

test_all_required_passes if {
	everyone := {"status": "ok", "data": [member("ada@acme.example", "ADMIN", "REQUIRED")]}
	count(sso_not_enforced.deny) == 0 with input as org(enabled, everyone)
	count(sso_not_enforced.unknown) == 0 with input as org(enabled, everyone)
}

test_hidden_members_are_unknown_when_sso_is_on if {
	count(sso_not_enforced.deny) == 0 with input as org(enabled, denied)
	sso_not_enforced.unknown == {"the organization's members not visible: 403 Forbidden (needs organization admin)"} with input as org(enabled, denied)
}

test_hidden_security_is_unknown if {
	count(sso_not_enforced.deny) == 0 with input as org(denied, people)
	sso_not_enforced.unknown == {"the organization's security settings not visible: 403 Forbidden (needs organization admin)"} with input as org(denied, people)
}

unreadable(field) := {"status": "unavailable", "reason": sprintf("`%s`: Not authorized", [field]), "needs": "organization admin"}

test_unreadable_sso_without_enabled_provider_is_unknown if {
	security := {"status": "ok", "data": {"sso": unreadable("sso"), "ssoProviders": [{"type": "SAML", "state": "DISABLED"}]}}
	count(sso_not_enforced.deny) == 0 with input as org(security, people)
	sso_not_enforced.unknown == {"the organization's SSO settings not visible: `sso`: Not authorized (needs organization admin)"} with input as org(security, people)
}

test_unreadable_sso_with_enabled_provider_decides if {
	security := {"status": "ok", "data": {"sso": unreadable("sso"), "ssoProviders": [{"type": "SAML", "state": "ENABLED"}]}}
	findings := sso_not_enforced.deny with input as org(security, people)
	{f.message | some f in findings} == {"4 members of Buildkite organization `acme` may sign in without SSO: Nameless, al@acme.example, bo@acme.example, u-10"}
	count(sso_not_enforced.unknown) == 0 with input as org(security, people)
}

test_unreadable_providers_with_sso_on_decides if {
	security := {"status": "ok", "data": {"sso": {"isEnabled": true}, "ssoProviders": unreadable("ssoProviders")}}
	count(sso_not_enforced.deny) == 1 with input as org(security, people)
	count(sso_not_enforced.unknown) == 0 with input as org(security, people)
}

test_unreadable_providers_with_sso_off_is_unknown if {
	security := {"status": "ok", "data": {"sso": {"isEnabled": false}, "ssoProviders": unreadable("ssoProviders")}}
	count(sso_not_enforced.deny) == 0 with input as org(security, people)
	sso_not_enforced.unknown == {"the organization's SSO providers not visible: `ssoProviders`: Not authorized (needs organization admin)"} with input as org(security, people)
}

test_both_unreadable_is_unknown if {
	security := {"status": "ok", "data": {"sso": unreadable("sso"), "ssoProviders": unreadable("ssoProviders")}}
	count(sso_not_enforced.deny) == 0 with input as org(security, people)
	sso_not_enforced.unknown == {
		"the organization's SSO settings not visible: `sso`: Not authorized (needs organization admin)",
		"the organization's SSO providers not visible: `ssoProviders`: Not authorized (needs organization admin)",
	} with input as org(security, people)
}

test_not_applicable_without_buildkite if {
	sso_not_enforced.not_applicable with input as {}
}
