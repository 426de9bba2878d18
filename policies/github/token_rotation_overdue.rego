# METADATA
# title: Fine-grained tokens not rotated
# description: |
#   Fails for each live fine-grained personal access token that has had access to the
#   organization for longer than the maximum age. GitHub does not say when a token was
#   created, so the age counts from when it was granted access to the organization
#   (`access_granted_at`), which is no later than its creation; the message adds when it
#   was last used. A token whose grant date cannot be read fails too. Old tokens have
#   been copied into more places than anyone remembers, and rotating on a schedule
#   proves the rotation works before an incident needs it. Like
#   `github/pat_overprivileged`, this needs a GitHub App to read the grants and is
#   unknown otherwise.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/reviewing-and-revoking-personal-access-tokens-in-your-organization
#   - ref: https://docs.github.com/en/rest/orgs/personal-access-tokens#list-fine-grained-personal-access-tokens-with-access-to-organization-resources
# custom:
#   id: github/token_rotation_overdue
#   severity: medium
#   area: 10
#   target: organization
#   remediation: Ask the owner to create a replacement token, move its users to it and delete the old one; revoke tokens nobody uses under Organization settings → Personal access tokens → Active tokens, and set a maximum token lifetime in the organization's personal access token policy.
#   config:
#     max_age_days:
#       default: 90
#       description: Most days a token may have had access to the organization before it is due for rotation.
#     exempt_tokens:
#       default: []
#       description: Token names or token ids not checked.
package github.token_rotation_overdue

import data.lib.dates
import data.lib.findings
import data.lib.github
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

grants := input.github.personal_access_tokens if github.organization_input

not_applicable if not github.organization_input

unknown contains snapshot.why(concat("", ["the fine-grained personal access tokens of GitHub organization `", input.github.org, "`"]), grants)

unknown contains "the evaluation time (`now`) is missing or not a date, so token ages cannot be counted" if {
	github.organization_input
	not dates.day_number(object.get(input, "now", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("fine-grained token %s %s; last used %s", [github.grant_name(grant), age_text(granted), last_used(grant)]),
	["github", "personal_access_tokens", "data", i, "access_granted_at"],
	concat("", ["access_granted_at: ", json.marshal(granted)]),
) if {
	dates.day_number(input.now)
	snapshot.available(grants)
	some i, grant in grants.data
	github.grant_live(grant)
	not github.grant_exempt(grant, knobs.exempt_tokens)
	granted := object.get(grant, "access_granted_at", null)
	not fresh(granted)
}

# fresh holds for a grant date no more than the maximum age ago.
fresh(granted) if dates.days_between(granted, input.now) <= knobs.max_age_days

# age_text says how long the token has had access, or that the grant date is unreadable.
age_text(granted) := sprintf("has had access to `%s` for %d days (rotate every %d days)", [input.github.org, dates.days_between(granted, input.now), knobs.max_age_days]) if {
	dates.day_number(granted)
} else := "has no grant date kiteguard can read, so its age is unknown"

# last_used is the date the token was last used, or `never`.
last_used(grant) := substring(grant.token_last_used_at, 0, 10) if {
	is_string(object.get(grant, "token_last_used_at", null))
} else := "never"
