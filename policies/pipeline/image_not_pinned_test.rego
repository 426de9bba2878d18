package pipeline.image_not_pinned_test

import data.lib.testing
import data.pipeline.image_not_pinned

digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

pinned := sprintf("golang:1.22@%s", [digest])

docker(image) := testing.plugin("docker", "v5.13.0", {"image": image, "command": ["go", "test"]})

test_step_image_tag_fails if {
	# Hosted agents / agent-stack-k8s: `image:` on the step lands in `extra`.
	step := testing.command_step({"commands": ["make"], "extra": {"image": "node:24-slim"}})
	findings := image_not_pinned.deny with input as testing.pipeline([step])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/image_not_pinned"
	f.path == ["steps", 0, "extra", "image"]
	f.evidence == "node:24-slim"
	f.message == "image `node:24-slim` is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`"
}

test_step_image_digest_passes if {
	step := testing.command_step({"commands": ["make"], "extra": {"image": pinned}})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_digest_without_tag_passes if {
	step := testing.command_step({"commands": ["make"], "extra": {"image": sprintf("public.ecr.aws/docker/library/node@%s", [digest])}})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_short_or_bad_digest_fails if {
	steps := [
		testing.command_step({"extra": {"image": "golang@sha256:0123"}}),
		testing.command_step({"extra": {"image": sprintf("golang@%s-suffix", [digest])}}),
	]
	findings := image_not_pinned.deny with input as testing.pipeline(steps)
	count(findings) == 2
}

test_docker_plugin_image_fails if {
	step := testing.command_step({"plugins": [
		testing.plugin("ecr", "v2.12.0", {"login": true}),
		docker("public.ecr.aws/docker/library/node:24-alpine"),
	]})
	findings := image_not_pinned.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 1, "config", "image"], "public.ecr.aws/docker/library/node:24-alpine"]}
}

test_docker_plugin_digest_passes if {
	step := testing.command_step({"plugins": [docker(pinned)]})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_image_key_of_other_plugins_ignored if {
	# The snyk plugin's `image` is the image to scan, not one the step runs.
	step := testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"scan": "container", "image": "alpine:latest"})]})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_docker_compose_not_checked if {
	# Compose services come from compose files; `run:` names a service, not an image.
	step := testing.command_step({"plugins": [testing.plugin("docker-compose", "v5.12.1", {"run": "ci", "config": ".buildkite/docker-compose.yml"})]})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_kubernetes_plugin_containers if {
	k8s := testing.plugin("kubernetes", null, {
		"podSpec": {
			"containers": [{"image": "alpine:latest", "command": ["echo hi"]}, {"image": pinned}],
			"initContainers": [{"image": "busybox"}],
		},
		"podSpecPatch": {"containers": [{"name": "container-0", "image": "ruby:3.3"}]},
		"sidecars": [{"image": "nginx:latest"}],
	})
	step := testing.command_step({"plugins": [testing.plugin("ecr", "v2.12.0", {}), k8s]})
	findings := image_not_pinned.deny with input as testing.pipeline([step])
	{f.path | some f in findings} == {
		["steps", 0, "plugins", 1, "config", "podSpec", "containers", 0, "image"],
		["steps", 0, "plugins", 1, "config", "podSpec", "initContainers", 0, "image"],
		["steps", 0, "plugins", 1, "config", "podSpecPatch", "containers", 0, "image"],
		["steps", 0, "plugins", 1, "config", "sidecars", 0, "image"],
	}
}

test_kubernetes_plugin_without_images_passes if {
	k8s := testing.plugin("kubernetes", null, {"checkout": {"skip": true}})
	bare := testing.plugin("kubernetes", null, null)
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [k8s, bare]})])
}

test_variable_and_matrix_images_skipped if {
	steps := [
		testing.command_step({"extra": {"image": "${ECR_REPO}:${BUILDKITE_BUILD_NUMBER}"}}),
		testing.command_step({"extra": {"image": "$IMAGE"}}),
		testing.command_step({"plugins": [docker("{{matrix.image}}")]}),
	]
	count(image_not_pinned.deny) == 0 with input as testing.pipeline(steps)
}

test_allowed_unpinned_knob if {
	steps := [
		testing.command_step({"extra": {"image": "registry.internal/ci/builder:3"}}),
		testing.command_step({"extra": {"image": "golang:1.26"}}),
	]
	findings := image_not_pinned.deny with input as testing.pipeline(steps)
		with data.config.rules as {"pipeline/image_not_pinned": {"allowed_unpinned": ["registry.internal/ci/"]}}
	{f.path | some f in findings} == {["steps", 1, "extra", "image"]}
}

test_pipeline_level_image if {
	# Only when the parser keeps top-level extras (NormalizedPipeline has no `extra` yet).
	doc := testing.pipeline([testing.command_step({"commands": ["make"]})])
	with_image := json.patch(doc, [{"op": "add", "path": "/pipeline/extra", "value": {"image": "buildkite/hosted-agent-base-images:ubuntu-jammy"}}])
	findings := image_not_pinned.deny with input as with_image
	{f.path | some f in findings} == {["extra", "image"]}
	count(image_not_pinned.deny) == 0 with input as doc
}

test_group_members_checked if {
	group := testing.step("group", {"steps": [
		testing.command_step({"plugins": [docker(pinned)]}),
		testing.command_step({"plugins": [docker("goreleaser/goreleaser:v2.15.1")]}),
	]})
	findings := image_not_pinned.deny with input as testing.pipeline([testing.step("wait", {}), group])
	{f.path | some f in findings} == {["steps", 1, "steps", 1, "plugins", 0, "config", "image"]}
}

test_docker_plugin_without_image_ignored if {
	step := testing.command_step({"plugins": [testing.plugin("docker", "v5.13.0", null)]})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_corpus_test_engine_client if {
	# buildkite/test-engine-client: docker plugin images pinned by tag only.
	steps := [
		testing.command_step({"label": ":golangci-lint: Lint", "plugins": [docker("golangci/golangci-lint:v2.5.0")]}),
		testing.command_step({"commands": [".buildkite/steps/tests.sh"], "plugins": [testing.plugin("docker-compose", "v5.12.1", {"run": "ci"})]}),
	]
	findings := image_not_pinned.deny with input as testing.pipeline(steps)
	{f.evidence | some f in findings} == {"golangci/golangci-lint:v2.5.0"}
}

test_pipeline_level_image_fails if {
	doc := object.union(testing.pipeline([testing.command_step({"commands": ["make"]})]), {"pipeline": {"extra": {"image": "buildkite/hosted-agent-base-images:ubuntu-jammy"}}})
	findings := image_not_pinned.deny with input as doc
	{f.path | some f in findings} == {["extra", "image"]}
}

test_agents_image_registry_path_fails if {
	doc := object.union(
		testing.pipeline([
			testing.command_step({"commands": ["make"], "agents": {"queue": "k8s", "image": "ghcr.io/acme/ci-base:2024"}}),
			testing.command_step({"commands": ["make"], "agents": {"image": sprintf("ghcr.io/acme/ci@%s", [digest])}}),
			testing.command_step({"commands": ["make"], "agents": {"image": "ubuntu-2204-ci"}}),
		]),
		{"pipeline": {"agents": {"image": "node:20"}}},
	)
	findings := image_not_pinned.deny with input as doc
	{f.path | some f in findings} == {["agents", "image"], ["steps", 0, "agents", "image"]}
}

test_docker_commands_fail if {
	step := testing.command_step({"commands": [
		"echo \"+++ Checking PHP syntax\"\ndocker run --rm -v \"$(pwd):/app\" -w /app php:8.2-cli bash -c 'php -l x.php'",
		"docker pull mockserver/mockserver:maven",
		"docker info; docker run --rm mcr.microsoft.com/windows/nanoserver:ltsc2022 cmd.exe /c echo hello",
		"docker run -e \"A=b c\" --platform=linux/amd64 -it ubuntu bash",
		"docker image pull -q alpine",
	]})
	findings := image_not_pinned.deny with input as testing.pipeline([step])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "docker run --rm -v \"$(pwd):/app\" -w /app php:8.2-cli bash -c 'php -l x.php'"],
		[1, "docker pull mockserver/mockserver:maven"],
		[2, "docker run --rm mcr.microsoft.com/windows/nanoserver:ltsc2022 cmd.exe /c echo hello"],
		[3, "docker run -e \"A=b c\" --platform=linux/amd64 -it ubuntu bash"],
		[4, "docker image pull -q alpine"],
	}
	some f in findings
	f.path[3] == 0
	f.message == "image `php:8.2-cli` is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`"
}

test_docker_commands_pass if {
	step := testing.command_step({"commands": [
		sprintf("docker run --rm golang:1.22@%s go test ./...", [digest]),
		"docker run --rm \"$IMAGE\" make",
		"docker pull ${REGISTRY}/app:${TAG}",
		"# docker run ubuntu:latest",
		"docker compose run app",
		"docker exec $CONTAINER bash",
		"docker run --rm {{matrix.image}} make",
	]})
	count(image_not_pinned.deny) == 0 with input as testing.pipeline([step])
}

test_docker_command_variable_resolved if {
	doc := object.union(
		testing.pipeline([
			testing.command_step({"commands": ["docker pull $IMAGE"]}),
			testing.command_step({"commands": ["docker run -id --name $CONTAINER --rm $$IMAGE bash"]}),
			testing.command_step({"commands": ["BASE=node:20; docker pull \"${BASE}\""]}),
		]),
		{"pipeline": {"env": {"IMAGE": "stanfordaha/garnet:latest", "CONTAINER": "ci"}}},
	)
	findings := image_not_pinned.deny with input as doc
	{[f.path[1], f.message] | some f in findings} == {
		[0, "image `stanfordaha/garnet:latest` (`$IMAGE`) is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`"],
		[1, "image `stanfordaha/garnet:latest` (`$$IMAGE`) is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`"],
		[2, "image `node:20` (`${BASE}`) is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`"],
	}
}

test_container_plugins_fail if {
	step := testing.command_step({"plugins": [
		object.union(testing.plugin("k8s", "0.9.2", {"image": "gcr.io/kaniko-project/executor:latest"}), {"source": "github.com/EmbarkStudios/k8s-buildkite-plugin", "name": "EmbarkStudios/k8s"}),
		{"name": "${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}", "ref": "${BUILDKITE_COMMIT}", "source": "${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}", "dynamic": true, "config": {"image": "ubuntu:22.04"}},
	]})
	findings := image_not_pinned.deny with input as testing.pipeline([step])
	{f.evidence | some f in findings} == {"gcr.io/kaniko-project/executor:latest", "ubuntu:22.04"}
}

test_images_built_by_the_pipeline_pass if {
	steps := [
		testing.command_step({"commands": ["docker build -t app:test .", "docker buildx build --platform linux/amd64 --tag=acme/tool:ci --load ."]}),
		testing.command_step({"commands": ["docker tag app:test registry.example.com/app:test", "docker run --rm app:test make test", "docker run acme/tool:ci", "docker push registry.example.com/app:test"]}),
		testing.command_step({"plugins": [docker("acme/tool:ci")]}),
	]
	count(image_not_pinned.deny) == 0 with input as testing.pipeline(steps)
}
