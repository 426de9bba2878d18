# METADATA
# title: Two-factor authentication not required
# description: |
#   Fails when the GitHub organization does not require its members, outside
#   collaborators and billing managers to use two-factor authentication
#   (`two_factor_requirement_enabled`). A phished password alone then opens every
#   repository the person can push to, and with it the code Buildkite builds and ships.
#   Only organization owners can see the setting: for other tokens the rule is unknown.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-two-factor-authentication-for-your-organization/requiring-two-factor-authentication-in-your-organization
# custom:
#   id: github/two_factor_not_required
#   severity: high
#   area: 4
#   target: organization
#   remediation: As an owner, open Organization settings → Authentication security and tick "Require two-factor authentication for everyone in the organization" (members without 2FA are removed, so warn them first).
package github.two_factor_not_required

import data.lib.findings
import data.lib.github
import data.lib.snapshot

section := input.github.two_factor_requirement if github.organization_input

not_applicable if not github.organization_input

unknown contains snapshot.why(concat("", ["the two-factor requirement of GitHub organization `", input.github.org, "`"]), section)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("GitHub organization `%s` does not require two-factor authentication", [input.github.org]),
	["github", "two_factor_requirement", "data", "enabled"],
	concat("", ["two_factor_requirement_enabled: ", json.marshal(object.get(section.data, "enabled", null))]),
) if {
	snapshot.available(section)
	object.get(section.data, "enabled", null) != true
}
