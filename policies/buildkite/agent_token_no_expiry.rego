# METADATA
# title: Agent token without expiry or IP allow-list
# description: |
#   An agent token lets any machine that holds it join the cluster and take its jobs,
#   with their secrets and source code. A token that never expires, or that is accepted
#   from any IP address, keeps working wherever it leaked to. One finding per cluster
#   agent token with no `expires_at` or no `allowed_ip_addresses`.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/tokens
#   - ref: https://buildkite.com/docs/apis/rest-api/clusters/agent-tokens
# custom:
#   id: buildkite/agent_token_no_expiry
#   severity: medium
#   area: 6
#   target: organization
#   remediation: In the cluster's Agent Tokens page, create a replacement token with an expiry date and the CIDR ranges your agents connect from (`expires_at`, `allowed_ip_addresses`), roll agents onto it, then revoke the old token.
#   config:
#     require_ip_allowlist:
#       default: true
#       description: Also report agent tokens accepted from any IP address.
package buildkite.agent_token_no_expiry

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

clusters := input.buildkite.clusters

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's clusters", clusters)

unknown contains snapshot.why(sprintf("agent tokens of cluster `%s`", [entry.cluster.name]), entry.agent_tokens) if {
	snapshot.available(clusters)
	some entry in clusters.data
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("agent token `%s` of cluster `%s` %s", [buildkite.token_name(token), entry.cluster.name, concat(" and ", gaps)]),
	["buildkite", "clusters", "data", c, "agent_tokens", "data", t],
	concat(", ", [evidence | some gap in gaps; evidence := evidence_of[gap]]),
) if {
	snapshot.available(clusters)
	some c, entry in clusters.data
	snapshot.available(entry.agent_tokens)
	some t, token in entry.agent_tokens.data
	gaps := [gap | some gap in ordered_gaps; has_gap(token, gap)]
	count(gaps) > 0
}

# A field the collector could not read leaves that gap of that token unknown.
unknown contains snapshot.field_why(sprintf("the `%s` of agent token `%s` of cluster `%s`", [field, buildkite.token_name(token), entry.cluster.name]), token, [field]) if {
	snapshot.available(clusters)
	some entry in clusters.data
	snapshot.available(entry.agent_tokens)
	some token in entry.agent_tokens.data
	some field in checked_fields
}

# checked_fields are the token fields the gaps read.
checked_fields contains "expires_at"

checked_fields contains "allowed_ip_addresses" if knobs.require_ip_allowlist == true

# ordered_gaps fixes the order the gaps are named in.
ordered_gaps := ["never expires", "is accepted from any IP address"]

# evidence_of is the field behind each gap.
evidence_of := {"never expires": "expires_at: null", "is accepted from any IP address": "allowed_ip_addresses: empty"}

# has_gap holds when the token lacks what the gap names.
has_gap(token, "never expires") if {
	not snapshot.field_unavailable(token, ["expires_at"])
	not is_string(object.get(token, "expires_at", null))
}

has_gap(token, "is accepted from any IP address") if {
	knobs.require_ip_allowlist == true
	not snapshot.field_unavailable(token, ["allowed_ip_addresses"])
	not listed(object.get(token, "allowed_ip_addresses", null))
}

# listed holds for a non-blank allow-list.
listed(value) if {
	is_string(value)
	trim_space(value) != ""
}
