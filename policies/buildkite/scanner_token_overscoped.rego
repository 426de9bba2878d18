# METADATA
# title: kiteguard's Buildkite token over-scoped
# description: |
#   The Buildkite token kiteguard collects with should be able to read and nothing
#   more, and should expire: a write scope or a token that never expires turns the
#   compliance scanner into a standing credential worth stealing. The token is the one
#   `GET /v2/access-token` describes. GraphQL access is allowed by default because
#   kiteguard needs it for the security settings, members and API token audit.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/managing-api-tokens
#   - ref: https://buildkite.com/docs/apis/rest-api/access-token
# custom:
#   id: buildkite/scanner_token_overscoped
#   severity: high
#   area: 4
#   target: organization
#   remediation: Create a new token for kiteguard in Personal settings → API Access Tokens with only the read scopes kiteguard lists and GraphQL access, set an expiry, switch kiteguard to it and revoke the old one.
#   config:
#     allowed_scopes:
#       default: ['read_*', 'graphql']
#       description: Scopes kiteguard's token may carry (any case; a trailing `*` matches any rest).
package buildkite.scanner_token_overscoped

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

token := input.buildkite.access_token

not_applicable if not input.buildkite

unknown contains snapshot.why("kiteguard's own token", token)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("kiteguard's Buildkite token `%s` has scopes it does not need: %s", [buildkite.token_name(token.data), concat(", ", extra)]),
	["buildkite", "access_token", "data", "scopes"],
	concat(" ", extra),
) if {
	snapshot.available(token)
	extra := buildkite.excess_scopes(object.get(token.data, "scopes", []), knobs.allowed_scopes)
	count(extra) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("kiteguard's Buildkite token `%s` never expires", [buildkite.token_name(token.data)]),
	["buildkite", "access_token", "data", "expires_at"],
	"expires_at: null",
) if {
	snapshot.available(token)
	not is_string(object.get(token.data, "expires_at", null))
}
