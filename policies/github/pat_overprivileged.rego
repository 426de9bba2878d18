# METADATA
# title: Fine-grained tokens over-privileged
# description: |
#   Fails for each fine-grained personal access token with access to the organization
#   that holds write or admin permissions the allow-list does not name, or that never
#   expires. Such a token is a person's standing credential living in scripts, CI
#   secrets and laptops; write access to contents, workflows or administration through
#   it bypasses review just as well as the person could. Expired tokens are skipped.
#   GitHub lists these grants to GitHub Apps only (`GET /orgs/{org}/personal-access-tokens`
#   with the organization "Personal access tokens" permission), so with a plain token
#   the rule is unknown: collect with a GitHub App to judge it.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/reviewing-and-revoking-personal-access-tokens-in-your-organization
#   - ref: https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization
#   - ref: https://docs.github.com/en/rest/orgs/personal-access-tokens#list-fine-grained-personal-access-tokens-with-access-to-organization-resources
# custom:
#   id: github/pat_overprivileged
#   severity: high
#   area: 4
#   target: organization
#   remediation: Under Organization settings → Personal access tokens → Active tokens, revoke the token or ask its owner to replace it with one limited to read access and the repositories it needs, with an expiry; under Settings (the policy page) require approval of fine-grained tokens and set a maximum lifetime.
#   config:
#     allowed_write_permissions:
#       default: []
#       description: Permissions a token may hold with write or admin access, as `<category>.<permission>` (`repository.contents`, `organization.members`).
#     exempt_tokens:
#       default: []
#       description: Token names or token ids not checked.
package github.pat_overprivileged

import data.lib.findings
import data.lib.github
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

grants := input.github.personal_access_tokens if github.organization_input

not_applicable if not github.organization_input

unknown contains snapshot.why(concat("", ["the fine-grained personal access tokens of GitHub organization `", input.github.org, "`"]), grants)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("fine-grained token %s has write access beyond the allow-list: %s", [github.grant_name(grant), concat(", ", excess)]),
	["github", "personal_access_tokens", "data", i, "permissions"],
	concat(" ", excess),
) if {
	some i, grant in checked
	excess := sort([concat("", [category, ".", permission, ":", level]) |
		some category, permissions in object.get(grant, "permissions", {})
		some permission, level in permissions
		level in {"write", "admin"}
		not concat(".", [category, permission]) in knobs.allowed_write_permissions
	])
	count(excess) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("fine-grained token %s never expires", [github.grant_name(grant)]),
	["github", "personal_access_tokens", "data", i, "token_expires_at"],
	"token_expires_at: null",
) if {
	some i, grant in checked
	not is_string(object.get(grant, "token_expires_at", null))
}

# checked are the grants judged, by index: readable, live and not exempt.
checked[i] := grant if {
	snapshot.available(grants)
	some i, grant in grants.data
	github.grant_live(grant)
	not github.grant_exempt(grant, knobs.exempt_tokens)
}
