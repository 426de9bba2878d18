# METADATA
# title: API token without expiry
# description: |
#   A token that never expires stays valid long after the person or job it was made for
#   is gone, and a leaked copy works forever. The rule fails for each API access token
#   with no `expiresAt`, and when the organization does not revoke tokens that go
#   unused (REST `revoke_inactive_tokens_after_days`, or GraphQL
#   `revokeInactiveTokensAfter` when REST is not visible).
# related_resources:
#   - ref: https://buildkite.com/docs/apis/managing-api-tokens
# custom:
#   id: buildkite/api_token_no_expiry
#   severity: medium
#   area: 4
#   target: organization
#   remediation: Recreate each listed token with an expiry date (Personal settings → API Access Tokens → New token → Expiry), and in Organization settings → Security → API turn on automatic revocation of inactive tokens.
#   config:
#     exempt_tokens:
#       default: []
#       description: Token UUIDs or descriptions allowed to have no expiry.
package buildkite.api_token_no_expiry

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

tokens := input.buildkite.api_access_tokens

rest := input.buildkite.api_settings

graphql := input.buildkite.security

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's API access tokens", tokens)

unknown contains reason if {
	snapshot.unavailable(rest)
	some reason in [snapshot.why("the organization's API settings", rest), graphql_why]
}

# graphql_why says why GraphQL does not show the idle-token revocation either: its section, or the field, could not be read.
graphql_why := snapshot.why("the organization's security settings", graphql) if snapshot.unavailable(graphql)

else := snapshot.field_why("the organization's idle-token revocation setting", graphql.data, ["revokeInactiveTokensAfter"])

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("API token `%s` never expires", [buildkite.token_name(token)]),
	["buildkite", "api_access_tokens", "data", i, "expiresAt"],
	"expiresAt: null",
) if {
	snapshot.available(tokens)
	some i, token in tokens.data
	not buildkite.exempt(token, knobs.exempt_tokens)
	not is_string(object.get(token, "expiresAt", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` does not revoke API tokens that go unused", [input.buildkite.org]),
	["buildkite", "api_settings", "data", "revoke_inactive_tokens_after_days"],
	sprintf("revoke_inactive_tokens_after_days: %s", [json.marshal(object.get(rest.data, "revoke_inactive_tokens_after_days", null))]),
) if {
	snapshot.available(rest)
	not positive(object.get(rest.data, "revoke_inactive_tokens_after_days", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` does not revoke API tokens that go unused", [input.buildkite.org]),
	["buildkite", "security", "data", "revokeInactiveTokensAfter"],
	sprintf("revokeInactiveTokensAfter: %s", [json.marshal(object.get(graphql.data, "revokeInactiveTokensAfter", null))]),
) if {
	not snapshot.available(rest)
	snapshot.available(graphql)
	not snapshot.field_unavailable(graphql.data, ["revokeInactiveTokensAfter"])
	not revocation_period(object.get(graphql.data, "revokeInactiveTokensAfter", null))
}

# positive holds for a number of days above zero.
positive(value) if {
	is_number(value)
	value > 0
}

# revocation_period holds for a GraphQL period such as `DAYS_90` (not `NEVER`).
revocation_period(value) if {
	is_string(value)
	startswith(value, "DAYS_")
}
