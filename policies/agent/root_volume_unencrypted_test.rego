package agent.root_volume_unencrypted_test

import data.agent.root_volume_unencrypted as rule

test_default_fails if {
	some f in rule.deny with input as {"agent": {"kind": "elastic-stack", "parameters": {}}}
	contains(f.message, "template default")
}

test_hardened_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {"RootVolumeEncrypted": "true"}}}
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}
