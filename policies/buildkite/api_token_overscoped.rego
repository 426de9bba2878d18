# METADATA
# title: API token over-scoped
# description: |
#   An API access token with write scopes, or with GraphQL access, lets whoever holds it
#   change pipelines, start builds or read everything its owner can. Tokens should carry
#   only the scopes their job needs; GraphQL access through a token is not limited by
#   REST scopes, so scoped GraphQL belongs in a portal. Scopes are compared without
#   case (GraphQL serves `READ_BUILDS`, REST `read_builds`). Portals are not in the
#   collected data, so the rule cannot tell which GraphQL use a portal could replace.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/managing-api-tokens
#   - ref: https://buildkite.com/docs/apis/portals
# custom:
#   id: buildkite/api_token_overscoped
#   severity: high
#   area: 4
#   target: organization
#   remediation: In Personal settings → API Access Tokens (or Organization settings → API Access Audit), replace the token with one that has only the read scopes it needs; move GraphQL use to a portal with the queries it runs.
#   config:
#     allowed_scopes:
#       default: ['read_*']
#       description: Scopes a token may carry (any case; a trailing `*` matches any rest).
#     exempt_tokens:
#       default: []
#       description: Token UUIDs or descriptions not checked (for example a reviewed automation token).
package buildkite.api_token_overscoped

import data.lib.buildkite
import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

tokens := input.buildkite.api_access_tokens

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's API access tokens", tokens)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("API token `%s`%s has scopes outside the allow-list: %s%s", [buildkite.token_name(token), owner(token), concat(", ", extra), graphql_note(extra)]),
	["buildkite", "api_access_tokens", "data", i, "scopes"],
	concat(" ", extra),
) if {
	snapshot.available(tokens)
	some i, token in tokens.data
	not buildkite.exempt(token, knobs.exempt_tokens)
	extra := buildkite.excess_scopes(object.get(token, "scopes", []), knobs.allowed_scopes)
	count(extra) > 0
}

# owner names the token's owner, when known.
owner(token) := sprintf(" (owner %s)", [token.owner.email]) if is_string(token.owner.email)

else := ""

# graphql_note explains why GraphQL access counts.
graphql_note(extra) := " (GraphQL access is not limited by scopes; use a portal)" if "graphql" in extra

else := ""
