package agent.repositories_not_allowlisted_test

import data.agent.repositories_not_allowlisted as rule

test_unset_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "agent-config", "settings": {}}}
}

test_unanchored_fails if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "version": "3.50.0", "settings": {"allowed-repositories": ["github.com/my-org"]}}}
	contains(f.message, "cannot enforce `allowed-repositories`")
}

test_anchored_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "version": "3.56.0", "settings": {"allowed-repositories": ["^git@github.com:my-org/.*$"]}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
