# METADATA
# title: Buildkite build not a required check
# description: |
#   Fails when a Buildkite pipeline builds the repository but its commit status
#   (`buildkite/<pipeline slug>`, or a step status under it) is not a required status
#   check on the default branch, neither in the classic rule nor in an active ruleset's
#   "require status checks" rule. Otherwise a red or skipped build, including the
#   security scans it runs, does not stop a merge. Pipelines whose GitHub settings do not
#   build pull requests are skipped, since they never report on one. Without a Buildkite
#   part in the snapshot, a repository with Buildkite pipeline files must require at
#   least one `buildkite/` check. Not applicable when no Buildkite pipeline builds the
#   repository, and for archived ones.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-status-checks-before-merging
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-status-checks-to-pass-before-merging
#   - ref: https://buildkite.com/docs/pipelines/source-control/github
# custom:
#   id: github/buildkite_status_not_required
#   severity: medium
#   area: 1
#   target: repository
#   remediation: In the ruleset covering the default branch (Settings → Rules → Rulesets), enable "Require status checks to pass" and add `buildkite/<pipeline slug>` for each pipeline that builds pull requests (or add it under "Require status checks to pass before merging" in the classic rule under Settings → Branches).
#   config:
#     exempt_pipelines:
#       default: []
#       description: Buildkite pipeline slugs that need not be required checks (for example deploy pipelines that only run on the default branch).
package github.buildkite_status_not_required

import data.lib.findings
import data.lib.github
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

# expected are the status contexts that must be required, one per pipeline that builds pull requests.
expected contains concat("/", ["buildkite", p.slug]) if {
	some p in github.pipelines
	not p.slug in knobs.exempt_pipelines
	object.get(p, ["pipeline", "provider", "settings", "build_pull_requests"], true) != false
}

# any_buildkite holds when pipeline files, not a Buildkite part, say Buildkite builds the repository.
any_buildkite if {
	not github.has_buildkite_part
	not github.pipelines_unreadable
	github.built_by_buildkite
}

# applies holds for a live repository with a Buildkite build whose status can be required.
applies if {
	github.live
	count(expected) > 0
}

applies if {
	github.live
	any_buildkite
}

not_applicable if not github.live

not_applicable if {
	github.live
	github.has_buildkite_part
	count(expected) == 0
}

not_applicable if {
	github.live
	not github.has_buildkite_part
	github.not_built_by_buildkite
}

unknown contains reason if {
	some reason in github.scope_unknown
}

# Which statuses must be required depends on the pipelines that build the repository.
unknown contains snapshot.why(concat("", ["the Buildkite pipelines that build `", github.name, "`"]), input.buildkite_pipelines) if {
	github.live
	github.pipelines_unreadable
}

unknown contains reason if {
	applies
	some context in wanted
	not required(context)
	some reason in github.protection_unknown
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("required status checks on default branch `%s` of `%s` do not include `%s`", [github.default_branch, github.name, context]),
	github.field_path("requiredStatusCheckContexts"),
	concat("", ["required: ", concat(", ", sort(contexts))]),
) if {
	applies
	github.classic_known
	github.rules_known
	some context in wanted
	not required(context)
}

# wanted are the contexts checked: each pipeline's, or any `buildkite/` one without a Buildkite part.
wanted := expected if count(expected) > 0

else := {"buildkite/*"} if any_buildkite

# required holds when a required check is the context, one of its step statuses, or (for `buildkite/*`) any Buildkite status.
required(context) if context in contexts

required(context) if {
	some c in contexts
	startswith(c, concat("", [context, "/"]))
}

required("buildkite/*") if {
	some c in contexts
	startswith(c, "buildkite/")
}

# contexts are the required status checks on the default branch, from the classic rule and rulesets.
contexts contains c if {
	not github.classic.full
	some c in object.get(github.classic.rule, "requiredStatusCheckContexts", [])
}

contexts contains c if {
	github.classic.full
	github.classic.rule.requiresStatusChecks == true
	some c in object.get(github.classic.rule, "requiredStatusCheckContexts", [])
}

contexts contains check.context if {
	some entry in github.rules_of_type("REQUIRED_STATUS_CHECKS")
	some check in object.get(entry.rule, ["parameters", "requiredStatusChecks"], [])
}
