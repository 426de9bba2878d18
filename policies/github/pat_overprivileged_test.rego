package github.pat_overprivileged_test

import data.github.pat_overprivileged
import data.lib.github_testing as t

grant(fields) := object.union(
	{
		"id": 81, "owner": {"login": "alice"}, "token_id": 8101, "token_name": "release-script", "token_expired": false,
		"token_expires_at": "2030-01-01T00:00:00Z", "token_last_used_at": null, "access_granted_at": "2026-05-01T00:00:00Z",
		"repository_selection": "subset", "permissions": {"repository": {"contents": "read", "metadata": "read"}},
	},
	fields,
)

grants(list) := t.org_input({"personal_access_tokens": t.ok(list)})

test_read_only_expiring_token_passes if {
	count(pat_overprivileged.deny) == 0 with input as grants([grant({})])
	count(pat_overprivileged.unknown) == 0 with input as grants([grant({})])
}

test_write_and_admin_permissions_fail if {
	inp := grants([grant({}), grant({"token_name": "forever-admin", "owner": {"login": "mallory"}, "permissions": {"organization": {"administration": "write"}, "repository": {"contents": "write", "administration": "admin", "issues": "read"}}})])
	findings := pat_overprivileged.deny with input as inp
	[f.message | some f in findings] == ["fine-grained token `forever-admin` of `mallory` has write access beyond the allow-list: organization.administration:write, repository.administration:admin, repository.contents:write"]
	[f.path | some f in findings] == [["github", "personal_access_tokens", "data", 1, "permissions"]]
}

test_allow_list_knob if {
	inp := grants([grant({"permissions": {"repository": {"contents": "write", "pull_requests": "write"}}})])
	findings := pat_overprivileged.deny with input as inp
		with data.config.rules as {"github/pat_overprivileged": {"allowed_write_permissions": ["repository.contents"]}}
	[f.evidence | some f in findings] == ["repository.pull_requests:write"]
}

test_no_expiry_fails if {
	findings := pat_overprivileged.deny with input as grants([grant({"token_expires_at": null})])
	[f.message | some f in findings] == ["fine-grained token `release-script` of `alice` never expires"]
	[f.path | some f in findings] == [["github", "personal_access_tokens", "data", 0, "token_expires_at"]]
}

test_missing_expiry_and_names_fail if {
	bare := object.remove(grant({}), ["token_expires_at", "token_name", "owner"])
	[f.message | some f in pat_overprivileged.deny] == ["fine-grained token `(unnamed)` of `(unknown user)` never expires"] with input as grants([bare])
}

test_expired_and_exempt_tokens_skipped if {
	inp := grants([grant({"token_expired": true, "token_expires_at": null}), grant({"token_id": 9, "token_expires_at": null}), grant({"token_name": "ci", "token_expires_at": null})])
	count(pat_overprivileged.deny) == 0 with input as inp
		with data.config.rules as {"github/pat_overprivileged": {"exempt_tokens": [9, "ci"]}}
}

test_plain_token_is_unknown_and_says_an_app_is_needed if {
	inp := t.org_input({"personal_access_tokens": {"status": "unavailable", "reason": "fine-grained personal access token grants can only be listed by a GitHub App", "needs": "a GitHub App installation with the organization \"Personal access tokens\" read permission"}})
	count(pat_overprivileged.deny) == 0 with input as inp
	pat_overprivileged.unknown == {"the fine-grained personal access tokens of GitHub organization `acme` not visible: fine-grained personal access token grants can only be listed by a GitHub App (needs a GitHub App installation with the organization \"Personal access tokens\" read permission)"} with input as inp
}

test_not_applicable_without_github if {
	pat_overprivileged.not_applicable with input as {}
}

test_ignored_in_repository_targets if {
	inp := object.union(t.repo_input({}), {"github": {"org": "acme", "two_factor_requirement": t.hidden, "personal_access_tokens": t.hidden, "token": t.hidden, "installations": t.hidden}})
	pat_overprivileged.not_applicable with input as inp
	count(pat_overprivileged.deny) == 0 with input as inp
	count(pat_overprivileged.unknown) == 0 with input as inp
}
