# METADATA
# title: Token rotation overdue
# description: |
#   Long-lived credentials pile up exposure: every log, laptop and former colleague that
#   ever saw one. The rule fails for each API access token (GraphQL `createdAt`) and
#   cluster agent token (REST `created_at`) older than the maximum age, measured against
#   the evaluation time. Rotating on a schedule also proves the rotation path works
#   before an incident needs it. A token whose creation date cannot be read fails too.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/managing-api-tokens
#   - ref: https://buildkite.com/docs/agent/v3/tokens
# custom:
#   id: buildkite/token_rotation_overdue
#   severity: medium
#   area: 10
#   target: organization
#   remediation: Create a replacement (Personal settings → API Access Tokens, or the cluster's Agent Tokens page), move its users over, then revoke the old token; automate this on the `max_age_days` schedule.
#   config:
#     max_age_days:
#       default: 90
#       description: Oldest a token may be, in days, before it counts as due for rotation.
#     exempt_tokens:
#       default: []
#       description: API or agent token UUIDs, ids or descriptions not checked.
package buildkite.token_rotation_overdue

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

api_tokens := input.buildkite.api_access_tokens

clusters := input.buildkite.clusters

not_applicable if not input.buildkite

unknown contains "the evaluation time (`now`) is missing or not RFC 3339" if not now_known

unknown contains snapshot.why("the organization's API access tokens", api_tokens)

unknown contains snapshot.why("the organization's clusters", clusters)

unknown contains snapshot.why(sprintf("agent tokens of cluster `%s`", [entry.cluster.name]), entry.agent_tokens) if {
	snapshot.available(clusters)
	some entry in clusters.data
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("API token `%s` %s", [buildkite.token_name(token), overdue_text(object.get(token, "createdAt", null))]),
	["buildkite", "api_access_tokens", "data", i, "createdAt"],
	sprintf("createdAt: %s", [json.marshal(object.get(token, "createdAt", null))]),
) if {
	now_known
	snapshot.available(api_tokens)
	some i, token in api_tokens.data
	not buildkite.exempt(token, knobs.exempt_tokens)
	not fresh(object.get(token, "createdAt", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("agent token `%s` of cluster `%s` %s", [buildkite.token_name(token), entry.cluster.name, overdue_text(object.get(token, "created_at", null))]),
	["buildkite", "clusters", "data", c, "agent_tokens", "data", t, "created_at"],
	sprintf("created_at: %s", [json.marshal(object.get(token, "created_at", null))]),
) if {
	now_known
	snapshot.available(clusters)
	some c, entry in clusters.data
	snapshot.available(entry.agent_tokens)
	some t, token in entry.agent_tokens.data
	not buildkite.exempt(token, knobs.exempt_tokens)
	not snapshot.field_unavailable(token, ["created_at"])
	not fresh(object.get(token, "created_at", null))
}

# A creation date the collector could not read leaves that token's age unknown (a date it read but cannot parse fails).
unknown contains snapshot.field_why(sprintf("the creation date of agent token `%s` of cluster `%s`", [buildkite.token_name(token), entry.cluster.name]), token, ["created_at"]) if {
	snapshot.available(clusters)
	some entry in clusters.data
	snapshot.available(entry.agent_tokens)
	some token in entry.agent_tokens.data
	not buildkite.exempt(token, knobs.exempt_tokens)
}

# now_known holds when the evaluation time can be read.
now_known if buildkite.epoch_seconds(input.now)

# fresh holds for a creation time no older than the maximum age.
fresh(created) if buildkite.age_days(created, input.now) <= knobs.max_age_days

# overdue_text says how old the token is, or that its age is unknown.
overdue_text(created) := sprintf("is %d days old (rotate every %d days)", [age, knobs.max_age_days]) if {
	age := buildkite.age_days(created, input.now)
} else := "has no creation date kiteguard can read, so its age is unknown"
