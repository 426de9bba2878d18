# METADATA
# title: Deploy without a team gate
# description: |
#   A deploy step (label, key or command matching the deploy patterns, or a trigger
#   step whose pipeline slug does) that nothing restricts can run from any branch, for
#   anyone able to start a build, including pull requests. A deploy counts as gated
#   when, on the step or its group, every alternative (`||`) of its `if:` requires the
#   default or a protected branch (`build.branch == pipeline.default_branch`,
#   `build.branch == "main"`) or a creator team (`build.creator.teams includes "deploy"`),
#   or its `branches:` filter names protected branches only; or when a block or input
#   step with `allowed_teams` comes before it (or is in its `depends_on`).
#   Negated clauses (`!(build.creator.teams includes …)`) and tag conditions do not count.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/conditionals
#   - ref: https://buildkite.com/docs/pipelines/configure/step-types/block-step#permissions
#   - ref: https://buildkite.com/docs/platform/team-management/permissions
# custom:
#   id: pipeline/deploy_without_team_gate
#   severity: high
#   area: 1
#   target: pipeline
#   remediation: >-
#     Add `if: build.branch == pipeline.default_branch` (optionally `&& build.creator.teams includes "deploy"`)
#     to the deploy step, or put a block step with `allowed_teams` before it.
#   config:
#     deploy_label_patterns:
#       default: ['(?i)(deploy|roll-?out|promote|release-to|to-prod)']
#       description: Regular expressions on a step's label or key (and a trigger step's pipeline slug) that mark it as a deploy step.
#     deploy_command_patterns:
#       default: ['(?i)\b(kubectl\s+(apply|rollout|set\s+image|replace)|helm\s+(upgrade|install)|terraform\s+apply|cdk\s+deploy|(serverless|sls)\s+deploy|aws\s+(ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code)|gcloud\s+(run|app|functions)\s+deploy|flyctl?\s+deploy|vercel\s+(--prod|deploy)|netlify\s+deploy|ansible-playbook)']
#       description: Regular expressions on a step's commands that mark it as a deploy step.
#     protected_branches:
#       default: ["main", "master"]
#       description: Branch names that only reviewed changes reach; an `if:` or `branches:` limited to these gates a deploy.
#     deploy_teams:
#       default: []
#       description: Teams trusted to deploy. When set, only `build.creator.teams includes` clauses and `allowed_teams` lists naming these teams (and no others) gate a deploy; empty accepts any team.
package pipeline.deploy_without_team_gate

import data.lib.deploy
import data.lib.findings
import data.lib.hints
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

not_applicable if count(deploy_entries) == 0

deny contains findings.finding(rego.metadata.chain(), r.message, r.path, r.evidence) if {
	some entry in deploy_entries
	not gated(entry)
	r := report(entry)
}

# deploy_entries: the command and trigger steps that deploy.
deploy_entries contains entry if {
	some entry in pipeline.steps
	entry.step.type in {"command", "trigger"}
	deploy_like(entry)
}

deploy_like(entry) if deploy.deploys(entry.step, deploy_matchers)

deploy_matchers := deploy.matchers(knobs.deploy_label_patterns, knobs.deploy_command_patterns)

deploy_like(entry) if {
	entry.step.type == "trigger"
	hints.matches(pipeline.text_or_empty(entry.step.trigger), deploy_matchers.label)
}

# Members of a group labelled as a deploy (`group: ":rocket: Deploy"`) deploy too, unless their
# own label names a build or test (`Tutorial Build` in a "Build & Deploy Docs" group).
deploy_like(entry) if {
	group := group_of(entry)
	some text in [pipeline.text_or_empty(group.label), pipeline.text_or_empty(group.key)]
	hints.matches(text, deploy_matchers.label)
	not deploy.builds_or_tests(entry.step)
	deploy.does_work(entry.step)
}

group_of(entry) := input.pipeline.steps[entry.path[1]] if count(entry.path) == 4

# gated: the step, or the group holding it, is limited to protected branches or teams,
# or a team-restricted block step stands before it.
gated(entry) if gating_if(entry.step["if"])

gated(entry) if gating_if(group_of(entry)["if"])

gated(entry) if protected_filter(entry.step.branches)

gated(entry) if protected_filter(group_of(entry).branches)

gated(entry) if {
	some other in pipeline.steps
	other.step.type in {"block", "input"}
	count(other.step.allowed_teams) > 0
	trusted_teams(other.step.allowed_teams)
	comes_before(other, entry)
}

comes_before(block, entry) if deploy.order(block.path) < deploy.order(entry.path)

comes_before(block, entry) if {
	is_string(block.step.key)
	block.step.key in depends_on_keys(entry.step.depends_on)
}

# depends_on_keys: the step keys a `depends_on` value names (string, list of strings,
# or list of `{step: key}` objects).
depends_on_keys(value) := {value} if is_string(value)

depends_on_keys(value) := {key |
	some item in value
	key := dependency_key(item)
} if is_array(value)

dependency_key(item) := item if is_string(item)

dependency_key(item) := item.step if is_string(item.step)

# gating_if: every top-level `||` alternative of the condition holds a gate clause.
gating_if(condition) if {
	is_string(condition)
	every alternative in alternatives(condition) {
		gate_clause(alternative)
	}
}

# alternatives splits a condition on the `||` operators outside parentheses.
alternatives(condition) := [concat("||", array.slice(pieces, start, ends[m])) |
	some m, start in starts
] if {
	pieces := split(condition, "||")
	splits := [k | some k, _ in pieces; k > 0; depth(pieces, k) == 0]
	starts := array.concat([0], splits)
	ends := array.concat(splits, [count(pieces)])
}

# depth is the parenthesis nesting at the start of pieces[k] (a piece split on "(" has one part more than it has "(").
depth(pieces, k) := sum([n |
	some j, piece in pieces
	j < k
	n := count(split(piece, "(")) - count(split(piece, ")"))
])

# gate_clause: a non-negated clause requiring the default or a protected branch, or a team.
# Each clause's expression is matched only when the text holds the literal every match holds.
gate_clause(text) if {
	contains(text, "pipeline.default_branch")
	some m in regex.find_all_string_submatch_n(
		`(!?)\s*\(*\s*(?:build\.branch\s*==\s*pipeline\.default_branch|pipeline\.default_branch\s*==\s*build\.branch)\b`,
		text, -1,
	)
	m[1] == ""
}

gate_clause(text) if {
	contains(text, "build.branch")
	some m in regex.find_all_string_submatch_n(`(!?)\s*\(*\s*build\.branch\s*==\s*["']([^"']*)["']`, text, -1)
	m[1] == ""
	m[2] in knobs.protected_branches
}

gate_clause(text) if {
	contains(text, "build.branch")
	some m in regex.find_all_string_submatch_n(`(!?)\s*\(*\s*["']([^"']*)["']\s*==\s*build\.branch\b`, text, -1)
	m[1] == ""
	m[2] in knobs.protected_branches
}

gate_clause(text) if {
	contains(text, "build.branch")
	some m in regex.find_all_string_submatch_n(`(!?)\s*\(*\s*build\.branch\s*=~\s*/\^([\w./-]+)\$/`, text, -1)
	m[1] == ""
	m[2] in knobs.protected_branches
}

gate_clause(text) if {
	contains(text, "build.creator.teams")
	some m in regex.find_all_string_submatch_n(`(!?)\s*\(*\s*build\.creator\.teams\s+includes\s+["']([^"']+)["']`, text, -1)
	m[1] == ""
	trusted_teams([m[2]])
}

# trusted_teams: every team is a deploy team (any team when `deploy_teams` is empty).
trusted_teams(_) if count(knobs.deploy_teams) == 0

trusted_teams(teams) if {
	count(knobs.deploy_teams) > 0
	every team in teams {
		team in knobs.deploy_teams
	}
}

# protected_filter: a `branches:` filter whose every pattern is a protected branch name.
protected_filter(branches) if {
	names := branch_names(branches)
	count(names) > 0
	every name in names {
		name in knobs.protected_branches
	}
}

branch_names(branches) := [name |
	some name in split(replace(branches, "\t", " "), " ")
	name != ""
] if is_string(branches)

branch_names(branches) := [name | some name in branches] if is_array(branches)

# report picks what to point at: the `if:` or `branches:` that does not gate, else the step.
report(entry) := {
	"path": array.concat(entry.path, ["if"]),
	"evidence": entry.step["if"],
	"message": sprintf(
		"deploy step `%s` has an `if:` that does not limit it to a protected branch or a deploy team; require the default branch or a deploy team",
		[name(entry)],
	),
} if {
	is_string(entry.step["if"])
} else := {
	"path": array.concat(entry.path, ["branches"]),
	"evidence": entry.step.branches,
	"message": sprintf(
		"deploy step `%s` runs on branches `%s`, not only protected ones, with no team gate; limit it to protected branches or add a block step with `allowed_teams`",
		[name(entry), entry.step.branches],
	),
} if {
	is_string(entry.step.branches)
} else := {
	"path": entry.path,
	"evidence": name(entry),
	"message": sprintf(
		"deploy step `%s` can run from any branch, for anyone: no `if:` on the default branch or a team, no protected `branches:`, no block step with `allowed_teams` before it; add one of these",
		[name(entry)],
	),
}

# name: the step's label or key, a trigger step's pipeline slug, else its path.
name(entry) := entry.step.trigger if {
	not named(entry.step)
	is_string(entry.step.trigger)
} else := pipeline.step_name(entry)

named(step) if pipeline.text_or_empty(step.label) != ""

named(step) if pipeline.text_or_empty(step.key) != ""
