package github.token_rotation_overdue_test

import data.github.token_rotation_overdue
import data.lib.github_testing as t

grant(fields) := object.union(
	{
		"id": 81, "owner": {"login": "alice"}, "token_id": 8101, "token_name": "release-script", "token_expired": false,
		"token_expires_at": "2030-01-01T00:00:00Z", "token_last_used_at": "2026-05-30T10:00:00Z",
		"access_granted_at": "2026-04-01T00:00:00Z", "repository_selection": "subset", "permissions": {},
	},
	fields,
)

grants(list) := t.org_input({"personal_access_tokens": t.ok(list)})

test_recent_grant_passes if {
	count(token_rotation_overdue.deny) == 0 with input as grants([grant({})])
	count(token_rotation_overdue.unknown) == 0 with input as grants([grant({})])
}

test_old_grant_fails if {
	findings := token_rotation_overdue.deny with input as grants([grant({"access_granted_at": "2021-01-01T00:00:00Z", "token_last_used_at": null})])
	[f.message | some f in findings] == ["fine-grained token `release-script` of `alice` has had access to `acme` for 1977 days (rotate every 90 days); last used never"]
	[f.path | some f in findings] == [["github", "personal_access_tokens", "data", 0, "access_granted_at"]]
	[f.evidence | some f in findings] == ["access_granted_at: \"2021-01-01T00:00:00Z\""]
}

test_boundary_and_knob if {
	inp := grants([grant({"access_granted_at": "2026-03-03T00:00:00Z"})])
	count(token_rotation_overdue.deny) == 0 with input as inp
	findings := token_rotation_overdue.deny with input as inp
		with data.config.rules as {"github/token_rotation_overdue": {"max_age_days": 30}}
	[f.message | some f in findings] == ["fine-grained token `release-script` of `alice` has had access to `acme` for 90 days (rotate every 30 days); last used 2026-05-30"]
}

test_unreadable_grant_date_fails if {
	findings := token_rotation_overdue.deny with input as grants([object.remove(grant({}), ["access_granted_at"])])
	[f.message | some f in findings] == ["fine-grained token `release-script` of `alice` has no grant date kiteguard can read, so its age is unknown; last used 2026-05-30"]
}

test_expired_and_exempt_tokens_skipped if {
	inp := grants([grant({"token_expired": true, "access_granted_at": "2020-01-01"}), grant({"token_name": "ci", "access_granted_at": "2020-01-01"})])
	count(token_rotation_overdue.deny) == 0 with input as inp
		with data.config.rules as {"github/token_rotation_overdue": {"exempt_tokens": ["ci"]}}
}

test_missing_now_is_unknown if {
	inp := object.remove(grants([grant({"access_granted_at": "2020-01-01"})]), ["now"])
	count(token_rotation_overdue.deny) == 0 with input as inp
	token_rotation_overdue.unknown == {"the evaluation time (`now`) is missing or not a date, so token ages cannot be counted"} with input as inp
}

test_not_visible_is_unknown if {
	inp := t.org_input({"personal_access_tokens": t.hidden})
	token_rotation_overdue.unknown == {"the fine-grained personal access tokens of GitHub organization `acme` not visible: 502 Bad Gateway"} with input as inp
}

test_not_applicable_without_github if {
	token_rotation_overdue.not_applicable with input as {"now": "2026-01-01T00:00:00Z"}
	count(token_rotation_overdue.unknown) == 0 with input as {"now": "2026-01-01T00:00:00Z"}
}

test_ignored_in_repository_targets if {
	inp := object.union(t.repo_input({}), {"github": {"org": "acme", "two_factor_requirement": t.hidden, "personal_access_tokens": t.hidden, "token": t.hidden, "installations": t.hidden}})
	token_rotation_overdue.not_applicable with input as inp
	count(token_rotation_overdue.deny) == 0 with input as inp
	count(token_rotation_overdue.unknown) == 0 with input as inp
}
