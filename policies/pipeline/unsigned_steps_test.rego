package pipeline.unsigned_steps_test

import data.lib.testing
import data.pipeline.unsigned_steps

require := {"pipeline/unsigned_steps": {"require_signed": true}}

signature := {"value": "eyJhbGciOiJFZERTQSIsImtpZCI6ImtleSJ9..c2ln", "algorithm": "EdDSA", "signed_fields": ["command", "env", "matrix", "plugins"]}

doc := testing.pipeline([
	testing.command_step({"label": "test", "commands": ["make test"], "signature": signature}),
	testing.command_step({"key": "build", "commands": ["make build"]}),
	testing.step("wait", {}),
	testing.step("group", {"label": "deploy", "steps": [testing.command_step({"label": "ship", "commands": ["./ship"]})]}),
	testing.step("block", {"label": "approve"}),
])

test_not_applicable_by_default if {
	unsigned_steps.not_applicable with input as doc
	count(unsigned_steps.deny) == 0 with input as doc
}

test_unsigned_command_steps_fail if {
	findings := unsigned_steps.deny with input as doc with data.config.rules as require
	{f.path | some f in findings} == {["steps", 1], ["steps", 3, "steps", 0]}
	some f in findings
	f.rule == "pipeline/unsigned_steps"
	f.path == ["steps", 1]
	f.evidence == "build"
	f.message == "step `build` has no signature"
	not unsigned_steps.not_applicable with input as doc with data.config.rules as require
}

test_all_signed_passes if {
	signed := testing.pipeline([
		testing.command_step({"commands": ["make"], "signature": signature}),
		testing.step("wait", {}),
	])
	count(unsigned_steps.deny) == 0 with input as signed with data.config.rules as require
}

test_empty_signature_fails if {
	findings := unsigned_steps.deny with input as testing.pipeline([testing.command_step({"commands": ["make"], "signature": {}})])
		with data.config.rules as require
	count(findings) == 1
	some f in findings
	f.evidence == "steps.0"
}
