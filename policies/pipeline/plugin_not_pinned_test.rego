package pipeline.plugin_not_pinned_test

import data.lib.testing
import data.pipeline.plugin_not_pinned

sha := "0123456789abcdef0123456789abcdef01234567"

with_plugins(plugins) := testing.pipeline([testing.command_step({"commands": ["make"], "plugins": plugins})])

test_unpinned_fails if {
	findings := plugin_not_pinned.deny with input as with_plugins([testing.plugin("docker", null, {"image": "alpine"})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/plugin_not_pinned"
	f.path == ["steps", 0, "plugins", 0]
	f.evidence == "docker"
	f.message == "plugin `docker` is not pinned to a version; add `#v<version>` or, better, `#<commit-sha>`"
}

test_branch_pinned_fails if {
	findings := plugin_not_pinned.deny with input as with_plugins([
		testing.plugin("docker", "v5.12.0", {}),
		testing.plugin("ecr", "main", {}),
	])
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 1]
	f.evidence == "ecr#main"
	contains(f.message, "branch `main`")
}

test_tag_pinned_passes if {
	count(plugin_not_pinned.deny) == 0 with input as with_plugins([
		testing.plugin("docker", "v5.12.0", {}),
		testing.plugin("mise", "v1.1.5", null),
	])
}

test_sha_pinned_passes if {
	count(plugin_not_pinned.deny) == 0 with input as with_plugins([testing.plugin("docker", sha, {})])
}

test_require_sha_rejects_tag if {
	findings := plugin_not_pinned.deny with input as with_plugins([testing.plugin("docker", "v5.12.0", {})])
		with data.config.rules as {"pipeline/plugin_not_pinned": {"require_sha": true}}
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0]
	f.evidence == "docker#v5.12.0"
	f.message == "plugin `docker` is pinned to `v5.12.0`, not a full commit SHA"
}

test_require_sha_rejects_short_sha if {
	findings := plugin_not_pinned.deny with input as with_plugins([testing.plugin("docker", "0123456", {})])
		with data.config.rules as {"pipeline/plugin_not_pinned": {"require_sha": true}}
	count(findings) == 1
}

test_require_sha_accepts_full_sha if {
	count(plugin_not_pinned.deny) == 0 with input as with_plugins([
		testing.plugin("docker", sha, {}),
		testing.plugin("ecr", upper(sha), {}),
	])
		with data.config.rules as {"pipeline/plugin_not_pinned": {"require_sha": true}}
}

test_require_sha_one_finding_per_plugin if {
	# An unpinned or branch-pinned plugin gets its own message, not a second SHA finding.
	findings := plugin_not_pinned.deny with input as with_plugins([
		testing.plugin("docker", null, {}),
		testing.plugin("ecr", "master", {}),
	])
		with data.config.rules as {"pipeline/plugin_not_pinned": {"require_sha": true}}
	count(findings) == 2
	{f.evidence | some f in findings} == {"docker", "ecr#master"}
	every f in findings {
		not contains(f.message, "commit SHA")
	}
}

test_branch_names_knob_override if {
	input_ := with_plugins([
		testing.plugin("docker", "release", {}),
		testing.plugin("ecr", "main", {}),
	])
	findings := plugin_not_pinned.deny with input as input_
		with data.config.rules as {"pipeline/plugin_not_pinned": {"branch_names": ["release"]}}
	{f.evidence | some f in findings} == {"docker#release"}
}

test_dynamic_plugins_skipped if {
	local := object.union(testing.plugin("x", null, {}), {"name": "./.buildkite/plugins/x", "source": "./.buildkite/plugins/x", "dynamic": true})

	# docker-compose-buildkite-plugin's own pipeline tests itself at the build commit.
	self := object.union(testing.plugin("self", "${BUILDKITE_COMMIT}", {"run": "tests"}), {
		"name": "${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}",
		"source": "${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}", "dynamic": true,
	})
	count(plugin_not_pinned.deny) == 0 with input as with_plugins([local, self])
		with data.config.rules as {"pipeline/plugin_not_pinned": {"require_sha": true}}
}

test_kubernetes_plugin_skipped if {
	# agent-stack-k8s: `kubernetes:` is controller syntax with no repository or version.
	k8s := testing.plugin("kubernetes", null, {"podSpec": {"containers": [{"image": "alpine"}]}})
	count(plugin_not_pinned.deny) == 0 with input as with_plugins([k8s])
}

test_group_members_checked if {
	group := testing.step("group", {"label": "lint", "steps": [
		testing.command_step({"plugins": [testing.plugin("shellcheck", "v1.4.0", {})]}),
		testing.command_step({"plugins": [testing.plugin("plugin-linter", null, {})]}),
	]})
	findings := plugin_not_pinned.deny with input as testing.pipeline([testing.step("wait", {}), group])
	{f.path | some f in findings} == {["steps", 1, "steps", 1, "plugins", 0]}
}

test_non_command_steps_ignored if {
	steps := [testing.step("wait", {}), testing.step("trigger", {"trigger": "deploy"})]
	count(plugin_not_pinned.deny) == 0 with input as testing.pipeline(steps)
}

test_corpus_goat_scenario_80 if {
	# greylag-ci/cicd-goat scenario 80: `docker-compose#main` on a build step.
	step := testing.command_step({"label": ":docker: build", "commands": ["build.sh"], "plugins": [testing.plugin("docker-compose", "main", {"run": "app"})]})
	findings := plugin_not_pinned.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 0], "docker-compose#main"]}
}

test_corpus_tag_pinned_pipeline_passes if {
	# buildkite/docs deploy pipeline: every plugin on a release tag, third-party included.
	scan := object.union(
		testing.plugin("x", "v1.9.1", {"image-name": "${ECR_REPO}:${BUILDKITE_BUILD_NUMBER}"}),
		{"name": "cultureamp/ecr-scan-results", "source": "github.com/cultureamp/ecr-scan-results-buildkite-plugin"},
	)
	step := testing.command_step({"commands": ["true"], "plugins": [
		testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {}),
		scan,
	]})
	count(plugin_not_pinned.deny) == 0 with input as testing.pipeline([step])
}
