package buildkite.two_factor_not_enforced_test

import data.buildkite.two_factor_not_enforced

denied := {"status": "unavailable", "reason": "GraphQL access denied", "needs": "graphql"}

org(required, members) := {"buildkite": {
	"org": "acme",
	"security": {"status": "ok", "data": {"membersRequireTwoFactorAuthentication": required}},
	"members": members,
}}

member(enabled) := {"role": "MEMBER", "security": {"twoFactorEnabled": enabled}}

test_not_required_fails_with_member_count if {
	findings := two_factor_not_enforced.deny with input as org(false, {"status": "ok", "data": [member(true), member(false), {"role": "MEMBER"}]})
	count(findings) == 1
	some f in findings
	f.message == "Buildkite organization `acme` does not require two-factor authentication (2 of 3 members have no 2FA)"
	f.evidence == "membersRequireTwoFactorAuthentication: false"
	f.path == ["buildkite", "security", "data", "membersRequireTwoFactorAuthentication"]
}

test_not_required_without_member_list if {
	findings := two_factor_not_enforced.deny with input as org(null, denied)
	{f.message | some f in findings} == {"Buildkite organization `acme` does not require two-factor authentication"}
	{f.evidence | some f in findings} == {"membersRequireTwoFactorAuthentication: null"}
}

test_required_passes if {
	count(two_factor_not_enforced.deny) == 0 with input as org(true, denied)
	count(two_factor_not_enforced.unknown) == 0 with input as org(true, denied)
}

test_hidden_settings_are_unknown if {
	hidden := {"buildkite": {"org": "acme", "security": denied, "members": denied}}
	count(two_factor_not_enforced.deny) == 0 with input as hidden
	two_factor_not_enforced.unknown == {"the organization's security settings not visible: GraphQL access denied (needs graphql)"} with input as hidden
}

test_unreadable_requirement_is_unknown if {
	unreadable := {"status": "unavailable", "reason": "`membersRequireTwoFactorAuthentication`: Internal error"}
	doc := org(unreadable, {"status": "ok", "data": [member(false)]})
	count(two_factor_not_enforced.deny) == 0 with input as doc
	two_factor_not_enforced.unknown == {"the organization's two-factor authentication requirement not visible: `membersRequireTwoFactorAuthentication`: Internal error"} with input as doc
}

test_unreadable_sso_still_decides if {
	doc := {"buildkite": {"org": "acme", "members": denied, "security": {"status": "ok", "data": {
		"membersRequireTwoFactorAuthentication": false,
		"sso": {"status": "unavailable", "reason": "`sso`: Not authorized"},
	}}}}
	count(two_factor_not_enforced.deny) == 1 with input as doc
	count(two_factor_not_enforced.unknown) == 0 with input as doc
}

test_not_applicable_without_buildkite if {
	two_factor_not_enforced.not_applicable with input as {}
}
