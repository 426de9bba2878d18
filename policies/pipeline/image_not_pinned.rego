# METADATA
# title: Container image not pinned by digest
# description: |
#   A container image the pipeline runs is referenced by a tag (or no tag) instead
#   of an immutable `@sha256:` digest, so a re-pushed tag silently changes what runs.
#   Checked: the step `image` (hosted agents, agent-stack-k8s), the pipeline-level
#   `image`, an `image` agent tag that is a registry path, the `image` of the docker
#   plugin and of other container-running plugins (`image_plugins`, and plugins loaded
#   from a variable), the containers, init containers and sidecars of the agent-stack-k8s
#   `kubernetes` plugin, and `docker run` / `docker pull` / `docker create` in commands
#   (an image given as `$VAR` is resolved from the file's `env` or a `VAR=…` in the same
#   step when that is a literal). A bare name without registry or tag (`ubuntu`) is as
#   unpinned as `ubuntu:latest`. Images still given by a variable (`$VAR`, `${VAR}`) or
#   a matrix value (`{{matrix…}}`) are skipped, and so are images the pipeline builds
#   itself (`docker build -t NAME`, `docker tag … NAME`); docker-compose images are
#   defined in compose files and not checked here.
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
#     image_plugins:
#       default: ["docker", "k8s", "k8s-job", "docker-run"]
#       description: Plugins (short name, without `-buildkite-plugin`) whose `image` setting is a container the step runs.
package pipeline.image_not_pinned

import data.lib.findings
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

docker_plugin := "github.com/buildkite-plugins/docker-buildkite-plugin"

# images: every container image reference with the JSON path of its value, the image, and
# the evidence that locates it (the image as written, or the docker command line).
images contains {"path": array.concat(entry.path, ["extra", "image"]), "image": entry.step.extra.image, "evidence": entry.step.extra.image, "from": ""} if {
	some entry in pipeline.command_steps
}

# The pipeline-level `image:` (hosted agents).
images contains {"path": ["extra", "image"], "image": input.pipeline.extra.image, "evidence": input.pipeline.extra.image, "from": ""}

# An `image` agent tag holding a registry path or tag (agent-stack-k8s), pipeline-level or per step.
images contains {"path": ["agents", "image"], "image": image, "evidence": image, "from": ""} if {
	image := input.pipeline.agents.image
	registry_reference(image)
}

images contains {"path": array.concat(entry.path, ["agents", "image"]), "image": image, "evidence": image, "from": ""} if {
	some entry in pipeline.command_steps
	image := entry.step.agents.image
	registry_reference(image)
}

images contains {"path": array.concat(entry.path, ["plugins", k, "config", "image"]), "image": plugin.config.image, "evidence": plugin.config.image, "from": ""} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	container_plugin(plugin)
	is_object(plugin.config)
}

images contains {"path": array.concat(base, [i, "image"]), "image": container.image, "evidence": container.image, "from": ""} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
	kubernetes_plugin(plugin)
	is_object(plugin.config)
	some field in [["podSpec", "containers"], ["podSpec", "initContainers"], ["podSpecPatch", "containers"], ["podSpecPatch", "initContainers"], ["sidecars"]]
	some i, container in object.get(plugin.config, field, [])
	base := array.concat(array.concat(entry.path, ["plugins", k, "config"]), field)
}

# `docker run|create|pull IMAGE` in a command line; `$VAR` resolved when the file gives it a literal.
images contains {"path": c.path, "image": image, "evidence": d.command, "from": from(d.operand, image)} if {
	some c in pipeline.commands
	contains(c.text, "docker")
	some d in docker_commands(c.text)
	image := resolve(d.operand, c.step)
	image_reference(image)
}

# built_images: image names the pipeline's own commands build (`docker build -t NAME`,
# `docker buildx build --tag NAME`, `docker tag SRC NAME`): local images a digest cannot pin.
built_images contains trim(m[1], `"'`) if {
	some c in pipeline.commands
	contains(c.text, "docker")
	contains(c.text, "build")
	some m in regex.find_all_string_submatch_n(`\bdocker\s+(?:buildx\s+|image\s+)?build\b[^;&|\n]*?\s(?:-t|--tag)[=\s]+("[^"]+"|'[^']+'|[^\s;&|]+)`, c.text, -1)
}

built_images contains trim(m[1], `"'`) if {
	some c in pipeline.commands
	contains(c.text, "docker")
	some m in regex.find_all_string_submatch_n(`\bdocker\s+(?:image\s+)?tag\s+\S+\s+("[^"]+"|'[^']+'|[^\s;&|]+)`, c.text, -1)
}

# container_plugin: the docker plugin, a plugin listed in image_plugins, or a plugin loaded from
# a variable (its own test pipeline) that is given an image.
container_plugin(plugin) if plugin.source == docker_plugin

container_plugin(plugin) if secrets.plugin_in(plugin, knobs.image_plugins)

container_plugin(plugin) if {
	plugin.dynamic
	contains(plugin.name, "$")
}

# docker_commands: each `docker run|create|pull` in text (comment lines skipped), with the
# command as written up to the next shell separator and its image operand as written.
docker_commands(text) := {{"command": trim_space(m[0]), "operand": operand} |
	some line in split(text, "\n")
	contains(line, "docker")
	not startswith(trim_space(line), "#")
	some m in regex.find_all_string_submatch_n(`\bdocker\s+(?:(?:container|image)\s+)?(?:run|create|pull)\s+([^;&|\n]*)`, line, -1)
	operand := first_operand(m[1])
}

# first_operand: the first argument that is neither an option nor an option's value; a
# quoted argument is one token even when it holds spaces.
first_operand(args) := trim(tokens[i], `"'`) if {
	tokens := [m[0] | some m in regex.find_all_string_submatch_n(`"[^"]*"|'[^']*'|[^\s"']+`, args, -1)]
	i := min({j | some j, t in tokens; operand_at(tokens, j)})
}

operand_at(tokens, 0) if not startswith(tokens[0], "-")

operand_at(tokens, j) if {
	j > 0
	not startswith(tokens[j], "-")
	not value_option(tokens[j - 1])
}

# value_option: an option written without `=` that takes the next argument as its value.
value_option(flag) if {
	startswith(flag, "-")
	not contains(flag, "=")
	flag in value_options
}

value_options := {
	"-e", "--env", "-v", "--volume", "-w", "--workdir", "-u", "--user", "-p", "--publish", "--name",
	"--network", "--net", "-l", "--label", "--mount", "--entrypoint", "--platform", "--env-file",
	"--add-host", "--cpus", "-m", "--memory", "-h", "--hostname", "--shm-size", "--ulimit", "--device",
	"--cap-add", "--cap-drop", "--security-opt", "--tmpfs", "--volumes-from", "--log-driver", "--log-opt",
	"--restart", "--pull", "--gpus", "--ipc", "--pid", "--dns", "--cidfile", "--group-add", "--link",
	"--expose", "--runtime", "--label-file", "--userns", "--uts", "--memory-swap", "-c", "--cpu-shares",
	"--cpuset-cpus", "--stop-signal", "--health-cmd", "--isolation", "--cgroupns", "--attach", "-a",
}

# resolve: an operand as written, or the literal value a `$VAR` operand has in the file.
resolve(operand, _) := operand if not startswith(operand, "$")

resolve(operand, entry) := value if {
	startswith(operand, "$")
	name := variable_name(operand)
	values := literal_values(name, entry)
	count(values) == 1
	some value in values
}

# variable_name: `NAME` of `$NAME`, `$${NAME}`, `${NAME}`; undefined for anything more.
variable_name(operand) := m[1] if {
	some m in regex.find_all_string_submatch_n(`^\$+\{?([A-Za-z_][A-Za-z0-9_]*)\}?$`, operand, 1)
}

# literal_values: the values the step's environment or an assignment in its commands gives name.
literal_values(name, entry) := {v |
	some v in array.concat([object.get(pipeline.env_of(entry.step), name, null)], assigned(name, entry))
	is_string(v)
	not contains(v, "$")
	v != ""
}

assigned(name, entry) := [trim(m[2], `"'`) |
	some text in entry.step.commands
	contains(text, concat("", [name, "="]))
	some m in regex.find_all_string_submatch_n(`(?:^|[\s;&|])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=([^\s;&|]+)`, text, -1)
	m[1] == name
]

from(operand, image) := "" if operand == image

from(operand, image) := sprintf(" (`%s`)", [operand]) if operand != image

# image_reference: text shaped like a Docker image reference (registry, path, tag, digest).
image_reference(text) if regex.match(`^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[0-9a-f]{64})?$`, text)

# registry_reference: an image reference naming a registry path or a tag, not a plain word.
registry_reference(text) if {
	is_string(text)
	regex.match(`[/:]`, text)
	image_reference(text)
}

# kubernetes_plugin: the agent-stack-k8s `kubernetes` plugin, interpreted by the controller.
kubernetes_plugin(plugin) if plugin.name == "kubernetes"

# pinned: the image ends in an `@sha256:` digest (matched only when it holds `@sha256:`).
pinned(image) if {
	contains(image, "@sha256:")
	regex.match(`@sha256:[0-9a-f]{64}$`, image)
}

# dynamic images are only known at run time.
dynamic(image) if contains(image, "$")

dynamic(image) if contains(image, "{{")

allowed(image) if {
	some prefix in knobs.allowed_unpinned
	startswith(image, prefix)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("image `%s`%s is not pinned by `@sha256:` digest; pin it as `name:tag@sha256:<digest>`", [ref.image, ref.from]),
	ref.path,
	ref.evidence,
) if {
	some ref in images
	is_string(ref.image)
	not ref.image in built_images
	not pinned(ref.image)
	not dynamic(ref.image)
	not allowed(ref.image)
}
