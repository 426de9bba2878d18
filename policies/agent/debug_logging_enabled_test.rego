package agent.debug_logging_enabled_test

import data.agent.debug_logging_enabled as rule

test_both_fail if {
	count(rule.deny) == 2 with input as {"agent": {"kind": "agent-config", "settings": {"debug-http": true, "debug-signing": true}}}
}

test_off_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"debug-http": false}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
