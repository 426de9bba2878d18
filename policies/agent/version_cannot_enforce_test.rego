package agent.version_cannot_enforce_test

import data.agent.version_cannot_enforce as rule

test_old_agent_fails if {
	count(rule.deny) == 2 with input as {"agent": {"kind": "agent-config", "version": "3.57.2", "settings": {"allowed-plugins": ["^a$"], "allowed-environment-variables": ["^B$"], "allowed-repositories": ["^c$"]}}}
}

test_new_agent_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "version": "v3.130.0", "settings": {"git-commit-verification": "strict"}}}
}

test_unknown_version_is_unknown if {
	count(rule.unknown) == 1 with input as {"agent": {"kind": "agent-config", "settings": {"allowed-plugins": ["^a$"]}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
