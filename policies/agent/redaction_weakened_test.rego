package agent.redaction_weakened_test

import data.agent.redaction_weakened as rule

test_short_list_fails if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "settings": {"redacted-vars": ["*_PASSWORD", "*_TOKEN"]}}}
	contains(f.message, "*_SECRET")
	not contains(f.message, "*_TOKEN,")
}

test_unset_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {}}}
}

test_full_list_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"redacted-vars": ["*_password", "*_SECRET", "*_TOKEN", "*_PRIVATE_KEY", "*_ACCESS_KEY", "*_SECRET_KEY", "*_CONNECTION_STRING", "X"]}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
