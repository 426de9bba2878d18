package buildkite.repository_not_via_github_app_test

import data.buildkite.repository_not_via_github_app

ok(value) := {"status": "ok", "data": value}

webhook_only := ok([{"id": "rc-1", "type": "gitlab_self_managed"}])

app := ok([{"id": "rc-2", "type": "github_code_access_app"}])

target(provider, repository, connections) := {"buildkite_pipeline": {
	"org": "acme",
	"pipeline": {"slug": "web-app", "repository": repository, "provider": {"id": provider, "settings": {}}},
	"repository_connections": connections,
}}

test_github_pipeline_without_app_fails if {
	findings := repository_not_via_github_app.deny with input as target("github", "git@github.com:acme-inc/web-app.git", webhook_only)
	count(findings) == 1
	some f in findings
	f.message == "pipeline `web-app` builds GitHub repository `git@github.com:acme-inc/web-app.git`, but the organization has no GitHub App repository connection"
	f.evidence == "connection types: gitlab_self_managed"
	f.path == ["buildkite_pipeline", "repository_connections", "data"]
}

test_no_connections_at_all if {
	findings := repository_not_via_github_app.deny with input as target("github", "https://github.com/acme-inc/web-app.git", ok([]))
	{f.evidence | some f in findings} == {"connection types: none"}
}

test_github_app_passes if {
	count(repository_not_via_github_app.deny) == 0 with input as target("github", "git@github.com:acme-inc/web-app.git", app)
	not repository_not_via_github_app.not_applicable with input as target("github", "git@github.com:acme-inc/web-app.git", app)
}

test_github_recognised_by_host if {
	count(repository_not_via_github_app.deny) == 1 with input as target("git", "https://GitHub.com/acme-inc/web-app.git", webhook_only)
	count(repository_not_via_github_app.deny) == 1 with input as target("git", "ssh://git@github.com:22/acme-inc/web-app.git", webhook_only)
	count(repository_not_via_github_app.deny) == 1 with input as target("git", "git@github.com:web-app.git", webhook_only)
	count(repository_not_via_github_app.deny) == 1 with input as target("github_enterprise", "git@ghe.acme.example:team/app.git", webhook_only)
}

test_enterprise_hosts_knob if {
	knobs := {"buildkite/repository_not_via_github_app": {"github_enterprise_hosts": ["ghe.acme.example"]}}
	count(repository_not_via_github_app.deny) == 1 with input as target("git", "https://ci@ghe.acme.example/team/app.git", webhook_only) with data.config.rules as knobs
	repository_not_via_github_app.not_applicable with input as target("git", "https://ci@ghe.acme.example/team/app.git", webhook_only)
}

test_app_types_knob if {
	knobs := {"buildkite/repository_not_via_github_app": {"app_connection_types": ["github_app"]}}
	count(repository_not_via_github_app.deny) == 1 with input as target("github", "git@github.com:a/b.git", app) with data.config.rules as knobs
}

test_other_providers_not_applicable if {
	repository_not_via_github_app.not_applicable with input as target("gitlab", "git@gitlab.com:acme-inc/docs.git", webhook_only)
	repository_not_via_github_app.not_applicable with input as target("git", "/srv/git/a@b/repo", webhook_only)
	count(repository_not_via_github_app.deny) == 0 with input as target("gitlab", "git@gitlab.com:acme-inc/docs.git", webhook_only)
	repository_not_via_github_app.not_applicable with input as {"pipeline": {"steps": []}}
}

test_hidden_connections_are_unknown if {
	hidden := target("github", "git@github.com:acme-inc/web-app.git", {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_organization_repository_connections"})
	count(repository_not_via_github_app.deny) == 0 with input as hidden
	repository_not_via_github_app.unknown == {"the organization's repository connections not visible: 403 Forbidden (needs read_organization_repository_connections)"} with input as hidden
	count(repository_not_via_github_app.unknown) == 0 with input as target("gitlab", "git@gitlab.com:a/b.git", {"status": "unavailable", "reason": "403 Forbidden"})
}

test_unread_provider_and_repository_are_unknown_not_not_applicable if {
	unread := {"status": "unavailable", "reason": "`repository` was not returned"}
	inp := target("gitlab", unread, webhook_only)
	count(repository_not_via_github_app.deny) == 0 with input as inp
	repository_not_via_github_app.unknown == {"the source of pipeline `web-app` not visible: `repository` was not returned"} with input as inp
}
