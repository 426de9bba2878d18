package pipeline.deploy_without_team_gate_test

import data.lib.deploy
import data.lib.hints
import data.lib.testing
import data.pipeline.deploy_without_team_gate as rule

deploy_step(fields) := testing.command_step(object.union({"label": ":rocket: Deploy", "commands": ["./deploy.sh"]}, fields))

paths_of(steps) := {f.path | some f in findings} if {
	findings := rule.deny with input as testing.pipeline(steps)
}

gated_by_if(condition) if {
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"if": condition})])
}

test_ungated_deploy_fails if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["make"]}), deploy_step({})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/deploy_without_team_gate"
	f.path == ["steps", 1]
	f.evidence == ":rocket: Deploy"
	contains(f.message, "`:rocket: Deploy` can run from any branch")
}

test_deploy_by_command_fails if {
	paths_of([testing.command_step({"label": "ship", "commands": ["helm upgrade --install app ./chart"]})]) == {["steps", 0]}
}

test_deploy_by_key_fails if {
	paths_of([testing.command_step({"key": "rollout-prod", "commands": ["./x"]})]) == {["steps", 0]}
}

test_non_deploy_passes if {
	steps := [
		testing.command_step({"label": ":go: test", "commands": ["go test ./..."]}),
		testing.command_step({"label": ":rocket: release", "commands": [".buildkite/release.sh release --clean"]}),
	]
	count(rule.deny) == 0 with input as testing.pipeline(steps)
	rule.not_applicable with input as testing.pipeline(steps)
}

test_applicable_with_deploy if {
	not rule.not_applicable with input as testing.pipeline([deploy_step({})])
}

test_default_branch_if_gates if {
	# buildkite/agent-stack-k8s: `if: build.branch == pipeline.default_branch` on the deploy.
	gated_by_if("build.branch == pipeline.default_branch")
	gated_by_if("pipeline.default_branch == build.branch && build.tag == null")
	gated_by_if("build.branch == \"main\"\n")
	gated_by_if("'master' == build.branch")
	gated_by_if("build.branch =~ /^main$/")
	gated_by_if("build.creator.teams includes \"deploy\"")
	gated_by_if("(build.branch == 'main' && build.source == 'ui') || build.creator.teams includes 'ops'")
	gated_by_if("build.branch == 'main' && (build.source == 'ui' || build.source == 'api')")
}

test_weak_if_fails if {
	findings := rule.deny with input as testing.pipeline([deploy_step({"if": "build.branch != \"main\" && build.pull_request.id != null"})])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "if"], "build.branch != \"main\" && build.pull_request.id != null"]}
	some f in findings
	contains(f.message, "has an `if:` that does not limit it")
}

test_if_alternative_without_gate_fails if {
	paths_of([deploy_step({"if": "build.branch == pipeline.default_branch || build.tag =~ /^v/"})]) == {["steps", 0, "if"]}
}

test_unprotected_branch_literal_fails if {
	paths_of([deploy_step({"if": "build.branch == \"develop\""})]) == {["steps", 0, "if"]}
}

test_negated_team_clause_fails if {
	paths_of([deploy_step({"if": "!(build.creator.teams includes 'deploy')"})]) == {["steps", 0, "if"]}
}

test_negated_team_with_branch_gate_passes if {
	# buildkite/docs: the block step's `!(teams) && build.branch == 'main'` shape.
	gated_by_if("!(build.creator.teams includes 'deploy') && build.branch == 'main'")
}

test_protected_branches_filter_gates if {
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"branches": "main"})])
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"branches": "main master"})])
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"branches": ["main"]})])
}

test_wide_branches_filter_fails if {
	findings := rule.deny with input as testing.pipeline([deploy_step({"branches": "main release/*"})])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "branches"], "main release/*"]}
	paths_of([deploy_step({"branches": "!main"})]) == {["steps", 0, "branches"]}
}

test_protected_branches_knob if {
	findings := rule.deny with input as testing.pipeline([deploy_step({"branches": "main"}), deploy_step({"branches": "production"})])
		with data.config.rules as {"pipeline/deploy_without_team_gate": {"protected_branches": ["production"]}}
	{f.path | some f in findings} == {["steps", 0, "branches"]}
}

test_team_block_before_gates if {
	# buildkite/cli: an input step with `allowed_teams` before the release step.
	block := testing.step("input", {"label": "Release?", "key": "release_unblock", "allowed_teams": ["deploy"]})
	count(rule.deny) == 0 with input as testing.pipeline([block, deploy_step({})])
}

test_block_without_teams_does_not_gate if {
	block := testing.step("block", {"label": ":rocket: Deploy?"})
	paths_of([block, deploy_step({})]) == {["steps", 1]}
}

test_team_block_after_does_not_gate if {
	block := testing.step("block", {"label": "Approve", "allowed_teams": ["deploy"]})
	paths_of([deploy_step({}), block]) == {["steps", 0]}
}

test_team_block_named_in_depends_on_gates if {
	block := testing.step("block", {"key": "approve", "allowed_teams": ["deploy"]})
	steps := [deploy_step({"depends_on": [{"step": "approve", "allow_failure": false}]}), block]
	count(rule.deny) == 0 with input as testing.pipeline(steps)
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"depends_on": "approve"}), block])
}

test_deploy_teams_knob if {
	block := testing.step("block", {"allowed_teams": ["support", "deploy"]})
	config := {"pipeline/deploy_without_team_gate": {"deploy_teams": ["deploy"]}}
	findings := rule.deny with input as testing.pipeline([block, deploy_step({})]) with data.config.rules as config
	{f.path | some f in findings} == {["steps", 1]}
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"if": "build.creator.teams includes 'deploy'"})])
		with data.config.rules as config
	findings2 := rule.deny with input as testing.pipeline([deploy_step({"if": "build.creator.teams includes 'everyone'"})])
		with data.config.rules as config
	{f.path | some f in findings2} == {["steps", 0, "if"]}
}

test_trigger_deploy_fails if {
	trigger := testing.step("trigger", {"trigger": "app-deploy-production"})
	findings := rule.deny with input as testing.pipeline([trigger])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0], "app-deploy-production"]}
}

test_trigger_gated_passes if {
	trigger := testing.step("trigger", {"trigger": "app-deploy", "if": "build.branch == pipeline.default_branch"})
	count(rule.deny) == 0 with input as testing.pipeline([trigger])
}

test_trigger_non_deploy_passes if {
	# buildkite-plugins/monorepo-diff: triggers of service pipelines.
	count(rule.deny) == 0 with input as testing.pipeline([testing.step("trigger", {"trigger": "user-service"})])
}

test_group_if_gates_members if {
	group := testing.step("group", {"label": "Ship", "if": "build.branch == pipeline.default_branch", "steps": [deploy_step({})]})
	count(rule.deny) == 0 with input as testing.pipeline([group])
}

test_deploy_group_members_are_deploys if {
	group := testing.step("group", {"label": ":rocket: Deploy", "steps": [
		testing.command_step({"label": "us-east-1", "commands": ["./apply.sh"]}),
		testing.command_step({"label": "eu-west-1", "commands": ["./apply.sh"], "branches": "main"}),
	]})
	paths_of([group]) == {["steps", 0, "steps", 0]}
}

test_team_block_in_group_before_member if {
	group := testing.step("group", {"steps": [
		testing.step("block", {"allowed_teams": ["deploy"]}),
		deploy_step({}),
	]})
	count(rule.deny) == 0 with input as testing.pipeline([group])
}

test_block_steps_themselves_not_reported if {
	# buildkite/docs: `block: ":rocket: Deploy"` is the gate, not a deploy.
	block := testing.step("block", {"label": ":rocket: Deploy", "if": "build.branch == 'main'"})
	count(rule.deny) == 0 with input as testing.pipeline([block])
}

test_unnamed_step_named_by_path if {
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["terraform apply -auto-approve"]})])
	{f.evidence | some f in findings} == {"steps.0"}
}

test_group_branches_gate_members if {
	group := testing.step("group", {"label": "Ship", "branches": "main", "steps": [deploy_step({})]})
	count(rule.deny) == 0 with input as testing.pipeline([group])
}

test_depends_on_list_of_keys if {
	block := testing.step("block", {"key": "approve", "allowed_teams": ["deploy"]})
	count(rule.deny) == 0 with input as testing.pipeline([deploy_step({"depends_on": ["build", "approve"]}), block])
	paths_of([deploy_step({"depends_on": ["build"]}), block]) == {["steps", 0]}
}

test_every_default_pattern_has_hints if {
	hints.needles(rule.knobs.deploy_label_patterns, deploy.label_hints) != null
	hints.needles(rule.knobs.deploy_command_patterns, deploy.command_hints) != null
}

test_launchers_are_not_deploys if {
	launcher := testing.command_step({"label": ":pipeline: triggering deploy pipelines", "commands": [
		"export NAME=$(echo ${BUILDKITE_TAG} | cut -f1 -d/)",
		"buildkite-agent pipeline upload .buildkite/deploy.yml",
	]})
	printer := testing.command_step({"label": "Complete deployment", "commands": ["echo \"deployment complete!\""]})
	rule.not_applicable with input as testing.pipeline([launcher, printer])
}

test_build_members_of_a_deploy_group_are_not_deploys if {
	group := testing.step("group", {"label": ":open_book: Build & Deploy Documentation", "steps": [
		testing.command_step({"label": "Tutorial Build [%N/%t]", "commands": ["julia docs/tutorials.jl"]}),
		testing.command_step({"label": "Publish docs", "commands": ["./publish.sh"]}),
	]})
	paths_of([group]) == {["steps", 0, "steps", 1]}
}

test_build_and_push_members_of_a_deploy_group_stay_deploys if {
	group := testing.step("group", {"label": ":rocket: Deploy", "steps": [
		testing.command_step({"label": ":docker: Build & Push (latest)", "plugins": [testing.plugin("docker-compose", "v4.14.0", {"build": "app", "image-name": "latest"})]}),
	]})
	paths_of([group]) == {["steps", 0, "steps", 0]}
}
