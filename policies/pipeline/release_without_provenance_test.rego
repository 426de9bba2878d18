package pipeline.release_without_provenance_test

import data.lib.hints
import data.lib.testing
import data.pipeline.release_without_provenance

cmd(label, commands) := testing.command_step({"label": label, "commands": commands})

deny_for(steps) := d if {
	d := release_without_provenance.deny with input as testing.pipeline(steps)
}

paths(steps) := {f.path | some f in deny_for(steps)}

test_docker_push_fails if {
	findings := deny_for([cmd("build", ["docker build -t acme/app .", "docker push acme/app:$TAG"])])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/release_without_provenance"
	f.path == ["steps", 0, "commands", 1]
	f.evidence == "docker push acme/app:$TAG"
	f.message == "step `build` publishes (`docker push acme/app:$TAG`) but the pipeline generates no provenance attestation or signature; sign or attest what it publishes (e.g. `cosign sign`, `docker buildx build --provenance=true`)"
}

test_publish_commands_detected if {
	every command in [
		"npm publish --access public",
		"yarn npm publish",
		"yarn publish --non-interactive",
		"pnpm -r publish --no-git-checks",
		"gh release create v1.2.3 dist/*",
		"gh release upload v1.2.3 dist/app.tar.gz",
		"goreleaser release --clean",
		"twine upload dist/*",
		"poetry publish --build",
		"cargo publish --locked",
		"gem push pkg/app-1.0.gem",
		"./mvnw -B deploy -DskipTests",
		"./gradlew publishToSonatype closeAndReleaseSonatypeStagingRepository",
		"./gradlew publish",
		"helm push chart.tgz oci://ghcr.io/acme/charts",
		"dotnet nuget push out/*.nupkg",
		"docker compose push app",
		"docker buildx build --platform linux/amd64,linux/arm64 -t acme/app --push .",
		"podman push quay.io/acme/app",
	] {
		paths([cmd("release", [command])]) == {["steps", 0, "commands", 0]}
	}
}

test_non_publish_commands_pass if {
	every command in [
		"docker build -t acme/app .",
		"docker buildx build --load -t acme/app .",
		"npm run publish-docs-locally",
		"./gradlew publishToMavenLocal",
		"mvn -B verify",
		"gh release view v1.2.3",
		"buildkite-agent artifact upload 'dist/*'",
		"helm lint charts/app",
	] {
		count(deny_for([cmd("build", [command])])) == 0
		release_without_provenance.not_applicable with input as testing.pipeline([cmd("build", [command])])
	}
}

test_dry_runs_pass if {
	every command in ["npm publish --dry-run", "goreleaser release --snapshot --clean", "cargo publish --dry-run", "goreleaser release --skip=publish"] {
		count(deny_for([cmd("check", [command])])) == 0
	}
}

test_multiline_buildx_push if {
	script := "docker buildx build \\\n  --platform linux/amd64 \\\n  --push \\\n  -t acme/app ."
	findings := deny_for([cmd("image", [script])])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "commands", 0], "docker buildx build \\"]}
}

test_not_applicable_without_publish if {
	release_without_provenance.not_applicable with input as testing.pipeline([cmd("test", ["make test"])])
}

test_applicable_with_publish if {
	not release_without_provenance.not_applicable with input as testing.pipeline([cmd("push", ["docker push x"])])
}

test_cosign_sign_anywhere_passes if {
	steps := [
		cmd("push", ["docker push acme/app@$DIGEST"]),
		testing.step("wait", {}),
		cmd("sign", ["cosign sign --yes acme/app@$DIGEST"]),
	]
	count(deny_for(steps)) == 0
}

test_cosign_attest_passes if {
	steps := [cmd("push", ["docker push acme/app", "cosign attest --predicate sbom.json --type cyclonedx acme/app"])]
	count(deny_for(steps)) == 0
}

test_npm_provenance_flag_passes if {
	count(deny_for([cmd("publish", ["npm publish --provenance --access public"])])) == 0
}

test_buildx_provenance_passes if {
	count(deny_for([cmd("image", ["docker buildx build --provenance=mode=max --push -t acme/app ."])])) == 0
}

test_buildx_provenance_false_fails if {
	count(deny_for([cmd("image", ["docker buildx build --provenance=false --push -t acme/app ."])])) == 1
}

test_provenance_plugin_passes if {
	# buildkite/agent pipeline.yml: generate-provenance-attestation on the build steps.
	build := testing.command_step({
		"label": "build",
		"commands": ["make dist"],
		"artifact_paths": ["pkg/*"],
		"plugins": [testing.plugin("generate-provenance-attestation", "v1.1.0", {"artifacts": "pkg/*", "attestation_name": "build.attestation.json"})],
	})
	count(deny_for([build, cmd("release", ["gh release create v1 pkg/*"])])) == 0
}

test_publish_to_packages_without_attestations_fails if {
	step := testing.command_step({"label": "Publish Gem", "plugins": [testing.plugin("publish-to-packages", "v2.2.0", {"artifacts": "*.gem", "registry": "acme/gems"})]})
	findings := deny_for([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 0], "publish-to-packages"]}
}

test_publish_to_packages_with_attestations_passes if {
	# buildkite/agent pipeline.release-stable.yml: `attestations:` on publish-to-packages.
	plugin := testing.plugin("publish-to-packages", "v2.2.0", {
		"artifacts": "rpm/*.rpm", "registry": "buildkite/agent-rpm",
		"attestations": ["buildkite-agent-rpm-packages.package-attestation.json"],
	})
	group := testing.step("group", {"steps": [testing.command_step({"label": "Publish RPM", "plugins": [plugin]})]})
	count(deny_for([cmd("push", ["docker push x"]), group])) == 0
}

test_docker_compose_push_plugin_fails if {
	plugin := testing.plugin("docker-compose", "v5.14.0", {"push": ["app:acme/app:latest"]})
	step := testing.command_step({"label": "push image", "plugins": [plugin]})
	paths([step]) == {["steps", 0, "plugins", 0]}
}

test_docker_compose_run_plugin_passes if {
	plugin := testing.plugin("docker-compose", "v5.14.0", {"run": "app"})
	step := testing.command_step({"label": "test", "commands": ["make test"], "plugins": [plugin]})
	release_without_provenance.not_applicable with input as testing.pipeline([step])
}

test_goreleaser_in_docker_plugin_fails if {
	# buildkite-plugins/monorepo-diff pipeline.release.yml: goreleaser image with `command: [release, --clean]`.
	plugin := testing.plugin("docker", "v5.14.0", {"image": "goreleaser/goreleaser:v2.17.1", "command": ["release", "--clean"]})
	step := testing.command_step({"label": ":rocket: :github: Release", "key": "release", "plugins": [plugin]})
	findings := deny_for([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 0], "docker"]}
}

test_release_script_not_detected if {
	# buildkite/cli pipeline.release.yml: the publishing happens inside `.buildkite/release.sh`, which the rule cannot see.
	release_without_provenance.not_applicable with input as testing.pipeline([cmd(":rocket: :github: release", [".buildkite/release.sh release --clean"])])
}

test_each_publish_command_reported if {
	group := testing.step("group", {"steps": [cmd("npm", ["npm ci", "npm publish"])]})
	paths([cmd("image", ["docker push a", "docker push b"]), group]) == {
		["steps", 0, "commands", 0],
		["steps", 0, "commands", 1],
		["steps", 1, "steps", 0, "commands", 1],
	}
}

test_custom_publish_patterns if {
	findings := release_without_provenance.deny with input as testing.pipeline([cmd("ship", ["./scripts/ship-artifacts.sh"])])
		with data.config.rules as {"pipeline/release_without_provenance": {"publish_patterns": ["ship-artifacts"]}}
	count(findings) == 1
}

test_custom_provenance_patterns if {
	count(release_without_provenance.deny) == 0 with input as testing.pipeline([cmd("push", ["docker push x", "./attest.sh"])])
		with data.config.rules as {"pipeline/release_without_provenance": {"provenance_patterns": ["attest\\.sh"]}}
}

test_every_default_pattern_has_hints if {
	every pattern in release_without_provenance.knobs.publish_patterns {
		hints.needles([pattern], release_without_provenance.publish_hints) != null
	}
	hints.needles(release_without_provenance.knobs.dry_run_patterns, release_without_provenance.dry_run_hints) != null
	hints.needles(release_without_provenance.knobs.provenance_patterns, release_without_provenance.provenance_hints) != null
	hints.needles(release_without_provenance.knobs.publish_plugin_patterns, release_without_provenance.plugin_hints) != null
	hints.needles(release_without_provenance.knobs.provenance_plugin_patterns, release_without_provenance.plugin_hints) != null
}

test_custom_publish_pattern_beside_defaults if {
	findings := release_without_provenance.deny with input as testing.pipeline([cmd("ship", ["./scripts/ship-artifacts.sh", "docker push a"])])
		with data.config.rules as {"pipeline/release_without_provenance": {"publish_patterns": ["ship-artifacts", `(?i)\b(docker|podman|buildah)\s+(image\s+)?push\b`]}}
	{f.path | some f in findings} == {["steps", 0, "commands", 0], ["steps", 0, "commands", 1]}
}

test_case_folded_publish_command if {
	paths([cmd("release", ["DOCKER PUSH acme/app", "doc\u212Aer push acme/app"])]) == {["steps", 0, "commands", 0], ["steps", 0, "commands", 1]}
}

test_push_to_a_private_registry_is_not_a_release if {
	ecr := "239595706494.dkr.ecr.us-west-2.amazonaws.com/monofo:node-main"
	release_without_provenance.not_applicable with input as testing.pipeline([cmd("image", [
		concat(" ", ["docker tag app", ecr]),
		concat(" ", ["docker push", ecr]),
		"docker push europe-docker.pkg.dev/acme/ci/app:1",
	])])
	inp := json.patch(testing.pipeline([cmd("image", ["docker push \"${NODE_IMAGE_TAG}\""])]), [{"op": "add", "path": "/pipeline/env", "value": {"NODE_IMAGE_TAG": ecr}}])
	release_without_provenance.not_applicable with input as inp
	count(deny_for([cmd("image", ["docker push \"${NODE_IMAGE_TAG}\""])])) == 1
}

test_goreleaser_gpg_fingerprint_signs if {
	count(deny_for([cmd("release", ["export GPG_FINGERPRINT=$$(gpg --list-secret-keys --with-colons | awk -F: '/^fpr/ {print $$10}')", "goreleaser release --clean"])])) == 0
	count(deny_for([cmd("release", ["goreleaser release --clean"])])) == 1
}

# A plugin run that publishes shows the plugin's name as evidence, its line when it has no name.
test_plugin_run_evidence_is_its_name_else_its_line if {
	plugin := testing.plugin("docker", "v5.11.0", {"image": "node:20", "command": ["npm publish"]})
	named := testing.command_step({"label": "publish", "plugins": [plugin]})
	{f.evidence | some f in deny_for([named])} == {plugin.name}
	nameless := testing.command_step({"label": "publish", "plugins": [object.union(plugin, {"name": null})]})
	{f.evidence | some f in deny_for([nameless])} == {"npm publish"}
}
