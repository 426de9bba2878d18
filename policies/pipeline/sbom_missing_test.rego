package pipeline.sbom_missing_test

import data.lib.hints
import data.lib.testing
import data.pipeline.sbom_missing

build := testing.command_step({"label": "release", "commands": ["make build", "npm publish"]})

with_step(step) := testing.pipeline([build, step])

cmd(text) := testing.command_step({"commands": [text]})

test_no_sbom_fails if {
	findings := sbom_missing.deny with input as testing.pipeline([build, cmd("make test")])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/sbom_missing"
	f.path == ["steps"]
	f.message == "the pipeline ships something but no pipeline file of the repository generates an SBOM (software bill of materials); add a step that does (e.g. `syft dir:. -o cyclonedx-json`)"
	not sbom_missing.not_applicable with input as testing.pipeline([build])
}

test_sbom_generators_pass if {
	every text in [
		"syft dir:. -o cyclonedx-json=sbom.json",
		"npx @cyclonedx/cdxgen -o bom.json",
		"cdxgen -t js .",
		"npm sbom --sbom-format spdx > sbom.spdx.json",
		"docker sbom myapp:latest",
		"docker buildx build --sbom=true -t myapp --push .",
		"docker buildx build --attest type=sbom -t myapp .",
		"trivy fs --format cyclonedx --output sbom.json .",
		"trivy image --format spdx-json -o sbom.json myapp",
		"grype dir:. -o cyclonedx",
		"npx @cyclonedx/cyclonedx-npm --output-file bom.json",
		"mvn org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom",
		"./gradlew cyclonedxBom",
		"bom generate --output sbom.spdx .",
		".buildkite/steps/generate-sbom.sh",
	] {
		count(sbom_missing.deny) == 0 with input as with_step(cmd(text))
	}
}

test_trivy_vulnerability_scan_is_not_an_sbom if {
	count(sbom_missing.deny) == 1 with input as with_step(cmd("trivy image --severity HIGH myapp:latest"))
}

test_sbom_in_multiline_command if {
	step := testing.command_step({"commands": ["set -euo pipefail\nmake build\nsyft packages dir:. -o spdx-json > sbom.json"]})
	count(sbom_missing.deny) == 0 with input as testing.pipeline([step])
}

test_sbom_in_group_member if {
	group := testing.step("group", {"steps": [cmd("make"), cmd("syft . -o cyclonedx-json")]})
	count(sbom_missing.deny) == 0 with input as testing.pipeline([build, group])
}

test_sbom_in_docker_plugin_command if {
	step := testing.command_step({"plugins": [testing.plugin("docker", "v5.13.0", {"image": "anchore/syft:v1.0.0", "command": ["syft", "dir:/workdir"]})]})
	count(sbom_missing.deny) == 0 with input as with_step(step)
}

test_sbom_plugin_passes if {
	plugin := object.union(testing.plugin("x", "v1.0.0", {}), {"name": "acme/sbom-generator", "source": "github.com/acme/sbom-generator-buildkite-plugin"})
	count(sbom_missing.deny) == 0 with input as with_step(testing.command_step({"plugins": [plugin]}))
}

test_sbom_patterns_knob if {
	step := cmd("./tools/inventory --out bom.json")
	count(sbom_missing.deny) == 1 with input as with_step(step)
	count(sbom_missing.deny) == 0 with input as with_step(step)
		with data.config.rules as {"pipeline/sbom_missing": {"sbom_patterns": ["tools/inventory"]}}
}

test_no_command_steps_not_applicable if {
	doc := testing.pipeline([testing.step("wait", {}), testing.step("trigger", {"trigger": "deploy"}), testing.step("block", {"label": "ok?"})])
	sbom_missing.not_applicable with input as doc
	count(sbom_missing.deny) == 0 with input as doc
}

test_loader_only_not_applicable if {
	doc := testing.pipeline([testing.command_step({"label": ":pipeline:", "commands": ["buildkite-agent pipeline upload"]})])
	sbom_missing.not_applicable with input as doc
	count(sbom_missing.deny) == 0 with input as doc
}

test_multiline_loader_not_applicable if {
	# buildkite/docs docs-draft pipeline: a shell `if` that only echoes and uploads.
	script := concat("\n", [
		`if [ -n "$${UPSTREAM_REPO:-}" ]; then`,
		`  echo "Upstream trigger detected"`,
		"  buildkite-agent pipeline upload .buildkite/steps/docs-draft-step.yml",
		"else",
		"  buildkite-agent pipeline upload .buildkite/steps/docs-draft-input.yml",
		"fi",
	])
	doc := testing.pipeline([testing.command_step({"commands": [script]})])
	sbom_missing.not_applicable with input as doc
}

test_generator_piped_into_upload_is_loader if {
	doc := testing.pipeline([testing.command_step({"commands": [".buildkite/gen.sh | buildkite-agent pipeline upload"]})])
	sbom_missing.not_applicable with input as doc
}

test_pipelines_that_ship_nothing_are_not_applicable if {
	every doc in [
		testing.pipeline([testing.command_step({"commands": ["buildkite-agent pipeline upload"]}), cmd("go test ./...")]),
		testing.pipeline([testing.command_step({"plugins": [testing.plugin("shellcheck", "v1.4.0", {"files": ["hooks/**"]})]})]),
		testing.pipeline([cmd("docker build -t app:test . && docker run app:test make test")]),
	] {
		sbom_missing.not_applicable with input as doc
		count(sbom_missing.deny) == 0 with input as doc
	}
}

test_publishing_pushing_or_deploying_applies if {
	every text in ["goreleaser release --clean", "docker push acme/app:1", "cargo publish", "kubectl apply -f k8s/"] {
		count(sbom_missing.deny) == 1 with input as testing.pipeline([testing.command_step({"commands": ["buildkite-agent pipeline upload"]}), cmd(text)])
	}
}

test_corpus_mcp_server_ships_nothing if {
	# buildkite/buildkite-mcp-server: lint, test, goreleaser snapshot and a local docker build: nothing ships.
	steps := [
		testing.step("group", {"steps": [
			testing.command_step({"commands": ["golangci-lint run --output.checkstyle.path checkstyle.xml --verbose --timeout 3m"], "plugins": [testing.plugin("mise", "v1.1.5", null)]}),
			testing.command_step({"commands": ["go run gotest.tools/gotestsum@latest --junitfile junit.xml --format testname -- -coverprofile=cover.out ./..."]}),
		]}),
		cmd(".buildkite/release.sh release --clean --snapshot"),
		cmd("docker build -t buildkite-mcp-server:latest -f Dockerfile.local ."),
	]
	sbom_missing.not_applicable with input as testing.pipeline(steps)
}

test_every_default_pattern_has_hints if {
	hints.needles(sbom_missing.knobs.sbom_patterns, sbom_missing.sbom_hints) != null
}
