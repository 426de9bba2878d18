package agent.local_hooks_enabled_test

import data.agent.local_hooks_enabled as rule

test_unset_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "agent-config", "settings": {"no-local-hooks": false}}}
}

test_set_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"no-local-hooks": true}}}
}

test_stack_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "elastic-stack"}}
}
