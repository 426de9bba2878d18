package agent.environment_not_allowlisted_test

import data.agent.environment_not_allowlisted as rule

test_unset_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "agent-env", "settings": {}}}
}

test_set_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-env", "settings": {"allowed-environment-variables": ["^A$"]}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
