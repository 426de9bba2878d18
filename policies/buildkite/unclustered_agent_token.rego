# METADATA
# title: Unclustered agent token in use
# description: |
#   An unclustered agent token registers agents outside every cluster: it cannot expire,
#   cannot be limited to the IP addresses your agents connect from, and its agents take
#   jobs from any pipeline that is not in a cluster, with their secrets and source code.
#   Buildkite keeps these tokens for organizations that predate clusters. One finding per
#   unclustered agent token that is not revoked (GraphQL `organization.agentTokens`).
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/tokens
#   - ref: https://buildkite.com/docs/pipelines/security/clusters
# custom:
#   id: buildkite/unclustered_agent_token
#   severity: medium
#   area: 6
#   target: organization
#   remediation: Move the agents to a cluster (Agents → Clusters) with a cluster agent token that expires and lists your agents' IP ranges, then revoke the unclustered token in Agents → Unclustered → Agent Tokens.
package buildkite.unclustered_agent_token

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

tokens := input.buildkite.unclustered_agent_tokens

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's unclustered agent tokens", tokens)

unknown contains "the organization's unclustered agent tokens are not in this snapshot (collected by a kiteguard that did not read them)" if {
	input.buildkite
	not input.buildkite.unclustered_agent_tokens
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("unclustered agent token `%s` is not revoked: it cannot expire or be limited to your agents' IP addresses", [buildkite.token_name(token)]),
	["buildkite", "unclustered_agent_tokens", "data", i],
	concat("", ["createdAt: ", object.get(token, "createdAt", "unknown")]),
) if {
	snapshot.available(tokens)
	some i, token in tokens.data
}
