package agent.signing_key_on_untrusted_queue_test

import data.agent.signing_key_on_untrusted_queue as rule

test_stack_default_access_fails if {
	some f in rule.deny with input as {"agent": {"kind": "elastic-stack", "queue": "pr", "parameters": {}}}
	contains(f.message, "queue `pr`")
	contains(f.message, "template default")
}

test_stack_verify_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {"PipelineSigningKMSAccess": "verify"}}}
}

test_trusted_flag_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {}}, "context": {"queue_trust": "trusted"}}
}

test_trusted_queue_knob_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "queue": "release", "parameters": {}}}
		with data.config.rules as {"agent/signing_key_on_untrusted_queue": {"trusted_queues": ["^release$"]}}
}

test_settings_signing_key_fails if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "settings": {"signing-jwks-file": "/k"}}}
	f.path == ["agent", "settings", "signing-jwks-file"]
	contains(f.message, "this queue")
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
