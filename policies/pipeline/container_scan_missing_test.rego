package pipeline.container_scan_missing_test

import data.lib.hints
import data.lib.testing
import data.pipeline.container_scan_missing

cmd(text) := testing.command_step({"commands": [text]})

docker_build := cmd("docker build -t app:${BUILDKITE_BUILD_NUMBER} .")

docker_push := cmd("docker push registry.example.com/app:${BUILDKITE_BUILD_NUMBER}")

test_build_without_scan_fails if {
	findings := container_scan_missing.deny with input as testing.pipeline([cmd("make test"), docker_build, docker_push])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/container_scan_missing"
	f.path == ["steps", 1, "commands", 0]
	f.evidence == "docker build -t app:${BUILDKITE_BUILD_NUMBER} ."
	f.message == "`docker build -t app:${BUILDKITE_BUILD_NUMBER} .` builds or pushes a container image, but no step scans images for vulnerabilities; scan each image before it is pushed (e.g. `trivy image --exit-code 1 <image>`)"
}

test_build_with_scan_passes if {
	every text in [
		"trivy image --exit-code 1 --severity HIGH,CRITICAL app:latest",
		"trivy --cache-dir /tmp/trivy image app:latest",
		"trivy i app:latest",
		"grype app:latest --fail-on high",
		"snyk container test app:latest",
		"docker scout cves app:latest",
		"clairctl report app:latest",
		"twistcli images scan --details app:latest",
		"jf docker scan app:latest",
		"wizcli docker scan --image app:latest",
		"aws ecr wait image-scan-complete --repository-name app --image-id imageTag=1",
	] {
		count(container_scan_missing.deny) == 0 with input as testing.pipeline([docker_build, cmd(text)])
	}
}

test_filesystem_scan_is_not_an_image_scan if {
	count(container_scan_missing.deny) == 1 with input as testing.pipeline([docker_build, docker_push, cmd("trivy fs --scanners vuln .")])
}

test_image_builders_detected if {
	every text in [
		"docker buildx build --platform linux/amd64,linux/arm64 -t app --push .",
		"docker buildx bake release",
		"docker image build .",
		"docker push registry.example.com/app:1.0",
		"docker compose -f compose.yml push app",
		"buildah bud -t app .",
		"podman build -t app .",
		"/kaniko/executor --context . --destination registry/app:1",
		"ko build ./cmd/app",
		"mvn compile jib:build",
		"./gradlew jib",
		"pack build app --builder paketobuildpacks/builder-jammy-base",
		"depot build -t app --push .",
		".buildkite/steps/build-docker-image.sh alpine",
		".buildkite/push-image.sh",
		"./scripts/docker-publish.sh",
	] {
		findings := container_scan_missing.deny with input as testing.pipeline([cmd(text), docker_push])
		{f.path | some f in findings} == {["steps", 0, "commands", 0]}
	}
}

test_images_that_ship_by_themselves if {
	every text in [
		"docker buildx build --platform linux/amd64,linux/arm64 -t app --push .",
		"docker push registry.example.com/app:1.0",
		"/kaniko/executor --context . --destination registry/app:1",
		"ko build ./cmd/app",
		"mvn compile jib:build",
		"pack build app --publish",
		".buildkite/steps/build-docker-image.sh alpine",
		".buildkite/scripts/steps/java-docker-push-snapshot.sh",
	] {
		count(container_scan_missing.deny) == 1 with input as testing.pipeline([cmd(text)])
	}
}

test_images_built_only_for_the_job_are_not_reported if {
	every text in [
		"docker build -t app:test -f Dockerfile.local .",
		"docker buildx bake test",
		"podman build -t app .",
		"mvn compile jib:dockerBuild",
	] {
		count(container_scan_missing.deny) == 0 with input as testing.pipeline([cmd(text), cmd("docker run app:test make test")])
	}
}

test_image_names_are_not_build_scripts if {
	# sorbet: the docker plugin's `image: stripe/sorbet-build-image:latest` is the image the step runs in.
	plugin := testing.plugin("docker", "v5.12.0", {"image": "stripe/sorbet-build-image:latest"})
	container_scan_missing.not_applicable with input as testing.pipeline([testing.command_step({"commands": ["make"], "plugins": [plugin]})])
}

test_nothing_built_not_applicable if {
	every text in ["go test ./...", "docker run --rm alpine echo hi", "docker pull alpine:3", "docker compose run tests", "docker-compose build && docker-compose run tests"] {
		container_scan_missing.not_applicable with input as testing.pipeline([cmd(text)])
		count(container_scan_missing.deny) == 0 with input as testing.pipeline([cmd(text)])
	}
}

test_first_build_is_reported if {
	steps := [
		cmd("make"),
		testing.step("group", {"steps": [cmd("echo"), cmd("docker push app:1")]}),
		testing.command_step({"commands": ["echo start", "set -e\ndocker build -t app:1 .\necho done"]}),
	]
	findings := container_scan_missing.deny with input as testing.pipeline(steps)
	{[f.path, f.evidence] | some f in findings} == {[["steps", 1, "steps", 1, "commands", 0], "docker push app:1"]}
}

test_evidence_is_the_line_of_a_multiline_command if {
	step := testing.command_step({"commands": ["set -euo pipefail\n  docker buildx build --push -t app:1 .  \necho done"]})
	findings := container_scan_missing.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "commands", 0], "docker buildx build --push -t app:1 ."]}
}

test_docker_compose_plugin_build if {
	# buildkite/docs: `docker-compose#v5.14.0: {build: app}` builds the CI test image; it ships when something pushes.
	step := testing.command_step({"label": ":docker: Build image", "plugins": [
		testing.plugin("ecr", "v2.12.0", {"login": true}),
		testing.plugin("docker-compose", "v5.14.0", {"build": "app"}),
	]})
	count(container_scan_missing.deny) == 0 with input as testing.pipeline([step])
	findings := container_scan_missing.deny with input as testing.pipeline([step, docker_push])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 1, "config", "build"], "build"]}
}

test_docker_compose_plugin_push if {
	step := testing.command_step({"plugins": [testing.plugin("docker-compose", "v5.14.0", {"push": ["app:registry/app:1"]})]})
	findings := container_scan_missing.deny with input as testing.pipeline([step])
	{f.path | some f in findings} == {["steps", 0, "plugins", 0, "config", "push"]}
}

test_docker_compose_plugin_run_not_applicable if {
	# buildkite/agent: every docker-compose use is `run:` of a test service.
	step := testing.command_step({"commands": [".buildkite/steps/tests.sh"], "plugins": [testing.plugin("docker-compose", "v4.14.0", {"config": ".buildkite/docker-compose.yml", "run": "agent", "mount-buildkite-agent": true})]})
	container_scan_missing.not_applicable with input as testing.pipeline([step])
}

test_image_publishing_plugin if {
	plugin := object.union(testing.plugin("x", "v2.4.0", {"ecr-name": "my-repo"}), {"name": "seek-oss/docker-ecr-publish", "source": "github.com/seek-oss/docker-ecr-publish-buildkite-plugin"})
	findings := container_scan_missing.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 0], "seek-oss/docker-ecr-publish"]}
}

test_scan_plugins_pass if {
	ecr_scan := object.union(testing.plugin("x", "v1.9.1", {"image-name": "${ECR_REPO}:${BUILDKITE_BUILD_NUMBER}"}), {"name": "cultureamp/ecr-scan-results", "source": "github.com/cultureamp/ecr-scan-results-buildkite-plugin"})
	trivy := object.union(testing.plugin("x", "v1.20.0", {"exit-code": 1}), {"name": "equinixmetal-buildkite/trivy", "source": "github.com/equinixmetal-buildkite/trivy-buildkite-plugin"})
	snyk := testing.plugin("snyk", "v0.2.0", {"scan": "container", "image": "app:1"})
	every plugin in [ecr_scan, trivy, snyk] {
		count(container_scan_missing.deny) == 0 with input as testing.pipeline([docker_build, testing.command_step({"commands": ["true"], "plugins": [plugin]})])
	}
}

test_snyk_plugin_oss_scan_is_not_an_image_scan if {
	snyk := testing.plugin("snyk", "v0.2.0", {"scan": "oss"})
	count(container_scan_missing.deny) == 1 with input as testing.pipeline([docker_build, docker_push, testing.command_step({"plugins": [snyk]})])
}

test_scan_in_docker_plugin_command if {
	scanner := testing.plugin("docker", "v5.13.0", {"image": "aquasec/trivy:0.50.0", "command": ["trivy", "image", "app:1"]})
	count(container_scan_missing.deny) == 0 with input as testing.pipeline([docker_build, testing.command_step({"plugins": [scanner]})])
}

test_knobs if {
	steps := [cmd("./bin/make-oci app"), cmd("./bin/vuln-check app")]
	container_scan_missing.not_applicable with input as testing.pipeline(steps)
	findings := container_scan_missing.deny with input as testing.pipeline(steps)
		with data.config.rules as {"pipeline/container_scan_missing": {"image_build_patterns": ["make-oci"], "image_ship_patterns": ["make-oci"]}}
	{f.path | some f in findings} == {["steps", 0, "commands", 0]}
	count(container_scan_missing.deny) == 0 with input as testing.pipeline(steps)
		with data.config.rules as {"pipeline/container_scan_missing": {"image_build_patterns": ["make-oci"], "image_ship_patterns": ["make-oci"], "container_scan_patterns": ["vuln-check"]}}
}

test_corpus_mcp_server if {
	# buildkite/buildkite-mcp-server: `docker build` of a local image that nothing pushes.
	steps := [
		testing.step("group", {"steps": [cmd("golangci-lint run --verbose --timeout 3m")]}),
		cmd(".buildkite/release.sh release --clean --snapshot"),
		testing.command_step({"label": ":docker: build image", "commands": ["docker build -t buildkite-mcp-server:latest -f Dockerfile.local ."]}),
	]
	count(container_scan_missing.deny) == 0 with input as testing.pipeline(steps)
	container_scan_missing.not_applicable with input as testing.pipeline(steps)
}

test_corpus_docs_deploy_passes if {
	# buildkite/docs deploy: push script, then the cultureamp ECR scan-results plugin.
	ecr_scan := object.union(testing.plugin("x", "v1.9.1", {"image-name": "${ECR_REPO}:${BUILDKITE_BUILD_NUMBER}", "fail-build-on-plugin-failure": true}), {"name": "cultureamp/ecr-scan-results", "source": "github.com/cultureamp/ecr-scan-results-buildkite-plugin"})
	steps := [
		testing.command_step({"commands": [".buildkite/push-image.sh"], "plugins": [testing.plugin("ecr", "v2.12.0", {"login": true})]}),
		testing.command_step({"commands": ["true"], "plugins": [testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {}), ecr_scan]}),
		testing.step("wait", {}),
		cmd("scripts/deploy-ecs"),
	]
	not container_scan_missing.not_applicable with input as testing.pipeline(steps)
	count(container_scan_missing.deny) == 0 with input as testing.pipeline(steps)
}

test_every_default_pattern_has_hints if {
	hints.needles(container_scan_missing.knobs.image_build_patterns, container_scan_missing.build_hints) != null
	hints.needles(container_scan_missing.knobs.container_scan_patterns, container_scan_missing.scan_hints) != null
	hints.needles(container_scan_missing.knobs.image_ship_patterns, container_scan_missing.ship_hints) != null
}
