# METADATA
# title: Dependency scanning missing
# description: |
#   No step of the pipeline scans its dependencies for known vulnerabilities or
#   malicious packages: Trivy, Grype, OSV-Scanner, Snyk Open Source, Sonatype Nexus IQ,
#   `npm`/`yarn`/`pnpm audit`, `pip-audit`, `safety`, `cargo audit`/`cargo deny`,
#   `govulncheck`, `bundle audit`, OWASP Dependency-Check, or a scanner plugin. A step
#   whose label or key names a scanner (`:lock: govulncheck` running `mise run vulncheck`)
#   counts too. Not applicable when the pipeline runs no command step, or only loads
#   another pipeline (`buildkite-agent pipeline upload`): the scan belongs, and is
#   checked, in the pipeline it loads. Scanners in pipelines uploaded at run time by a
#   step that also does other work are not seen.
# related_resources:
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#   - ref: https://buildkite.com/resources/plugins/buildkite-plugins/snyk-buildkite-plugin
# custom:
#   id: pipeline/dependency_scan_missing
#   severity: medium
#   area: 2
#   target: pipeline
#   scope: repository
#   remediation: >-
#     Add a step that scans the lockfiles on every build, for example `osv-scanner scan -r .`,
#     `trivy fs --exit-code 1 .` or the Snyk plugin with `scan: oss`, and let it fail the build.
#   config:
#     scanner_patterns:
#       description: >-
#         Regular expressions; a step scans dependencies when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
#       default:
#         - '\btrivy\b(?:\s+--?\S+(?:\s+[^-\s]\S*)?)*\s+(?:fs|filesystem|repo|repository|image|sbom|rootfs)\b'
#         - '\bgrype\b'
#         - '\bosv-scanner\b'
#         - '\bsnyk\s+(?:container\s+)?test\b'
#         - 'snyk-buildkite-plugin scan=(?:oss|container)$'
#         - '(?i)\bnexus-iq-cli\b'
#         - '\bnpm\s+audit\b'
#         - '\byarn\s+(?:npm\s+)?audit\b'
#         - '\bpnpm\s+audit\b'
#         - '\bbun\s+audit\b'
#         - '\bpip-audit\b'
#         - '\bsafety\s+(?:check|scan)\b'
#         - '\bcargo[\s-]+(?:audit|deny)\b'
#         - '\bgovulncheck\b'
#         - '\bbundle(?:\s+exec\s+bundle)?[\s-]+audit\b'
#         - '\bbundler-audit\b'
#         - '\bcomposer\s+audit\b'
#         - '\bmix\s+(?:deps|hex)\.audit\b'
#         - '\bdotnet\s+list\b.*\s--vulnerable\b'
#         - '(?i)\bdependency-?check'
#         - '\bossindex:audit\b'
#         - '\bnancy\s+sleuth\b'
#         - '\b(?:jf|jfrog)\s+(?:audit|scan)\b'
#         - '(?i)\bimage=\S*(?:aquasec/trivy|anchore/grype|google/osv-scanner|snyk/snyk|owasp/dependency-check|sonatype/nexus-iq-cli)'
#         - '(?i)^\S*/(?:[^/\s]*-)?(?:trivy|grype|anchore|osv-scanner|sonatype|nexus-iq|dependency-check|ecr-scan-results|blackduck|mend|whitesource|xray)(?:-[^/\s]*)?$'
#     scanner_labels:
#       description: Regular expressions on the label or key of a command or trigger step (and a trigger's pipeline slug) that name a dependency scanner.
#       default:
#         - '(?i)\b(?:govulncheck|trivy|grype|osv-scanner|snyk|pip-audit|cargo[- ](?:audit|deny)|(?:npm|yarn|pnpm) audit|bundler?[- ]audit|dependency[- ]?(?:check|scan|audit)|vulnerabilit(?:y|ies) scan)'
package pipeline.dependency_scan_missing

import data.lib.findings
import data.lib.hints
import data.lib.pipeline
import data.lib.scans

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not scans.does_work

deny contains findings.finding(
	rego.metadata.chain(),
	"no pipeline file of the repository scans dependencies for known vulnerabilities; add a step that does (e.g. `osv-scanner -r .`, `trivy fs --scanners vuln .`, `npm audit`, `govulncheck ./...`)",
	["steps"],
	"steps",
) if {
	scans.does_work
	count(scans.hinted(knobs.scanner_patterns, scanner_hints)) == 0
	not labelled_scanner
}

# labelled_scanner: a command or trigger step whose label, key or trigger slug names a scanner.
labelled_scanner if {
	some entry in pipeline.steps
	entry.step.type in {"command", "trigger"}
	some text in [entry.step.label, entry.step.key, entry.step.trigger]
	hints.matches(pipeline.text_or_empty(text), label_matcher)
}

# label_matcher: the label patterns with their literal prefilter (lib.hints.matcher), built once.
label_matcher := hints.matcher(knobs.scanner_labels, label_hints)

# scanner_hints: for each default scanner pattern, lower-case literals one of which every match contains.
scanner_hints := {
	`\btrivy\b(?:\s+--?\S+(?:\s+[^-\s]\S*)?)*\s+(?:fs|filesystem|repo|repository|image|sbom|rootfs)\b`: ["trivy"],
	`\bgrype\b`: ["grype"],
	`\bosv-scanner\b`: ["osv-scanner"],
	`\bsnyk\s+(?:container\s+)?test\b`: ["snyk"],
	`snyk-buildkite-plugin scan=(?:oss|container)$`: ["snyk-buildkite-plugin scan="],
	`(?i)\bnexus-iq-cli\b`: ["nexus-iq-cli"],
	`\bnpm\s+audit\b`: ["audit"],
	`\byarn\s+(?:npm\s+)?audit\b`: ["audit"],
	`\bpnpm\s+audit\b`: ["audit"],
	`\bbun\s+audit\b`: ["audit"],
	`\bpip-audit\b`: ["pip-audit"],
	`\bsafety\s+(?:check|scan)\b`: ["safety"],
	`\bcargo[\s-]+(?:audit|deny)\b`: ["cargo"],
	`\bgovulncheck\b`: ["govulncheck"],
	`\bbundle(?:\s+exec\s+bundle)?[\s-]+audit\b`: ["audit"],
	`\bbundler-audit\b`: ["bundler-audit"],
	`\bcomposer\s+audit\b`: ["audit"],
	`\bmix\s+(?:deps|hex)\.audit\b`: [".audit"],
	`\bdotnet\s+list\b.*\s--vulnerable\b`: ["--vulnerable"],
	`(?i)\bdependency-?check`: ["dependency"],
	`\bossindex:audit\b`: ["ossindex:audit"],
	`\bnancy\s+sleuth\b`: ["sleuth"],
	`\b(?:jf|jfrog)\s+(?:audit|scan)\b`: ["jf"],
	`(?i)\bimage=\S*(?:aquasec/trivy|anchore/grype|google/osv-scanner|snyk/snyk|owasp/dependency-check|sonatype/nexus-iq-cli)`: ["image="],
	`(?i)^\S*/(?:[^/\s]*-)?(?:trivy|grype|anchore|osv-scanner|sonatype|nexus-iq|dependency-check|ecr-scan-results|blackduck|mend|whitesource|xray)(?:-[^/\s]*)?$`: ["trivy", "grype", "anchore", "osv-scanner", "sonatype", "nexus-iq", "dependency-check", "ecr-scan-results", "blackduck", "mend", "whitesource", "xray"],
}

# label_hints: for each default label pattern, lower-case literals one of which every match contains.
label_hints := {`(?i)\b(?:govulncheck|trivy|grype|osv-scanner|snyk|pip-audit|cargo[- ](?:audit|deny)|(?:npm|yarn|pnpm) audit|bundler?[- ]audit|dependency[- ]?(?:check|scan|audit)|vulnerabilit(?:y|ies) scan)`: ["govulncheck", "trivy", "grype", "osv-scanner", "snyk", "audit", "cargo", "dependency", "vulnerabilit"]}
