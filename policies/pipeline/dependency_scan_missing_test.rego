package pipeline.dependency_scan_missing_test

import data.lib.hints
import data.lib.testing
import data.pipeline.dependency_scan_missing as rule

build := testing.command_step({"label": ":go: test", "commands": ["go test ./..."]})

with_command(command) := testing.pipeline([build, testing.command_step({"commands": [command]})])

passes(command) if {
	count(rule.deny) == 0 with input as with_command(command)
}

test_no_scanner_fails if {
	findings := rule.deny with input as testing.pipeline([build])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/dependency_scan_missing"
	f.path == ["steps"]
	f.evidence == "steps"
	contains(f.message, "scans dependencies for known vulnerabilities; add a step that does")
	not rule.not_applicable with input as testing.pipeline([build])
}

test_scanner_commands_pass if {
	passes("trivy fs --exit-code 1 --severity HIGH,CRITICAL .")
	passes("trivy --quiet --cache-dir /tmp/trivy image app:latest")
	passes("grype dir:. --fail-on high")
	passes("osv-scanner scan -r .")
	passes("snyk test --severity-threshold=high")
	passes("snyk container test app:latest")
	passes("java -jar nexus-iq-cli.jar -s https://iq.example.com -a app target/app.jar")
	passes("npm audit --audit-level=high")
	passes("yarn npm audit --all")
	passes("pnpm audit --prod")
	passes("pip-audit -r requirements.txt")
	passes("safety check -r requirements.txt")
	passes("cargo audit")
	passes("cargo deny check advisories")
	passes("go run golang.org/x/vuln/cmd/govulncheck@latest ./...")
	passes("bundle exec bundle-audit check --update")
	passes("bundle audit")
	passes("./gradlew dependencyCheckAnalyze")
	passes("dependency-check.sh --project app --scan .")
	passes("dotnet list package --vulnerable --include-transitive")
}

test_non_scanner_commands_fail if {
	# Near misses: `trivy` with no scan subcommand, `snyk monitor`, OSSF Scorecard.
	count(rule.deny) == 1 with input as with_command("trivy --version")
	count(rule.deny) == 1 with input as with_command("npm ci && npm run audit:licenses")
	count(rule.deny) == 1 with input as with_command("snyk auth $$SNYK_TOKEN")
}

test_scanner_in_multiline_command_passes if {
	passes("set -euo pipefail\nnpm ci\nnpm audit --omit=dev\n")
}

test_scanner_plugin_passes if {
	for_plugin := testing.pipeline([build, testing.command_step({"plugins": [testing.plugin("trivy", "v1.4.0", {"severity": "HIGH"})]})])
	count(rule.deny) == 0 with input as for_plugin
}

test_snyk_plugin_oss_passes_code_fails if {
	oss := testing.pipeline([build, testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"scan": "oss"})]})])
	count(rule.deny) == 0 with input as oss
	code := testing.pipeline([build, testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"scan": "code"})]})])
	count(rule.deny) == 1 with input as code
}

test_scanner_image_in_docker_plugin_passes if {
	plugin := testing.plugin("docker", "v5.12.0", {"image": "aquasec/trivy:0.58.0", "command": ["fs", "."]})
	count(rule.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
}

test_ossf_scorecard_plugin_is_not_a_dependency_scan if {
	# buildkite-plugins/*: the "Security Scan" step runs OSSF Scorecard, not a dependency scanner.
	plugin := testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN"})
	step := testing.command_step({"label": "Security Scan", "key": "security_scan", "plugins": [plugin]})
	count(rule.deny) == 1 with input as testing.pipeline([build, step])
}

test_scanner_label_passes if {
	# buildkite/cli: `:lock: govulncheck` runs `mise run vulncheck`.
	step := testing.command_step({"label": ":lock: govulncheck", "key": "vulncheck", "commands": ["mise run vulncheck"]})
	count(rule.deny) == 0 with input as testing.pipeline([build, step])
}

test_scanner_in_group_passes if {
	group := testing.step("group", {"steps": [testing.command_step({"commands": ["osv-scanner -r ."]})]})
	count(rule.deny) == 0 with input as testing.pipeline([build, group])
}

test_loader_only_not_applicable if {
	loader := testing.pipeline([testing.command_step({"commands": ["buildkite-agent pipeline upload .buildkite/pipeline.main.yml"]})])
	rule.not_applicable with input as loader
	count(rule.deny) == 0 with input as loader
}

test_trigger_only_not_applicable if {
	only_trigger := testing.pipeline([testing.step("trigger", {"trigger": "app-build"})])
	rule.not_applicable with input as only_trigger
	count(rule.deny) == 0 with input as only_trigger
}

test_scanner_patterns_knob if {
	inp := with_command("mycorp-scan deps .")
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp
		with data.config.rules as {"pipeline/dependency_scan_missing": {"scanner_patterns": [`\bmycorp-scan\s+deps\b`]}}
}

test_scanner_labels_knob if {
	step := testing.command_step({"label": "deps check", "commands": ["make deps-check"]})
	count(rule.deny) == 1 with input as testing.pipeline([build, step])
	count(rule.deny) == 0 with input as testing.pipeline([build, step])
		with data.config.rules as {"pipeline/dependency_scan_missing": {"scanner_labels": ["(?i)deps check"]}}
}

test_empty_scanner_lists_report if {
	step := testing.command_step({"label": ":lock: govulncheck", "commands": ["govulncheck ./..."]})
	config := {"pipeline/dependency_scan_missing": {"scanner_patterns": [], "scanner_labels": []}}
	count(rule.deny) == 1 with input as testing.pipeline([step]) with data.config.rules as config
}

test_every_default_pattern_has_hints if {
	hints.needles(rule.knobs.scanner_patterns, rule.scanner_hints) != null
	hints.needles(rule.knobs.scanner_labels, rule.label_hints) != null
}
