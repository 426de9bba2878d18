# METADATA
# title: Two-factor authentication not enforced
# description: |
#   Unless the organization requires two-factor authentication, a member whose password
#   is phished or reused can sign in to Buildkite with the password alone and change
#   pipelines, secrets access and agents. The setting is GraphQL
#   `membersRequireTwoFactorAuthentication`; when the member list is visible the
#   finding also counts the members who have not set up 2FA.
# related_resources:
#   - ref: https://buildkite.com/docs/platform/team-management/enforce-2fa
# custom:
#   id: buildkite/two_factor_not_enforced
#   severity: high
#   area: 4
#   target: organization
#   remediation: In Organization settings → Security, turn on "Require two-factor authentication" for all members (members without 2FA are asked to set it up at their next sign-in).
package buildkite.two_factor_not_enforced

import data.lib.findings
import data.lib.snapshot

security := input.buildkite.security

members := input.buildkite.members

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's security settings", security)

unknown contains snapshot.field_why("the organization's two-factor authentication requirement", security.data, ["membersRequireTwoFactorAuthentication"])

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` does not require two-factor authentication%s", [input.buildkite.org, without_2fa]),
	["buildkite", "security", "data", "membersRequireTwoFactorAuthentication"],
	sprintf("membersRequireTwoFactorAuthentication: %s", [json.marshal(object.get(security.data, "membersRequireTwoFactorAuthentication", null))]),
) if {
	snapshot.available(security)
	not snapshot.field_unavailable(security.data, ["membersRequireTwoFactorAuthentication"])
	object.get(security.data, "membersRequireTwoFactorAuthentication", null) != true
}

# without_2fa says how many members have no second factor, when the member list is visible.
without_2fa := sprintf(" (%d of %d members have no 2FA)", [count(lacking), count(members.data)]) if {
	snapshot.available(members)
	lacking := [m |
		some m in members.data
		object.get(m, ["security", "twoFactorEnabled"], false) != true
	]
} else := ""
