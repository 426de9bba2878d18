# METADATA
# title: SSO not enforced
# description: |
#   Single sign-on puts Buildkite behind your identity provider: its MFA, device checks
#   and off-boarding. The rule fails when the organization has no enabled SSO provider,
#   and, when it has one, when members can still sign in without it (SSO mode
#   `OPTIONAL`, or no mode). Those members are listed by email, up to a cap.
# related_resources:
#   - ref: https://buildkite.com/docs/platform/sso
# custom:
#   id: buildkite/sso_not_enforced
#   severity: high
#   area: 4
#   target: organization
#   remediation: Enable an SSO provider in Organization settings → Single Sign-On, then set each listed member's SSO requirement to Required (Organization settings → Users → the member), keeping optional SSO only for a documented break-glass account.
#   config:
#     exempt_members:
#       default: []
#       description: Member emails or user UUIDs allowed to sign in without SSO (break-glass accounts).
#     exempt_roles:
#       default: []
#       description: Organization roles (`ADMIN`, `MEMBER`) whose members are not checked.
#     max_listed_members:
#       default: 10
#       description: How many members the finding names before it says "and N more".
package buildkite.sso_not_enforced

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

security := input.buildkite.security

members := input.buildkite.members

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's security settings", security)

# Neither the SSO settings nor an enabled provider say SSO is on, and one of the two could not be read.
unknown contains snapshot.field_why(what, security.data, [field]) if {
	snapshot.available(security)
	not sso_enabled
	some field, what in sso_fields
}

unknown contains snapshot.why("the organization's members", members) if sso_enabled

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization `%s` has no enabled SSO provider, so members sign in with a Buildkite password", [input.buildkite.org]),
	["buildkite", "security", "data", "sso"],
	"sso.isEnabled: false",
) if {
	snapshot.available(security)
	not sso_enabled
	not sso_unreadable
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s of Buildkite organization `%s` may sign in without SSO: %s", [members_text, input.buildkite.org, listed]),
	["buildkite", "members", "data"],
	listed,
) if {
	sso_enabled
	snapshot.available(members)
	count(optional) > 0
}

# sso_enabled: the organization says SSO is on, or one of its SSO providers is enabled.
sso_enabled if {
	snapshot.available(security)
	not snapshot.field_unavailable(security.data, ["sso"])
	security.data.sso.isEnabled == true
}

sso_enabled if {
	snapshot.available(security)
	not snapshot.field_unavailable(security.data, ["ssoProviders"])
	some provider in object.get(security.data, "ssoProviders", [])
	provider.state == "ENABLED"
}

# sso_fields names the fields that can say SSO is on.
sso_fields := {"sso": "the organization's SSO settings", "ssoProviders": "the organization's SSO providers"}

# sso_unreadable holds when the collector could not read one of the fields that can say SSO is on.
sso_unreadable if {
	some field, _ in sso_fields
	snapshot.field_unavailable(security.data, [field])
}

# optional: who, by email, can sign in without SSO and is not exempt.
optional := sort({name_of(m) |
	some m in members.data
	not sso_required(m)
	not exempt(m)
})

# members_text counts the members who may skip SSO.
members_text := "1 member" if count(optional) == 1

else := sprintf("%d members", [count(optional)])

# listed names the first members and counts the rest.
listed := concat(", ", shown) if {
	count(optional) <= knobs.max_listed_members
	shown := optional
} else := sprintf("%s and %d more", [concat(", ", array.slice(optional, 0, knobs.max_listed_members)), count(optional) - knobs.max_listed_members])

# sso_required holds when the member must use SSO.
sso_required(member) if member.sso.mode == "REQUIRED"

# exempt: the member's email, UUID or role is exempted by config.
exempt(member) if object.get(member, ["user", "email"], null) in knobs.exempt_members

exempt(member) if object.get(member, ["user", "uuid"], null) in knobs.exempt_members

exempt(member) if {
	some role in knobs.exempt_roles
	upper(role) == upper(object.get(member, "role", ""))
}

# name_of is the member's email, else name, else UUID.
name_of(member) := member.user.email if is_string(member.user.email)

else := member.user.name if is_string(member.user.name)

else := object.get(member, ["user", "uuid"], "(unnamed member)")
