# METADATA
# title: Protection can be bypassed
# description: |
#   Fails when the default branch's protection does not bind everyone: its classic rule
#   leaves administrators out ("Do not allow bypassing the above settings" off,
#   `isAdminEnforced`), or an active ruleset on it lists bypass actors (teams, apps,
#   repository roles, organization admins, deploy keys) that the allow-list does not
#   name. Each bypass is a way to ship to the branch Buildkite deploys from without
#   review; an admin account or app key is exactly what an attacker goes after. Both
#   parts need admin: `isAdminEnforced` is only in the full classic rule and a ruleset's
#   bypass list is shown to its admins, so each part is unknown when not visible.
#   Not applicable when nothing protects the branch (`github/branch_protection_missing`
#   reports that).
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/managing-a-branch-protection-rule
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#granting-bypass-permissions-for-your-branch-or-tag-ruleset
# custom:
#   id: github/admins_bypass_protection
#   severity: high
#   area: 1
#   target: repository
#   remediation: In the classic rule under Settings → Branches, turn on "Do not allow bypassing the above settings"; in each ruleset covering the default branch (Settings → Rules → Rulesets, or the organization's rulesets), remove bypass actors that do not need them, or limit them to "For pull requests only".
#   config:
#     allowed_bypass_actors:
#       default: []
#       description: "Bypass actors that are acceptable, as `team:<slug>`, `app:<slug>`, `role:<name>` (a repository role such as `maintain`), `organization_admin` or `deploy_key`."
#     allow_pull_request_bypass:
#       default: false
#       description: Accept any actor whose bypass is limited to pull requests (bypass mode `PULL_REQUEST`), so it cannot push directly.
package github.admins_bypass_protection

import data.lib.findings
import data.lib.github
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

not_applicable if github.protection_not_applicable

not_applicable if {
	github.protection_applies
	github.unprotected
}

unknown contains reason if {
	some reason in github.scope_unknown
}

unknown contains reason if {
	github.protection_applies
	not github.unprotected
	some reason in github.protection_unknown
}

unknown contains reason if {
	github.protection_applies
	github.classic
	some reason in github.detail_unknown
}

unknown contains reason if {
	github.protection_applies
	some reason in bypass_unknown
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("administrators can bypass the protection of default branch `%s` of `%s`", [github.default_branch, github.name]),
	array.concat(github.classic.path, ["isAdminEnforced"]),
	"isAdminEnforced: false",
) if {
	github.protection_applies
	github.classic.full
	object.get(github.classic.rule, "isAdminEnforced", null) != true
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s can bypass ruleset `%s` on default branch `%s` of `%s`%s", [actor_name(a), ruleset.name, github.default_branch, github.name, mode_text(a)]),
	["repository", "rulesets", "data", i, "bypassActors", "data", j],
	concat("", ["bypassMode: ", json.marshal(object.get(a, "bypassMode", null))]),
) if {
	github.protection_applies
	some i, ruleset in protecting_rulesets
	snapshot.available(ruleset.bypassActors)
	some j, a in ruleset.bypassActors.data
	not allowed(a)
}

# protecting_ids are the database ids of the rulesets with rules on the default branch.
protecting_ids contains entry.ruleset.databaseId if {
	some entry in github.branch_rules
}

# protecting_rulesets are those rulesets, by their index in the rulesets section.
protecting_rulesets[i] := ruleset if {
	snapshot.available(github.rulesets)
	some i, ruleset in github.rulesets.data
	ruleset.databaseId in protecting_ids
}

# bypass_unknown says why the bypass actors of a protecting ruleset are not known.
bypass_unknown contains snapshot.why(concat("", ["the rulesets of `", github.name, "`"]), github.rulesets) if {
	count(protecting_ids) > 0
}

bypass_unknown contains snapshot.why(concat("", ["the bypass actors of ruleset `", ruleset.name, "` of `", github.name, "`"]), ruleset.bypassActors) if {
	some ruleset in protecting_rulesets
}

bypass_unknown contains sprintf("ruleset %d on the default branch of `%s` is missing from the rulesets read", [id, github.name]) if {
	snapshot.available(github.rulesets)
	some id in protecting_ids
	is_number(id)
	not id in {r.databaseId | some r in protecting_rulesets}
}

# allowed holds for a bypass actor the knobs accept.
allowed(a) if actor_id(a) in knobs.allowed_bypass_actors

allowed(a) if {
	knobs.allow_pull_request_bypass == true
	a.bypassMode == "PULL_REQUEST"
}

# actor_id names a bypass actor the way the allow-list does.
actor_id(a) := "organization_admin" if {
	a.organizationAdmin == true
} else := "deploy_key" if {
	a.deployKey == true
} else := concat(":", ["role", a.repositoryRoleName]) if {
	is_string(a.repositoryRoleName)
} else := concat(":", [lower(a.actor.__typename), a.actor.slug]) if {
	is_string(a.actor.slug)
} else := "unknown"

# actor_name is how a message names a bypass actor.
actor_name(a) := "organization admins" if {
	actor_id(a) == "organization_admin"
} else := "deploy keys" if {
	actor_id(a) == "deploy_key"
} else := concat("", ["`", actor_id(a), "`"])

# mode_text says when the bypass is limited to pull requests.
mode_text(a) := " (through pull requests)" if a.bypassMode == "PULL_REQUEST"

else := ""
