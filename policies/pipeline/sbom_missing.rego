# METADATA
# title: SBOM not generated
# description: |
#   No step of the pipeline generates a software bill of materials (syft, cdxgen,
#   CycloneDX tools, `npm sbom`, `docker sbom`, BuildKit `--sbom` attestations,
#   `trivy --format cyclonedx|spdx`, SBOM plugins). Without one, a newly disclosed
#   vulnerability cannot be traced to the builds that shipped it. Only pipelines that
#   ship something need one: they publish a package or release, push an image, or
#   deploy (as `release_without_provenance`, `container_scan_missing` and
#   `deploy_without_verification` recognize them, with their knobs); others are not
#   applicable.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/best-practices/plugin-management
#     description: Plugin management, including standard security and compliance steps
# custom:
#   id: pipeline/sbom_missing
#   severity: medium
#   area: 8
#   target: pipeline
#   scope: repository
#   remediation: >-
#     Add a step that generates an SBOM for what the pipeline ships, for example
#     `syft dir:. -o cyclonedx-json=sbom.json` or `docker buildx build --sbom=true`,
#     and keep it as a build artifact.
#   config:
#     sbom_patterns:
#       default:
#         - "(?i)sbom"
#         - "\\bsyft\\b"
#         - "\\bcdxgen\\b"
#         - "(?i)cyclonedx"
#         - "(?i)(--format|--output|-f|-o)[ =]+['\"]?spdx"
#         - "\\bbom\\s+generate\\b"
#       description: >-
#         Regular expressions; a step generates an SBOM when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
package pipeline.sbom_missing

import data.lib.findings
import data.lib.scans
import data.pipeline.container_scan_missing
import data.pipeline.deploy_without_verification
import data.pipeline.release_without_provenance

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not ships

# ships: the pipeline publishes, pushes an image or deploys.
ships if count(release_without_provenance.publish_sites) > 0

ships if count(container_scan_missing.ships) > 0

ships if count(deploy_without_verification.deploy_steps) > 0

deny contains findings.finding(
	rego.metadata.chain(),
	"the pipeline ships something but no pipeline file of the repository generates an SBOM (software bill of materials); add a step that does (e.g. `syft dir:. -o cyclonedx-json`)",
	["steps"],
	"steps",
) if {
	ships
	count(scans.hinted(knobs.sbom_patterns, sbom_hints)) == 0
}

# sbom_hints: for each default SBOM pattern, lower-case literals one of which every match contains.
sbom_hints := {
	`(?i)sbom`: ["sbom"],
	`\bsyft\b`: ["syft"],
	`\bcdxgen\b`: ["cdxgen"],
	`(?i)cyclonedx`: ["cyclonedx"],
	`(?i)(--format|--output|-f|-o)[ =]+['"]?spdx`: ["spdx"],
	`\bbom\s+generate\b`: ["generate"],
}
