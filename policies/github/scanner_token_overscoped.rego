# METADATA
# title: kiteguard's GitHub token over-privileged
# description: |
#   Fails when the GitHub credential kiteguard collects with can do more than read, or
#   never expires; kiteguard only reads, and an over-privileged scanner credential is a
#   standing key worth stealing. For a classic or OAuth token the rule compares its scopes
#   (`X-OAuth-Scopes`) with an allow-list: `repo` is allowed by default because a
#   classic token cannot read private repositories without it, although it also grants
#   write, and every `read:` scope is allowed; `admin:*`, `write:*`, `delete_repo`,
#   `workflow` and the rest fail. A classic or fine-grained token without an expiry
#   (`github-authentication-token-expiration`) fails. For a GitHub App installation it
#   compares the installation's write and admin permissions with an allow-list. GitHub
#   does not report what a fine-grained or user-to-server token may do, so that part is
#   unknown for them. The Buildkite half is `buildkite/scanner_token_overscoped`.
# related_resources:
#   - ref: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
#   - ref: https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
#   - ref: https://docs.github.com/en/apps/creating-github-apps/registering-a-github-app/choosing-permissions-for-a-github-app
# custom:
#   id: github/scanner_token_overscoped
#   severity: high
#   area: 4
#   target: organization
#   remediation: Give kiteguard a GitHub App with read-only permissions (Organization settings → Developer settings → GitHub Apps), or a classic token with only `repo` and `read:org` and an expiry (Settings → Developer settings → Personal access tokens); switch kiteguard to it and revoke the old credential.
#   config:
#     allowed_scopes:
#       default: ['repo', 'read:*']
#       description: Classic and OAuth scopes kiteguard's token may carry; a trailing `*` matches any rest.
#     allowed_app_permissions:
#       default: []
#       description: Permissions kiteguard's GitHub App installation may hold with write or admin access (`checks`, `statuses`).
package github.scanner_token_overscoped

import data.lib.findings
import data.lib.github
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

token := input.github.token if github.organization_input

installations := input.github.installations if github.organization_input

# kind is the kind of credential kiteguard used (`classic`, `fine-grained`, `app-installation`, …).
kind := object.get(token.data, "kind", "unknown")

not_applicable if not github.organization_input

unknown contains snapshot.why("kiteguard's own GitHub token", token)

unknown contains sprintf("GitHub does not report what kiteguard's %s token may do, so its permissions are not visible; check them where the token was created", [kind]) if {
	snapshot.available(token)
	not is_array(object.get(token.data, "scopes", null))
	kind != "app-installation"
}

unknown contains snapshot.why("the app installations (for kiteguard's own installation)", installations) if app

unknown contains sprintf("kiteguard's app installation %s is not among the organization's installations read", [json.marshal(object.get(token.data, "installation_id", null))]) if {
	app
	snapshot.available(installations)
	not installation
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("kiteguard's GitHub token (%s) has scopes it does not need: %s", [kind, concat(", ", extra)]),
	["github", "token", "data", "scopes"],
	concat(" ", extra),
) if {
	snapshot.available(token)
	extra := sort([scope |
		some scope in token.data.scopes
		not scope_allowed(scope)
	])
	count(extra) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("kiteguard's GitHub token (%s) never expires", [kind]),
	["github", "token", "data", "expires_at"],
	"expires_at: null",
) if {
	snapshot.available(token)
	kind in {"classic", "fine-grained"}
	not is_string(object.get(token.data, "expires_at", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("kiteguard's GitHub App installation `%s` has write access it does not need: %s", [object.get(installation.entry, "app_slug", "(unnamed)"), concat(", ", extra)]),
	["github", "installations", "data", installation.index, "permissions"],
	concat(" ", extra),
) if {
	extra := sort([concat(":", [permission, level]) |
		some permission, level in object.get(installation.entry, "permissions", {})
		level in {"write", "admin"}
		not permission in knobs.allowed_app_permissions
	])
	count(extra) > 0
}

# app holds when kiteguard collected as a GitHub App installation.
app if {
	snapshot.available(token)
	kind == "app-installation"
}

# installation is kiteguard's own entry in the organization's app installations, with its index.
installation := {"index": i, "entry": entry} if {
	app
	snapshot.available(installations)
	some i, entry in installations.data
	entry.id == token.data.installation_id
}

# scope_allowed holds when a pattern of the allow-list matches the scope.
scope_allowed(scope) if scope in knobs.allowed_scopes

scope_allowed(scope) if {
	some pattern in knobs.allowed_scopes
	endswith(pattern, "*")
	startswith(scope, trim_suffix(pattern, "*"))
}
