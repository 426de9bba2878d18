# METADATA
# title: GitHub repository helpers
# description: |
#   What protects a repository target's default branch, read from the snapshot the way
#   GitHub decides it. `default_branch_rules` (visible to anyone who can read the
#   repository) names the classic rule that covers the branch (`refUpdateRule`) and the
#   rules of every active ruleset on it; the full classic rule, with the switches only
#   admins see, comes from `branch_protection_rules`. When `default_branch_rules` is not
#   visible, classic patterns and ruleset conditions are matched here instead.
#   Every helper is undefined (not false) when the data it needs is not visible, and
#   the `*_unknown` sets say why.
package lib.github

import data.lib.snapshot

# repo is the repository entry of the target.
repo := input.repository

# name is the repository's `owner/name`.
name := repo.full_name

# basics is the section with the repository's own fields (archived, default branch, permission).
basics := repo.repository

# dbr is the section with what applies to the default branch.
dbr := repo.default_branch_rules

# bpr is the section with the classic branch protection rules (admins only).
bpr := repo.branch_protection_rules

# rulesets is the section with the repository's rulesets, its organization's included.
rulesets := repo.rulesets

# archived holds for an archived repository, which nobody can push to.
archived if {
	snapshot.available(basics)
	basics.data.isArchived == true
}

# scope_fields are the repository settings that decide whether the rules judge it: archived, and its default branch.
scope_fields := ["isArchived", "defaultBranch"]

# scope_unread holds when the collector could not read one of those settings (the rest of the settings were read).
scope_unread if {
	snapshot.available(basics)
	some field in scope_fields
	snapshot.field_unavailable(basics.data, [field])
}

# archived_unknown says why whether the repository is archived is not known, when that one field was not read.
archived_unknown contains snapshot.field_why(concat("", ["whether `", name, "` is archived"]), basics.data, ["isArchived"]) if snapshot.available(basics)

# default_branch is the name of the repository's default branch.
default_branch := dbr.data.branch if {
	snapshot.available(dbr)
	is_string(dbr.data.branch)
} else := basics.data.defaultBranch if {
	snapshot.available(basics)
	is_string(basics.data.defaultBranch)
}

# no_default_branch holds for a repository without a default branch (an empty one).
no_default_branch if {
	snapshot.available(basics)
	not snapshot.field_unavailable(basics.data, ["defaultBranch"])
	not is_string(object.get(basics.data, "defaultBranch", null))
}

# has_buildkite_part holds when the snapshot has a Buildkite part, so the pipelines that build the repository are known.
has_buildkite_part if is_array(input.buildkite_pipelines)

# pipelines_unreadable holds when the snapshot has a Buildkite part whose pipeline list could not be read.
pipelines_unreadable if snapshot.unavailable(input.buildkite_pipelines)

# pipelines are the Buildkite pipelines that build the repository (none without a readable Buildkite part).
pipelines := input.buildkite_pipelines if has_buildkite_part

else := []

# built_by_buildkite holds when a Buildkite pipeline builds the repository or, without a Buildkite part, when it has Buildkite pipeline files.
built_by_buildkite if count(pipelines) > 0

built_by_buildkite if {
	not has_buildkite_part
	snapshot.available(repo.pipeline_files)
	count([file | some file in repo.pipeline_files.data; not file.unavailable]) > 0
}

# not_built_by_buildkite holds when it is known that Buildkite does not build the repository.
not_built_by_buildkite if {
	has_buildkite_part
	count(pipelines) == 0
}

not_built_by_buildkite if {
	not has_buildkite_part
	not pipelines_unreadable
	snapshot.available(repo.pipeline_files)
	count(repo.pipeline_files.data) == 0
}

# live holds for a repository known to be able to change: not archived, with a default branch.
live if {
	snapshot.available(basics)
	not scope_unread
	not archived
	not no_default_branch
}

# protection_applies holds when the default-branch rules judge this repository: live and built by Buildkite.
protection_applies if {
	live
	built_by_buildkite
}

# protection_not_applicable holds when the default-branch rules do not judge this repository.
protection_not_applicable if not live

protection_not_applicable if not_built_by_buildkite

# scope_unknown says why it is unknown whether Buildkite builds a live repository.
scope_unknown contains snapshot.why(concat("", ["the Buildkite pipeline files of `", name, "`"]), repo.pipeline_files) if {
	live
	not built_by_buildkite
	not not_built_by_buildkite
}

scope_unknown contains snapshot.why(concat("", ["the Buildkite pipeline file `", file.path, "` of `", name, "`"]), file.unavailable) if {
	live
	not built_by_buildkite
	not not_built_by_buildkite
	snapshot.available(repo.pipeline_files)
	some file in repo.pipeline_files.data
}

scope_unknown contains snapshot.why(concat("", ["the Buildkite pipelines that build `", name, "`"]), input.buildkite_pipelines) if {
	live
	not built_by_buildkite
	pipelines_unreadable
}

scope_unknown contains snapshot.why(concat("", ["whether `", name, "` is archived or empty"]), basics)

scope_unknown contains snapshot.field_why(concat("", ["whether `", name, "` is archived or empty"]), basics.data, [field]) if {
	snapshot.available(basics)
	some field in scope_fields
}

# classic is the classic protection rule covering the default branch: `{"rule", "path", "full"}`, where `full`
# is false for the reduced view (`refUpdateRule`) that non-admins see.
classic := {"rule": bpr.data[i], "path": ["repository", "branch_protection_rules", "data", i], "full": true} if {
	snapshot.available(dbr)
	is_object(object.get(dbr.data, "refUpdateRule", null))
	snapshot.available(bpr)
	i := min({j | some j, rule in bpr.data; rule.pattern == dbr.data.refUpdateRule.pattern})
} else := {"rule": dbr.data.refUpdateRule, "path": ["repository", "default_branch_rules", "data", "refUpdateRule"], "full": false} if {
	snapshot.available(dbr)
	is_object(object.get(dbr.data, "refUpdateRule", null))
} else := {"rule": bpr.data[i], "path": ["repository", "branch_protection_rules", "data", i], "full": true} if {
	not snapshot.available(dbr)
	snapshot.available(bpr)
	i := matching_classic_index
}

# matching_classic_index picks the classic rule GitHub applies to the default branch: an exact name first, else the first matching pattern.
matching_classic_index := min(exact) if {
	exact := {i | some i, rule in bpr.data; rule.pattern == default_branch}
	count(exact) > 0
} else := min({i | some i, rule in bpr.data; glob.match(rule.pattern, ["/"], default_branch)})

# classic_none holds when it is known that no classic rule covers the default branch.
classic_none if {
	snapshot.available(dbr)
	object.get(dbr.data, "refUpdateRule", null) == null
}

classic_none if {
	not snapshot.available(dbr)
	snapshot.available(bpr)
	not classic
}

# classic_known holds when it is known whether a classic rule covers the default branch, and what it requires.
classic_known if classic

classic_known if classic_none

# classic_detail_known holds when the admin-only switches of the classic protection are known too.
classic_detail_known if classic_none

classic_detail_known if classic.full

# branch_rules are the rules of active rulesets on the default branch: `{"rule", "path", "ruleset"}`.
branch_rules := [{"rule": rule, "path": ["repository", "default_branch_rules", "data", "rules", i], "ruleset": object.get(rule, "ruleset", null)} |
	some i, rule in dbr.data.rules
] if {
	snapshot.available(dbr)
} else := [{"rule": rule, "path": ["repository", "rulesets", "data", i, "rules", j], "ruleset": {"databaseId": ruleset.databaseId, "name": ruleset.name}} |
	some i, ruleset in rulesets.data
	ruleset_applies(ruleset)
	some j, rule in ruleset.rules
] if {
	snapshot.available(rulesets)
}

# rules_known holds when the ruleset rules on the default branch are known.
rules_known if is_array(branch_rules)

# rules_path is where the default branch's ruleset rules sit in the input.
rules_path := ["repository", "default_branch_rules", "data", "rules"] if {
	snapshot.available(dbr)
} else := ["repository", "rulesets", "data"]

# rules_of_type lists the ruleset rules on the default branch of one type (`PULL_REQUEST`, any case).
rules_of_type(type) := [entry |
	some entry in branch_rules
	upper(entry.rule.type) == upper(type)
]

# ruleset_applies holds for an active branch ruleset whose ref conditions select the default branch.
ruleset_applies(ruleset) if {
	ruleset.enforcement == "ACTIVE"
	object.get(ruleset, "target", "BRANCH") in {"BRANCH", null}
	some pattern in ruleset.conditions.refName.include
	ref_matches(pattern)
	not excluded(ruleset)
}

# excluded holds when a ruleset's exclude patterns select the default branch.
excluded(ruleset) if {
	some pattern in object.get(ruleset.conditions.refName, "exclude", [])
	ref_matches(pattern)
}

# ref_matches holds when a ruleset ref pattern (`~DEFAULT_BRANCH`, `~ALL`, `refs/heads/release/*`) selects the default branch.
ref_matches(pattern) if pattern in {"~ALL", "~DEFAULT_BRANCH"}

ref_matches(pattern) if {
	not startswith(pattern, "~")
	glob.match(trim_prefix(pattern, "refs/heads/"), ["/"], default_branch)
}

# unprotected holds when it is known that neither a classic rule nor a ruleset protects the default branch.
unprotected if {
	classic_none
	rules_known
	count(branch_rules) == 0
}

# protection_unknown says why what protects the default branch is not fully known.
protection_unknown contains reason if {
	not classic_known
	some reason in {
		snapshot.why(concat("", ["the rules on the default branch of `", name, "`"]), dbr),
		snapshot.why(concat("", ["the branch protection rules of `", name, "`"]), bpr),
	}
}

protection_unknown contains reason if {
	not rules_known
	some reason in {
		snapshot.why(concat("", ["the rules on the default branch of `", name, "`"]), dbr),
		snapshot.why(concat("", ["the rulesets of `", name, "`"]), rulesets),
	}
}

# detail_unknown says why the admin-only switches of the classic protection are not known.
detail_unknown contains reason if {
	not classic_detail_known
	some reason in protection_unknown
}

detail_unknown contains snapshot.why(concat("", ["the full branch protection rule of `", name, "`"]), bpr) if {
	classic.full == false
}

detail_unknown contains concat("", ["the classic rule `", classic.rule.pattern, "` of `", name, "` is missing from the branch protection rules read"]) if {
	classic.full == false
	snapshot.available(bpr)
}

# field_path is the path to a field of the classic rule when there is one, else to the ruleset rules.
field_path(field) := array.concat(classic.path, [field]) if classic

else := rules_path

# number_or_zero reads a count that GitHub may send as null.
number_or_zero(value) := value if is_number(value)

else := 0

# feature_enabled holds when a `security_and_analysis` feature has status `enabled`.
feature_enabled(settings, key) if settings[key].status == "enabled"

# feature_known holds when GitHub listed a `security_and_analysis` feature as enabled or disabled.
feature_known(settings, key) if settings[key].status in {"enabled", "disabled"}

# feature_unknown says why a feature's status is not known: the collector's reason when it marked the feature
# unavailable, else that GitHub did not list it.
feature_unknown(settings, key, name) := concat("", ["the `", key, "` status of `", name, "` not visible: ", settings[key].reason]) if {
	settings[key].status == "unavailable"
	is_string(settings[key].reason)
} else := concat("", ["the `", key, "` status of `", name, "` was not returned"]) if not feature_known(settings, key)

# feature_status is a feature's status for evidence, `missing` when GitHub did not list it.
feature_status(settings, key) := status if {
	status := settings[key].status
	is_string(status)
} else := "missing"

# grant_name is how a message names a fine-grained token grant: its token's name and owner.
grant_name(grant) := concat("", ["`", object.get(grant, "token_name", "(unnamed)"), "` of `", object.get(grant, ["owner", "login"], "(unknown user)"), "`"])

# grant_exempt holds when a grant's token name or token id is listed.
grant_exempt(grant, listed) if object.get(grant, "token_name", null) in listed

grant_exempt(grant, listed) if object.get(grant, "token_id", null) in listed

# grant_live holds for a grant whose token has not expired, so it can still be used.
grant_live(grant) if object.get(grant, "token_expired", false) != true

# organization_input holds for the organization target. Repository targets carry the organization's
# sections in `input.github` too, so organization rules check this rather than `input.github` alone.
organization_input if {
	input.github
	not input.repository
}
