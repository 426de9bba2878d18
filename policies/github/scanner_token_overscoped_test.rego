package github.scanner_token_overscoped_test

import data.github.scanner_token_overscoped
import data.lib.github_testing as t

token(fields) := t.org_input({"token": t.ok(fields)})

installations := t.ok([
	{"id": 61, "app_id": 101, "app_slug": "kiteguard", "permissions": {"metadata": "read", "contents": "read", "checks": "write", "administration": "admin"}},
	{"id": 62, "app_id": 102, "app_slug": "deploy-bot", "permissions": {"contents": "write"}},
])

app_input(installation_id, section) := t.org_input({
	"token": t.ok({"kind": "app-installation", "scopes": null, "expires_at": null, "app_id": 101, "installation_id": installation_id}),
	"installations": section,
})

test_read_only_expiring_classic_token_passes if {
	inp := token({"kind": "classic", "scopes": ["read:org", "repo"], "expires_at": "2030-01-01 00:00:00 UTC"})
	count(scanner_token_overscoped.deny) == 0 with input as inp
	count(scanner_token_overscoped.unknown) == 0 with input as inp
}

test_write_scopes_fail if {
	inp := token({"kind": "classic", "scopes": ["repo", "workflow", "admin:org", "read:packages", "delete_repo", "write:packages"], "expires_at": "2030-01-01 00:00:00 UTC"})
	findings := scanner_token_overscoped.deny with input as inp
	[f.message | some f in findings] == ["kiteguard's GitHub token (classic) has scopes it does not need: admin:org, delete_repo, workflow, write:packages"]
	[f.path | some f in findings] == [["github", "token", "data", "scopes"]]
}

test_allowed_scopes_knob if {
	inp := token({"kind": "oauth", "scopes": ["repo", "read:org"], "expires_at": null})
	findings := scanner_token_overscoped.deny with input as inp
		with data.config.rules as {"github/scanner_token_overscoped": {"allowed_scopes": ["read:org"]}}
	[f.evidence | some f in findings] == ["repo"]
}

test_classic_token_without_expiry_fails if {
	findings := scanner_token_overscoped.deny with input as token({"kind": "classic", "scopes": ["repo"], "expires_at": null})
	[f.message | some f in findings] == ["kiteguard's GitHub token (classic) never expires"]
	[f.path | some f in findings] == [["github", "token", "data", "expires_at"]]
}

test_fine_grained_token_permissions_are_unknown if {
	inp := token({"kind": "fine-grained", "scopes": null, "expires_at": "2029-06-30 12:00:00 UTC"})
	count(scanner_token_overscoped.deny) == 0 with input as inp
	scanner_token_overscoped.unknown == {"GitHub does not report what kiteguard's fine-grained token may do, so its permissions are not visible; check them where the token was created"} with input as inp
	count(scanner_token_overscoped.deny) == 1 with input as token({"kind": "fine-grained", "scopes": null})
}

test_app_installation_write_permissions_fail if {
	findings := scanner_token_overscoped.deny with input as app_input(61, installations)
	[f.message | some f in findings] == ["kiteguard's GitHub App installation `kiteguard` has write access it does not need: administration:admin, checks:write"]
	[f.path | some f in findings] == [["github", "installations", "data", 0, "permissions"]]
	count(scanner_token_overscoped.unknown) == 0 with input as app_input(61, installations)
}

test_app_permissions_knob if {
	findings := scanner_token_overscoped.deny with input as app_input(61, installations)
		with data.config.rules as {"github/scanner_token_overscoped": {"allowed_app_permissions": ["checks"]}}
	[f.evidence | some f in findings] == ["administration:admin"]
}

test_app_installation_not_found_or_hidden_is_unknown if {
	scanner_token_overscoped.unknown == {"kiteguard's app installation 99 is not among the organization's installations read"} with input as app_input(99, installations)
	scanner_token_overscoped.unknown == {"the app installations (for kiteguard's own installation) not visible: 502 Bad Gateway"} with input as app_input(61, t.hidden)
	count(scanner_token_overscoped.deny) == 0 with input as app_input(61, t.hidden)
}

test_token_section_missing_is_unknown if {
	inp := t.org_input({"token": {"status": "unavailable", "reason": "no response from GitHub carried the credential headers"}})
	scanner_token_overscoped.unknown == {"kiteguard's own GitHub token not visible: no response from GitHub carried the credential headers"} with input as inp
}

test_not_applicable_without_github if {
	scanner_token_overscoped.not_applicable with input as {}
}

test_token_without_kind_or_scopes_is_unknown if {
	scanner_token_overscoped.unknown == {"GitHub does not report what kiteguard's unknown token may do, so its permissions are not visible; check them where the token was created"} with input as token({"expires_at": null})
}

test_scopes_without_kind_still_checked if {
	[f.message | some f in scanner_token_overscoped.deny] == ["kiteguard's GitHub token (unknown) has scopes it does not need: admin:org"] with input as token({"scopes": ["admin:org"]})
}

test_ignored_in_repository_targets if {
	inp := object.union(t.repo_input({}), {"github": {"org": "acme", "two_factor_requirement": t.hidden, "personal_access_tokens": t.hidden, "token": t.hidden, "installations": t.hidden}})
	scanner_token_overscoped.not_applicable with input as inp
	count(scanner_token_overscoped.deny) == 0 with input as inp
	count(scanner_token_overscoped.unknown) == 0 with input as inp
}
