# METADATA
# title: GitHub repository not connected through the GitHub App
# description: |
#   A pipeline on a GitHub repository should reach GitHub through Buildkite's GitHub
#   App: it is installed on chosen repositories, holds short-lived installation tokens
#   and verifies its webhooks, where the older OAuth or webhook-only connection relies
#   on a person's authorization and a shared webhook URL. The rule fails for a GitHub
#   pipeline (provider `github`/`github_enterprise`, or a repository on github.com or
#   a listed GitHub Enterprise host) when the organization has no GitHub App
#   repository connection. Other providers are not applicable.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/source-control/github
#   - ref: https://buildkite.com/docs/apis/rest-api/organizations/repository-connections
# custom:
#   id: buildkite/repository_not_via_github_app
#   severity: medium
#   area: 1
#   target: pipeline
#   remediation: In Organization settings → Repository Providers, connect GitHub through the Buildkite GitHub App and grant it the repositories your pipelines build; then remove the pipelines' old webhooks in GitHub.
#   config:
#     app_connection_types:
#       default: ['github_app', 'github_code_access_app', 'github_enterprise_app', 'github_restricted_app']
#       description: Repository connection types that are a GitHub App installation.
#     github_enterprise_hosts:
#       default: []
#       description: Host names of your GitHub Enterprise Server, so its repositories count as GitHub repositories.
package buildkite.repository_not_via_github_app

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

pipeline := input.buildkite_pipeline.pipeline

connections := input.buildkite_pipeline.repository_connections

not_applicable if not input.buildkite_pipeline

not_applicable if {
	input.buildkite_pipeline
	not github_pipeline
}

unknown contains snapshot.why("the organization's repository connections", connections) if github_pipeline

# Whether the pipeline builds from GitHub is not known when its provider or repository was not read.
unknown contains snapshot.field_why(sprintf("the source of pipeline `%s`", [pipeline.slug]), pipeline, field) if {
	input.buildkite_pipeline
	not github_pipeline
	some field in [["provider", "id"], ["repository"]]
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` builds GitHub repository `%s`, but the organization has no GitHub App repository connection", [pipeline.slug, object.get(pipeline, "repository", "")]),
	["buildkite_pipeline", "repository_connections", "data"],
	sprintf("connection types: %s", [concat(", ", connection_types)]),
) if {
	github_pipeline
	snapshot.available(connections)
	not app_connected
}

# github_pipeline: the pipeline's provider or repository host is GitHub.
github_pipeline if object.get(pipeline, ["provider", "id"], "") in {"github", "github_enterprise"}

github_pipeline if repository_host in {"github.com", "www.github.com"}

github_pipeline if repository_host in knobs.github_enterprise_hosts

# app_connected holds when one repository connection is a GitHub App.
app_connected if {
	some connection in connections.data
	connection.type in knobs.app_connection_types
}

# connection_types lists the organization's connection types, or says there are none.
connection_types := types if {
	types := sort({c.type | some c in connections.data})
	count(types) > 0
} else := ["none"]

# repository_host is the lower-cased host of the repository URL (`git@host:…`, `https://host/…`, `ssh://git@host:22/…`).
repository_host := lower(host) if {
	url := object.get(pipeline, "repository", "")
	is_string(url)
	after_scheme := scheme_removed(url)
	after_user := user_removed(after_scheme)
	host := split(split(after_user, "/")[0], ":")[0]
	host != ""
}

# scheme_removed drops `scheme://`.
scheme_removed(url) := substring(url, indexof(url, "://") + 3, -1) if contains(url, "://")

scheme_removed(url) := url if not contains(url, "://")

# user_removed drops `user@` before the host.
user_removed(rest) := substring(rest, indexof(rest, "@") + 1, -1) if {
	contains(rest, "@")
	indexof(rest, "@") < first_separator(rest)
}

user_removed(rest) := rest if {
	not contains(rest, "@")
}

user_removed(rest) := rest if {
	contains(rest, "@")
	indexof(rest, "@") > first_separator(rest)
}

# first_separator is where the host part ends: the first `/`, else the end of the text.
first_separator(rest) := indexof(rest, "/") if contains(rest, "/")

first_separator(rest) := count(rest) if not contains(rest, "/")
