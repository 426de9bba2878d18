# METADATA
# title: Security gate bypassed
# description: |
#   A security scan or a deploy's wait for passing steps is there but does not stop a bad
#   change, without `soft_fail` saying so. Reported: a security scan step with `skip:` (it never runs) or
#   `if_changed:` (it runs only when some files change, so other changes and newly
#   published vulnerabilities pass unscanned); a deploy or publish step with
#   `allow_dependency_failure: true`, or a `depends_on` entry with `allow_failure: true`
#   on a step that is not a block or input step (it ships although its tests or scans
#   failed); a `wait` with `continue_on_failure: true` directly before a deploy or publish
#   step. A step is a security scan as `pipeline/security_step_soft_fail` recognizes one.
#   Steps that only report (annotations, test summaries, cleanup) after failures are not
#   deploys and are not reported.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/dependencies#allowing-dependency-failures
#     description: allow_dependency_failure and depends_on allow_failure
#   - ref: https://buildkite.com/docs/pipelines/configure/step-types/wait-step#continue-on-failure
#     description: "`wait` with `continue_on_failure`"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-01-Insufficient-Flow-Control-Mechanisms
# custom:
#   id: pipeline/security_gate_bypassed
#   severity: high
#   area: 2
#   target: pipeline
#   remediation: >-
#     Let scans run on every build (remove `skip:` and `if_changed:` from them), and let
#     deploy and publish steps run only when everything before them passed: drop
#     `allow_dependency_failure` / `allow_failure` there and move `continue_on_failure`
#     waits after them, or in front of reporting steps only.
#   config:
#     report_if_changed:
#       default: true
#       description: Report security scans limited with `if_changed:`.
#     deploy_label_patterns:
#       default: ['(?i)(deploy|rollout|promote|release-to|to-prod|production)', '(?i)\bpublish']
#       description: Regular expressions on a step's label or key that mark a deploy or publish step.
#     deploy_command_patterns:
#       default:
#         - '(?i)\b(kubectl\s+(apply|rollout|set\s+image|replace)|helm\s+(upgrade|install)|terraform\s+apply|cdk\s+deploy|(serverless|sls)\s+deploy|aws\s+(ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code)|gcloud\s+(run|app|functions)\s+deploy|flyctl?\s+deploy|vercel\s+(--prod|deploy)|netlify\s+deploy|ansible-playbook)'
#         - '\b(?:(?:npm|yarn|pnpm)\s+publish|docker\s+(?:image\s+)?push|gem\s+push|twine\s+upload|cargo\s+publish|goreleaser\s+release|poetry\s+publish)\b'
#       description: Regular expressions on a step's command lines that mark a deploy or publish step.
package pipeline.security_gate_bypassed

import data.lib.deploy
import data.lib.findings
import data.lib.hints
import data.lib.pipeline
import data.pipeline.security_step_soft_fail as scans

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("security scan step `%s` has `skip: %s`, so it never runs and never fails the build; remove `skip`", [pipeline.step_name(entry), text(entry.step.extra.skip)]),
	array.concat(entry.path, ["extra", "skip"]),
	"skip",
) if {
	some entry in scans.security_steps
	skipped(entry.step.extra.skip)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("security scan step `%s` runs only `if_changed` some files change, so other changes and newly published vulnerabilities pass unscanned; run it on every build", [pipeline.step_name(entry)]),
	array.concat(entry.path, ["extra", "if_changed"]),
	"if_changed",
) if {
	knobs.report_if_changed
	some entry in scans.security_steps
	entry.step.extra.if_changed
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("deploy or publish step `%s` has `allow_dependency_failure: true`, so it ships even when the steps it depends on (tests, scans) failed; remove it", [pipeline.step_name(entry)]),
	array.concat(entry.path, ["extra", "allow_dependency_failure"]),
	"allow_dependency_failure",
) if {
	some entry in shipping_steps
	entry.step.extra.allow_dependency_failure == true
	not entry.step.soft_fail == true
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("deploy or publish step `%s` lets dependency `%s` fail (`allow_failure: true`), so it ships even when that step failed; remove `allow_failure`", [pipeline.step_name(entry), dependency.step]),
	array.concat(entry.path, ["depends_on", i, "allow_failure"]),
	"allow_failure",
) if {
	some entry in shipping_steps
	is_array(entry.step.depends_on)
	some i, dependency in entry.step.depends_on
	is_object(dependency)
	dependency.allow_failure == true
	not gate_key(dependency.step)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`wait` with `continue_on_failure: true` lets deploy or publish step `%s` run after earlier steps failed; put reporting steps after such a wait and the deploy behind a plain `wait`", [pipeline.step_name(entry)]),
	array.concat(["steps", i], ["extra", "continue_on_failure"]),
	"continue_on_failure",
) if {
	some i, wait in input.pipeline.steps
	wait.type == "wait"
	wait.extra.continue_on_failure == true
	some entry in shipping_steps
	entry.path[1] > i
	not barrier_between(i, entry.path[1])
	not barrier_in_group(entry.path)
}

# shipping_steps: command and trigger steps that deploy or publish (for a trigger step, its
# label, key or the slug of the pipeline it triggers).
shipping_steps := [entry |
	some entry in pipeline.steps
	entry.step.type in {"command", "trigger"}
	shipping(entry.step)
]

shipping(step) if deploy.deploys(step, deploy_matchers)

deploy_matchers := deploy.matchers(knobs.deploy_label_patterns, knobs.deploy_command_patterns)

shipping(step) if {
	step.type == "trigger"
	is_string(step.trigger)
	hints.matches(step.trigger, deploy_matchers.label)
}

# barrier_between: a wait, block or input step between top-level positions i and j.
barrier_between(i, j) if {
	some k, step in input.pipeline.steps
	k > i
	k < j
	step.type in {"wait", "block", "input"}
}

# barrier_in_group: a wait, block or input step before a group member inside its group.
barrier_in_group(path) if {
	count(path) == 4
	some k, step in input.pipeline.steps[path[1]].steps
	k < path[3]
	step.type in {"wait", "block", "input"}
}

# gate_key: the key of a block or input step (an optional manual input may be skipped).
gate_key(key) if {
	some entry in pipeline.steps
	entry.step.type in {"block", "input"}
	entry.step.key == key
}

skipped(true)

skipped(value) if {
	is_string(value)
	trim_space(value) != ""
	not contains(value, "$")
	not lower(trim_space(value)) in {"false", "no", "off", "0"}
}

text(value) := value if is_string(value)

text(value) := "true" if value == true
