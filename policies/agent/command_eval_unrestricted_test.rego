package agent.command_eval_unrestricted_test

import data.agent.command_eval_unrestricted as rule

test_nothing_set_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "agent-config", "settings": {}}}
}

test_unanchored_plugin_fails if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "settings": {"allowed-plugins": ["my-org/", "^ok$"]}}}
	f.evidence == "my-org/"
}

test_anchored_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"allowed-plugins": ["^github.com/my-org/.*$"]}}}
}

test_no_command_eval_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-env", "settings": {"no-command-eval": true}}}
}

test_stack_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "elastic-stack"}}
}
