package pipeline.security_step_soft_fail_test

import data.lib.testing
import data.pipeline.security_step_soft_fail as rule

findings_for(steps) := {[f.path, f.evidence] | some f in findings} if {
	findings := rule.deny with input as testing.pipeline(steps)
}

test_soft_fail_true_on_scanner_fails if {
	step := testing.command_step({"label": "deps", "commands": ["npm audit --audit-level=high"], "soft_fail": true})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"commands": ["make"]}), step])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/security_step_soft_fail"
	f.path == ["steps", 1, "soft_fail"]
	f.evidence == "true"
	contains(f.message, "`deps` has `soft_fail: true`")
}

test_scanner_without_soft_fail_passes if {
	step := testing.command_step({"label": "deps", "commands": ["npm audit --audit-level=high"]})
	count(rule.deny) == 0 with input as testing.pipeline([step])
	not rule.not_applicable with input as testing.pipeline([step])
}

test_soft_fail_on_non_security_step_passes if {
	# buildkite/docs: link checks and generated-docs checks soft-fail; they are not scans.
	steps := [
		testing.command_step({"label": ":spider: Check for Buildkite Docs link issues", "soft_fail": [{"exit_status": 1}]}),
		testing.command_step({"label": ":go: Check generated agent CLI docs", "commands": ["./scripts/update-agent-help.sh"], "soft_fail": true}),
	]
	count(rule.deny) == 0 with input as testing.pipeline(steps)
	rule.not_applicable with input as testing.pipeline(steps)
}

test_soft_fail_exit_status_list_fails if {
	# buildkite/docs: `:ecr: ECR Vulnerabilities Scan` soft-fails on 75 (scan timeout).
	plugin := testing.plugin("ecr-scan-results", "v1.9.1", {"image-name": "app:1"})
	plugin2 := object.union(plugin, {"source": "github.com/cultureamp/ecr-scan-results-buildkite-plugin"})
	step := testing.command_step({"label": ":ecr: ECR Vulnerabilities Scan", "commands": ["true"], "plugins": [plugin2], "soft_fail": [{"exit_status": 75}]})
	findings := rule.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "soft_fail"], "75"]}
	some f in findings
	contains(f.message, "soft-fails on exit status 75")
}

test_allowed_exit_statuses_knob if {
	step := testing.command_step({"label": "Trivy", "soft_fail": [{"exit_status": 75}, {"exit_status": "1"}]})
	findings := rule.deny with input as testing.pipeline([step])
		with data.config.rules as {"pipeline/security_step_soft_fail": {"allowed_exit_statuses": [75]}}
	{f.evidence | some f in findings} == {"1"}
	count(rule.deny) == 0 with input as testing.pipeline([step])
		with data.config.rules as {"pipeline/security_step_soft_fail": {"allowed_exit_statuses": ["75", 1]}}
}

test_wildcard_exit_status_never_allowed if {
	step := testing.command_step({"label": "Security Scan", "soft_fail": [{"exit_status": "*"}]})
	findings_for([step]) == {[["steps", 0, "soft_fail"], "*"]} with data.config.rules as {"pipeline/security_step_soft_fail": {"allowed_exit_statuses": ["*"]}}
}

test_soft_fail_false_passes if {
	step := testing.command_step({"label": "Security Scan", "soft_fail": false})
	count(rule.deny) == 0 with input as testing.pipeline([step])
}

test_detection_by_command_plugin_and_key if {
	steps := [
		testing.command_step({"commands": ["semgrep ci"], "soft_fail": true}),
		testing.command_step({"plugins": [testing.plugin("snyk", "v0.2.0", {"scan": "code"})], "soft_fail": true}),
		testing.command_step({"key": "secret-scan", "commands": ["./scripts/scan.sh"], "soft_fail": true}),
		testing.command_step({"commands": ["gitleaks detect --source ."], "soft_fail": [{"exit_status": 1}]}),
	]
	findings_for(steps) == {
		[["steps", 0, "soft_fail"], "true"],
		[["steps", 1, "soft_fail"], "true"],
		[["steps", 2, "soft_fail"], "true"],
		[["steps", 3, "soft_fail"], "1"],
	}
}

test_security_trigger_soft_fail_fails if {
	trigger := testing.step("trigger", {"trigger": "app-security-scan", "soft_fail": true})
	findings := rule.deny with input as testing.pipeline([trigger])
	{[f.path, f.message] | some f in findings} == {[
		["steps", 0, "soft_fail"],
		"security scan step `app-security-scan` has `soft_fail: true`, so its findings never fail the build; remove `soft_fail`",
	]}
}

test_group_member_path if {
	group := testing.step("group", {"label": "Scans", "steps": [testing.command_step({"commands": ["trivy image app:1"], "soft_fail": true})]})
	findings_for([group]) == {[["steps", 0, "steps", 0, "soft_fail"], "true"]}
}

test_or_true_on_scanner_line_fails if {
	step := testing.command_step({"commands": ["npm ci", "trivy fs --exit-code 1 . || true", "set -e\npip-audit -r requirements.txt || exit 0\n"]})
	findings := rule.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "commands", 1], "trivy fs --exit-code 1 . || true"],
		[["steps", 0, "commands", 2], "pip-audit -r requirements.txt || exit 0"],
	}
	some f in findings
	contains(f.message, "ignored with `|| true`")
}

test_or_true_on_other_line_passes if {
	step := testing.command_step({"commands": ["docker rm -f scanner || true", "grype dir:. --fail-on high || (echo 'vulnerabilities found'; exit 1)"]})
	count(rule.deny) == 0 with input as testing.pipeline([step])
}

test_scan_patterns_knob if {
	step := testing.command_step({"commands": ["mycorp-scan ."], "soft_fail": true})
	count(rule.deny) == 0 with input as testing.pipeline([step])
	count(rule.deny) == 1 with input as testing.pipeline([step])
		with data.config.rules as {"pipeline/security_step_soft_fail": {"scan_patterns": [`\bmycorp-scan\b`]}}
}

test_scorecard_security_scan_without_soft_fail_passes if {
	# buildkite-plugins/*: "Security Scan" with ossf-scorecard and `$$GITHUB_TOKEN`, no soft_fail.
	plugin := testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN"})
	step := testing.command_step({"label": "Security Scan", "key": "security_scan", "plugins": [plugin]})
	count(rule.deny) == 0 with input as testing.pipeline([step])
}

test_soft_fail_rule_without_exit_status if {
	step := testing.command_step({"label": "Security Scan", "soft_fail": [{}]})
	findings_for([step]) == {[["steps", 0, "soft_fail"], "*"]}
}

test_empty_pattern_lists_find_nothing if {
	step := testing.command_step({"label": "Security Scan", "commands": ["trivy fs ."], "soft_fail": true})
	config := {"pipeline/security_step_soft_fail": {"scan_patterns": [], "scan_label_patterns": []}}
	count(rule.deny) == 0 with input as testing.pipeline([step]) with data.config.rules as config
}

test_every_default_pattern_has_hints if {
	rule.scan_matcher.split != null with data.config as {}
	rule.label_matcher.split != null with data.config as {}
}

test_overridden_patterns_turn_the_prefilter_off if {
	cfg := {"rules": {"pipeline/security_step_soft_fail": {"scan_patterns": ["\\bmake\\b"]}}}
	rule.scan_matcher.split == null with data.config as cfg
	count(rule.scan_paths) == 1 with data.config as cfg
		with input as {"pipeline": {"steps": [{"type": "command", "commands": ["make"], "plugins": []}]}}
}
