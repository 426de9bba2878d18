package pipeline.security_gate_bypassed_test

import data.lib.testing
import data.pipeline.security_gate_bypassed as rule

scan(fields) := testing.command_step(object.union({"label": ":snyk: dependency scan", "commands": ["snyk test --severity-threshold=high"]}, fields))

deploy(fields) := testing.command_step(object.union({"label": ":rocket: Deploy", "commands": ["helm upgrade --install app ./chart"]}, fields))

paths(steps) := {f.path | some f in rule.deny with input as testing.pipeline(steps)}

test_skipped_scan_fails if {
	findings := rule.deny with input as testing.pipeline([scan({"extra": {"skip": "flaky, see JIRA-123"}})])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/security_gate_bypassed"
	f.path == ["steps", 0, "extra", "skip"]
	contains(f.message, "`skip: flaky, see JIRA-123`")
}

test_if_changed_scan_fails if {
	paths([scan({"extra": {"if_changed": "package-lock.json"}})]) == {["steps", 0, "extra", "if_changed"]}
}

test_if_changed_knob_off if {
	count(rule.deny) == 0 with input as testing.pipeline([scan({"extra": {"if_changed": "package-lock.json"}})])
		with data.config.rules as {"pipeline/security_gate_bypassed": {"report_if_changed": false}}
}

test_skip_on_other_steps_or_false_passes if {
	count(paths([
		testing.command_step({"label": "macOS x86", "commands": ["make"], "extra": {"skip": "macOS no longer supports x86 binaries"}}),
		scan({"extra": {"skip": false}}),
		scan({"extra": {"skip": "false"}}),
		scan({"extra": {"skip": "$SKIP_SCANS"}}),
	])) == 0
}

test_deploy_allowing_dependency_failure_fails if {
	paths([
		testing.command_step({"key": "test", "commands": ["make test"]}),
		deploy({"depends_on": ["test"], "extra": {"allow_dependency_failure": true}}),
	]) == {["steps", 1, "extra", "allow_dependency_failure"]}
}

test_reporting_and_cleanup_steps_pass if {
	count(paths([
		testing.command_step({"key": "test", "commands": ["make test"]}),
		testing.command_step({"label": ":junit: annotate", "depends_on": "test", "extra": {"allow_dependency_failure": true}, "plugins": [testing.plugin("junit-annotate", "v2.4.1", {"artifacts": "*.xml"})]}),
		testing.command_step({"label": "cleanup_aws", "commands": ["./taskw cleanup:aws:ci"], "soft_fail": true, "extra": {"allow_dependency_failure": true}}),
		deploy({"label": "Deploy cleanup", "soft_fail": true, "extra": {"allow_dependency_failure": true}}),
	])) == 0
}

test_allow_failure_on_build_dependency_fails if {
	paths([
		testing.command_step({"key": "scan", "commands": ["trivy fs ."]}),
		testing.step("input", {"key": "targets-input"}),
		deploy({"depends_on": [{"step": "scan", "allow_failure": true}, {"step": "targets-input", "allow_failure": true}]}),
	]) == {["steps", 2, "depends_on", 0, "allow_failure"]}
}

test_allow_failure_on_optional_input_passes if {
	count(paths([
		testing.step("input", {"key": "force-targets-input"}),
		testing.command_step({"label": ":package: Delivery Task", "commands": ["npm publish"], "depends_on": ["pre-build", {"step": "force-targets-input", "allow_failure": true}]}),
	])) == 0
}

test_continue_on_failure_before_deploy_fails if {
	paths([
		testing.command_step({"commands": ["make test"]}),
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.command_step({"label": "push image", "commands": ["docker push acme/app:1"]}),
	]) == {["steps", 1, "extra", "continue_on_failure"]}
}

test_continue_on_failure_before_group_member if {
	paths([
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.step("group", {"steps": [testing.command_step({"commands": ["make"]}), deploy({})]}),
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.step("group", {"steps": [testing.step("wait", {}), deploy({})]}),
	]) == {["steps", 0, "extra", "continue_on_failure"]}
}

test_continue_on_failure_before_annotation_passes if {
	count(paths([
		testing.command_step({"commands": ["mvn test"]}),
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.command_step({"label": ":junit: annotate test results", "plugins": [testing.plugin("junit-annotate", "v2.4.1", {})]}),
		testing.step("wait", {}),
		deploy({}),
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.step("block", {"label": "Release?"}),
		deploy({}),
	])) == 0
}

test_continue_on_failure_before_deploy_trigger_fails if {
	paths([
		testing.command_step({"commands": ["make test"]}),
		testing.step("wait", {"extra": {"continue_on_failure": true}}),
		testing.step("trigger", {"trigger": "app-deploy-production"}),
	]) == {["steps", 1, "extra", "continue_on_failure"]}
}
