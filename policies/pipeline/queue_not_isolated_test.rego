package pipeline.queue_not_isolated_test

import data.lib.deploy
import data.lib.hints
import data.lib.testing
import data.pipeline.queue_not_isolated

with_agents(steps, agents) := object.union(testing.pipeline(steps), {"pipeline": {"agents": agents}})

q(name) := {"queue": name}

# --- steps without a queue ---

test_step_without_queue_fails if {
	findings := queue_not_isolated.deny with input as testing.pipeline([testing.command_step({"label": "test", "commands": ["make test"]})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/queue_not_isolated"
	f.path == ["steps", 0]
	f.evidence == "test"
	f.message == "command step `test` sets no `agents.queue`, so it runs on the default queue; name a queue"
}

test_step_queue_passes if {
	count(queue_not_isolated.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["make"], "agents": q("builders")})])
}

test_pipeline_queue_passes if {
	# buildkite/terminal-to-html, buildkite/cli: `agents: {queue: hosted}` at the top.
	count(queue_not_isolated.deny) == 0 with input as with_agents([testing.command_step({"commands": ["make test"]})], q("hosted"))
}

test_agents_without_queue_points_at_agents if {
	findings := queue_not_isolated.deny with input as testing.pipeline([testing.command_step({"commands": ["x"], "agents": {"os": "linux"}})])
	{f.path | some f in findings} == {["steps", 0, "agents"]}
}

test_pipeline_agents_without_queue_fails if {
	findings := queue_not_isolated.deny with input as with_agents([testing.command_step({"commands": ["x"]})], {"slurm_mem": "8G"})
	count(findings) == 1
}

test_group_member_without_queue if {
	group := testing.step("group", {"steps": [testing.command_step({"agents": q("a")}), testing.command_step({})]})
	findings := queue_not_isolated.deny with input as testing.pipeline([group])
	{f.path | some f in findings} == {["steps", 0, "steps", 1]}
}

test_require_queue_off if {
	count(queue_not_isolated.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["x"]})])
		with data.config.rules as {"pipeline/queue_not_isolated": {"require_queue": false}}
}

test_non_command_steps_ignored if {
	steps := [testing.step("wait", {}), testing.step("block", {"label": "Deploy?"}), testing.step("trigger", {"trigger": "deploy-prod"})]
	count(queue_not_isolated.deny) == 0 with input as testing.pipeline(steps)
}

test_interpolated_queue_counts_as_set if {
	# buildkite/elastic-ci-stack-for-aws: `queue: "${BUILDKITE_AGENT_META_DATA_QUEUE}"`.
	step := testing.command_step({"commands": ["x"], "agents": q("${BUILDKITE_AGENT_META_DATA_QUEUE}")})
	count(queue_not_isolated.deny) == 0 with input as testing.pipeline([step])
}

# --- deploy steps sharing a queue with pull-request builds ---

test_deploy_shares_queue_with_pr_steps_fails if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "lint", "commands": ["make lint"]}),
		testing.command_step({"label": "Deploy", "commands": ["kubectl apply -f k8s/"], "branches": "main", "agents": q("builders")}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("builders"))
	count(findings) == 1
	some f in findings
	f.path == ["steps", 2, "agents", "queue"]
	f.evidence == "builders"
	f.message == "deploy step `Deploy` runs on the `builders` queue, shared with 2 steps that also run on pull-request builds (e.g. `test`); move it to a queue no pull-request build uses"
}

test_deploy_queue_inherited_points_at_step if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"key": "ship", "commands": ["helm upgrade --install app ./chart"], "if": "build.branch == 'main'"}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("hosted"))
	{[f.path, f.evidence] | some f in findings} == {[["steps", 1], "hosted"]}
}

test_deploy_on_dedicated_queue_passes if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"], "agents": q("deploy")}),
	]
	count(queue_not_isolated.deny) == 0 with input as with_agents(steps, q("builders"))
}

test_same_queue_but_other_steps_restricted_passes if {
	steps := [
		testing.command_step({"label": "build", "commands": ["make"], "branches": "main"}),
		testing.command_step({"label": "scan", "commands": ["trivy image x"], "if": "build.branch == 'main'"}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"]}),
	]
	count(queue_not_isolated.deny) == 0 with input as with_agents(steps, q("hosted"))
}

test_group_if_restricts_members if {
	group := testing.step("group", {"label": "main only", "if": "build.branch == 'main'", "steps": [testing.command_step({"label": "build", "commands": ["make"]})]})
	steps := [group, testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"]})]
	count(queue_not_isolated.deny) == 0 with input as with_agents(steps, q("hosted"))
}

test_deploy_detected_by_command if {
	steps := [
		testing.command_step({"label": "test", "commands": ["go test ./..."]}),
		testing.command_step({"label": ":rocket:", "commands": ["terraform init", "terraform apply -auto-approve"], "branches": "main"}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("hosted"))
	{f.path | some f in findings} == {["steps", 1]}
}

test_deploy_detected_by_plugin_command if {
	plugin := testing.plugin("docker", "v5.12.0", {"image": "alpine/k8s:1.30", "command": ["kubectl", "rollout", "restart", "deploy/web"]})
	steps := [
		testing.command_step({"label": "test", "commands": ["go test ./..."]}),
		testing.command_step({"label": ":k8s:", "plugins": [plugin], "branches": "main"}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("hosted"))
	{f.path | some f in findings} == {["steps", 1]}
}

test_deploy_on_default_queue_reported_once if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"], "branches": "main"}),
	]
	findings := queue_not_isolated.deny with input as testing.pipeline(steps)
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0], "test"], [["steps", 1], "default"]}
}

test_deploy_on_default_queue_with_require_queue_off if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"], "branches": "main"}),
	]
	findings := queue_not_isolated.deny with input as testing.pipeline(steps)
		with data.config.rules as {"pipeline/queue_not_isolated": {"require_queue": false}}
	{f.evidence | some f in findings} == {"default"}
}

test_pull_requests_disabled_passes if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"]}),
	]
	inp := object.union(with_agents(steps, q("hosted")), {"context": {"pipeline": {"provider": {"settings": {"build_pull_requests": false}}}}})
	count(queue_not_isolated.deny) == 0 with input as inp
}

test_custom_deploy_patterns if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "ship it", "commands": ["./ship.sh"]}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("hosted"))
		with data.config.rules as {"pipeline/queue_not_isolated": {"deploy_label_patterns": ["(?i)ship"]}}
	{f.path | some f in findings} == {["steps", 1]}
}

test_corpus_docs_preview_deploy_fails if {
	# buildkite/docs pipeline.preview.yml: "Deploy preview" shares the default queue with "Prepare preview".
	steps := [
		testing.command_step({"label": "Prepare preview", "key": "prepare-preview", "commands": ["bin/prepare-preview"]}),
		testing.command_step({"label": "Deploy preview", "commands": ["bin/deploy-preview"], "depends_on": "prepare-preview"}),
	]
	findings := queue_not_isolated.deny with input as testing.pipeline(steps)
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0], "Prepare preview"], [["steps", 1], "default"]}
}

test_corpus_release_pipeline_without_deploy_passes if {
	# buildkite/cli pipeline.release.yml: everything on `hosted`, no deploy step.
	steps := [
		testing.command_step({"label": ":rocket: :github: release", "key": "release", "commands": [".buildkite/release.sh release --clean"]}),
		testing.command_step({"label": ":rocket: :package: upload packages ({{matrix}})", "commands": [".buildkite/upload-packages.sh \"{{matrix}}\""]}),
	]
	count(queue_not_isolated.deny) == 0 with input as with_agents(steps, q("hosted"))
}

test_helm_lint_is_not_deploy if {
	# buildkite/agent-stack-k8s: `helm lint` is not a deploy.
	steps := [
		testing.command_step({"label": ":helm: lint chart", "commands": ["helm lint charts/agent-stack-k8s"]}),
		testing.command_step({"label": "tests", "commands": ["go test"]}),
	]
	count(queue_not_isolated.deny) == 0 with input as with_agents(steps, q("kubernetes"))
}

deploy_after(other) := [other, testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"], "branches": "main"})]

test_conditions_that_still_run_on_pull_requests if {
	# buildkite/elastic-ci-stack-for-aws: `if: build.source != "schedule"` does not keep a step off PR builds.
	every fields in [
		{"if": "build.source != \"schedule\""},
		{"if": "build.branch != \"main\" && build.pull_request.draft != true"},
		{"if": "build.pull_request.id != null"},
		{"branches": "!gh-pages"},
		{"branches": "*"},
	] {
		other := testing.command_step(object.union({"label": "check", "commands": ["make check"]}, fields))
		count(queue_not_isolated.deny) == 1 with input as with_agents(deploy_after(other), q("hosted"))
	}
}

test_conditions_that_keep_steps_off_pull_requests if {
	every fields in [
		{"if": "build.branch == pipeline.default_branch"},
		{"if": "build.tag =~ /^v/"},
		{"if": "build.tag != null"},
		{"if": "build.pull_request.id == null"},
		{"if": "build.source == \"schedule\""},
		{"if": "build.creator.teams includes \"deploy\""},
		{"branches": "main release/*"},
		{"branches": "!gh-pages main"},
	] {
		other := testing.command_step(object.union({"label": "check", "commands": ["make check"]}, fields))
		count(queue_not_isolated.deny) == 0 with input as with_agents(deploy_after(other), q("hosted"))
	}
}

test_custom_trusted_if_patterns if {
	other := testing.command_step({"label": "check", "commands": ["make"], "if": "build.source != \"schedule\""})
	count(queue_not_isolated.deny) == 0 with input as with_agents(deploy_after(other), q("hosted"))
		with data.config.rules as {"pipeline/queue_not_isolated": {"trusted_if_patterns": ["build\\.source"]}}
}

test_corpus_agent_stack_k8s_deploy_fails if {
	# buildkite/agent-stack-k8s: the deploy step is limited to the default branch but shares
	# the pipeline-wide `kubernetes` queue with the unrestricted lint and test steps.
	steps := [
		testing.command_step({"label": ":go::broom: tidy", "key": "tidy", "commands": [".buildkite/steps/tidy.sh"]}),
		testing.command_step({"label": ":go::lint-roller: lint", "key": "lint", "commands": ["golangci-lint run -v ./..."]}),
		testing.command_step({"label": ":shipit: deploy to our own k8s cluster", "key": "deploy", "if": "build.branch == pipeline.default_branch", "commands": [".buildkite/steps/deploy.sh"]}),
		testing.command_step({"label": ":rocket: release", "key": "release", "if": "build.tag =~ /^.+\\$/", "commands": [".buildkite/steps/release.sh"]}),
	]
	findings := queue_not_isolated.deny with input as with_agents(steps, q("kubernetes"))
	{[f.path, f.evidence] | some f in findings} == {[["steps", 2], "kubernetes"]}
}

test_every_default_pattern_has_hints if {
	hints.needles(queue_not_isolated.knobs.deploy_label_patterns, deploy.label_hints) != null
	hints.needles(queue_not_isolated.knobs.deploy_command_patterns, deploy.command_hints) != null
	hints.needles(queue_not_isolated.knobs.trusted_if_patterns, deploy.if_hints) != null
}

test_ephemeral_agents_need_no_queue if {
	steps := [
		testing.command_step({"commands": ["make"], "agents": {"image": "ghcr.io/acme/ci@sha256:abc"}}),
		testing.command_step({"commands": ["make"], "agents": {"container_image": "ubuntu-2204-ci"}}),
		testing.command_step({"commands": ["make"], "plugins": [testing.plugin("kubernetes", null, {"podSpec": {}})]}),
		testing.command_step({"commands": ["make"], "agents": {"os": "linux"}}),
	]
	{f.path | some f in queue_not_isolated.deny} == {["steps", 3, "agents"]} with input as testing.pipeline(steps)
}

test_unread_provider_settings_is_unknown_never_a_finding if {
	steps := [
		testing.command_step({"label": "test", "commands": ["make test"]}),
		testing.command_step({"label": "Deploy", "commands": ["./deploy.sh"]}),
	]
	unread := {"status": "unavailable", "reason": "`provider.settings` was not returned"}
	inp := object.union(with_agents(steps, q("hosted")), {"context": {"pipeline": {"provider": {"settings": unread}}}})
	count(queue_not_isolated.deny) == 0 with input as inp
	queue_not_isolated.unknown == {"whether the pipeline builds pull requests not visible: `provider.settings` was not returned"} with input as inp
}
