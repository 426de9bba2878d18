package pipeline.code_scan_missing_test

import data.lib.hints
import data.lib.testing
import data.pipeline.code_scan_missing

build := testing.command_step({"label": "build", "commands": ["make build"]})

with_step(step) := testing.pipeline([build, step])

cmd(text) := testing.command_step({"commands": [text]})

test_no_sast_fails if {
	findings := code_scan_missing.deny with input as testing.pipeline([build, cmd("make test")])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/code_scan_missing"
	f.path == ["steps"]
	f.message == "no pipeline file of the repository runs static code analysis (SAST); add a step that does (e.g. `semgrep scan --error`, CodeQL, `gosec ./...`)"
	not code_scan_missing.not_applicable with input as testing.pipeline([build])
}

test_sast_tools_pass if {
	every text in [
		"semgrep ci",
		"semgrep scan --config p/default --error",
		"codeql database create db --language=go && codeql database analyze db --format=sarif-latest",
		"sonar-scanner -Dsonar.projectKey=app",
		"mvn verify sonar:sonar",
		"./gradlew sonar",
		"gosec ./...",
		"bandit -r src/",
		"bundle exec brakeman --no-pager",
		"njsscan --sarif -o njsscan.sarif .",
		"npx eslint --plugin eslint-plugin-security src/",
		"snyk code test --severity-threshold=high",
		"mvn com.github.spotbugs:spotbugs-maven-plugin:check",
		"checkov -d terraform/",
		"tfsec .",
		"horusec start -p .",
		"bearer scan .",
		"flawfinder --error-level=4 src/",
		".buildkite/steps/run-sast.sh",
	] {
		count(code_scan_missing.deny) == 0 with input as with_step(cmd(text))
	}
}

test_linters_are_not_sast if {
	every text in [
		"golangci-lint run --timeout 3m",
		"npm run lint",
		"shellcheck hooks/*",
		"bundle exec rubocop",
		"echo fantastic",
	] {
		count(code_scan_missing.deny) == 1 with input as with_step(cmd(text))
	}
}

test_snyk_plugin_code_scan_passes if {
	step := testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"scan": "code", "block": true})]})
	count(code_scan_missing.deny) == 0 with input as with_step(step)
}

test_snyk_plugin_default_oss_scan_is_not_sast if {
	# The snyk plugin defaults to `scan: oss` (dependencies), which is not code scanning.
	step := testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"annotate": true})]})
	count(code_scan_missing.deny) == 1 with input as with_step(step)
}

test_sast_plugin_by_source_passes if {
	plugin := object.union(testing.plugin("x", "v1.0.0", {}), {"name": "acme/semgrep", "source": "github.com/acme/semgrep-buildkite-plugin"})
	count(code_scan_missing.deny) == 0 with input as with_step(testing.command_step({"plugins": [plugin]}))
}

test_sast_in_docker_plugin_command if {
	step := testing.command_step({"plugins": [testing.plugin("docker", "v5.13.0", {"image": "securego/gosec:2.21.0", "command": ["gosec", "./..."]})]})
	count(code_scan_missing.deny) == 0 with input as with_step(step)
}

test_sast_in_group_member if {
	group := testing.step("group", {"steps": [cmd("make"), cmd("semgrep ci")]})
	count(code_scan_missing.deny) == 0 with input as testing.pipeline([build, group])
}

test_sast_patterns_knob if {
	step := cmd("./scripts/static-audit.sh")
	count(code_scan_missing.deny) == 1 with input as with_step(step)
	count(code_scan_missing.deny) == 0 with input as with_step(step)
		with data.config.rules as {"pipeline/code_scan_missing": {"sast_patterns": ["static-audit"]}}
}

test_knob_replaces_defaults if {
	count(code_scan_missing.deny) == 1 with input as with_step(cmd("semgrep ci"))
		with data.config.rules as {"pipeline/code_scan_missing": {"sast_patterns": ["codeql"]}}
}

test_not_applicable_without_work if {
	loader := testing.pipeline([testing.command_step({"commands": ["buildkite-agent pipeline upload .buildkite/pipeline.yml"]})])
	code_scan_missing.not_applicable with input as loader
	count(code_scan_missing.deny) == 0 with input as loader
	code_scan_missing.not_applicable with input as testing.pipeline([testing.step("trigger", {"trigger": "deploy"})])
}

test_corpus_docker_compose_plugin_pipeline if {
	# docker-compose-buildkite-plugin: shellcheck, plugin-linter and ossf-scorecard; none is SAST.
	steps := [
		testing.command_step({"plugins": [testing.plugin("shellcheck", "v1.4.0", {"files": ["hooks/**"]})]}),
		testing.command_step({"plugins": [testing.plugin("plugin-linter", "v3.3.0", {"id": "docker-compose"})]}),
		testing.command_step({"label": "Security Scan", "plugins": [
			testing.plugin("secrets", "v2.5.0", {}),
			testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN"}),
		]}),
	]
	count(code_scan_missing.deny) == 1 with input as testing.pipeline(steps)
}

test_every_default_pattern_has_hints if {
	hints.needles(code_scan_missing.knobs.sast_patterns, code_scan_missing.sast_hints) != null
}
