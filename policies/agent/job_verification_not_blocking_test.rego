package agent.job_verification_not_blocking_test

import data.agent.job_verification_not_blocking as rule

test_settings_without_key_fail if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "agent-config", "settings": {}}}
}

test_warn_fails_with_version_note if {
	some f in rule.deny with input as {"agent": {"kind": "agent-env", "version": "3.58.1", "settings": {"verification-jwks-file": "k", "verification-failure-behavior": "warn"}}}
	f.path == ["agent", "settings", "verification-failure-behavior"]
	contains(f.message, "agent 3.58.1 cannot enforce")
}

test_block_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "k8s-stack", "settings": {"verification-jwks-file": "key", "verification-failure-behavior": "block"}}}
}

test_stack_defaults_fail if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "elastic-stack", "parameters": {}}}
}

test_stack_warn_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "elastic-stack", "parameters": {"PipelineSigningKMSKeySpec": "ECC_NIST_P256", "PipelineSigningVerificationFailureBehavior": "warn"}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
