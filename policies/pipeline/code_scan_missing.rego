# METADATA
# title: Code scanning missing
# description: |
#   No step of the pipeline runs static application security testing (SAST):
#   semgrep, CodeQL, SonarQube, gosec, bandit, brakeman, njsscan, `snyk code test`,
#   SpotBugs/FindSecBugs, IaC scanners such as checkov, or a SAST plugin.
#   Linters such as golangci-lint or eslint do not count unless a security ruleset
#   is named. Pipelines that only upload another pipeline definition are not applicable.
# related_resources:
#   - ref: https://buildkite.com/resources/plugins/buildkite-plugins/snyk-buildkite-plugin
#     description: "Snyk plugin: `scan: code` runs Snyk Code SAST"
# custom:
#   id: pipeline/code_scan_missing
#   severity: medium
#   area: 8
#   target: pipeline
#   scope: repository
#   remediation: >-
#     Add a step that runs a SAST tool on the source, for example `semgrep ci` or the
#     Snyk plugin with `scan: code`, and fail the build on high-severity results.
#   config:
#     sast_patterns:
#       default:
#         - "\\bsemgrep\\b"
#         - "(?i)\\bcodeql\\b"
#         - "(?i)\\bsonar"
#         - "\\bgosec\\b"
#         - "\\bbandit\\b"
#         - "\\bbrakeman\\b"
#         - "\\bnjsscan\\b"
#         - "eslint-plugin-security"
#         - "\\bsnyk\\s+code\\b"
#         - "snyk-buildkite-plugin scan=code$"
#         - "(?i)\\b(spotbugs|findsecbugs)\\b"
#         - "\\b(checkov|tfsec|kics)\\b"
#         - "\\bhorusec\\b"
#         - "\\bbearer\\s+scan\\b"
#         - "(?i)\\b(checkmarx|veracode|fortify|sourceanalyzer|coverity|cov-analyze)\\b"
#         - "\\bflawfinder\\b"
#         - "(?i)(^|[^a-z])sast([^a-z]|$)"
#       description: >-
#         Regular expressions; a step runs SAST when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
package pipeline.code_scan_missing

import data.lib.findings
import data.lib.scans

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not scans.does_work

deny contains findings.finding(
	rego.metadata.chain(),
	"no pipeline file of the repository runs static code analysis (SAST); add a step that does (e.g. `semgrep scan --error`, CodeQL, `gosec ./...`)",
	["steps"],
	"steps",
) if {
	scans.does_work
	count(scans.hinted(knobs.sast_patterns, sast_hints)) == 0
}

# sast_hints: for each default SAST pattern, lower-case literals one of which every match contains.
sast_hints := {
	`\bsemgrep\b`: ["semgrep"],
	`(?i)\bcodeql\b`: ["codeql"],
	`(?i)\bsonar`: ["sonar"],
	`\bgosec\b`: ["gosec"],
	`\bbandit\b`: ["bandit"],
	`\bbrakeman\b`: ["brakeman"],
	`\bnjsscan\b`: ["njsscan"],
	`eslint-plugin-security`: ["eslint-plugin-security"],
	`\bsnyk\s+code\b`: ["snyk"],
	`snyk-buildkite-plugin scan=code$`: ["snyk"],
	`(?i)\b(spotbugs|findsecbugs)\b`: ["spotbugs", "findsecbugs"],
	`\b(checkov|tfsec|kics)\b`: ["checkov", "tfsec", "kics"],
	`\bhorusec\b`: ["horusec"],
	`\bbearer\s+scan\b`: ["bearer"],
	`(?i)\b(checkmarx|veracode|fortify|sourceanalyzer|coverity|cov-analyze)\b`: ["checkmarx", "veracode", "fortify", "sourceanalyzer", "coverity", "cov-analyze"],
	`\bflawfinder\b`: ["flawfinder"],
	`(?i)(^|[^a-z])sast([^a-z]|$)`: ["sast"],
}
