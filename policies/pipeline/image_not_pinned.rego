# METADATA
# title: Container image not pinned by digest
# description: |
#   A container image the pipeline runs is referenced by a tag (or no tag) instead
#   of an immutable `@sha256:` digest, so a re-pushed tag silently changes what runs.
#   Checked: the step `image` (hosted agents, agent-stack-k8s), the pipeline-level
#   `image` when the parser keeps it, the docker plugin's `image`, and the containers,
#   init containers and sidecars of the agent-stack-k8s `kubernetes` plugin. Images
#   given by a variable (`$VAR`, `${VAR}`) or a matrix value (`{{matrix…}}`) are
#   skipped; docker-compose images are defined in compose files and not checked here.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/best-practices/docker-containerized-builds
#     description: Docker-based builds with the Docker and Docker Compose plugins
# custom:
#   id: pipeline/image_not_pinned
#   severity: medium
#   area: 8
#   target: pipeline
#   remediation: >-
#     Reference images by digest, for example `golang:1.22@sha256:<digest>` (keep the
#     tag for readability), and let a dependency bot update the digest.
#   config:
#     allowed_unpinned:
#       default: []
#       description: Image name prefixes that may be used without a digest, e.g. `registry.internal/ci/`.
package pipeline.image_not_pinned

import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

docker_plugin := "github.com/buildkite-plugins/docker-buildkite-plugin"

# images: every container image reference with the JSON path of its value.
images contains {"path": array.concat(entry.path, ["extra", "image"]), "image": entry.step.extra.image} if {
	some entry in pipeline.command_steps
}

# The pipeline-level `image:` (only present when the parser keeps top-level extras).
images contains {"path": ["extra", "image"], "image": input.pipeline.extra.image}

images contains {"path": array.concat(entry.path, ["plugins", k, "config", "image"]), "image": plugin.config.image} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	plugin.source == docker_plugin
}

images contains {"path": array.concat(base, [i, "image"]), "image": container.image} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	kubernetes_plugin(plugin)
	is_object(plugin.config)
	some field in [["podSpec", "containers"], ["podSpec", "initContainers"], ["podSpecPatch", "containers"], ["podSpecPatch", "initContainers"], ["sidecars"]]
	some i, container in object.get(plugin.config, field, [])
	base := array.concat(array.concat(entry.path, ["plugins", k, "config"]), field)
}

# kubernetes_plugin: the agent-stack-k8s `kubernetes` plugin, interpreted by the controller.
kubernetes_plugin(plugin) if plugin.name == "kubernetes"

pinned(image) if regex.match(`@sha256:[0-9a-f]{64}$`, image)

# dynamic images are only known at run time.
dynamic(image) if contains(image, "$")

dynamic(image) if contains(image, "{{")

allowed(image) if {
	some prefix in knobs.allowed_unpinned
	startswith(image, prefix)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("image `%s` is not pinned by `@sha256:` digest", [ref.image]),
	ref.path,
	ref.image,
) if {
	some ref in images
	is_string(ref.image)
	not pinned(ref.image)
	not dynamic(ref.image)
	not allowed(ref.image)
}
