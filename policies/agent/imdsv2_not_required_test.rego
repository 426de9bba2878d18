package agent.imdsv2_not_required_test

import data.agent.imdsv2_not_required as rule

test_default_fails if {
	some f in rule.deny with input as {"agent": {"kind": "elastic-stack", "parameters": {}}}
	contains(f.message, "template default")
}

test_hardened_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {"IMDSv2Tokens": "required"}}}
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}
