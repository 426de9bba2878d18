package agent.token_inline_test

import data.agent.token_inline as rule

test_cfg_inline_fails_without_evidence if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "settings": {"token": "<masked>"}}}
	f.evidence == null
}

test_cfg_reference_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"token": "${TOKEN}"}}}
}

test_stack_inline_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "elastic-stack", "parameters": {"BuildkiteAgentToken": "<masked>"}}}
}

test_k8s_inline_fails if {
	count(rule.deny) == 2 with input as {"agent": {"kind": "k8s-stack", "settings": {}, "values": {"agentToken": "<masked>", "graphqlToken": "<masked>"}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
