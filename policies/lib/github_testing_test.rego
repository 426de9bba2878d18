# METADATA
# title: GitHub test builders
# description: Builders for repository and organization inputs in GitHub rule tests (test-only, not compiled into the bundle).
package lib.github_testing

# ok wraps data in an available section.
ok(value) := {"status": "ok", "data": value}

# hidden is a section the collector could not read.
hidden := {"status": "unavailable", "reason": "502 Bad Gateway", "http_status": 502}

# admin_only is the section GitHub shows to repository admins only.
admin_only := {"status": "unavailable", "reason": "classic rules are shown to admins only", "needs": "admin permission on the repository"}

# basics builds the repository section's data.
basics(fields) := object.union(
	{
		"nameWithOwner": "acme/web", "databaseId": 2, "visibility": "PRIVATE", "isArchived": false, "isFork": false,
		"isDisabled": false, "isEmpty": false, "viewerPermission": "ADMIN", "defaultBranch": "main",
	},
	fields,
)

# dbr builds default_branch_rules data for `main`.
dbr(update_rule, rules) := {"branch": "main", "refUpdateRule": update_rule, "rules": rules}

# update_rule builds the non-admin view of a classic rule on `main`, every switch off.
update_rule(fields) := object.union(
	{
		"pattern": "main", "allowsDeletions": false, "allowsForcePushes": false, "blocksCreations": false,
		"requiredApprovingReviewCount": null, "requiredStatusCheckContexts": [], "requiresCodeOwnerReviews": false,
		"requiresConversationResolution": false, "requiresLinearHistory": false, "requiresSignatures": false,
	},
	fields,
)

# protection builds a full classic rule on `main`, every switch off.
protection(fields) := object.union(
	{
		"pattern": "main", "isAdminEnforced": false, "requiresApprovingReviews": false, "requiredApprovingReviewCount": null,
		"dismissesStaleReviews": false, "requireLastPushApproval": false, "requiresCodeOwnerReviews": false,
		"requiresCommitSignatures": false, "requiresStatusChecks": false, "requiresStrictStatusChecks": false,
		"requiredStatusCheckContexts": [], "requiresLinearHistory": false, "requiresConversationResolution": false,
		"allowsForcePushes": false, "allowsDeletions": false, "blocksCreations": false, "lockBranch": false, "restrictsPushes": false,
	},
	fields,
)

# rule builds a ruleset rule on the default branch, from ruleset 501 `main-guard`.
rule(type, parameters) := {"type": type, "parameters": parameters, "ruleset": {"databaseId": 501, "name": "main-guard", "source": "acme/web"}}

# ruleset builds an active repository ruleset 501 on the default branch with a deletion rule.
ruleset(fields) := object.union(
	{
		"databaseId": 501, "name": "main-guard", "enforcement": "ACTIVE", "target": "BRANCH",
		"source": {"__typename": "Repository", "nameWithOwner": "acme/web"},
		"conditions": {"refName": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
		"rules": [{"type": "DELETION", "parameters": null}],
		"bypassActors": ok([]),
	},
	fields,
)

# actor builds a bypass actor; kind is `team`, `app`, `role`, `organization_admin` or `deploy_key`.
actor(kind, name, mode) := {
	"bypassMode": mode,
	"organizationAdmin": kind == "organization_admin",
	"deployKey": kind == "deploy_key",
	"repositoryRoleName": role_name(kind, name),
	"actor": actor_object(kind, name),
}

# role_name is a role actor's repository role, null for other kinds.
role_name(kind, name) := name if kind == "role"

else := null

# actor_object is the team or app behind an actor, null for other kinds.
actor_object(kind, name) := {"__typename": "Team", "slug": name, "databaseId": 7} if kind == "team"

else := {"__typename": "App", "slug": name, "databaseId": 8} if kind == "app"

else := null

# pipeline builds one Buildkite pipeline entry that builds the repository.
pipeline(slug, settings) := {"org": "acme-bk", "slug": slug, "pipeline": {"slug": slug, "provider": {"id": "github", "settings": settings}}}

# entry builds a repository entry: protected by nothing, every security feature on, one pipeline file; parts replace whole sections.
entry(parts) := object.union(object.remove(default_entry, object.keys(parts)), parts)

# default_entry is the repository entry the builders start from.
default_entry := {
	"full_name": "acme/web",
	"repository": ok(basics({})),
	"branch_protection_rules": ok([]),
	"rulesets": ok([]),
	"default_branch_rules": ok(dbr(null, [])),
	"security_and_analysis": ok({
		"secret_scanning": {"status": "enabled"},
		"secret_scanning_push_protection": {"status": "enabled"},
		"dependabot_security_updates": {"status": "enabled"},
	}),
	"teams": ok([]),
	"collaborators": ok([]),
	"pipeline_files": ok([{"path": ".buildkite/pipeline.yml", "text": "steps: []\n", "truncated": false, "byte_size": 10}]),
}

# repo_input builds a repository target for `acme/web`, built by the Buildkite pipeline `web`.
repo_input(parts) := {
	"now": "2026-06-01T12:00:00Z",
	"repository": entry(parts),
	"github": {"org": "acme"},
	"buildkite_pipelines": [pipeline("web", {"build_pull_requests": true})],
}

# org_input builds an organization target whose GitHub part has the given sections.
org_input(sections) := {"now": "2026-06-01T12:00:00Z", "github": object.union({"org": "acme", "api_url": "https://api.github.com", "mode": "organization"}, sections)}
