# METADATA
# title: Security step soft-fails
# description: |
#   A step that runs a security scan (dependency, SAST, container, IaC or secret scanning)
#   with `soft_fail: true`, or a `soft_fail` list of exit statuses, reports its findings as
#   a passed build: vulnerable dependencies, leaked secrets and flagged images ship anyway.
#   The same holds for a scanner command ending in `|| true` (or `|| :`, `|| exit 0`).
#   Exit statuses listed in `allowed_exit_statuses` (e.g. a scanner's "timed out" code)
#   may soft-fail. A step is a security scan when its label, key or trigger slug, a
#   command, or a plugin matches the patterns.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/configure/step-types/command-step#soft-fail-attributes
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-01-Insufficient-Flow-Control-Mechanisms
# custom:
#   id: pipeline/security_step_soft_fail
#   severity: high
#   area: 2
#   target: pipeline
#   remediation: >-
#     Remove `soft_fail` (and any `|| true`) from security scan steps so findings fail the build;
#     tune what fails with the scanner's own severity threshold or ignore file instead.
#   config:
#     scan_patterns:
#       description: >-
#         Regular expressions; a step runs a security scan when one matches a command line,
#         or a plugin as `<source>`, `<source> <key>` or `<source> <key>=<value>`.
#       default:
#         - '\btrivy\b(?:\s+--?\S+(?:\s+[^-\s]\S*)?)*\s+(?:fs|filesystem|repo|repository|image|sbom|rootfs|config|k8s)\b'
#         - '\b(?:grype|osv-scanner|govulncheck|pip-audit|bundler-audit|nexus-iq-cli)\b'
#         - '\bsnyk\s+(?:(?:container|code|iac)\s+)?test\b'
#         - '\b(?:npm|pnpm|bun|composer)\s+audit\b'
#         - '\byarn\s+(?:npm\s+)?audit\b'
#         - '\bsafety\s+(?:check|scan)\b'
#         - '\bcargo[\s-]+(?:audit|deny)\b'
#         - '\bbundle(?:\s+exec\s+bundle)?[\s-]+audit\b'
#         - '(?i)\bdependency-?check'
#         - '\b(?:semgrep|gosec|bandit|brakeman|njsscan|checkov|tfsec|kics|terrascan|horusec|flawfinder)\b'
#         - '(?i)\b(?:codeql|sonar-scanner|spotbugs|findsecbugs|checkmarx|veracode|fortify|coverity)\b'
#         - '\bdocker\s+scout\s+(?:cves|quickview|recommendations)\b'
#         - '\b(?:gitleaks|trufflehog|detect-secrets|ggshield|talisman)\b'
#         - '\bgit[\s-]secrets\s+--scan\b'
#         - '(?i)\bimage=\S*(?:aquasec/trivy|anchore/grype|google/osv-scanner|snyk/snyk|owasp/dependency-check|returntocorp/semgrep|semgrep/semgrep|zricethezav/gitleaks|gitleaks/gitleaks|trufflesecurity/trufflehog)'
#         - '(?i)^\S*/(?:[^/\s]*-)?(?:snyk|trivy|grype|anchore|osv-scanner|sonatype|nexus-iq|dependency-check|ecr-scan-results|semgrep|sonarqube|sonarcloud|codeql|gitleaks|trufflehog|detect-secrets|checkov|wiz|ossf-scorecard|security)(?:-[^/\s]*)?$'
#     scan_label_patterns:
#       description: Regular expressions on a step's label or key (and a trigger step's pipeline slug) that mark it as a security scan.
#       default:
#         - '(?i)\b(?:security|vulnerabilit(?:y|ies)|cves?|sast|dast|sca|secrets?[- ]scan(?:ning)?|dependency[- ](?:scan|check|audit)|license[- ]scan)\b'
#         - '(?i)\b(?:trivy|grype|osv-scanner|snyk|govulncheck|semgrep|codeql|sonar(?:qube|cloud)?|gosec|bandit|brakeman|checkov|tfsec|gitleaks|trufflehog)\b'
#     allowed_exit_statuses:
#       default: []
#       description: Exit statuses a security step may soft-fail on, e.g. `[75]` for a scanner's timeout code. `"*"` entries are never allowed this way.
package pipeline.security_step_soft_fail

import data.lib.findings
import data.lib.hints
import data.lib.pipeline
import data.lib.scans

knobs := findings.knobs(rego.metadata.chain())

not_applicable if count(security_steps) == 0

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("security scan step `%s` has `soft_fail: true`, so its findings never fail the build; remove `soft_fail`", [name(entry)]),
	array.concat(entry.path, ["soft_fail"]),
	"true",
) if {
	some entry in security_steps
	entry.step.soft_fail == true
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"security scan step `%s` soft-fails on exit status %s, so those findings never fail the build; remove those exit statuses from `soft_fail`",
		[name(entry), concat(", ", statuses)],
	),
	array.concat(entry.path, ["soft_fail"]),
	concat(", ", statuses),
) if {
	some entry in security_steps
	is_array(entry.step.soft_fail)
	statuses := [status |
		some rule in entry.step.soft_fail
		status := exit_status(rule)
		not status in allowed_statuses
	]
	count(statuses) > 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("security scan's failure is ignored with `%s`: `%s`", [trim_space(m[1]), t.evidence]),
	t.path,
	t.evidence,
) if {
	some t in scans.folded_texts
	t.path[count(t.path) - 2] == "commands"
	contains(t.text, "||")
	hints.matches_folded(t.text, t.folded, scan_matcher)
	some m in regex.find_all_string_submatch_n(`(\|\|\s*(?:true|:|exit\s+0))\s*(?:$|[;&)#])`, t.text, -1)
}

# security_steps: command and trigger steps that run a security scan, as {path, step}.
# An array: entries hold whole steps, which a set would hash (slow in Wasm).
security_steps := [entry |
	some entry in pipeline.steps
	entry.step.type in {"command", "trigger"}
	security_step(entry)
]

security_step(entry) if {
	some text in [entry.step.label, entry.step.key, entry.step.trigger]
	hints.matches(pipeline.text_or_empty(text), label_matcher)
}

security_step(entry) if entry.path in scan_steps

# scan_steps: the paths of the steps a text matching a scan pattern belongs to (the part of its
# path before `commands` or `plugins`), built once instead of comparing every path with every step.
scan_steps := {step_path(path) | some path in scan_paths}

step_path(path) := array.slice(path, 0, 2) if path[2] in {"commands", "plugins"}

step_path(path) := array.slice(path, 0, 4) if path[4] in {"commands", "plugins"}

# scan_matcher and label_matcher: the pattern knobs with their literal prefilters (lib.hints.matcher), built once.
scan_matcher := hints.matcher(knobs.scan_patterns, scan_hints)

label_matcher := hints.matcher(knobs.scan_label_patterns, label_hints)

# scan_paths: the paths of the texts that match a scan pattern, each text matched once.
scan_paths := [t.path |
	some t in scans.folded_texts
	hints.matches_folded(t.text, t.folded, scan_matcher)
]

# exit_status is a soft_fail rule's `exit_status` as text ("*" for any).
exit_status(rule) := rule.exit_status if is_string(rule.exit_status)

exit_status(rule) := format_int(rule.exit_status, 10) if is_number(rule.exit_status)

exit_status(rule) := "*" if not rule.exit_status

allowed_statuses := {status |
	some value in knobs.allowed_exit_statuses
	status := as_text(value)
	status != "*"
}

as_text(value) := value if is_string(value)

as_text(value) := format_int(value, 10) if is_number(value)

# name: the step's label or key, a trigger step's pipeline slug, else its path.
name(entry) := entry.step.label if {
	pipeline.text_or_empty(entry.step.label) != ""
} else := entry.step.key if {
	pipeline.text_or_empty(entry.step.key) != ""
} else := entry.step.trigger if {
	is_string(entry.step.trigger)
} else := concat(".", [segment(s) | some s in entry.path])

segment(s) := s if is_string(s)

segment(s) := format_int(s, 10) if is_number(s)

# scan_hints: for each default scan pattern, lower-case literals one of which every match contains.
scan_hints := {
	`\btrivy\b(?:\s+--?\S+(?:\s+[^-\s]\S*)?)*\s+(?:fs|filesystem|repo|repository|image|sbom|rootfs|config|k8s)\b`: ["trivy"],
	`\b(?:grype|osv-scanner|govulncheck|pip-audit|bundler-audit|nexus-iq-cli)\b`: ["grype", "osv-scanner", "govulncheck", "pip-audit", "bundler-audit", "nexus-iq-cli"],
	`\bsnyk\s+(?:(?:container|code|iac)\s+)?test\b`: ["snyk"],
	`\b(?:npm|pnpm|bun|composer)\s+audit\b`: ["audit"],
	`\byarn\s+(?:npm\s+)?audit\b`: ["audit"],
	`\bsafety\s+(?:check|scan)\b`: ["safety"],
	`\bcargo[\s-]+(?:audit|deny)\b`: ["cargo"],
	`\bbundle(?:\s+exec\s+bundle)?[\s-]+audit\b`: ["audit"],
	`(?i)\bdependency-?check`: ["dependency"],
	`\b(?:semgrep|gosec|bandit|brakeman|njsscan|checkov|tfsec|kics|terrascan|horusec|flawfinder)\b`: ["semgrep", "gosec", "bandit", "brakeman", "njsscan", "checkov", "tfsec", "kics", "terrascan", "horusec", "flawfinder"],
	`(?i)\b(?:codeql|sonar-scanner|spotbugs|findsecbugs|checkmarx|veracode|fortify|coverity)\b`: ["codeql", "sonar-scanner", "spotbugs", "findsecbugs", "checkmarx", "veracode", "fortify", "coverity"],
	`\bdocker\s+scout\s+(?:cves|quickview|recommendations)\b`: ["scout"],
	`\b(?:gitleaks|trufflehog|detect-secrets|ggshield|talisman)\b`: ["gitleaks", "trufflehog", "detect-secrets", "ggshield", "talisman"],
	`\bgit[\s-]secrets\s+--scan\b`: ["secrets"],
	`(?i)\bimage=\S*(?:aquasec/trivy|anchore/grype|google/osv-scanner|snyk/snyk|owasp/dependency-check|returntocorp/semgrep|semgrep/semgrep|zricethezav/gitleaks|gitleaks/gitleaks|trufflesecurity/trufflehog)`: ["image="],
	`(?i)^\S*/(?:[^/\s]*-)?(?:snyk|trivy|grype|anchore|osv-scanner|sonatype|nexus-iq|dependency-check|ecr-scan-results|semgrep|sonarqube|sonarcloud|codeql|gitleaks|trufflehog|detect-secrets|checkov|wiz|ossf-scorecard|security)(?:-[^/\s]*)?$`: ["snyk", "trivy", "grype", "anchore", "osv-scanner", "sonatype", "nexus-iq", "dependency-check", "ecr-scan-results", "semgrep", "sonarqube", "sonarcloud", "codeql", "gitleaks", "trufflehog", "detect-secrets", "checkov", "wiz", "ossf-scorecard", "security"],
}

# label_hints: for each default label pattern, lower-case literals one of which every match contains.
label_hints := {
	`(?i)\b(?:security|vulnerabilit(?:y|ies)|cves?|sast|dast|sca|secrets?[- ]scan(?:ning)?|dependency[- ](?:scan|check|audit)|license[- ]scan)\b`: ["security", "vulnerabilit", "cve", "sast", "dast", "sca", "secret", "dependency", "license"],
	`(?i)\b(?:trivy|grype|osv-scanner|snyk|govulncheck|semgrep|codeql|sonar(?:qube|cloud)?|gosec|bandit|brakeman|checkov|tfsec|gitleaks|trufflehog)\b`: ["trivy", "grype", "osv-scanner", "snyk", "govulncheck", "semgrep", "codeql", "sonar", "gosec", "bandit", "brakeman", "checkov", "tfsec", "gitleaks", "trufflehog"],
}
