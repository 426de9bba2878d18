# METADATA
# title: Built images not scanned
# description: |
#   The pipeline builds or pushes container images (`docker build`, `docker buildx`,
#   `docker push`, buildah, kaniko, podman, ko, Jib, buildpacks, the docker-compose
#   plugin's `build`/`push`, image-publishing plugins and scripts) but no step scans
#   an image for vulnerabilities (`trivy image`, grype, `snyk container`, Docker
#   Scout, ECR image scanning, container scanning plugins). Only pipelines that ship an
#   image count (a push, a builder that pushes by default such as kaniko, ko or Jib, or an
#   image-publishing plugin or script whose inside is not visible): an image built only to
#   test in the job (`docker build` with no push anywhere) goes nowhere. Not applicable when
#   nothing builds and ships an image. The finding points at the first build or push.
# related_resources:
#   - ref: https://buildkite.com/resources/plugins/equinixmetal-buildkite/trivy-buildkite-plugin
#     description: Trivy plugin for Buildkite (image scanning)
# custom:
#   id: pipeline/container_scan_missing
#   severity: high
#   area: 8
#   target: pipeline
#   scope: repository
#   remediation: >-
#     Scan every image the pipeline builds before it is pushed or deployed, for example
#     `trivy image --exit-code 1 --severity HIGH,CRITICAL <image>` or `grype <image> --fail-on high`.
#   config:
#     image_build_patterns:
#       default:
#         - "\\bdocker\\s+(image\\s+)?(build|push)\\b"
#         - "\\bdocker\\s+buildx\\s+(build|bake)\\b"
#         - "\\bdocker[- ]compose\\b.*\\spush\\b"
#         - "\\bbuildah\\s+(bud|build|push)\\b"
#         - "\\bpodman\\s+(build|push)\\b"
#         - "\\bnerdctl\\s+(build|push)\\b"
#         - "(?i)\\bkaniko\\b"
#         - "\\bko\\s+(build|publish)\\b"
#         - "\\bjib(:build|DockerBuild)\\b"
#         - "\\bgradlew?\\b.*\\sjib\\b"
#         - "\\bpack\\s+build\\b"
#         - "\\bdepot\\s+(build|bake)\\b"
#         - "(?i)(?:^|[\\s./])(build|push|publish)[-_](docker[-_])?images?\\b"
#         - "(?i)(?:^|[\\s./_-])docker[-_](build|push|publish)\\b"
#         - "docker-compose-buildkite-plugin (build|push)$"
#         - "(?i)(docker-ecr-publish|ecr-push|image-push|build-and-push|kaniko|buildah|buildx)[^/ ]*$"
#       description: >-
#         Regular expressions; a step builds or pushes an image when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
#     image_ship_patterns:
#       default:
#         - "\\b(docker|podman|buildah|nerdctl)\\s+(image\\s+)?push\\b"
#         - "\\bdocker\\s+buildx\\s+(build|bake)\\b.*\\s(--push\\b|--output[= ]type=registry\\b)"
#         - "\\bdocker[- ]compose\\b.*\\spush\\b"
#         - "(?i)\\bkaniko\\b"
#         - "\\bko\\s+(build|publish)\\b"
#         - "\\bjib:build\\b"
#         - "\\bgradlew?\\b.*\\sjib\\b"
#         - "\\bpack\\s+build\\b.*\\s--publish\\b"
#         - "\\bdepot\\s+(build|bake)\\b.*\\s--push\\b"
#         - "\\b(crane|skopeo)\\s+(push|copy|cp)\\b"
#         - "(?i)(?:^|[\\s./])(build|push|publish)[-_](docker[-_])?images?\\b"
#         - "(?i)(?:^|[\\s./_-])docker[-_](build|push|publish)\\b"
#         - "docker-compose-buildkite-plugin push$"
#         - "(?i)(docker-ecr-publish|ecr-push|image-push|build-and-push|kaniko)[^/ ]*$"
#       description: >-
#         Regular expressions for what ships an image out of the job (same texts as `image_build_patterns`);
#         a pipeline that builds images but matches none of these is not reported.
#     container_scan_patterns:
#       default:
#         - "\\btrivy\\b.*\\simage\\b"
#         - "\\btrivy\\s+i\\s"
#         - "\\bgrype\\b"
#         - "\\bsnyk\\s+container\\b"
#         - "snyk-buildkite-plugin scan=container$"
#         - "\\bdocker\\s+(scout|scan)\\b"
#         - "\\bclair(ctl|-scanner)?\\b"
#         - "\\btwistcli\\s+images\\s+scan\\b"
#         - "\\bjf\\s+docker\\s+scan\\b"
#         - "\\bwizcli\\s+docker\\s+scan\\b"
#         - "\\becr\\s+(start-image-scan|describe-image-scan-findings|wait\\s+image-scan-complete)\\b"
#         - "(?i)(trivy|grype|anchore|ecr-scan|image-scan|container-scan|gokakashi)[^/ ]*$"
#       description: >-
#         Regular expressions; a step scans an image when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
package pipeline.container_scan_missing

import data.lib.findings
import data.lib.scans

knobs := findings.knobs(rego.metadata.chain())

builds := scans.hinted(knobs.image_build_patterns, build_hints)

ships := scans.hinted(knobs.image_ship_patterns, ship_hints)

# Not applicable unless an image is built and shipped: then a pass means the pipeline scans images.
not_applicable if count(builds) == 0

not_applicable if count(ships) == 0

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`%s` builds or pushes a container image, but no step scans images for vulnerabilities; scan each image before it is pushed (e.g. `trivy image --exit-code 1 <image>`)", [first.evidence]),
	first.path,
	first.evidence,
) if {
	count(builds) > 0
	count(ships) > 0
	count(scans.hinted(knobs.container_scan_patterns, scan_hints)) == 0
	first := scans.first(builds)
}

# build_hints: for each default image build pattern, lower-case literals one of which every match contains.
build_hints := {
	`\bdocker\s+(image\s+)?(build|push)\b`: ["docker"],
	`\bdocker\s+buildx\s+(build|bake)\b`: ["docker"],
	`\bdocker[- ]compose\b.*\spush\b`: ["docker"],
	`\bbuildah\s+(bud|build|push)\b`: ["buildah"],
	`\bpodman\s+(build|push)\b`: ["podman"],
	`\bnerdctl\s+(build|push)\b`: ["nerdctl"],
	`(?i)\bkaniko\b`: ["kaniko"],
	`\bko\s+(build|publish)\b`: ["ko"],
	`\bjib(:build|DockerBuild)\b`: ["jib"],
	`\bgradlew?\b.*\sjib\b`: ["jib"],
	`\bpack\s+build\b`: ["pack"],
	`\bdepot\s+(build|bake)\b`: ["depot"],
	`(?i)(?:^|[\s./])(build|push|publish)[-_](docker[-_])?images?\b`: ["image"],
	`(?i)(?:^|[\s./_-])docker[-_](build|push|publish)\b`: ["docker"],
	`docker-compose-buildkite-plugin (build|push)$`: ["docker"],
	`(?i)(docker-ecr-publish|ecr-push|image-push|build-and-push|kaniko|buildah|buildx)[^/ ]*$`: ["docker-ecr-publish", "ecr-push", "image-push", "build-and-push", "kaniko", "buildah", "buildx"],
}

# ship_hints: for each default image ship pattern, lower-case literals one of which every match contains.
ship_hints := {
	`\b(docker|podman|buildah|nerdctl)\s+(image\s+)?push\b`: ["push"],
	`\bdocker\s+buildx\s+(build|bake)\b.*\s(--push\b|--output[= ]type=registry\b)`: ["buildx"],
	`\bdocker[- ]compose\b.*\spush\b`: ["push"],
	`(?i)\bkaniko\b`: ["kaniko"],
	`\bko\s+(build|publish)\b`: ["ko"],
	`\bjib:build\b`: ["jib:build"],
	`\bgradlew?\b.*\sjib\b`: ["jib"],
	`\bpack\s+build\b.*\s--publish\b`: ["--publish"],
	`\bdepot\s+(build|bake)\b.*\s--push\b`: ["--push"],
	`\b(crane|skopeo)\s+(push|copy|cp)\b`: ["crane", "skopeo"],
	`(?i)(?:^|[\s./])(build|push|publish)[-_](docker[-_])?images?\b`: ["image"],
	`(?i)(?:^|[\s./_-])docker[-_](build|push|publish)\b`: ["docker"],
	`docker-compose-buildkite-plugin push$`: ["push"],
	`(?i)(docker-ecr-publish|ecr-push|image-push|build-and-push|kaniko)[^/ ]*$`: ["docker-ecr-publish", "ecr-push", "image-push", "build-and-push", "kaniko"],
}

# scan_hints: for each default container scan pattern, lower-case literals one of which every match contains.
scan_hints := {
	`\btrivy\b.*\simage\b`: ["trivy"],
	`\btrivy\s+i\s`: ["trivy"],
	`\bgrype\b`: ["grype"],
	`\bsnyk\s+container\b`: ["snyk"],
	`snyk-buildkite-plugin scan=container$`: ["snyk"],
	`\bdocker\s+(scout|scan)\b`: ["scout", "scan"],
	`\bclair(ctl|-scanner)?\b`: ["clair"],
	`\btwistcli\s+images\s+scan\b`: ["twistcli"],
	`\bjf\s+docker\s+scan\b`: ["scan"],
	`\bwizcli\s+docker\s+scan\b`: ["wizcli"],
	`\becr\s+(start-image-scan|describe-image-scan-findings|wait\s+image-scan-complete)\b`: ["image-scan"],
	`(?i)(trivy|grype|anchore|ecr-scan|image-scan|container-scan|gokakashi)[^/ ]*$`: ["trivy", "grype", "anchore", "ecr-scan", "image-scan", "container-scan", "gokakashi"],
}
