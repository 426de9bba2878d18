# METADATA
# title: API IP allow-list missing
# description: |
#   With no API IP allow-list, a leaked API access token works from anywhere on the
#   internet. The allow-list limits the REST and GraphQL APIs to the networks your
#   automation runs in. Read from the REST API settings (`allowed_ip_addresses`, admin
#   only), or from GraphQL (`allowedApiIpAddresses`) when REST is not visible.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/managing-api-tokens
# custom:
#   id: buildkite/api_ip_allowlist_missing
#   severity: medium
#   area: 3
#   target: organization
#   remediation: In Organization settings → Security → API, add the CIDR ranges your automation calls Buildkite from to the API IP allow-list (or set `allowed_ip_addresses` with `PUT /v2/organizations/{org}/api-settings`).
package buildkite.api_ip_allowlist_missing

import data.lib.findings
import data.lib.snapshot

rest := input.buildkite.api_settings

graphql := input.buildkite.security

not_applicable if not input.buildkite

unknown contains reason if {
	snapshot.unavailable(rest)
	some reason in [snapshot.why("the organization's API settings", rest), graphql_why]
}

# graphql_why says why GraphQL does not show the allow-list either: its section, or the field, could not be read.
graphql_why := snapshot.why("the organization's security settings", graphql) if snapshot.unavailable(graphql)

else := snapshot.field_why("the organization's API IP allow-list", graphql.data, ["allowedApiIpAddresses"])

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` has no API IP allow-list, so its API tokens work from any address", [input.buildkite.org]),
	["buildkite", "api_settings", "data", "allowed_ip_addresses"],
	"allowed_ip_addresses: empty",
) if {
	snapshot.available(rest)
	not listed(object.get(rest.data, "allowed_ip_addresses", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` has no API IP allow-list, so its API tokens work from any address", [input.buildkite.org]),
	["buildkite", "security", "data", "allowedApiIpAddresses"],
	"allowedApiIpAddresses: empty",
) if {
	not snapshot.available(rest)
	snapshot.available(graphql)
	not snapshot.field_unavailable(graphql.data, ["allowedApiIpAddresses"])
	not listed(object.get(graphql.data, "allowedApiIpAddresses", null))
}

# listed holds for a non-blank allow-list (Buildkite serves it as space-separated CIDRs).
listed(value) if {
	is_string(value)
	trim_space(value) != ""
}
